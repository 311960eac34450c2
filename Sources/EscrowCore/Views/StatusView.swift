public import Foundation

/// Where an escrow stands, as one viewer may see it: the one status view that the command
/// line renders as text and the server answers as JSON.
///
/// The agent and the company see the whole deal; a purchaser sees its own subscription,
/// deposits, documents and signatures and the aggregate advised under 1.2; a fee payee sees
/// its own payments. Amounts are integers of minor units.
public struct StatusView: Encodable, Sendable {
    /// The ledger's totals (whole-deal viewers only).
    public struct Funds: Encodable, Sendable {
        public var depositedMinorUnits: Int64
        public var heldMinorUnits: Int64
        public var paidOutMinorUnits: Int64
        public var refundedMinorUnits: Int64
        public var depositedWithCourtMinorUnits: Int64
    }
    /// A purchaser's subscription against what it has wired (1.1).
    public struct SubscriptionLine: Encodable, Sendable {
        public var purchaser: String; public var name: String; public var subscribedMinorUnits: Int64; public var depositedMinorUnits: Int64
    }
    /// A wire received (1.1, 1.3), with any flags (over or under the subscription, unknown sender, after close).
    public struct DepositLine: Encodable, Sendable {
        public var depositID: String; public var bankReference: String; public var purchaser: String?; public var senderName: String
        public var amountMinorUnits: Int64; public var flags: [String]; public var at: Date
    }
    /// A document received towards a condition (1.2), by its SHA-256.
    public struct DocumentLine: Encodable, Sendable {
        public var condition: String; public var from: String; public var title: String; public var sha256: String; public var byteCount: Int
        public var at: Date
    }
    /// A counterpart signed.
    public struct SignatureLine: Encodable, Sendable { public var instrument: String; public var signer: String; public var at: Date }
    /// A condition of 1.2 and whom it still waits for (party ids).
    public struct ConditionLine: Encodable, Sendable {
        public var id: String; public var title: String; public var clause: String; public var met: Bool; public var awaiting: [String]
    }
    /// The release instrument's counterparts: who signed, who is awaited (party ids), how many are awaited in all.
    public struct ReleaseNoticeLine: Encodable, Sendable {
        public var effective: Bool; public var signed: [String]; public var awaiting: [String]; public var awaitingCount: Int
    }
    /// A payment made at release, under a court order or in a refund.
    public struct PaymentLine: Encodable, Sendable {
        public var payee: String; public var amountMinorUnits: Int64; public var destination: String; public var purpose: String
        public var clause: String; public var at: Date
    }
    /// A deadline: when it closes, whether it has, what became of it, and business days left.
    public struct DeadlineLine: Encodable, Sendable {
        public var id: String; public var deadline: String; public var closesAt: Date; public var missed: Bool
        /// `pending`, `met on 2005-08-24`, `due to fire`, `missed`, `met` or `moot`.
        public var status: String
        /// Business days from today to the deadline's date; `nil` once it has closed.
        public var businessDaysLeft: Int?
    }
    /// A dispute hold (2.14): an amount, or all funds when `amountMinorUnits` is `nil`.
    public struct HoldLine: Encodable, Sendable {
        public var id: String; public var amountMinorUnits: Int64?; public var reason: String; public var partiesConcerned: [String]
    }

    public var escrow: String
    public var title: String
    public var dated: String
    public var currency: String
    public var phase: String
    /// Who the view is for: `agent user alice`, `purchaser-2 (purchaser)`.
    public var viewer: String
    /// The acting escrow agent's name, `(resigned)` after a resignation.
    public var agent: String
    public var funds: Funds?
    /// The aggregate amount advised under 1.2, once advised; every party is told it.
    public var advisedMinorUnits: Int64?
    public var subscriptions: [SubscriptionLine]
    public var deposits: [DepositLine]
    public var documents: [DocumentLine]
    public var signatures: [SignatureLine]
    public var conditions: [ConditionLine]
    public var releaseNotice: ReleaseNoticeLine
    public var payments: [PaymentLine]
    public var deadlines: [DeadlineLine]
    public var holds: [HoldLine]
    /// Where and how purchasers wire their money (1.3).
    public var depositInstructions: DepositInstructions
    /// The names of the parties this view mentions, by id.
    public var names: [String: String]
    /// What the agent must do next (whole-deal viewers only).
    public var nextStep: String?

