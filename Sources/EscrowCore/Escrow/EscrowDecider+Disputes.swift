import Foundation

extension EscrowDecider {
    /// 2.9: a warning is kept on the record and changes nothing else.
    static func recordWarning(_ state: EscrowState, from: String, text: String, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireText(from, field: "warning's author", clause: "2.9")
        try requireText(text, field: "warning text", clause: "2.9")
        return [.warningRecorded(WarningRecorded(from: from, text: text, at: now))]
    }

    /// 2.9: the agent obeys court orders, which override the parties' instructions.
    static func recordCourtOrder(
        _ state: EscrowState, docket: String, court: String, isFinal: Bool, directive: CourtDirective, documentSHA256: String, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireText(docket, field: "docket reference", clause: "2.9")
        try requireText(court, field: "court", clause: "2.9")
        try requireHash(documentSHA256, field: "order document hash", clause: "2.9")
        guard !state.courtOrders.contains(where: { $0.docket == docket && $0.directive == directive }) else {
            throw EscrowRefusal(.alreadyDone, clause: "2.9", "court order \(docket) is already recorded")
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
            guard after.activeHolds[holdID] != nil else {
                throw EscrowRefusal(.notFound, clause: "2.14", "there is no active hold '\(holdID)'")
            }
            guard isFinal else {
                throw EscrowRefusal(
                    clause: "2.14", "a dispute hold is lifted only by a final order after the time for appeal has expired; order \(docket) is not final")
            }
            return [order, .holdLifted(HoldLifted(holdID: holdID, basis: .finalCourtOrder(docket: docket), at: now))]
        case .pay(let payments):
            guard !payments.isEmpty, payments.count <= Limits.paymentsMax else {
                throw EscrowRefusal(.invalid, clause: "2.9", "a court-ordered disbursement needs 1 to \(Limits.paymentsMax) payments")
            }
            try requireFundsOnHand(after)
            var ordered: [Payment] = []
            for payment in payments {
                try requireAmount(payment.amount, after, field: "court-ordered payment", clause: "2.9")
                try requireText(payment.payee, field: "payee", clause: "2.9")
                ordered.append(
                    Payment(
                        payee: payment.payee, amount: payment.amount, destination: payment.destination,
                        purpose: payment.purpose.isEmpty ? "ordered by \(court)" : payment.purpose, clause: "2.9"))
            }
            let total = try sum(ordered, after)
            guard total <= after.ledger.held else {
                throw EscrowRefusal(.invalid, clause: "2.9", "order \(docket) directs \(total) but \(after.ledger.held) is held")
            }
            return [order, .disbursed(Disbursed(payments: ordered, total: total, retained: .zero(after.currency), courtDocket: docket, at: now))]
        case .refundAll:
            try requireFundsOnHand(after)
            return [order, try refundEvent(after, at: now, courtDocket: docket)]
        case .depositWithCourt:
            return [order] + (try depositWithCourt(after, court: court, docket: docket, orderedByCourt: true, at: now))
        }
    }

    static func requireFundsOnHand(_ state: EscrowState) throws(EscrowRefusal) {
        guard state.courtDeposit == nil else {
            throw EscrowRefusal(.alreadyDone, clause: "2.14", "the funds were delivered to the court")
        }
        guard state.ledger.held.isPositive else {
            throw EscrowRefusal(.alreadyDone, clause: "2.9", "no funds are held")
        }
    }

    /// 2.14(1): retain all or part of the funds until the dispute is settled.
    static func placeHold(
        _ state: EscrowState, id: HoldID, amount: Money?, reason: String, parties: [PartyID], courtDocket: String?, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        if courtDocket == nil { try requireOpenForAgentAct(state) }
        guard state.activeHolds[id] == nil, state.liftedHolds[id] == nil else {
            throw EscrowRefusal(.alreadyDone, clause: "2.14", "hold \(id) already exists")
        }
        try requireText(reason, field: "dispute", clause: "2.14")
        if let amount {
            try requireAmount(amount, state, field: "hold amount", clause: "2.14")
            let already = state.retainedUnderHolds ?? state.ledger.held
            let total = try money(already.adding(amount))
            guard total <= state.ledger.held else {
                throw EscrowRefusal(.invalid, clause: "2.14", "holds would total \(total) but only \(state.ledger.held) is held")
            }
        }
        for party in parties { _ = try requireParty(state, party, clause: "2.14") }
        if courtDocket == nil, parties.isEmpty {
            throw EscrowRefusal(.invalid, clause: "2.14", "name the parties concerned, whose mutual written agreement will settle the dispute")
        }
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
        try requireText(court, field: "court", clause: "2.14")
        return [.depositedWithCourt(DepositedWithCourt(court: court, docket: docket, amount: state.ledger.held, at: now))]
    }

