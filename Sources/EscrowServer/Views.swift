import EscrowCore
import EscrowStore
import Foundation

/// Who is looking: the agent desk sees everything; a party sees what concerns it.
enum Viewer: Sendable {
    case agent(userID: String)
    case party(PartyID, PartyRole?)

    init(_ principal: Principal, party: PartyID?, state: EscrowState) {
        if principal.isAgent {
            self = .agent(userID: principal.userID)
        } else if let party {
            self = .party(party, state.terms.party(party)?.role)
        } else {
            preconditionFailure("a party user reaches a view only through its party in the escrow")
        }
    }

    var party: PartyID? {
        if case .party(let id, _) = self { return id }
        return nil
    }

    var role: PartyRole? {
        switch self {
        case .agent: .escrowAgent
        case .party(_, let role): role
        }
    }

    var isAgent: Bool { if case .agent = self { return true } else { return false } }
    /// The agent and the company see the escrow as a whole (the company is the issuer).
    var seesWholeDeal: Bool { isAgent || role == .company }

    var label: String {
        switch self {
        case .agent(let user): "agent user \(user)"
        case .party(let party, let role): "\(party) (\(role?.rawValue ?? "party"))"
        }
    }
}

/// The status of an escrow as one viewer may see it.
struct StatusView: Encodable {
    struct Funds: Encodable {
        var depositedMinorUnits: Int64
        var heldMinorUnits: Int64
        var paidOutMinorUnits: Int64
        var refundedMinorUnits: Int64
        var depositedWithCourtMinorUnits: Int64
    }
    struct SubscriptionLine: Encodable { var purchaser: String; var name: String; var subscribedMinorUnits: Int64; var depositedMinorUnits: Int64 }
    struct DepositLine: Encodable {
        var depositID: String; var bankReference: String; var purchaser: String?; var senderName: String; var amountMinorUnits: Int64
        var flags: [String]; var at: Date
    }
    struct DocumentLine: Encodable { var condition: String; var from: String; var title: String; var sha256: String; var byteCount: Int; var at: Date }
    struct SignatureLine: Encodable { var instrument: String; var signer: String; var at: Date }
    struct ConditionLine: Encodable { var id: String; var title: String; var clause: String; var met: Bool; var awaiting: [String] }
    struct ReleaseNoticeLine: Encodable { var effective: Bool; var signed: [String]; var awaiting: [String]; var awaitingCount: Int }
    struct PaymentLine: Encodable { var payee: String; var amountMinorUnits: Int64; var destination: String; var purpose: String; var clause: String; var at: Date }
    struct DeadlineLine: Encodable { var id: String; var deadline: String; var closesAt: Date; var missed: Bool }
    struct HoldLine: Encodable { var id: String; var amountMinorUnits: Int64?; var reason: String; var partiesConcerned: [String] }

    var escrow: String
    var title: String
    var dated: String
    var currency: String
    var phase: String
    var viewer: String
    var funds: Funds?
    /// The aggregate amount advised under 1.2, once advised; every party is told it.
    var advisedMinorUnits: Int64?
    var subscriptions: [SubscriptionLine]
    var deposits: [DepositLine]
    var documents: [DocumentLine]
    var signatures: [SignatureLine]
    var conditions: [ConditionLine]
    var releaseNotice: ReleaseNoticeLine
    var payments: [PaymentLine]
    var deadlines: [DeadlineLine]
    var holds: [HoldLine]
    var nextStep: String?

    init(_ state: EscrowState, viewer: Viewer, now: Date) {
        let whole = viewer.seesWholeDeal
        let me = viewer.party
        func mine(_ party: PartyID?) -> Bool { whole || (party != nil && party == me) }
        escrow = state.escrowID.rawValue
        title = state.terms.title
        dated = state.terms.dated.description
        currency = state.currency.code
        phase = state.phase.rawValue
        self.viewer = viewer.label
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
        for disbursement in state.disbursements {
            for payment in disbursement.payments where whole || payment.payee == me.map(PayeeID.party) {
                lines.append(
                    PaymentLine(
                        payee: payment.payee.description, amountMinorUnits: payment.amount.amountMinorUnits, destination: payment.destination,
                        purpose: payment.purpose, clause: payment.clause, at: disbursement.at))
            }
        }
        for refund in state.refunds {
            for payment in refund.payments where whole || payment.payee == me.map(PayeeID.party) {
                lines.append(
                    PaymentLine(
                        payee: payment.payee.description, amountMinorUnits: payment.amount.amountMinorUnits, destination: payment.destination,
                        purpose: payment.purpose, clause: payment.clause, at: refund.at))
            }
        }
        payments = lines
        deadlines = state.deadlines.sorted { $0.key < $1.key }.map {
            DeadlineLine(id: $0.key.rawValue, deadline: $0.value.description, closesAt: $0.value.closesAt, missed: $0.value.isMissed(at: now))
        }
        holds = state.activeHolds.sorted { $0.key < $1.key }.map(\.value).filter { hold in whole || hold.partiesConcerned.contains { $0 == me } }.map {
            HoldLine(id: $0.holdID.rawValue, amountMinorUnits: $0.amount?.amountMinorUnits, reason: $0.reason, partiesConcerned: $0.partiesConcerned.map(\.rawValue))
        }
        nextStep = whole ? state.nextStep : nil
    }

}

