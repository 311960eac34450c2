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
        /// Everything wired in, whatever became of it since.
        public var depositedMinorUnits: Int64
        /// What the escrow account holds now.
        public var heldMinorUnits: Int64
        /// Paid out at release or under a court order, to all payees together.
        public var paidOutMinorUnits: Int64
        /// Returned to depositors, all of them together.
        public var refundedMinorUnits: Int64
        /// Delivered to a court under 2.14(2).
        public var depositedWithCourtMinorUnits: Int64
    }
    /// A purchaser's subscription against what it has wired (1.1).
    public struct SubscriptionLine: Encodable, Sendable {
        /// The purchaser's party id.
        public var purchaser: String
        /// The purchaser's name, as the agreement gives it.
        public var name: String
        /// What the purchaser subscribed for under the agreement.
        public var subscribedMinorUnits: Int64
        /// What its wires attributed to it add up to so far.
        public var depositedMinorUnits: Int64
    }
    /// A wire received (1.1, 1.3), with any flags (over or under the subscription, unknown sender, after close).
    public struct DepositLine: Encodable, Sendable {
        /// The deposit's id in the log.
        public var depositID: String
        /// The bank's reference; a wire reported twice with one reference is one deposit.
        public var bankReference: String
        /// The purchaser the wire is attributed to; `nil` when the sender is not a purchaser.
        public var purchaser: String?
        /// The sender's name as recorded with the wire; when none was given, the purchaser's
        /// name or `unknown sender`.
        public var senderName: String
        /// The amount wired.
        public var amountMinorUnits: Int64
        /// What the agent should look at: `overSubscription`, `underSubscription`,
        /// `unknownSender`, `afterClose`.
        public var flags: [String]
        /// When the wire was recorded.
        public var at: Date
    }
    /// A document received towards a condition (1.2), by its SHA-256.
    public struct DocumentLine: Encodable, Sendable {
        /// The condition (1.2) or further instrument (2.13) the document answers.
        public var condition: String
        /// The party that delivered it.
        public var from: String
        /// The title given on delivery, or else the title of the condition it answers.
        public var title: String
        /// The SHA-256 of its bytes: the document itself, as the log knows it.
        public var sha256: String
        /// Its size in bytes.
        public var byteCount: Int
        /// When it was recorded as received.
        public var at: Date
    }
    /// A counterpart signed.
    public struct SignatureLine: Encodable, Sendable {
        /// The instrument in its text form: `release-notice`, `amendment:A1`, `settlement:H1`...
        public var instrument: String
        /// The party whose counterpart it is.
        public var signer: String
        /// When the counterpart was accepted.
        public var at: Date
    }
    /// A condition of 1.2 and whom it still waits for (party ids).
    public struct ConditionLine: Encodable, Sendable {
        /// The condition's id, or the id of a further instrument requested under 2.13.
        public var id: String
        /// What the condition asks for, in the agreement's words.
        public var title: String
        /// The clause that sets it: 1.2, or 2.13 for a requested instrument.
        public var clause: String
        /// True once everything it asks for is in.
        public var met: Bool
        /// The parties it still waits for, among those the viewer may see.
        public var awaiting: [String]
    }
    /// The release instrument's counterparts: who signed, who is awaited (party ids), how many are awaited in all.
    public struct ReleaseNoticeLine: Encodable, Sendable {
        /// The instrument's title as the agreement gives it, e.g. `Release Notice`.
        public var title: String
        /// Its clause as the agreement numbers it, e.g. `1.4, Exhibit A`.
        public var clause: String
        /// True once every required counterpart is in, so the notice has taken effect (1.4).
        public var effective: Bool
        /// The parties that signed, among those the viewer may see.
        public var signed: [String]
        /// The parties still awaited, among those the viewer may see.
        public var awaiting: [String]
        /// How many counterparts are awaited in all, so a purchaser learns how far the notice
        /// is from taking effect without learning who holds it up.
        public var awaitingCount: Int
    }
    /// A payment made at release, under a court order or in a refund.
    public struct PaymentLine: Encodable, Sendable {
        /// A party id, or for an unknown sender or outside counsel, a name.
        public var payee: String
        /// The amount paid.
        public var amountMinorUnits: Int64
        /// Where it went: an account from written instructions, or back to the originating wire.
        public var destination: String
        /// Why it was paid, e.g. `subscription proceeds, net of fees`.
        public var purpose: String
        /// The clause the payment was made under.
        public var clause: String
        /// When the release, the payment under a court order or the refund was recorded.
        public var at: Date
    }
    /// A refund that fell due and is still owed, until its depositor's signed written wire
    /// instructions are in (the refund clause, 1.7 in the reference deal).
    public struct RefundOwedLine: Encodable, Sendable {
        /// A party id, or for a sender who is not a party, its name.
        public var payee: String
        /// What is still owed to it.
        public var amountMinorUnits: Int64
    }
    /// A deadline: when it closes, whether it has, what became of it, and business days left.
    public struct DeadlineLine: Encodable, Sendable {
        /// The deadline's id, e.g. `nir-waiver` for 1.7.
        public var id: String
        /// The deadline as the agreement would state it: `2005-09-02 end of day America/New_York`.
        public var deadline: String
        /// The instant it closes.
        public var closesAt: Date
        /// True once the closing instant has passed, whatever became of the deadline.
        public var missed: Bool
        /// `pending`, `met on 2005-08-24`, `due to fire`, `missed`, `met` or `moot`.
        public var status: String
        /// Business days from today to the deadline's date; `nil` once it has closed.
        public var businessDaysLeft: Int?
    }
    /// A dispute hold (2.14): an amount, or all funds when `amountMinorUnits` is `nil`.
    public struct HoldLine: Encodable, Sendable {
        /// The hold's id.
        public var id: String
        /// The amount retained; `nil` when the hold covers all funds.
        public var amountMinorUnits: Int64?
        /// Why the funds are retained, as the agent recorded it.
        public var reason: String
        /// The parties concerned, whose mutual written agreement lifts the hold.
        public var partiesConcerned: [String]
    }

    /// The escrow's id.
    public var escrow: String
    /// The agreement's title.
    public var title: String
    /// The date the agreement is made as of, `YYYY-MM-DD`; business-day spans count from it.
    public var dated: String
    /// The ISO 4217 code every amount of the view is counted in.
    public var currency: String
    /// `open`, `released`, `refunded` or `depositedWithCourt`.
    public var phase: String
    /// Who the view is for: `agent user alice`, `purchaser-2 (purchaser)`.
    public var viewer: String
    /// The acting escrow agent's name, `(resigned)` after a resignation.
    public var agent: String
    /// The ledger's totals; `nil` for a viewer who does not see the whole deal.
    public var funds: Funds?
    /// The aggregate amount advised under 1.2, once advised; every party is told it.
    public var advisedMinorUnits: Int64?
    /// Every subscription for whole-deal viewers; a purchaser's own otherwise.
    public var subscriptions: [SubscriptionLine]
    /// Every wire for the agent; a purchaser's own for a purchaser; none for the company,
    /// which sees the totals in ``funds``.
    public var deposits: [DepositLine]
    /// Every document for whole-deal viewers; those the viewer delivered otherwise.
    public var documents: [DocumentLine]
    /// Every counterpart for whole-deal viewers; the viewer's own otherwise.
    public var signatures: [SignatureLine]
    /// Every condition of 1.2 and every instrument requested under 2.13.
    public var conditions: [ConditionLine]
    /// Where the Release Notice (1.4, Exhibit A) stands.
    public var releaseNotice: ReleaseNoticeLine
    /// Every payment for whole-deal viewers; those made to the viewer otherwise.
    public var payments: [PaymentLine]
    /// How this escrow's agreement numbers the rules the status is grouped by, by rule name
    /// (`escrowAccount`, `depositInstructions`, `advice`, `dispute`, `refund`), so every front end
    /// cites the agreement's own clauses.
    public var clauses: [String: String]
    /// Refunds that fell due and are still owed: all of them for whole-deal viewers; the
    /// viewer's own otherwise.
    public var refundsOwed: [RefundOwedLine]
    /// Every deadline of the escrow, in order of id.
    public var deadlines: [DeadlineLine]
    /// Active holds (2.14): all of them for whole-deal viewers; those concerning the viewer otherwise.
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
            title: state.terms.releaseInstrument.title, clause: state.terms.releaseInstrument.clause,
            effective: state.releaseNoticeEffectiveAt != nil,
            signed: state.requiredSigners(of: .releaseNotice).filter { signed[$0] != nil && mine($0) }.map(\.rawValue),
            awaiting: missing.filter { mine($0) }.map(\.rawValue), awaitingCount: missing.count)
        var lines: [PaymentLine] = []
        for (payments, at) in state.disbursements.map({ ($0.payments, $0.at) }) + state.refunds.map({ ($0.payments, $0.at) }) {
            for payment in payments where whole || payment.payee == me.map(PayeeID.party) {
                lines.append(
                    PaymentLine(
                        payee: payment.payee.description, amountMinorUnits: payment.amount.amountMinorUnits, destination: payment.destination,
                        purpose: payment.purpose, clause: payment.clause, at: at))
            }
        }
        payments = lines
        clauses = Dictionary(uniqueKeysWithValues: [Rule.escrowAccount, .depositInstructions, .advice, .dispute, .refund].map {
            ($0.rawValue, state.terms.cite($0))
        })
        refundsOwed = state.refundsOwed.filter { whole || $0.payee == me.map(PayeeID.party) }.map {
            RefundOwedLine(payee: $0.payee.description, amountMinorUnits: $0.amount.amountMinorUnits)
        }
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
            let left: Int? = missed ? nil : try? state.calendar.businessDays(from: today, to: deadline.date)
            return DeadlineLine(
                id: id.rawValue, deadline: deadline.description, closesAt: deadline.closesAt, missed: missed, status: status, businessDaysLeft: left)
        }
    }

    /// The name of a party this view mentions, or its id.
    public func name(_ id: String) -> String { names[id] ?? id }
}
