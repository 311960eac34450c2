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
            if options.json { print(Output.json(WithCheckpoint(value: view, checkpoint: checkpoint))) } else { print(view.text + "\n" + checkpoint.line) }
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
        lines.append("Subscriptions (1.1):")
        for line in subscriptions {
            lines.append("  \(line.name): subscribed \(money(line.subscribedMinorUnits)), deposited \(money(line.depositedMinorUnits))")
        }
        for deposit in deposits where !deposit.flags.isEmpty {
            lines.append("  flagged: \(deposit.depositID) \(money(deposit.amountMinorUnits)) from \(deposit.senderName): \(deposit.flags.joined(separator: ", "))")
        }
        lines.append("Conditions (1.2)\(advisedMinorUnits != nil ? ", advised" : ""):")
        for condition in conditions {
            let awaiting = condition.met ? "" : " awaiting \(names(condition.awaiting))"
            lines.append("  [\(condition.met ? "met" : "pending")] \(condition.title) (\(condition.clause))\(awaiting)")
        }
        lines.append(
            "Release Notice (1.4, Exhibit A): signed by \(releaseNotice.signed.isEmpty ? "nobody yet" : names(releaseNotice.signed))"
                + (releaseNotice.awaiting.isEmpty ? "" : "; awaiting \(names(releaseNotice.awaiting))"))
        lines.append("Deadlines:")
        for deadline in deadlines {
            let left = deadline.businessDaysLeft.map { ", \($0) business days left" } ?? ""
            lines.append("  \(deadline.id): \(deadline.deadline): \(deadline.status)\(left)")
        }
        if !holds.isEmpty {
            lines.append("Holds (2.14):")
            for hold in holds { lines.append("  \(hold.id): \(hold.amountMinorUnits.map(money) ?? "all funds"): \(hold.reason)") }
        }
        let d = depositInstructions
        lines.append("Deposit instructions (1.3): \(d.bank), ABA \(d.routingNumber), \(d.accountName), account \(d.accountNumber), reference \"\(d.reference)\"")
        return lines.joined(separator: "\n")
    }
}

/// `escrow notices`: the notices record (2.2).
struct Notices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The notices record (2.2): every notice given, to whom, when, under which clause.")
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
            }
            print(checkpoint.line)
        }
    }
}