/// One timeline line: a logged event (with its sequence and hash) or a desk control
/// (maker-checker, call-back) recorded beside the log.
struct TimelineEntry: Encodable, Sendable {
    var sequence: Int64?
    var at: Date
    var clause: String
    var type: String
    var summary: String
    var hash: String?
}

enum Scoping {
    /// Whether `viewer` may see `event`; `state` is the escrow before the event.
    static func isVisible(_ event: EscrowEvent, to viewer: Viewer, in state: EscrowState? = nil) -> Bool {
        guard case .party(let me, let role) = viewer else { return true }
        let isCompany = role == .company
        let isPurchaser = role == .purchaser
        switch event {
        case .opened, .refundDeadlineMissed: return true
        case .keyRegistered(let e): return e.party == me
        case .depositReceived(let e): return e.purchaser == me
        case .documentReceived(let e): return isCompany || e.from == me
        case .counterpartSigned(let e): return isCompany || e.signer == me
        case .fundsAdvised(let e): return e.recipients.contains(me)
        case .paymentInstructionsGiven(let e): return e.party == me
        case .releaseNoticeEffective: return isCompany || isPurchaser
        case .disbursed(let e): return isCompany || e.payments.contains { $0.payee == .party(me) }
        case .refunded(let e): return isCompany || e.payments.contains { $0.payee == .party(me) }
        case .amendmentProposed(let e): return isCompany || e.requiredSigners.contains(me)
        case .amendmentEffective: return isCompany || isPurchaser
        case .warningRecorded, .courtOrderRecorded, .depositedWithCourt, .counselCostsClaimed: return isCompany
        case .holdPlaced(let e): return isCompany || e.partiesConcerned.contains(me)
        case .holdLifted: return isCompany || isPurchaser
        case .furtherInstrumentRequested(let e): return isCompany || e.from.contains(me)
        case .agentResigned(let e): return e.recipients.contains(me)
        case .successorProposed, .successorAppointed, .handoverAccepted: return isCompany || isPurchaser
        case .deskControlRecorded(let e):
            // The desk's own controls; a party sees the call-back that confirmed its bank details.
            return e.party == me
        case .noticeRecorded(let e):
            // Notices are addressed by name (2.2): a party sees those addressed to it.
            return e.recipients.contains(me.rawValue) || state.map { e.recipients.contains($0.displayName(me)) } ?? false
        }
    }

    /// The summary line for a viewer; where the full line would name other parties or their
    /// money, a party sees only its own share.
    static func summary(_ event: EscrowEvent, in state: EscrowState?, for viewer: Viewer) -> String {
        guard case .party(let me, let role) = viewer, role != .company else { return event.summary(in: state) }
        switch event {
        case .fundsAdvised(let e):
            return "advised that \(e.amount) is received; every condition is in"
        case .releaseNoticeEffective:
            return "Release Notice effective: executed by every required signer"
        case .disbursed(let e):
            let mine = e.payments.filter { $0.payee == .party(me) }.map { "\($0.amount) to you (\($0.clause))" }
            return "disbursed: " + (mine.isEmpty ? "nothing to you" : mine.joined(separator: "; "))
        case .refunded(let e):
            let mine = e.payments.filter { $0.payee == .party(me) }.map { "\($0.amount) to you" }
            return "refunded: " + (mine.isEmpty ? "nothing to you" : mine.joined(separator: "; "))
        case .agentResigned:
            return "the escrow agent resigned by notice to the company and purchasers"
        case .opened(let e):
            return "escrow \(e.escrowID) opened under \"\(e.terms.title)\" dated \(e.terms.dated)"
        default:
            return event.summary(in: state)
        }
    }

    /// The timeline as the viewer may see it.
    static func timeline(_ records: [RecordedEvent], events: [EscrowEvent], viewer: Viewer) -> [TimelineEntry] {
        var state: EscrowState?
        var entries: [TimelineEntry] = []
        for (record, event) in zip(records, events) {
            if isVisible(event, to: viewer, in: state) {
                entries.append(
                    TimelineEntry(
                        sequence: record.sequence, at: record.recordedAt, clause: event.clause(in: state), type: event.type,
                        summary: summary(event, in: state, for: viewer), hash: viewer.isAgent ? record.hash : nil))
            }
            if state == nil {
                if case .opened(let opened) = event { state = EscrowState(opened: opened) }
            } else if (try? state?.apply(event)) == nil {
                // The log was verified and folded before this view was asked for; a history
                // that does not fold ends the timeline here rather than the process.
                break
            }
        }
        return entries
    }

