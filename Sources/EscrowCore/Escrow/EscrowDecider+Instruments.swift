import Foundation

extension EscrowDecider {
    /// 2.8: the agent registers the key it will rely on for a signatory.
    static func registerKey(_ state: EscrowState, party: PartyID, key: String, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        _ = try requireParty(state, party, clause: "2.8")
        guard SignatureKeys.isValidPublicKey(key) else {
            throw EscrowRefusal(.invalid, clause: "2.8", "the public key is not a base64 Ed25519 public key")
        }
        if let owner = state.publicKeys.first(where: { $0.value == key })?.key, owner != party {
            throw EscrowRefusal(.invalid, clause: "2.8", "this key is already registered for \(state.displayName(owner))")
        }
        guard state.publicKeys[party] != key else { return [] }
        return [.keyRegistered(KeyRegistered(party: party, publicKeyBase64: key, at: now))]
    }

    /// 1.2, 2.13: a document from a party named by a condition or a further-instrument request.
    static func receiveDocument(
        _ state: EscrowState, condition: ConditionID, from: PartyID, title: String?, sha256: String, byteCount: Int, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        _ = try requireParty(state, from, clause: "1.2")
        try requireHash(sha256, field: "document hash", clause: "2.10")
        let expected: (title: String, from: [PartyID], clause: String)
        if let condition = state.terms.conditions.first(where: { $0.id == condition }) {
            guard condition.kind != .subscriptionFunds else {
                throw EscrowRefusal(.invalid, clause: condition.clause, "'\(condition.id)' is met by deposits, not by a document")
            }
            expected = (condition.title, state.terms.expand(condition.from), condition.clause)
        } else if let request = state.furtherInstruments.first(where: { $0.condition == condition }) {
            expected = (request.title, request.from, "2.13")
        } else {
            throw EscrowRefusal(.notFound, clause: "1.2", "'\(condition)' is not a condition of this escrow")
        }
        guard expected.from.contains(from) else {
            throw EscrowRefusal(
                .invalid, clause: expected.clause,
                "\(expected.title) is to come from \(state.displayNames(expected.from)), not \(state.displayName(from))")
        }
        if let existing = state.documents.first(where: { $0.condition == condition && $0.from == from }) {
            guard existing.sha256 == sha256 else {
                throw EscrowRefusal(
                    .alreadyDone, clause: expected.clause,
                    "\(expected.title) from \(state.displayName(from)) was already received with another content (sha256 \(existing.sha256.prefix(12))…)")
            }
            return []
        }
        guard byteCount >= 0 else { throw EscrowRefusal(.invalid, clause: "1.2", "document size must not be negative") }
        return [
            .documentReceived(
                DocumentReceived(condition: condition, from: from, title: title ?? expected.title, sha256: sha256, byteCount: byteCount, at: now))
        ]
    }

    /// The clause an instrument's signatures fall under.
    static func clause(of instrument: Instrument) -> String {
        switch instrument {
        case .releaseNotice: "1.4, Exhibit A"
        case .amendment: "2.4, 2.7"
        case .successorAppointment: "2.12"
        case .settlement: "2.14"
        case .paymentInstructions: "1.6, 1.7"
        }
    }

