public import Foundation

/// Where a condition precedent stands.
public struct ConditionStatus: Hashable, Sendable {
    /// The condition's id, or the further instrument's (2.13).
    public var id: ConditionID
    /// What the condition is, as the terms or the request name it.
    public var title: String
    /// The clause that imposes it, as the agreement numbers it.
    public var clause: String
    /// True once the funds are in full or every named party has delivered.
    public var isMet: Bool
    /// Parties (or, for funds, purchasers) still owing something.
    public var outstanding: [PartyID]
}

/// The broad phase of an escrow.
public enum EscrowPhase: String, Hashable, Sendable, Codable {
    /// Collecting funds, documents and counterparts.
    case open
    /// Funds released under 1.5 and 1.6 (or paid under a court order).
    case released
    /// Funds returned under 1.7 (or under a court order).
    case refunded
    /// Funds delivered to a court under 2.14(2).
    case depositedWithCourt
}

extension EscrowState {
    /// The escrow's currency, the one its terms state.
    public var currency: Currency { terms.currency }

    /// Where the funds stand: still open, released, refunded, or delivered to a court.
    public var phase: EscrowPhase {
        if courtDeposit != nil { return .depositedWithCourt }
        if !refunds.isEmpty || !refundsFallenDue.isEmpty { return .refunded }
        if !disbursements.isEmpty { return .released }
        return .open
    }

    /// Refunds that fell due and are not yet paid: who is owed what, in the order they fell due.
    public var refundsOwed: [(payee: PayeeID, amount: Money)] {
        var seen: Set<PayeeID> = []
        var result: [(payee: PayeeID, amount: Money)] = []
        for line in refundsFallenDue.flatMap(\.owed) where seen.insert(line.payee).inserted {
            if let owed = refundOwedMinorUnits[line.payee], owed > 0 { result.append((line.payee, Money(minorUnits: owed, currency))) }
        }
        return result
    }

    /// What `payee` is owed of a refund that fell due, zero when nothing.
    public func refundOwed(to payee: PayeeID) -> Money {
        Money(minorUnits: refundOwedMinorUnits[payee, default: 0], currency)
    }

    /// Sum of deposits attributed to `purchaser`.
    public func deposited(by purchaser: PartyID) -> Money {
        Money(minorUnits: depositedMinorUnits[purchaser, default: 0], currency)
    }

    /// Deposits from senders that are not purchasers of this escrow.
    public var unidentifiedDeposits: [DepositReceived] { deposits.filter { $0.purchaser == nil } }

    /// The deposit first recorded under this bank reference (1.3), or `nil` when none was.
    public func deposit(withBankReference reference: String) -> DepositReceived? {
        depositsByReference[reference].map { deposits[$0] }
    }

    /// Every condition of 1.2 plus every further instrument requested under 2.13.
    public var conditions: [ConditionStatus] {
        var result: [ConditionStatus] = []
        for condition in terms.conditions {
            switch condition.kind {
            case .subscriptionFunds:
                let short = terms.subscriptions.filter { deposited(by: $0.purchaser) < $0.amount }.map(\.purchaser)
                result.append(
                    ConditionStatus(id: condition.id, title: condition.title, clause: condition.clause, isMet: short.isEmpty, outstanding: short))
            case .document, .counterparts:
                let missing = terms.expand(condition.from).filter { party in
                    !documents.contains { $0.condition == condition.id && $0.from == party }
                }
                result.append(
                    ConditionStatus(id: condition.id, title: condition.title, clause: condition.clause, isMet: missing.isEmpty, outstanding: missing))
            }
        }
        for request in furtherInstruments {
            let missing = request.from.filter { party in
                !documents.contains { $0.condition == request.condition && $0.from == party }
            }
            result.append(
                ConditionStatus(
                    id: request.condition, title: request.title, clause: terms.citation(of: .furtherInstruments), isMet: missing.isEmpty,
                    outstanding: missing))
        }
        return result
    }

    /// True once every condition of 1.2 and every further instrument of 2.13 is met.
    public var allConditionsMet: Bool { conditions.allSatisfy(\.isMet) }

    /// True once the condition's documents all arrived (used by 1.7 for the waiver).
    public func isMet(_ condition: ConditionID) -> Bool { conditions.first { $0.id == condition }?.isMet ?? false }

    /// Who must sign an instrument for it to take effect.
    public func requiredSigners(of instrument: Instrument) -> [PartyID] {
        switch instrument {
        case .releaseNotice: terms.expand(terms.releaseInstrument.signers)
        case .amendment(let id): amendments[id]?.requiredSigners ?? []
        case .successorAppointment: successorProposal?.requiredSigners ?? []
        case .settlement(let id): activeHolds[id].map { terms.settlementSigners(partiesConcerned: $0.partiesConcerned) } ?? []
        case .paymentInstructions: []
        case .jointInstructions(let id): jointInstructions[id]?.requiredSigners ?? []
        }
    }