    /// Desk requests still awaiting their check, as timeline lines. Once checked, a request
    /// is in the log itself (`deskControlRecorded`, with the command it let through).
    static func pendingControls(_ approvals: [PendingApproval], viewer: Viewer) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        for approval in approvals where approval.checker == nil {
            let party: PartyID? = if case .giveInstructions(let party, _, _) = approval.command { party } else { nil }
            guard viewer.isAgent || (party != nil && party == viewer.party) else { continue }
            switch approval.kind {
            case .disbursement:
                entries.append(
                    TimelineEntry(
                        sequence: nil, at: approval.madeAt, clause: approval.command == .refund ? "1.7" : "1.5, 1.6", type: "disbursementRequested",
                        summary: "\(approval.command.name) requested by agent user \(approval.maker) (maker); awaiting a second agent user", hash: nil))
            case .callback:
                entries.append(
                    TimelineEntry(
                        sequence: nil, at: approval.madeAt, clause: "1.6, 1.7", type: "bankDetailsSubmitted",
                        summary: "bank details from \(party?.rawValue ?? "a party") submitted by \(approval.maker); awaiting call-back confirmation",
                        hash: nil))
            }
        }
        return entries
    }

    /// Notices under 2.2: who was told what, when; a party sees the ones addressed to it.
    static func notices(_ records: [RecordedEvent], events: [EscrowEvent], viewer: Viewer) -> [NoticeLine] {
        var result: [NoticeLine] = []
        // Clauses are cited as the escrow's agreement numbers them; the opening carries it.
        let opening: EscrowState? = events.first.flatMap { if case .opened(let opened) = $0 { EscrowState(opened: opened) } else { nil } }
        func cite(_ rule: Rule) -> String { opening?.terms.citation(of: rule) ?? rule.words }
        for (record, event) in zip(records, events) {
            let recipients: [String]
            let text: String
            switch event {
            case .fundsAdvised(let e):
                recipients = e.recipients.map(\.rawValue)
                text = "advice of funds received: \(e.amount) (\(cite(.advice)))"
            case .agentResigned(let e):
                recipients = e.recipients.map(\.rawValue)
                text = "notice of resignation of the escrow agent (\(cite(.resignation))): \(e.notice)"
            case .refunded(let e):
                recipients = e.payments.map(\.payee.description)
                text = "notice of refund (\(event.clause(in: opening)))"
            case .refundDeadlineMissed(let e):
                recipients = []
                text = "\(e.condition) not received by \(e.deadline); funds go back (\(cite(.refund)))"
            default:
                continue
            }
            if let me = viewer.party, !recipients.isEmpty, !recipients.contains(me.rawValue) { continue }
            result.append(
                NoticeLine(
                    sequence: record.sequence, at: record.recordedAt, clause: event.clause(in: opening), text: text,
                    recipients: viewer.isAgent ? recipients : nil))
        }
        return result
    }
}

/// A notice as listed.
struct NoticeLine: Encodable, Sendable {
    var sequence: Int64
    var at: Date
    var clause: String
    var text: String
    var recipients: [String]?
}

/// The ledger: postings and balances (agent and company only).
struct LedgerView: Encodable {
    struct Line: Encodable { var debit: String; var credit: String; var amountMinorUnits: Int64; var clause: String }
    var currency: String
    var depositedMinorUnits: Int64
    var heldMinorUnits: Int64
    var paidOutMinorUnits: Int64
    var refundedMinorUnits: Int64
    var depositedWithCourtMinorUnits: Int64
    var postings: [Line]

    init(_ ledger: Ledger) {
        currency = ledger.currency.code
        depositedMinorUnits = ledger.deposited.amountMinorUnits
        heldMinorUnits = ledger.held.amountMinorUnits
        paidOutMinorUnits = ledger.paidOut.amountMinorUnits
        refundedMinorUnits = ledger.refunded.amountMinorUnits
        depositedWithCourtMinorUnits = ledger.depositedWithCourt.amountMinorUnits
        postings = ledger.postings.map {
            Line(debit: $0.debit.description, credit: $0.credit.description, amountMinorUnits: $0.amount.amountMinorUnits, clause: $0.clause)
        }
    }
}

/// One row of the deal calendar as the API answers it.
struct CalendarRowView: Encodable, Sendable {
    var id: String
    var source: String
    var clause: String
    var title: String
    var due: String?
    var dueRule: String
    var status: String
    var businessDaysRemaining: Int?
    var obligated: [String]
    var benefiting: [String]
    var consequence: String

    init(_ row: DealCalendarRow) {
        id = row.id
        source = row.source.rawValue
        clause = row.clause
        title = row.title
        due = row.due?.description
        dueRule = row.dueRule
        status = DealCalendar.describe(row.status)
        businessDaysRemaining = row.businessDaysRemaining
        obligated = row.obligated
        benefiting = row.benefiting
        consequence = row.consequence
    }
}
