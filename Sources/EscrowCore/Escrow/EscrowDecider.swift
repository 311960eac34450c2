public import Foundation

/// The rules of the agreement: turns a command, the current state and the current instant
/// into the events to record, or refuses with the clause that forbids it.
///
/// Pure: no I/O and no clock. The caller passes `now` and records what comes back.
public enum EscrowDecider {
    /// 1.1: opens an escrow account under validated terms.
    public static func open(escrowID: EscrowID, terms: AgreementTerms, at now: Date) throws(EscrowRefusal) -> EscrowEvent {
        guard !escrowID.rawValue.isEmpty, escrowID.rawValue.count <= Limits.identifierLengthMax,
            escrowID.rawValue.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
        else {
            throw EscrowRefusal(.escrowIDMalformed, terms: terms)
        }
        return .opened(EscrowOpened(escrowID: escrowID, terms: terms, termsSHA256: EventCoding.digest(of: terms), at: now))
    }

    /// Decides a command: first the deadlines that are due at `now` fire, then the command,
    /// then whatever follows from it (the 1.2 advice, an instrument becoming effective).
    public static func handle(_ command: EscrowCommand, state: EscrowState, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        try handleFolding(command, state: state, at: now).events
    }

    /// ``handle(_:state:at:)``, also answering the state after the events: the fold that
    /// deciding needs anyway, so a caller need not apply the events a second time.
    public static func handleFolding(
        _ command: EscrowCommand, state: EscrowState, at now: Date
    ) throws(EscrowRefusal) -> (events: [EscrowEvent], state: EscrowState) {
        var working = state
        var events: [EscrowEvent] = []
        func record(_ new: [EscrowEvent]) throws(EscrowRefusal) {
            for event in new {
                try fold(event, into: &working)
                events.append(event)
            }
        }
        try record(dueEvents(working, at: now))
        if case .importBankStatement(let statement) = command {
            // A statement's entries are folded one by one while they are decided (each entry
            // is matched on the state its predecessors left); that state is kept, not folded again.
            let imported = try importBankStatementFolding(working, statement, at: now)
            events += imported.events
            working = imported.state
        } else {
            try record(try decide(command, working, at: now))
        }
        var followUp = followUps(working, at: now)
        while !followUp.isEmpty {
            try record(followUp)
            followUp = followUps(working, at: now)
        }
        return (events, working)
    }

    /// Deadlines that have closed by `now` and not yet fired: 1.7's refund deadline.
    static func dueEvents(_ state: EscrowState, at now: Date) -> [EscrowEvent] {
        guard let refund = state.terms.refund,
            let deadline = state.deadlines[EscrowState.refundDeadlineID],
            state.refundDeadlineMissed == nil, state.phase == .open, deadline.isMissed(at: now),
            !waiverArrived(state, before: deadline, condition: refund.unlessCondition)
        else { return [] }
        var events: [EscrowEvent] = [
            .refundDeadlineMissed(RefundDeadlineMissed(deadline: deadline, condition: refund.unlessCondition, at: now))
        ]
        var after = state
        guard (try? after.apply(events[0])) != nil else { return [] }
        if let refunds = try? refundEvents(after, at: now, courtDocket: nil) { events += refunds }
        return events
    }

    /// The trigger condition counts only when its documents arrived before the deadline closed.
    static func waiverArrived(_ state: EscrowState, before deadline: Deadline, condition: ConditionID) -> Bool {
        guard state.isMet(condition) else { return false }
        let arrivals = state.documents.filter { $0.condition == condition }.map(\.at)
        return arrivals.allSatisfy { $0 < deadline.closesAt }
    }