    /// Who has yet to sign the instrument for it to take effect, in the order they are named.
    public func missingSigners(of instrument: Instrument) -> [PartyID] {
        let signed = signatures[instrument] ?? [:]
        return requiredSigners(of: instrument).filter { signed[$0] == nil }
    }

    /// The text an instrument's counterparts sign; its SHA-256 goes into the signing message.
    public func text(of instrument: Instrument) -> String? {
        switch instrument {
        case .releaseNotice:
            return terms.releaseInstrument.text
        case .amendment(let id):
            guard let amendment = amendments[id] else { return nil }
            return ([amendment.text] + amendment.changes.map(\.description)).joined(separator: "\n")
        case .successorAppointment(let id):
            guard let proposal = successorProposal, proposal.successor.id == id else { return nil }
            // The text the company and purchasers sign; the 2005 numbering keeps it, and so
            // the signatures over it, as they were for escrows recorded before clauses.
            return "Appointment of \(proposal.successor.name) (\(id)) as successor Escrow Agent under \(terms.citation(of: .succession))"
        case .settlement(let id):
            guard let hold = activeHolds[id] else { return nil }
            return "Mutual written agreement settling dispute \(id): \(hold.reason)"
        case .paymentInstructions(let digest):
            return digest
        case .jointInstructions(let id):
            return jointInstructions[id].map { jointInstructionsText($0) }
        }
    }

    /// A party to this escrow: one the agreement names, or a successor agent proposed or
    /// appointed under 2.12; `nil` for any other id.
    public func party(_ id: PartyID) -> Party? {
        if let found = terms.party(id) { return found }
        if let successor = successorParty, successor.id == id { return successor }
        if let proposal = successorProposal, proposal.successor.id == id { return proposal.successor }
        return nil
    }

    /// The message a signer signs for an instrument, or `nil` when the instrument does not exist.
    public func signingMessage(for instrument: Instrument, signer: PartyID) -> SigningMessage? {
        guard let text = text(of: instrument) else { return nil }
        return SigningMessage(
            escrowID: escrowID, termsSHA256: termsSHA256, instrument: instrument, signer: signer, textSHA256: SHA256Hex.of(text))
    }

    /// Funds retained under partial holds, or `nil` when some hold covers all funds.
    public var retainedUnderHolds: Money? {
        // Each hold was refused unless all holds together fit in the funds held, so the sum
        // stays within the ceiling; the checked sum saturates rather than trap regardless.
        var total: Int64 = 0
        for hold in activeHolds.values {
            guard let amount = hold.amount else { return nil }
            let (next, overflow) = total.addingReportingOverflow(amount.amountMinorUnits)
            total = overflow ? Int64.max : next
        }
        return Money(minorUnits: total, currency)
    }

    /// Counsel costs claimed under 2.11 and not yet paid.
    public var unpaidCounselClaims: [CounselCostsClaimed] { Array(counselClaims.dropFirst(counselClaimsPaid)) }

    /// The acting agent can act: not resigned, or resigned and handed over to a successor.
    public var agentCanAct: Bool { resignation == nil }

    /// The party's name as the terms (or a successor's appointment) give it, else its id.
    public func displayName(_ party: PartyID) -> String {
        if let party = terms.party(party) { return party.name }
        if let successor = successorParty, successor.id == party { return successor.name }
        if let proposal = successorProposal, proposal.successor.id == party { return proposal.successor.name }
        return party.rawValue
    }

    /// The names of these parties, joined with commas.
    public func displayNames(_ parties: [PartyID]) -> String {
        parties.map(displayName).joined(separator: ", ")
    }

    /// A payee's name: a party's name, or the name a payee outside the agreement goes by.
    public func displayName(_ payee: PayeeID) -> String {
        switch payee {
        case .party(let id): displayName(id)
        case .counsel(let name), .outside(let name): name
        }
    }

    /// The payee a court order (or a person) names by text: the party whose id it is, else
    /// someone outside the agreement by that name.
    public func payee(named text: String) -> PayeeID {
        isParty(PartyID(text)) ? .party(PartyID(text)) : .outside(text)
    }
}

/// One entry of the notices record (2.2): who was told what, when, under which clause.
public struct NoticeEntry: Hashable, Sendable, Codable {
    /// When the notice was given.
    public var at: Date
    /// Who was told, by name.
    public var recipients: [String]
    /// What the notice said, in a line.
    public var subject: String
    /// The clause the notice was given under, as the agreement numbers it.
    public var clause: String
    /// The kind of notice, when the agreement file's `notices:` section is stated; `nil`
    /// otherwise, and then left out of the JSON.
    public var kind: NoticeKind? = nil
    /// Each recipient's address, method and deemed receipt, when the agreement file's
    /// `notices:` section is stated; `nil` otherwise, and then left out of the JSON.
    public var deliveries: [NoticeDelivery]? = nil
}

