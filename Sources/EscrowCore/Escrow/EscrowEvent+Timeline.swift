extension EscrowEvent {
    /// The clause that governs the event, as the escrow's agreement numbers it; it travels
    /// with every timeline line. `state` is the escrow the event belongs to (before or after
    /// the event: the numbering does not change); without one, the opening's own terms, or
    /// else the 2005 reference numbering, are cited.
    public func clause(in state: EscrowState?) -> String {
        let terms: AgreementTerms? =
            if case .opened(let e) = self { e.terms } else { state?.terms }
        let parts = citation(under: terms)
        return terms?.cite(parts) ?? Citation.referenceCitation(parts)
    }

    /// The rules (and stated clauses) the event falls under.
    func citation(under terms: AgreementTerms?) -> [Citation] {
        let rules: [Rule]
        switch self {
        case .opened: rules = [.escrowAccount]
        case .keyRegistered: rules = [.reliance]
        case .depositReceived: rules = [.escrowAccount, .depositInstructions]
        case .documentReceived, .fundsAdvised: rules = [.advice]
        case .counterpartSigned(let e): return e.instrument.citation(under: terms)
        case .paymentInstructionsGiven: return Instrument.paymentInstructions("").citation(under: terms)
        case .releaseNoticeEffective: return Instrument.releaseNotice.citation(under: terms)
        case .disbursed(let e): rules = e.courtDocket == nil ? [.release, .remainder] : [.courtOrders]
        case .refundDeadlineMissed: rules = [.refund]
        case .refunded(let e): rules = e.courtDocket == nil ? [.refund] : [.courtOrders]
        case .refundsFellDue: rules = [.refund]
        case .amendmentProposed, .amendmentEffective: rules = [.amendments, .agentDuties]
        case .warningRecorded: rules = [.warnings]
        case .courtOrderRecorded: rules = [.courtOrders]
        case .holdPlaced, .holdLifted, .depositedWithCourt: rules = [.dispute]
        case .counselCostsClaimed: rules = [.counselCosts]
        case .furtherInstrumentRequested: rules = [.furtherInstruments]
        case .agentResigned: rules = [.resignation]
        case .successorProposed, .successorAppointed, .handoverAccepted: rules = [.succession]
        // Notices and desk controls store the clause they were recorded under.
        case .noticeRecorded(let e): return [.rule(.notices), .stated(e.clause)]
        case .deskControlRecorded(let e): return [.stated(e.clause)]
        case .bank(let e): return [.stated(e.clause)]
        // The agent keeps the record of the escrow (2.7); its checkpoint key is part of it.
        case .checkpointKeyRecorded: rules = [.agentDuties]
        case .jointInstructions(let e): return e.instrument.citation(under: terms)
        case .deskControlRejected(let e): return [.stated(e.clause)]
        }
        return rules.map(Citation.rule)
    }

    /// One human line for the timeline, read against the state before the event.
    public func summary(in state: EscrowState?) -> String {
        func name(_ party: PartyID) -> String { state?.displayName(party) ?? party.rawValue }
        func payeeName(_ payment: Payment) -> String {
            guard let state else { return payment.payee.description }
            return state.displayName(state.payee(of: payment))
        }
        func title(_ instrument: Instrument) -> String {
            guard let state else { return instrument.description }
            return EscrowDecider.displayTitle(state, instrument)
        }
        switch self {
        case .opened(let e):
            return "escrow \(e.escrowID) opened under \"\(e.terms.title)\" dated \(e.terms.dated); subscriptions total \(e.terms.aggregateSubscription)"
        case .keyRegistered(let e):
            return "signing key registered for \(name(e.party)) (\(e.publicKeyBase64.prefix(12))…)"
        case .depositReceived(let e):
            let flags = e.flags.isEmpty ? "" : " [flagged: \(e.flags.map(\.rawValue).joined(separator: ", "))]"
            return "deposit \(e.depositID) of \(e.amount) from \(e.senderName), wire \(e.bankReference)\(flags)"
        case .documentReceived(let e):
            return "\(e.title) received from \(name(e.from)) (sha256 \(e.sha256.prefix(12))…, \(e.byteCount) bytes)"
        case .counterpartSigned(let e):
            return "\(title(e.instrument)) counterpart signed by \(name(e.signer)): relied on \(e.reliance)"
        case .fundsAdvised(let e):
            return "advised \(e.recipients.map(name).joined(separator: ", ")) that \(e.amount) is received; every condition is in"
        case .paymentInstructionsGiven(let e):
            return "written wire instructions from \(name(e.party)): \(e.lines.count) account(s); relied on \(e.reliance)"
        case .releaseNoticeEffective(let e):
            let title = state?.terms.releaseInstrument.title ?? "Release Notice"
            return "\(title) effective: executed by \(e.signers.map(name).joined(separator: ", "))"
        case .disbursed(let e):
            let lines = e.payments.map { "\($0.amount) to \(payeeName($0)) (\($0.clause))" }.joined(separator: "; ")
            let court = e.courtDocket.map { " under court order \($0)" } ?? ""
            let retained = e.retained.isZero ? "" : "; \(e.retained) retained under hold"
            return "disbursed \(e.total)\(court): \(lines)\(retained)"
        case .refundDeadlineMissed(let e):
            return "\(e.condition) not received by \(e.deadline): release is no longer possible; funds go back"
        case .refunded(let e):
            let lines = e.payments.map { "\($0.amount) to \(payeeName($0))" }.joined(separator: "; ")
            let court = e.courtDocket.map { " under court order \($0)" } ?? ""
            return "refunded \(e.total)\(court): \(lines)"
        case .refundsFellDue(let e):
            let lines = e.owed.map { "\($0.amount) to \(payeeName($0))" }.joined(separator: "; ")
            return "refund of \(e.total) fell due: \(lines)"
        case .amendmentProposed(let e):
            return "amendment \(e.amendmentID) proposed: \(e.changes.map(\.description).joined(separator: "; "))"
        case .amendmentEffective(let e):
            return "amendment \(e.amendmentID) effective: signed by every party charged"
        case .warningRecorded(let e):
            return "warning from \(e.from) recorded, not binding: \(e.text)"
        case .courtOrderRecorded(let e):
            return "court order \(e.docket) of \(e.court)\(e.isFinal ? " (final)" : ""): \(e.directive); obeyed"
        case .holdPlaced(let e):
            let what = e.amount.map { "\($0)" } ?? "all funds"
            return "hold \(e.holdID) on \(what): \(e.reason)"
        case .holdLifted(let e):
            return "hold \(e.holdID) lifted by \(e.basis)"
        case .depositedWithCourt(let e):
            return "\(e.amount) delivered to \(e.court)\(e.docket.map { " (\($0))" } ?? "")"
        case .counselCostsClaimed(let e):
            return "counsel costs of \(e.amount) claimed for \(e.counsel)"
        case .furtherInstrumentRequested(let e):
            let due = e.dueBy.map { " by \($0)" } ?? ""
            return "further instrument requested: \(e.title) from \(e.from.map(name).joined(separator: ", "))\(due)"
        case .agentResigned(let e):
            return "escrow agent \(name(e.agent)) resigned by notice to \(e.recipients.map(name).joined(separator: ", "))"
        case .successorProposed(let e):
            return "\(e.successor.name) proposed as successor escrow agent"
        case .successorAppointed(let e):
            return "\(e.successor.name) appointed successor escrow agent by the company and every purchaser"
        case .noticeRecorded(let e):
            return "notice to \(e.recipients.joined(separator: ", ")): \(e.subject)"
        case .deskControlRecorded(let e):
            switch e.control.kind {
            case .makerChecker:
                return "\(e.command) requested by agent user \(e.control.maker) (maker), approved by agent user \(e.control.checker) (checker)"
            case .callBack:
                let whose = e.party.map { "bank details of \(name($0))" } ?? "bank details"
                return "\(whose) submitted by user \(e.control.maker), confirmed by call-back by agent user \(e.control.checker): "
                    + (e.control.note ?? "")
            }
        case .bank(let e):
            return e.summary
        case .checkpointKeyRecorded(let e):
            let replaced = e.replacesPublicKeyBase64.map { ", replacing \($0.prefix(12))…" } ?? ""
            return "agent's checkpoint key recorded (\(e.publicKeyBase64.prefix(12))…\(replaced))"
        case .jointInstructions(let e):
            return e.summary(in: state)
        case .deskControlRejected(let e):
            let what: String
            switch e.control.kind {
            case .makerChecker: what = "\(e.command) requested by agent user \(e.control.maker) (maker)"
            case .callBack: what = (e.party.map { "bank details of \(name($0))" } ?? "bank details") + " submitted by user \(e.control.maker)"
            }
            return "\(what), rejected by agent user \(e.control.checker) (checker): \(e.reason)"
        case .handoverAccepted(let e):
            return "\(name(e.successor)) verified \(e.eventsVerified) events and \(e.fundsHeld) held, and acts as escrow agent"
        }
    }
}
