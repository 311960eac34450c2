import Foundation

extension EscrowDecider {
    /// 2.9: a warning is kept on the record and changes nothing else.
    static func recordWarning(_ state: EscrowState, from: String, text: String, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireText(from, state, field: .warningAuthor)
        try requireText(text, state, field: .warningText)
        return [.warningRecorded(WarningRecorded(from: from, text: text, at: now))]
    }

    /// 2.9: the agent obeys court orders, which override the parties' instructions.
    static func recordCourtOrder(
        _ state: EscrowState, docket: String, court: String, isFinal: Bool, directive: CourtDirective, documentSHA256: String, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireText(docket, state, field: .docket)
        try requireText(court, state, field: .orderingCourt)
        try requireHash(documentSHA256, state, field: .orderDocumentHash)
        guard !state.courtOrders.contains(where: { $0.docket == docket && $0.directive == directive }) else {
            throw EscrowRefusal(.courtOrderAlreadyRecorded(docket: docket), in: state)
        }
        let order = EscrowEvent.courtOrderRecorded(
            CourtOrderRecorded(docket: docket, court: court, isFinal: isFinal, directive: directive, documentSHA256: documentSHA256, at: now))
        var after = state
        try fold(order, into: &after)
        switch directive {
        case .hold(let amount):
            return [order]
                + (try placeHold(after, id: HoldID(docket), amount: amount, reason: "ordered by \(court)", parties: [], courtDocket: docket, at: now))
        case .liftHold(let holdID):
            guard after.activeHolds[holdID] != nil else { throw EscrowRefusal(.noActiveHold(holdID), in: after) }
            guard isFinal else { throw EscrowRefusal(.orderNotFinal(docket: docket), in: after) }
            return [order, .holdLifted(HoldLifted(holdID: holdID, basis: .finalCourtOrder(docket: docket), at: now))]
        case .pay(let payments):
            guard !payments.isEmpty, payments.count <= Limits.paymentsMax else { throw EscrowRefusal(.courtPaymentCount, in: after) }
            try requireFundsOnHand(after)
            var ordered: [Payment] = []
            for payment in payments {
                try requireAmount(payment.amount, after, field: .courtOrderedPayment)
                // A party the order names must be one of this escrow's; anyone else by name.
                switch payment.payee {
                case .party(let party): _ = try requireParty(after, party, as: .courtOrderedPayee)
                case .counsel(let name), .outside(let name): try requireText(name, after, field: .courtOrderedPayee)
                }
                ordered.append(
                    Payment(
                        payee: payment.payee, amount: payment.amount, destination: payment.destination,
                        purpose: payment.purpose.isEmpty ? "ordered by \(court)" : payment.purpose, clause: after.terms.cite(.courtOrders)))
            }
            let total = try sum(ordered, after)
            guard total <= after.ledger.held else {
                throw EscrowRefusal(.courtOrderExceedsFunds(docket: docket, total: total, held: after.ledger.held), in: after)
            }
            return [order, .disbursed(Disbursed(payments: ordered, total: total, retained: .zero(after.currency), courtDocket: docket, at: now))]
        case .refundAll:
            try requireFundsOnHand(after)
            return [order] + (try refundEvents(after, at: now, courtDocket: docket))
        case .depositWithCourt:
            return [order] + (try depositWithCourt(after, court: court, docket: docket, orderedByCourt: true, at: now))
        }
    }

    static func requireFundsOnHand(_ state: EscrowState) throws(EscrowRefusal) {
        guard state.courtDeposit == nil else { throw EscrowRefusal(.fundsWithCourt, in: state) }
        guard state.ledger.held.isPositive else { throw EscrowRefusal(.noFundsHeld(under: .courtOrders), in: state) }
    }

    /// 2.14(1): retain all or part of the funds until the dispute is settled.
    static func placeHold(
        _ state: EscrowState, id: HoldID, amount: Money?, reason: String, parties: [PartyID], courtDocket: String?, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        if courtDocket == nil { try requireOpenForAgentAct(state) }
        guard state.activeHolds[id] == nil, state.liftedHolds[id] == nil else { throw EscrowRefusal(.holdExists(id), in: state) }
        try requireText(reason, state, field: .dispute)
        if let amount {
            try requireAmount(amount, state, field: .holdAmount)
            let already = state.retainedUnderHolds ?? state.ledger.held
            let total = try money(already.adding(amount), state)
            guard total <= state.ledger.held else {
                throw EscrowRefusal(.holdsExceedFunds(total: total, held: state.ledger.held), in: state)
            }
        }
        for party in parties { _ = try requireParty(state, party, as: .partyConcerned) }
        if courtDocket == nil, parties.isEmpty { throw EscrowRefusal(.holdNeedsParties, in: state) }
        return [
            .holdPlaced(HoldPlaced(holdID: id, amount: amount, reason: reason, partiesConcerned: parties, courtDocket: courtDocket, at: now))
        ]
    }

