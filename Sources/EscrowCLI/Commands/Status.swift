import ArgumentParser
import EscrowCore
import EscrowStore
import Foundation

/// `escrow status`: where the escrow stands and what it waits for.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Funds, conditions, counterparts, deadlines and holds.")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await reporting {
            let (state, checkpoint) = try await options.withSession { session in
                let state = try await session.state(verb: "status")
                return (state, try await session.checkpoint(verb: "status", signer: try options.checkpointSigner()))
            }
            let view = StatusView(state, viewer: .commandLine, now: try options.instant())
            // The desk's dealings with the bank: exceptions, alarms and the last reconciliation.
            let bankLines = !state.bank.orders.isEmpty || !state.bank.statements.isEmpty ? BankStatusView(state).lines : []
            if options.json {
                print(Output.json(WithCheckpoint(value: view, checkpoint: checkpoint)))
            } else {
                print(([view.text] + bankLines + [checkpoint.line]).joined(separator: "\n"))
            }
        }
    }
}

/// The command line is the agent desk's own tool: it sees the escrow whole.
extension Viewer {
    static let commandLine = Viewer.agent(userID: "command line")
}

extension StatusView {
    /// The status as the command line prints it.
    var text: String {
        func money(_ minorUnits: Int64) -> String { Money(minorUnits: minorUnits, Currency(code: currency) ?? .usd).description }
        func names(_ ids: [String]) -> String { ids.map(name).joined(separator: ", ") }
        func cite(_ rule: String) -> String { clauses[rule] ?? rule }
        var lines: [String] = []
        lines.append("Escrow \(escrow): \(title) dated \(dated)")
        lines.append("Phase: \(phase); escrow agent: \(agent)")
        if let nextStep { lines.append("Next: \(nextStep)") }
        if let funds {
            lines.append(
                "Funds: deposited \(money(funds.depositedMinorUnits)); held \(money(funds.heldMinorUnits)); "
                    + "paid out \(money(funds.paidOutMinorUnits)); refunded \(money(funds.refundedMinorUnits)); "
                    + "with court \(money(funds.depositedWithCourtMinorUnits))")
        }
        lines.append("Subscriptions (\(cite("escrowAccount"))):")
        for line in subscriptions {
            lines.append("  \(line.name): subscribed \(money(line.subscribedMinorUnits)), deposited \(money(line.depositedMinorUnits))")
        }
        for deposit in deposits where !deposit.flags.isEmpty {
            lines.append("  flagged: \(deposit.depositID) \(money(deposit.amountMinorUnits)) from \(deposit.senderName): \(deposit.flags.joined(separator: ", "))")
        }
        lines.append("Conditions (\(cite("advice")))\(advisedMinorUnits != nil ? ", advised" : ""):")
        for condition in conditions {
            let awaiting = condition.met ? "" : " awaiting \(names(condition.awaiting))"
            lines.append("  [\(condition.met ? "met" : "pending")] \(condition.title) (\(condition.clause))\(awaiting)")
        }
        lines.append(
            "\(releaseNotice.title) (\(releaseNotice.clause)): signed by \(releaseNotice.signed.isEmpty ? "nobody yet" : names(releaseNotice.signed))"
                + (releaseNotice.awaiting.isEmpty ? "" : "; awaiting \(names(releaseNotice.awaiting))"))
        lines.append("Deadlines:")
        for deadline in deadlines {
            let left = deadline.businessDaysLeft.map { ", \($0) business days left" } ?? ""
            lines.append("  \(deadline.id): \(deadline.deadline): \(deadline.status)\(left)")
        }
        if !refundsOwed.isEmpty {
            lines.append("Refunds owed (\(cite("refund"))), each paid when its signed written wire instructions are in:")
            for owed in refundsOwed { lines.append("  \(name(owed.payee)): \(money(owed.amountMinorUnits))") }
        }
        if !holds.isEmpty {
            lines.append("Holds (\(cite("dispute"))):")
            for hold in holds { lines.append("  \(hold.id): \(hold.amountMinorUnits.map(money) ?? "all funds"): \(hold.reason)") }
        }
        let d = depositInstructions
        lines.append("Deposit instructions (\(cite("depositInstructions"))): \(d.bank), ABA \(d.routingNumber), \(d.accountName), account \(d.accountNumber), reference \"\(d.reference)\"")
        return lines.joined(separator: "\n")
    }
}

/// `escrow notices`: the notices record (2.2).
struct Notices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The notices record (the notices clause: 2.2 in the reference deal): every notice given, to whom, when, under which clause; with a notices: section in the agreement, each recipient's address, method and deemed receipt.")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await reporting {
            let (state, checkpoint) = try await options.withSession { session in
                let state = try await session.state(verb: "notices")
                return (state, try await session.checkpoint(verb: "notices", signer: try options.checkpointSigner()))
            }
            let entries = state.noticesRecord
            if options.json {
                print(Output.json(entries))
                return
            }
            for entry in entries {
                let at = Instants.format(entry.at, timeZoneIdentifier: state.terms.calendar.timeZoneIdentifier)
                print("\(at) [\(entry.clause)] to \(entry.recipients.joined(separator: ", ")): \(entry.subject)")
                for delivery in entry.deliveries ?? [] {
                    let received = Instants.format(delivery.deemedReceivedAt, timeZoneIdentifier: state.terms.calendar.timeZoneIdentifier)
                    print("    \(delivery.name): \(delivery.method.rawValue) to \(delivery.address); sent \(at), deemed received \(received)")
                }
            }
            print(checkpoint.line)
        }
    }
}
