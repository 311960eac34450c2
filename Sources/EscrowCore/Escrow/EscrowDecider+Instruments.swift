import Foundation

extension EscrowDecider {
    /// 2.8: the agent registers the key it will rely on for a signatory.
    static func registerKey(_ state: EscrowState, party: PartyID, key: String, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        _ = try requireParty(state, party, as: .keyHolder)
        guard SignatureKeys.isValidPublicKey(key) else { throw EscrowRefusal(.publicKeyMalformed, in: state) }
        if let owner = state.publicKeys.first(where: { $0.value == key })?.key, owner != party {
            throw EscrowRefusal(.keyRegisteredToAnother(owner), in: state)
        }
        guard state.publicKeys[party] != key else { return [] }
        return [.keyRegistered(KeyRegistered(party: party, publicKeyBase64: key, at: now))]
    }

    /// 1.2, 2.13: a document from a party named by a condition or a further-instrument request.
    static func receiveDocument(
        _ state: EscrowState, condition: ConditionID, from: PartyID, title: String?, sha256: String, byteCount: Int, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        _ = try requireParty(state, from, as: .documentSender)
        try requireHash(sha256, state, field: .documentHash)
        let expected: (title: String, from: [PartyID])
        if let condition = state.terms.conditions.first(where: { $0.id == condition }) {
            guard condition.kind != .subscriptionFunds else { throw EscrowRefusal(.conditionMetByDeposits(condition.id), in: state) }
            expected = (condition.title, state.terms.expand(condition.from))
        } else if let request = state.furtherInstruments.first(where: { $0.condition == condition }) {
            expected = (request.title, request.from)
        } else {
            throw EscrowRefusal(.notACondition(condition), in: state)
        }
        guard expected.from.contains(from) else { throw EscrowRefusal(.documentFromWrongParty(condition, from: from), in: state) }
        if let existing = state.documents.first(where: { $0.condition == condition && $0.from == from }) {
            guard existing.sha256 == sha256 else {
                throw EscrowRefusal(.documentAlreadyReceived(condition, from: from, sha256: existing.sha256), in: state)
            }
            return []
        }
        guard byteCount >= 0 else { throw EscrowRefusal(.documentSizeNegative, in: state) }
        return [
            .documentReceived(
                DocumentReceived(condition: condition, from: from, title: title ?? expected.title, sha256: sha256, byteCount: byteCount, at: now))
        ]
    }

    /// Checks a counterpart's evidence and says what the agent relies on (2.8, 2.10).
    static func reliance(
        _ state: EscrowState, instrument: Instrument, signer: PartyID, evidence: SignatureEvidence
    ) throws(EscrowRefusal) -> Reliance {
        switch evidence {
        case .paper(let scan, let attestedBy):
            try requireHash(scan, state, field: .scanHash)
            try requireText(attestedBy, state, field: .attestingAgentUser)
            return .paper(scanSHA256: scan, attestedBy: attestedBy)
        case .ed25519(let signature):
            guard let message = state.signingMessage(for: instrument, signer: signer) else {
                throw EscrowRefusal(.nothingToSign(instrument), in: state)
            }
            guard let key = state.publicKeys[signer] else { throw EscrowRefusal(.noSigningKey(signer), in: state) }
            if SignatureKeys.verify(signatureBase64: signature, of: message, publicKeyBase64: key) {
                return .ed25519(publicKeyBase64: key, signatureBase64: signature, messageSHA256: message.sha256)
            }
            for (other, otherKey) in state.publicKeys.sorted(by: { $0.key < $1.key }) where other != signer {
                if let otherMessage = state.signingMessage(for: instrument, signer: other),
                    SignatureKeys.verify(signatureBase64: signature, of: otherMessage, publicKeyBase64: otherKey)
                {
                    throw EscrowRefusal(.signatureByAnotherParty(signer: signer, actual: other), in: state)
                }
            }
            throw EscrowRefusal(.signatureInvalid(signer, instrument: instrument), in: state)
        }
    }

    static func displayTitle(_ state: EscrowState, _ instrument: Instrument) -> String {
        instrument.title(in: state.terms)
    }