    /// 2.14(2): deliver the funds to a court in New York County.
    static func depositWithCourt(
        _ state: EscrowState, court: String, docket: String?, orderedByCourt: Bool, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        if !orderedByCourt { try requireOpenForAgentAct(state) }
        try requireFundsOnHand(state)
        try requireText(court, state, field: .receivingCourt)
        return [.depositedWithCourt(DepositedWithCourt(court: court, docket: docket, amount: state.ledger.held, at: now))]
    }

    /// 2.11: the agent's counsel costs, paid out of the escrow at release or refund.
    static func claimCounselCosts(
        _ state: EscrowState, counsel: String, amount: Money, invoiceSHA256: String, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireOpenForAgentAct(state)
        guard state.phase == .open else { throw EscrowRefusal(.counselClaimAfterFundsLeft, in: state) }
        try requireText(counsel, state, field: .counsel)
        try requireAmount(amount, state, field: .counselCosts)
        try requireHash(invoiceSHA256, state, field: .invoiceHash)
        return [.counselCostsClaimed(CounselCostsClaimed(counsel: counsel, amount: amount, invoiceSHA256: invoiceSHA256, at: now))]
    }

    /// 2.13: a further instrument becomes a pending condition.
    static func requestInstrument(
        _ state: EscrowState, id: ConditionID, title: String, from: [PartyID], dueBy: CivilDate?, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireOpenForAgentAct(state)
        guard state.phase == .open else { throw EscrowRefusal(.instrumentRequestAfterFundsLeft, in: state) }
        guard !state.terms.conditions.contains(where: { $0.id == id }), !state.furtherInstruments.contains(where: { $0.condition == id }),
            state.deadlines[DeadlineID(id.rawValue)] == nil
        else {
            throw EscrowRefusal(.conditionExists(id), in: state)
        }
        try requireText(title, state, field: .instrumentTitle)
        guard !from.isEmpty else { throw EscrowRefusal(.instrumentNeedsParties, in: state) }
        for party in from { _ = try requireParty(state, party, as: .furnishingParty) }
        if let dueBy { try requireCalendarDate(dueBy, state, field: .dueDate) }
        let due = dueBy.map {
            Deadline(date: $0, cutoff: state.terms.calendar.cutoff, timeZoneIdentifier: state.terms.calendar.timeZoneIdentifier)
        }
        return [.furtherInstrumentRequested(FurtherInstrumentRequested(condition: id, title: title, from: from, dueBy: due, at: now))]
    }

    /// 2.2: a notice is kept once, stamped with the instant it is recorded.
    static func recordNotice(_ state: EscrowState, _ notice: NoticeRecorded, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireText(notice.noticeID, state, field: .noticeID)
        try requireText(notice.subject, state, field: .noticeSubject)
        try requireText(notice.text, state, field: .noticeText)
        guard !notice.recipients.isEmpty else { throw EscrowRefusal(.noticeNeedsRecipient, in: state) }
        if state.recordedNotices.contains(where: { $0.noticeID == notice.noticeID }) { return [] }
        var stamped = notice
        stamped.at = now
        return [.noticeRecorded(stamped)]
    }

    /// 2.12: the agent resigns by written notice to the company and the purchasers, or to
    /// whom the agreement file's `notices:` section names.
    static func resign(_ state: EscrowState, notice: String, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        guard state.resignation == nil else { throw EscrowRefusal(.alreadyResigned, in: state) }
        try requireText(notice, state, field: .resignationNotice)
        let recipients = state.terms.noticeRecipients(.resignation)
        return [.agentResigned(AgentResigned(agent: state.agent, notice: notice, recipients: recipients, at: now))]
    }

    /// 2.12: the company and the purchasers put a successor forward; each must sign.
    static func proposeSuccessor(_ state: EscrowState, successor: Party, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        guard state.resignation != nil else { throw EscrowRefusal(.successorBeforeResignation, in: state) }
        guard state.successorAppointment == nil else { throw EscrowRefusal(.successorAlreadyAppointed, in: state) }
        try requireText(successor.name, state, field: .successorName)
        guard state.terms.party(successor.id) == nil, !successor.id.rawValue.isEmpty else {
            throw EscrowRefusal(.successorIDTaken(successor.id), in: state)
        }
        var party = successor
        party.role = .escrowAgent
        let signers = state.terms.successorSigners
        return [.successorProposed(SuccessorProposed(successor: party, requiredSigners: signers, at: now))]
    }

    /// 2.12: the appointed successor has verified the whole history and takes over.
    static func acceptHandover(
        _ state: EscrowState, successor: PartyID, eventsVerified: Int, lastHash: String, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        guard let appointment = state.successorAppointment else { throw EscrowRefusal(.noSuccessorAppointed, in: state) }
        guard appointment.successor.id == successor else {
            throw EscrowRefusal(.notTheAppointedSuccessor(appointed: appointment.successor.id, claimed: successor), in: state)
        }
        guard state.handover == nil || state.agent != successor else {
            throw EscrowRefusal(.handoverAlreadyAccepted(successor), in: state)
        }
        try requireHash(lastHash, state, field: .lastEventHash)
        return [
            .handoverAccepted(
                HandoverAccepted(successor: successor, eventsVerified: eventsVerified, lastHash: lastHash, fundsHeld: state.ledger.held, at: now))
        ]
    }
}