    /// Checks a counterpart's evidence and says what the agent relies on (2.8, 2.10).
    static func reliance(
        _ state: EscrowState, instrument: Instrument, signer: PartyID, evidence: SignatureEvidence, clause: String
    ) throws(EscrowRefusal) -> Reliance {
        switch evidence {
        case .paper(let scan, let attestedBy):
            try requireHash(scan, field: "scan hash", clause: "2.8")
            try requireText(attestedBy, field: "attesting agent user", clause: "2.8")
            return .paper(scanSHA256: scan, attestedBy: attestedBy)
        case .ed25519(let signature):
            guard let message = state.signingMessage(for: instrument, signer: signer) else {
                throw EscrowRefusal(.notFound, clause: clause, "there is no \(instrument) to sign")
            }
            guard let key = state.publicKeys[signer] else {
                throw EscrowRefusal(
                    .invalid, clause: "2.8", "\(state.displayName(signer)) has no registered signing key; register one before signing")
            }
            if SignatureKeys.verify(signatureBase64: signature, of: message, publicKeyBase64: key) {
                return .ed25519(publicKeyBase64: key, signatureBase64: signature, messageSHA256: message.sha256)
            }
            for (other, otherKey) in state.publicKeys.sorted(by: { $0.key < $1.key }) where other != signer {
                if let otherMessage = state.signingMessage(for: instrument, signer: other),
                    SignatureKeys.verify(signatureBase64: signature, of: otherMessage, publicKeyBase64: otherKey)
                {
                    throw EscrowRefusal(
                        .invalid, clause: "2.8",
                        "the signature is \(state.displayName(other))'s, not \(state.displayName(signer))'s")
                }
            }
            throw EscrowRefusal(
                .invalid, clause: "2.8",
                "the signature does not verify against \(state.displayName(signer))'s key over the text of the \(displayTitle(state, instrument))")
        }
    }

    static func displayTitle(_ state: EscrowState, _ instrument: Instrument) -> String {
        switch instrument {
        case .releaseNotice: state.terms.releaseInstrument.title
        case .amendment(let id): "amendment \(id)"
        case .successorAppointment(let id): "appointment of successor \(id)"
        case .settlement(let id): "settlement of dispute \(id)"
        case .paymentInstructions: "payment instructions"
        }
    }

    /// 1.4, 2.4, 2.12, 2.14: one counterpart of an instrument, by one of its required signers.
    static func sign(
        _ state: EscrowState, instrument: Instrument, signer: PartyID, evidence: SignatureEvidence, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        let clause = clause(of: instrument)
        _ = try requireParty(state, signer, clause: clause)
        let title = displayTitle(state, instrument)
        guard state.text(of: instrument) != nil else {
            throw EscrowRefusal(.notFound, clause: clause, "there is no \(title) to sign")
        }
        if case .paymentInstructions = instrument {
            throw EscrowRefusal(.invalid, clause: clause, "payment instructions are signed when they are given")
        }
        let required = state.requiredSigners(of: instrument)
        guard required.contains(signer) else {
            throw EscrowRefusal(
                .invalid, clause: clause,
                "\(state.displayName(signer)) is not a signer of the \(title); it is executed by \(state.displayNames(required))")
        }
        guard state.signatures[instrument]?[signer] == nil else {
            throw EscrowRefusal(.alreadyDone, clause: clause, "\(state.displayName(signer)) has already signed the \(title)")
        }
        switch instrument {
        case .releaseNotice:
            if let missed = state.refundDeadlineMissed {
                throw EscrowRefusal(clause: "1.7", "the 1.7 deadline \(missed.deadline) has passed")
            }
            guard state.advice != nil else {
                throw EscrowRefusal(
                    clause: "1.4", "the \(title) is delivered after the agent advises that every condition is in (1.2); it has not yet")
            }
        case .amendment(let id):
            guard state.effectiveAmendments[id] == nil else {
                throw EscrowRefusal(.alreadyDone, clause: clause, "amendment \(id) is already effective")
            }
        case .successorAppointment, .settlement, .paymentInstructions:
            break
        }
        let reliance = try reliance(state, instrument: instrument, signer: signer, evidence: evidence, clause: clause)
        return [.counterpartSigned(CounterpartSigned(instrument: instrument, signer: signer, reliance: reliance, at: now))]
    }

