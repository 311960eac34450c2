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
            let state = try await options.withSession { session in try await session.state(verb: "status") }
            let view = StatusView(state, now: try options.instant())
            if options.json { print(Output.json(view)) } else { print(view.text) }
        }
    }
}

/// The status of an escrow as plain data, for text and JSON alike.
struct StatusView: Encodable {
    struct SubscriptionLine: Encodable { var purchaser: String; var name: String; var subscribedMinorUnits: Int64; var depositedMinorUnits: Int64 }
    struct ConditionLine: Encodable { var id: String; var title: String; var clause: String; var met: Bool; var awaiting: [String] }
    struct DeadlineLine: Encodable { var id: String; var deadline: String; var closesAt: Date; var status: String; var businessDaysLeft: Int? }
    struct HoldLine: Encodable { var id: String; var amountMinorUnits: Int64?; var reason: String }

    var escrow: String
    var title: String
    var dated: String
    var currency: String
    var phase: String
    var agent: String
    var depositedMinorUnits: Int64
    var heldMinorUnits: Int64
    var paidOutMinorUnits: Int64
    var refundedMinorUnits: Int64
    var depositedWithCourtMinorUnits: Int64
    var subscriptions: [SubscriptionLine]
    var flaggedDeposits: [String]
    var conditions: [ConditionLine]
    var advised: Bool
    var releaseNoticeSigned: [String]
    var releaseNoticeAwaiting: [String]
    var deadlines: [DeadlineLine]
    var holds: [HoldLine]
    var depositInstructions: DepositInstructions
    var nextStep: String

    init(_ state: EscrowState, now: Date) {
        let ledger = state.ledger
        escrow = state.escrowID.rawValue
        title = state.terms.title
        dated = state.terms.dated.description
        currency = state.currency.code
        phase = state.phase.rawValue
        agent = state.displayName(state.agent) + (state.resignation != nil ? " (resigned)" : "")
        depositedMinorUnits = ledger.deposited.amountMinorUnits
        heldMinorUnits = ledger.held.amountMinorUnits
        paidOutMinorUnits = ledger.paidOut.amountMinorUnits
        refundedMinorUnits = ledger.refunded.amountMinorUnits
        depositedWithCourtMinorUnits = ledger.depositedWithCourt.amountMinorUnits
        subscriptions = state.terms.subscriptions.map {
            SubscriptionLine(
                purchaser: $0.purchaser.rawValue, name: state.displayName($0.purchaser), subscribedMinorUnits: $0.amount.amountMinorUnits,
                depositedMinorUnits: state.deposited(by: $0.purchaser).amountMinorUnits)
        }
        flaggedDeposits = state.deposits.filter { !$0.flags.isEmpty }.map {
            "\($0.depositID) \($0.amount) from \($0.senderName): \($0.flags.map(\.rawValue).joined(separator: ", "))"
        }
        conditions = state.conditions.map {
            ConditionLine(id: $0.id.rawValue, title: $0.title, clause: $0.clause, met: $0.isMet, awaiting: $0.outstanding.map(state.displayName))
        }
        advised = state.advice != nil
        let signed = state.signatures[.releaseNotice] ?? [:]
        releaseNoticeSigned = state.requiredSigners(of: .releaseNotice).filter { signed[$0] != nil }.map(state.displayName)
        releaseNoticeAwaiting = state.missingSigners(of: .releaseNotice).map(state.displayName)
        let today = CivilDate(instant: now, timeZoneIdentifier: state.terms.calendar.timeZoneIdentifier)
        deadlines = state.deadlines.sorted { $0.key < $1.key }.map { id, deadline in
            let status: String
            if id == EscrowState.refundDeadlineID, let refund = state.terms.refund {
                if state.refundDeadlineMissed != nil {
                    status = "missed"
                } else if let met = state.documents.filter({ $0.condition == refund.unlessCondition }).map(\.at).max(), state.isMet(refund.unlessCondition) {
                    status = "met on \(CivilDate(instant: met, timeZoneIdentifier: deadline.timeZoneIdentifier))"
                } else {
                    status = state.phase == .open ? (deadline.isMissed(at: now) ? "due to fire" : "pending") : "moot"
                }
            } else {
                status = state.isMet(ConditionID(id.rawValue)) ? "met" : (deadline.isMissed(at: now) ? "missed" : "pending")
            }
            let left: Int? =
                deadline.isMissed(at: now) || !BusinessCalendar.supportedYears.contains(today.year)
                ? nil : state.calendar.businessDays(from: today, to: deadline.date)
            return DeadlineLine(id: id.rawValue, deadline: deadline.description, closesAt: deadline.closesAt, status: status, businessDaysLeft: left)
        }
        holds = state.activeHolds.sorted { $0.key < $1.key }.map {
            HoldLine(id: $0.key.rawValue, amountMinorUnits: $0.value.amount?.amountMinorUnits, reason: $0.value.reason)
        }
        depositInstructions = state.terms.depositInstructions
        nextStep = state.nextStep
    }


    var text: String {
        func money(_ minorUnits: Int64) -> String { Money(minorUnits: minorUnits, Currency(code: currency) ?? .usd).description }
        var lines: [String] = []
        lines.append("Escrow \(escrow): \(title) dated \(dated)")
        lines.append("Phase: \(phase); escrow agent: \(agent)")
        lines.append("Next: \(nextStep)")
        lines.append(
            "Funds: deposited \(money(depositedMinorUnits)); held \(money(heldMinorUnits)); paid out \(money(paidOutMinorUnits)); refunded \(money(refundedMinorUnits)); with court \(money(depositedWithCourtMinorUnits))")
        lines.append("Subscriptions (1.1):")
        for line in subscriptions {
            lines.append("  \(line.name): subscribed \(money(line.subscribedMinorUnits)), deposited \(money(line.depositedMinorUnits))")
        }
        for flagged in flaggedDeposits { lines.append("  flagged: \(flagged)") }
        lines.append("Conditions (1.2)\(advised ? ", advised" : ""):")
        for condition in conditions {
            let awaiting = condition.met ? "" : " awaiting \(condition.awaiting.joined(separator: ", "))"
            lines.append("  [\(condition.met ? "met" : "pending")] \(condition.title) (\(condition.clause))\(awaiting)")
        }
        lines.append(
            "Release Notice (1.4, Exhibit A): signed by \(releaseNoticeSigned.isEmpty ? "nobody yet" : releaseNoticeSigned.joined(separator: ", "))"
                + (releaseNoticeAwaiting.isEmpty ? "" : "; awaiting \(releaseNoticeAwaiting.joined(separator: ", "))"))
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
            let state = try await options.withSession { session in try await session.state(verb: "notices") }
            let entries = state.noticesRecord
            if options.json {
                print(Output.json(entries))
                return
            }
            for entry in entries {
                let at = Instants.format(entry.at, timeZoneIdentifier: state.terms.calendar.timeZoneIdentifier)
                print("\(at) [\(entry.clause)] to \(entry.recipients.joined(separator: ", ")): \(entry.subject)")
            }
        }
    }
}