    /// 2.11: the agent's counsel costs, paid out of the escrow at release or refund.
    static func claimCounselCosts(
        _ state: EscrowState, counsel: String, amount: Money, invoiceSHA256: String, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireOpenForAgentAct(state)
        guard state.phase == .open else {
            throw EscrowRefusal(.alreadyDone, clause: "2.11", "counsel costs are claimed before the funds leave the escrow")
        }
        try requireText(counsel, field: "counsel", clause: "2.11")
        try requireAmount(amount, state, field: "counsel costs", clause: "2.11")
        try requireHash(invoiceSHA256, field: "invoice hash", clause: "2.11")
        return [.counselCostsClaimed(CounselCostsClaimed(counsel: counsel, amount: amount, invoiceSHA256: invoiceSHA256, at: now))]
    }

    /// 2.13: a further instrument becomes a pending condition.
    static func requestInstrument(
        _ state: EscrowState, id: ConditionID, title: String, from: [PartyID], dueBy: CivilDate?, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireOpenForAgentAct(state)
        guard state.phase == .open else {
            throw EscrowRefusal(.alreadyDone, clause: "2.13", "the funds have left the escrow")
        }
        guard !state.terms.conditions.contains(where: { $0.id == id }), !state.furtherInstruments.contains(where: { $0.condition == id }),
            state.deadlines[DeadlineID(id.rawValue)] == nil
        else {
            throw EscrowRefusal(.alreadyDone, clause: "2.13", "'\(id)' is already a condition of this escrow")
        }
        try requireText(title, field: "instrument title", clause: "2.13")
        guard !from.isEmpty else { throw EscrowRefusal(.invalid, clause: "2.13", "name the parties to furnish the instrument") }
        for party in from { _ = try requireParty(state, party, clause: "2.13") }
        if let dueBy { try requireCalendarDate(dueBy, field: "due date", clause: "2.13") }
        let due = dueBy.map {
            Deadline(date: $0, cutoff: state.terms.calendar.cutoff, timeZoneIdentifier: state.terms.calendar.timeZoneIdentifier)
        }
        return [.furtherInstrumentRequested(FurtherInstrumentRequested(condition: id, title: title, from: from, dueBy: due, at: now))]
    }

    /// 2.2: a notice is kept once, stamped with the instant it is recorded.
    static func recordNotice(_ state: EscrowState, _ notice: NoticeRecorded, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireText(notice.noticeID, field: "notice id", clause: "2.2")
        try requireText(notice.subject, field: "notice subject", clause: "2.2")
        try requireText(notice.text, field: "notice text", clause: "2.2")
        guard !notice.recipients.isEmpty else { throw EscrowRefusal(.invalid, clause: "2.2", "a notice needs at least one recipient") }
        if state.recordedNotices.contains(where: { $0.noticeID == notice.noticeID }) { return [] }
        var stamped = notice
        stamped.at = now
        return [.noticeRecorded(stamped)]
    }

    /// 2.12: the agent resigns by written notice to the company and the purchasers.
    static func resign(_ state: EscrowState, notice: String, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        guard state.resignation == nil else {
            throw EscrowRefusal(.alreadyDone, clause: "2.12", "the escrow agent has already resigned")
        }
        try requireText(notice, field: "resignation notice", clause: "2.12")
        let recipients = [state.terms.company?.id].compactMap { $0 } + state.terms.purchasers.map(\.id)
        return [.agentResigned(AgentResigned(agent: state.agent, notice: notice, recipients: recipients, at: now))]
    }

    /// 2.12: the company and the purchasers put a successor forward; each must sign.
    static func proposeSuccessor(_ state: EscrowState, successor: Party, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        guard state.resignation != nil else {
            throw EscrowRefusal(clause: "2.12", "a successor is appointed after the escrow agent resigns")
        }
        guard state.successorAppointment == nil else {
            throw EscrowRefusal(.alreadyDone, clause: "2.12", "a successor is already appointed")
        }
        try requireText(successor.name, field: "successor's name", clause: "2.12")
        guard state.terms.party(successor.id) == nil, !successor.id.rawValue.isEmpty else {
            throw EscrowRefusal(.invalid, clause: "2.12", "the successor needs an id of its own, not '\(successor.id)'")
        }
        var party = successor
        party.role = .escrowAgent
        let signers = [state.terms.company?.id].compactMap { $0 } + state.terms.purchasers.map(\.id)
        return [.successorProposed(SuccessorProposed(successor: party, requiredSigners: signers, at: now))]
    }

    /// 2.12: the appointed successor has verified the whole history and takes over.
    static func acceptHandover(
        _ state: EscrowState, successor: PartyID, eventsVerified: Int, lastHash: String, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        guard let appointment = state.successorAppointment else {
            throw EscrowRefusal(clause: "2.12", "no successor has been appointed by the company and every purchaser")
        }
        guard appointment.successor.id == successor else {
            throw EscrowRefusal(.invalid, clause: "2.12", "the appointed successor is \(appointment.successor.id), not \(successor)")
        }
        guard state.handover == nil || state.agent != successor else {
            throw EscrowRefusal(.alreadyDone, clause: "2.12", "\(successor) has already taken over")
        }
        try requireHash(lastHash, field: "last event hash", clause: "2.12")
        return [
            .handoverAccepted(
                HandoverAccepted(successor: successor, eventsVerified: eventsVerified, lastHash: lastHash, fundsHeld: state.ledger.held, at: now))
        ]
    }
}