extension EscrowState {
    /// Every notice the escrow has given: the 1.2 advice, refunds to each depositor (1.7),
    /// the agent's resignation (2.12), and recorded reminders and notices of misses, by time.
    public var noticesRecord: [NoticeEntry] {
        if let stated = terms.notices { return noticesRecord(as: stated) }
        var entries: [NoticeEntry] = []
        if let advice {
            entries.append(
                NoticeEntry(
                    at: advice.at, recipients: advice.recipients.map(displayName), subject: "advice: \(advice.amount) received; every condition is in",
                    clause: terms.cite(.advice)))
        }
        for refund in refunds {
            for payment in refund.payments where !Self.isCounselPayment(payment) {
                entries.append(
                    NoticeEntry(
                        at: refund.at, recipients: [displayName(payment.payee)], subject: "refund of \(payment.amount) to \(payment.destination)",
                        clause: terms.cite(refund.courtDocket == nil ? .refund : .courtOrders)))
            }
        }
        if let missed = refundDeadlineMissed {
            entries.append(
                NoticeEntry(
                    at: missed.at, recipients: terms.purchasers.map(\.name) + [terms.company?.name].compactMap { $0 },
                    subject: "\(missed.condition) not received by \(missed.deadline); the funds are returned", clause: terms.cite(.refund)))
        }
        for due in refundsFallenDue {
            for line in due.owed where line.destination == EscrowDecider.awaitingInstructions {
                entries.append(
                    NoticeEntry(
                        at: due.at, recipients: [displayName(line.payee)],
                        subject: "refund of \(line.amount) due, to be paid on your signed written wire instructions", clause: terms.cite(.refund)))
            }
        }
        for resignation in resignations {
            entries.append(
                NoticeEntry(
                    at: resignation.at, recipients: resignation.recipients.map(displayName), subject: "resignation: \(resignation.notice)",
                    clause: terms.cite(.resignation)))
        }
        for notice in recordedNotices {
            entries.append(NoticeEntry(at: notice.at, recipients: notice.recipients, subject: notice.subject, clause: notice.clause))
        }
        return entries.enumerated().sorted { $0.element.at != $1.element.at ? $0.element.at < $1.element.at : $0.offset < $1.offset }.map(\.element)
    }
}

extension EscrowState {
    /// What the escrow waits for now, in one sentence with its clause: the agent's next step.
    public var nextStep: String {
        switch phase {
        case .released:
            return ledger.held.isPositive
                ? "funds retained under hold await its lifting (\(terms.cite(.dispute)))" : "closed: funds released (\(terms.cite(.release, .remainder)))"
        case .refunded:
            let owed = refundsOwed
            if !owed.isEmpty {
                let lines = owed.map { "\($0.amount) to \(displayName($0.payee))" }.joined(separator: ", ")
                return "refunds owed await each depositor's signed written wire instructions: \(lines) (\(terms.cite(.refund)))"
            }
            return ledger.held.isPositive
                ? "wires received after the refund await their return (\(terms.cite(.refund)))" : "closed: funds returned (\(terms.cite(.refund)))"
        case .depositedWithCourt: return "closed: funds with the court (\(terms.cite(.dispute)))"
        case .open: break
        }
        if resignation != nil { return "the agent has resigned: appoint a successor and hand over (\(terms.cite(.succession)))" }
        if refundDeadlineMissed != nil { return "refund the purchasers (\(terms.cite(.refund)))" }
        if let pending = conditions.first(where: { !$0.isMet }) {
            return "awaiting \(pending.title) from \(displayNames(pending.outstanding)) (\(pending.clause))"
        }
        let missing = missingSigners(of: .releaseNotice)
        if !missing.isEmpty {
            let release = terms.releaseInstrument
            return "awaiting \(release.title) counterparts from \(displayNames(missing)) (\(release.clause))"
        }
        let uninstructed = payeesAwaitingInstructions
        if uninstructed == [terms.disbursement.remainderPayee] {
            return "awaiting written wire instructions from \(displayNames(uninstructed)) (\(terms.cite(.remainder)))"
        }
        if !uninstructed.isEmpty {
            return "awaiting written wire instructions from \(displayNames(uninstructed)) (\(terms.cite(.release, .remainder)))"
        }
        if !activeHolds.isEmpty { return "funds under dispute hold (\(terms.cite(.dispute)))" }
        return "release the funds (\(terms.cite(.release, .remainder)))"
    }
}