    /// Events the agreement makes happen by themselves once their moment has come.
    static func followUps(_ state: EscrowState, at now: Date) -> [EscrowEvent] {
        if state.advice == nil, state.phase == .open, state.refundDeadlineMissed == nil, state.allConditionsMet {
            // 1.2: advise the company and the purchasers of the amount received.
            let recipients = state.terms.noticeRecipients(.advice)
            return [.fundsAdvised(FundsAdvised(amount: state.ledger.held, recipients: recipients, at: now))]
        }
        if state.releaseNoticeEffectiveAt == nil, state.missingSigners(of: .releaseNotice).isEmpty {
            return [.releaseNoticeEffective(ReleaseNoticeEffective(signers: state.requiredSigners(of: .releaseNotice), at: now))]
        }
        for (id, amendment) in state.amendments.sorted(by: { $0.key < $1.key })
        where state.effectiveAmendments[id] == nil && state.missingSigners(of: .amendment(id)).isEmpty
            && !amendment.requiredSigners.isEmpty
        {
            return [.amendmentEffective(AmendmentEffective(amendmentID: id, at: now))]
        }
        if let proposal = state.successorProposal, state.successorAppointment?.successor != proposal.successor,
            state.missingSigners(of: .successorAppointment(proposal.successor.id)).isEmpty
        {
            return [.successorAppointed(SuccessorAppointed(successor: proposal.successor, at: now))]
        }
        if let payment = owedRefundPayment(state, at: now) { return [payment] }
        if let payment = dueJointInstructionsPayment(state, at: now) { return [payment] }
        for (id, hold) in state.activeHolds.sorted(by: { $0.key < $1.key })
        where hold.courtDocket == nil && !hold.partiesConcerned.isEmpty
            && state.missingSigners(of: .settlement(id)).isEmpty
        {
            return [.holdLifted(HoldLifted(holdID: id, basis: .mutualWrittenAgreement, at: now))]
        }
        return []
    }

    static func decide(_ command: EscrowCommand, _ state: EscrowState, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        switch command {
        case .registerKey(let party, let key):
            return try registerKey(state, party: party, key: key, at: now)
        case .recordDeposit(let reference, let purchaser, let senderName, let amount):
            return try recordDeposit(state, reference: reference, purchaser: purchaser, senderName: senderName, amount: amount, at: now)
        case .receiveDocument(let condition, let from, let title, let sha256, let byteCount):
            return try receiveDocument(state, condition: condition, from: from, title: title, sha256: sha256, byteCount: byteCount, at: now)
        case .sign(let instrument, let signer, let evidence):
            return try sign(state, instrument: instrument, signer: signer, evidence: evidence, at: now)
        case .giveInstructions(let party, let lines, let evidence):
            return try giveInstructions(state, party: party, lines: lines, evidence: evidence, at: now)
        case .advise:
            return try advise(state)
        case .release:
            return try release(state, at: now)
        case .refund:
            return try refund(state, at: now)
        case .tick:
            return []
        case .approved(let command, let control):
            if case .approved = command {
                throw EscrowRefusal(.deskControlNested, in: state)
            }
            return try approved(command, control: control, state, at: now)
        case .proposeAmendment(let id, let changes, let text):
            return try proposeAmendment(state, id: id, changes: changes, text: text, at: now)
        case .recordWarning(let from, let text):
            return try recordWarning(state, from: from, text: text, at: now)
        case .recordCourtOrder(let docket, let court, let isFinal, let directive, let documentSHA256):
            return try recordCourtOrder(
                state, docket: docket, court: court, isFinal: isFinal, directive: directive, documentSHA256: documentSHA256, at: now)
        case .placeHold(let id, let amount, let reason, let parties):
            return try placeHold(state, id: id, amount: amount, reason: reason, parties: parties, courtDocket: nil, at: now)
        case .depositWithCourt(let court, let docket):
            return try depositWithCourt(state, court: court, docket: docket, orderedByCourt: false, at: now)
        case .claimCounselCosts(let counsel, let amount, let invoice):
            return try claimCounselCosts(state, counsel: counsel, amount: amount, invoiceSHA256: invoice, at: now)
        case .requestInstrument(let id, let title, let from, let dueBy):
            return try requestInstrument(state, id: id, title: title, from: from, dueBy: dueBy, at: now)
        case .resign(let notice):
            return try resign(state, notice: notice, at: now)
        case .proposeSuccessor(let successor):
            return try proposeSuccessor(state, successor: successor, at: now)
        case .recordNotice(let notice):
            return try recordNotice(state, notice, at: now)
        case .acceptHandover(let successor, let count, let lastHash):
            return try acceptHandover(state, successor: successor, eventsVerified: count, lastHash: lastHash, at: now)
        case .exportBankPayments:
            return try exportBankPayments(state, at: now)
        case .importBankStatement(let statement):
            return try importBankStatement(state, statement, at: now)
        case .recordBankPaymentStatus(let report):
            return try recordBankPaymentStatus(state, report, at: now)
        case .resolveBankException(let id, let resolution, let user, let note):
            return try resolveBankException(state, id: id, resolution: resolution, by: user, note: note, at: now)
        case .reconcileBank:
            return try reconcileBank(state, at: now)
        case .giveBankPayeeAccount(let payee, let account, let user):
            return try giveBankPayeeAccount(state, payee: payee, account: account, by: user, at: now)
        case .recordCheckpointKey(let key):
            return try recordCheckpointKey(state, key: key, at: now)
        case .proposeJointInstructions(let id, let payee, let amount, let purpose):
            return try proposeJointInstructions(state, id: id, payee: payee, amount: amount, purpose: purpose, at: now)
        case .payJointInstructions(let id):
            return [try jointInstructionsPayment(state, id: id, at: now)]
        case .rejected(let command, let control, let reason):
            if case .approved = command { throw EscrowRefusal(.deskControlNested, in: state) }
            if case .rejected = command { throw EscrowRefusal(.deskControlNested, in: state) }
            return try rejected(command, control: control, reason: reason, state, at: now)
        }
    }