    /// The status of `state` as `viewer` may see it at `now`.
    public init(_ state: EscrowState, viewer: Viewer, now: Date) {
        let whole = viewer.seesWholeDeal
        let me = viewer.party
        func mine(_ party: PartyID?) -> Bool { whole || (party != nil && party == me) }
        escrow = state.escrowID.rawValue
        title = state.terms.title
        dated = state.terms.dated.description
        currency = state.currency.code
        phase = state.phase.rawValue
        self.viewer = viewer.label
        agent = state.displayName(state.agent) + (state.resignation != nil ? " (resigned)" : "")
        let ledger = state.ledger
        funds =
            whole
            ? Funds(
                depositedMinorUnits: ledger.deposited.amountMinorUnits, heldMinorUnits: ledger.held.amountMinorUnits,
                paidOutMinorUnits: ledger.paidOut.amountMinorUnits, refundedMinorUnits: ledger.refunded.amountMinorUnits,
                depositedWithCourtMinorUnits: ledger.depositedWithCourt.amountMinorUnits) : nil
        advisedMinorUnits = state.advice?.amount.amountMinorUnits
        subscriptions = state.terms.subscriptions.filter { mine($0.purchaser) }.map {
            SubscriptionLine(
                purchaser: $0.purchaser.rawValue, name: state.displayName($0.purchaser), subscribedMinorUnits: $0.amount.amountMinorUnits,
                depositedMinorUnits: state.deposited(by: $0.purchaser).amountMinorUnits)
        }
        // Wires are the agent's own business and each purchaser's; the company sees totals.
        deposits = state.deposits.filter { viewer.isAgent || ($0.purchaser != nil && $0.purchaser == me) }.map {
            DepositLine(
                depositID: $0.depositID.rawValue, bankReference: $0.bankReference, purchaser: $0.purchaser?.rawValue, senderName: $0.senderName,
                amountMinorUnits: $0.amount.amountMinorUnits, flags: $0.flags.map(\.rawValue), at: $0.at)
        }
        documents = state.documents.filter { mine($0.from) }.map {
            DocumentLine(condition: $0.condition.rawValue, from: $0.from.rawValue, title: $0.title, sha256: $0.sha256, byteCount: $0.byteCount, at: $0.at)
        }
        signatures = state.signatures.sorted { $0.key.description < $1.key.description }.flatMap { instrument, bySigner in
            bySigner.values.filter { mine($0.signer) }.sorted { $0.signer < $1.signer }.map {
                SignatureLine(instrument: instrument.description, signer: $0.signer.rawValue, at: $0.at)
            }
        }
        conditions = state.conditions.map { condition in
            ConditionLine(
                id: condition.id.rawValue, title: condition.title, clause: condition.clause, met: condition.isMet,
                awaiting: condition.outstanding.filter { mine($0) }.map(\.rawValue))
        }
        let signed = state.signatures[.releaseNotice] ?? [:]
        let missing = state.missingSigners(of: .releaseNotice)
        releaseNotice = ReleaseNoticeLine(
            effective: state.releaseNoticeEffectiveAt != nil,
            signed: state.requiredSigners(of: .releaseNotice).filter { signed[$0] != nil && mine($0) }.map(\.rawValue),
            awaiting: missing.filter { mine($0) }.map(\.rawValue), awaitingCount: missing.count)
        var lines: [PaymentLine] = []
        for (payments, at) in state.disbursements.map({ ($0.payments, $0.at) }) + state.refunds.map({ ($0.payments, $0.at) }) {
            for payment in payments where whole || payment.payee == me?.rawValue {
                lines.append(
                    PaymentLine(
                        payee: payment.payee, amountMinorUnits: payment.amount.amountMinorUnits, destination: payment.destination,
                        purpose: payment.purpose, clause: payment.clause, at: at))
            }
        }
        payments = lines
        deadlines = Self.deadlines(state, now: now)
        holds = state.activeHolds.sorted { $0.key < $1.key }.map(\.value).filter { hold in whole || hold.partiesConcerned.contains { $0 == me } }.map {
            HoldLine(id: $0.holdID.rawValue, amountMinorUnits: $0.amount?.amountMinorUnits, reason: $0.reason, partiesConcerned: $0.partiesConcerned.map(\.rawValue))
        }
        depositInstructions = state.terms.depositInstructions
        var named: [String: String] = [:]
        for party in state.terms.parties where mine(party.id) { named[party.id.rawValue] = party.name }
        if whole, let successor = state.successorParty { named[successor.id.rawValue] = successor.name }
        names = named
        nextStep = whole ? state.nextStep : nil
    }

    /// Every deadline of the escrow with what became of it and the business days left.
    static func deadlines(_ state: EscrowState, now: Date) -> [DeadlineLine] {
        let today = CivilDate(instant: now, timeZoneIdentifier: state.terms.calendar.timeZoneIdentifier)
        return state.deadlines.sorted { $0.key < $1.key }.map { id, deadline in
            let missed = deadline.isMissed(at: now)
            let status: String
            if id == EscrowState.refundDeadlineID, let refund = state.terms.refund {
                if state.refundDeadlineMissed != nil {
                    status = "missed"
                } else if let met = state.documents.filter({ $0.condition == refund.unlessCondition }).map(\.at).max(), state.isMet(refund.unlessCondition) {
                    status = "met on \(CivilDate(instant: met, timeZoneIdentifier: deadline.timeZoneIdentifier))"
                } else {
                    status = state.phase == .open ? (missed ? "due to fire" : "pending") : "moot"
                }
            } else {
                status = state.isMet(ConditionID(id.rawValue)) ? "met" : (missed ? "missed" : "pending")
            }
            let countable = BusinessCalendar.supportedYears.contains(today.year) && BusinessCalendar.supportedYears.contains(deadline.date.year)
            let left: Int? = missed || !countable ? nil : state.calendar.businessDays(from: today, to: deadline.date)
            return DeadlineLine(
                id: id.rawValue, deadline: deadline.description, closesAt: deadline.closesAt, missed: missed, status: status, businessDaysLeft: left)
        }
    }

    /// The name of a party this view mentions, or its id.
    public func name(_ id: String) -> String { names[id] ?? id }
}