    /// 1.4, 2.4, 2.12, 2.14: one counterpart of an instrument, by one of its required signers.
    static func sign(
        _ state: EscrowState, instrument: Instrument, signer: PartyID, evidence: SignatureEvidence, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        _ = try requireParty(state, signer, as: .signer(instrument))
        guard state.text(of: instrument) != nil else { throw EscrowRefusal(.nothingToSign(instrument), in: state) }
        if case .paymentInstructions = instrument { throw EscrowRefusal(.instructionsSignedWhenGiven, in: state) }
        guard state.requiredSigners(of: instrument).contains(signer) else {
            throw EscrowRefusal(.notASigner(signer, instrument: instrument), in: state)
        }
        guard state.signatures[instrument]?[signer] == nil else {
            throw EscrowRefusal(.alreadySigned(signer, instrument: instrument), in: state)
        }
        switch instrument {
        case .releaseNotice:
            if let missed = state.refundDeadlineMissed {
                throw EscrowRefusal(.releaseNoticeAfterRefundDeadline(deadline: missed.deadline), in: state)
            }
            guard state.advice != nil else { throw EscrowRefusal(.releaseNoticeBeforeAdvice, in: state) }
        case .amendment(let id):
            guard state.effectiveAmendments[id] == nil else { throw EscrowRefusal(.amendmentAlreadyEffective(id), in: state) }
        case .jointInstructions(let id):
            guard state.jointInstructionsPaid[id] == nil else { throw EscrowRefusal(.jointInstructions(.alreadyPaid(id)), in: state) }
        case .successorAppointment, .settlement, .paymentInstructions:
            break
        }
        let reliance = try reliance(state, instrument: instrument, signer: signer, evidence: evidence)
        return [.counterpartSigned(CounterpartSigned(instrument: instrument, signer: signer, reliance: reliance, at: now))]
    }

    /// 1.6, 1.7: signed written wire instructions from the company or a purchaser (or a fee payee).
    static func giveInstructions(
        _ state: EscrowState, party: PartyID, lines: [InstructionLine], evidence: SignatureEvidence, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        let owner = try requireParty(state, party, as: .instructingParty)
        guard (owner.role != .escrowAgent && owner.role != .thirdParty) || state.terms.disbursement.payees.contains(party) else {
            throw EscrowRefusal(.paidNothing(party), in: state)
        }
        guard !lines.isEmpty, lines.count <= Limits.instructionLinesMax else { throw EscrowRefusal(.instructionLineCount, in: state) }
        guard lines.filter({ $0.amount == nil }).count <= 1 else { throw EscrowRefusal(.severalRestAccounts, in: state) }
        for line in lines {
            try requireText(line.account.accountName, state, field: .accountName)
            try requireText(line.account.bank, state, field: .bank)
            try requireBankDetails(line.account, state)
            if let amount = line.amount { try requireAmount(amount, state, field: .instructionAmount) }
        }
        let fixedTotal = try money(Money.sum(lines.compactMap(\.amount), state.currency), state)
        guard fixedTotal.isWithinCeiling else {
            throw EscrowRefusal(.instructionsAboveCeiling(total: fixedTotal, ceiling: state.currency.amountCeiling), in: state)
        }
        let digest = EventCoding.digest(of: lines)
        let instrument = Instrument.paymentInstructions(digest)
        let reliance = try reliance(state, instrument: instrument, signer: party, evidence: evidence)
        return [
            .paymentInstructionsGiven(PaymentInstructionsGiven(party: party, lines: lines, digest: digest, reliance: reliance, at: now))
        ]
    }

    /// 2.4, 2.7: an amendment for the company, every purchaser and the agent to sign, or for
    /// the signers the agreement file's `instruments:` section names.
    static func proposeAmendment(
        _ state: EscrowState, id: AmendmentID, changes: [AmendmentChange], text: String, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        guard state.amendments[id] == nil else { throw EscrowRefusal(.amendmentAlreadyProposed(id), in: state) }
        try requireText(text, state, field: .amendmentText)
        guard !changes.isEmpty else { throw EscrowRefusal(.amendmentChangesNothing, in: state) }
        for change in changes {
            switch change {
            case .extendDeadline(let deadlineID, let date):
                try requireCalendarDate(date, state, field: .extendedDeadline(deadlineID))
                guard let current = state.deadlines[deadlineID] else { throw EscrowRefusal(.noSuchDeadline(deadlineID), in: state) }
                guard date > current.date else {
                    throw EscrowRefusal(.extensionNotLater(deadlineID, current: current.date), in: state)
                }
                if deadlineID == EscrowState.refundDeadlineID, state.refundDeadlineMissed != nil {
                    throw EscrowRefusal(.extensionAfterRefundDeadline, in: state)
                }
            case .changeFixedPayment(let payee, let amount):
                guard state.terms.disbursement.fixedPayments.contains(where: { $0.payee == payee }) else {
                    throw EscrowRefusal(.noFixedPayment(payee), in: state)
                }
                try requireAmount(amount, state, field: .fixedPayment)
            case .agentDuties(let duties):
                try requireText(duties, state, field: .agentDuties)
            }
        }
        let signers = state.terms.amendmentSigners(for: changes, agent: state.agent)
        return [.amendmentProposed(AmendmentProposed(amendmentID: id, changes: changes, text: text, requiredSigners: signers, at: now))]
    }
}