    /// Folds a decided event into the working state. The checks above keep every event
    /// foldable; should one slip through, the command is refused instead of recorded.
    static func fold(_ event: EscrowEvent, into state: inout EscrowState) throws(EscrowRefusal) {
        do { try state.apply(event) } catch {
            throw EscrowRefusal(.escrowAccountCannotTake(reason: error.reason), in: state)
        }
    }

    // MARK: Shared checks

    static func requireParty(_ state: EscrowState, _ party: PartyID, as field: EscrowRefusal.Field) throws(EscrowRefusal) -> Party {
        if let found = state.party(party) { return found }
        throw EscrowRefusal(.notAParty(party, as: field), in: state)
    }

    static func requireText(_ text: String, _ state: EscrowState, field: EscrowRefusal.Field) throws(EscrowRefusal) {
        // Character.isWhitespace covers spaces and line breaks, without a trip through NSString.
        guard !text.allSatisfy(\.isWhitespace) else { throw EscrowRefusal(.textEmpty(field), in: state) }
        guard text.utf8.count <= Limits.textBytesMax else { throw EscrowRefusal(.textTooLong(field), in: state) }
    }

    static func requireAmount(_ amount: Money, _ state: EscrowState, field: EscrowRefusal.Field) throws(EscrowRefusal) {
        guard amount.currency == state.currency else {
            throw EscrowRefusal(.amountInOtherCurrency(field, currency: amount.currency, escrowCurrency: state.currency), in: state)
        }
        guard amount.isPositive else { throw EscrowRefusal(.amountNotPositive(field), in: state) }
        guard amount.isWithinCeiling else {
            throw EscrowRefusal(.amountAboveCeiling(field, ceiling: state.currency.amountCeiling), in: state)
        }
    }

    /// Refuses a date the business calendar cannot count from (outside its supported years).
    static func requireCalendarDate(_ date: CivilDate, _ state: EscrowState, field: EscrowRefusal.Field) throws(EscrowRefusal) {
        guard state.calendar.years.contains(date.year) else {
            throw EscrowRefusal(.dateOutsideCalendar(field, date: date), in: state)
        }
    }

    static func requireHash(_ text: String, _ state: EscrowState, field: EscrowRefusal.Field) throws(EscrowRefusal) {
        guard SHA256Hex.isValid(text) else { throw EscrowRefusal(.hashMalformed(field), in: state) }
    }

    /// Refuses money-moving acts once the escrow is closed or its agent has resigned.
    static func requireOpenForAgentAct(_ state: EscrowState) throws(EscrowRefusal) {
        switch state.phase {
        case .open, .released: break
        case .refunded: throw EscrowRefusal(.fundsReturned, in: state)
        case .depositedWithCourt: throw EscrowRefusal(.fundsWithCourt, in: state)
        }
        guard state.agentCanAct else { throw EscrowRefusal(.agentResigned, in: state) }
    }
}