    /// 1.6, 1.7: signed written wire instructions from the company or a purchaser (or a fee payee).
    static func giveInstructions(
        _ state: EscrowState, party: PartyID, lines: [InstructionLine], evidence: SignatureEvidence, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        let owner = try requireParty(state, party, clause: "1.6")
        guard owner.role != .escrowAgent, owner.role != .thirdParty || state.terms.disbursement.fixedPayments.contains(where: { $0.payee == party }) else {
            throw EscrowRefusal(.invalid, clause: "1.6", "\(owner.name) is paid nothing under this escrow and gives no wire instructions")
        }
        guard !lines.isEmpty, lines.count <= Limits.instructionLinesMax else {
            throw EscrowRefusal(.invalid, clause: "1.6", "instructions need 1 to \(Limits.instructionLinesMax) accounts")
        }
        guard lines.filter({ $0.amount == nil }).count <= 1 else {
            throw EscrowRefusal(.invalid, clause: "1.6", "at most one account may take the rest")
        }
        for line in lines {
            try requireText(line.account.accountName, field: "account name", clause: "1.6")
            try requireText(line.account.bank, field: "bank", clause: "1.6")
            // ASCII digits only: Character.isNumber also admits other scripts' digits and fractions.
            guard line.account.routingNumber.count == 9, line.account.routingNumber.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw EscrowRefusal(.invalid, clause: "1.6", "routing number '\(line.account.routingNumber)' must be 9 digits")
            }
            guard (4...17).contains(line.account.accountNumber.count), line.account.accountNumber.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw EscrowRefusal(.invalid, clause: "1.6", "account number must be 4 to 17 digits")
            }
            if let amount = line.amount { try requireAmount(amount, state, field: "instruction amount", clause: "1.6") }
        }
        let fixedTotal = try money(Money.sum(lines.compactMap(\.amount), state.currency))
        guard fixedTotal.isWithinCeiling else {
            throw EscrowRefusal(
                .invalid, clause: "1.6",
                "the accounts' fixed amounts total \(fixedTotal), above the largest amount accepted, \(state.currency.amountCeiling) (limit amountMajorUnitsMax)")
        }
        let digest = EventCoding.digest(of: lines)
        let instrument = Instrument.paymentInstructions(digest)
        let reliance = try reliance(state, instrument: instrument, signer: party, evidence: evidence, clause: "1.6, 1.7")
        return [
            .paymentInstructionsGiven(PaymentInstructionsGiven(party: party, lines: lines, digest: digest, reliance: reliance, at: now))
        ]
    }

    /// 2.4, 2.7: an amendment for the company, every purchaser and the agent to sign.
    static func proposeAmendment(
        _ state: EscrowState, id: AmendmentID, changes: [AmendmentChange], text: String, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        guard state.amendments[id] == nil else {
            throw EscrowRefusal(.alreadyDone, clause: "2.4", "amendment \(id) was already proposed")
        }
        try requireText(text, field: "amendment text", clause: "2.4")
        guard !changes.isEmpty else { throw EscrowRefusal(.invalid, clause: "2.4", "an amendment must change something") }
        for change in changes {
            switch change {
            case .extendDeadline(let deadlineID, let date):
                try requireCalendarDate(date, field: "new date of deadline \(deadlineID)", clause: "2.1")
                guard let current = state.deadlines[deadlineID] else {
                    throw EscrowRefusal(.notFound, clause: "2.1", "there is no deadline '\(deadlineID)'")
                }
                guard date > current.date else {
                    throw EscrowRefusal(.invalid, clause: "2.1", "deadline \(deadlineID) is \(current.date); an extension must move it later")
                }
                if deadlineID == EscrowState.refundDeadlineID, state.refundDeadlineMissed != nil {
                    throw EscrowRefusal(clause: "1.7", "the 1.7 deadline has already passed and the refund is due")
                }
            case .changeFixedPayment(let payee, let amount):
                guard state.terms.disbursement.fixedPayments.contains(where: { $0.payee == payee }) else {
                    throw EscrowRefusal(.notFound, clause: "1.5", "\(payee) receives no fixed payment")
                }
                try requireAmount(amount, state, field: "fixed payment", clause: "1.5")
            case .agentDuties(let duties):
                try requireText(duties, field: "duties", clause: "2.7")
            }
        }
        let signers = [state.terms.company?.id].compactMap { $0 } + state.terms.purchasers.map(\.id) + [state.agent]
        return [.amendmentProposed(AmendmentProposed(amendmentID: id, changes: changes, text: text, requiredSigners: signers, at: now))]
    }
}
