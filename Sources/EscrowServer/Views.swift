import EscrowCore
import EscrowStore
import EscrowUsers
import Foundation

extension Viewer {
    /// The viewer a signed-in user is for this escrow: an agent user, or the party a party
    /// user acts for; `nil` for a party user not tied to the escrow.
    init?(_ principal: Principal, party: PartyID?, state: EscrowState) {
        if principal.isAgent {
            self = .agent(userID: principal.userID)
        } else if let party {
            self = .party(party, state.terms.party(party)?.role)
        } else {
            return nil
        }
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
        case .refundsFellDue(let e): return isCompany || e.owed.contains { $0.payee == .party(me) }
        case .amendmentProposed(let e): return isCompany || e.requiredSigners.contains(me)
        case .amendmentEffective: return isCompany || isPurchaser
        case .warningRecorded, .courtOrderRecorded, .depositedWithCourt, .counselCostsClaimed: return isCompany
        case .holdPlaced(let e): return isCompany || e.partiesConcerned.contains(me)
        case .holdLifted: return isCompany || isPurchaser
        case .furtherInstrumentRequested(let e): return isCompany || e.from.contains(me)
        case .agentResigned(let e): return e.recipients.contains(me)
        case .successorProposed, .successorAppointed, .handoverAccepted: return isCompany || isPurchaser
        case .bank:
            // The desk's dealings with the bank name every payee and sender: the company sees the deal.
            return isCompany
        case .checkpointKeyRecorded:
            // Every party checks the agent's checkpoints, so every party sees its keys.
            return true
        case .deskControlRecorded(let e):
            // The desk's own controls; a party sees the call-back that confirmed its bank details.
            return e.party == me
        case .jointInstructions(.proposed(let e)):
            return isCompany || e.payee == me || e.requiredSigners.contains(me)
        case .jointInstructions(.paid(let e)):
            return isCompany || e.payments.contains { $0.payee == .party(me) } || (state?.jointInstructions[e.id]?.requiredSigners.contains(me) ?? false)
        case .deskControlRejected(let e):
            // A party sees the rejection of its own bank details, as it saw their confirmation.
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
        case .refundsFellDue(let e):
            let mine = e.owed.filter { $0.payee == .party(me) }.map { "\($0.amount) owed to you" }
            return "refund fell due: " + (mine.isEmpty ? "nothing owed to you" : mine.joined(separator: "; "))
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
        return timeline(records, events: events, viewer: viewer, continuing: &state)
    }

    /// The timeline lines of `records` as the viewer may see them, where `state` is the escrow
    /// just before the first of them (`nil` before its opening); `state` is brought up to
    /// date, so the lines of later events can follow without the earlier ones.
    static func timeline(
        _ records: [RecordedEvent], events: [EscrowEvent], viewer: Viewer, continuing state: inout EscrowState?
    ) -> [TimelineEntry] {
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
    static func pendingControls(_ approvals: [PendingApproval], terms: AgreementTerms?, viewer: Viewer) -> [TimelineEntry] {
        // Cited as the escrow's own agreement numbers the rules, in words where it gives none.
        func cite(_ rules: [Rule]) -> String { terms?.cite(rules.map(Citation.rule)) ?? rules.map(\.words).joined(separator: ", ") }
        var entries: [TimelineEntry] = []
        for approval in approvals where approval.checker == nil {
            let party: PartyID? = if case .giveInstructions(let party, _, _) = approval.command { party } else { nil }
            guard viewer.isAgent || (party != nil && party == viewer.party) else { continue }
            switch approval.kind {
            case .disbursement:
                entries.append(
                    TimelineEntry(
                        sequence: nil, at: approval.madeAt, clause: approval.command == .refund ? cite([.refund]) : cite([.release, .remainder]), type: "disbursementRequested",
                        summary: "\(approval.command.name) requested by agent user \(approval.maker) (maker); awaiting a second agent user", hash: nil))
            case .callback:
                entries.append(
                    TimelineEntry(
                        sequence: nil, at: approval.madeAt, clause: cite([.remainder, .refund]), type: "bankDetailsSubmitted",
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
