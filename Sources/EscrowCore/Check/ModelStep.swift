import Foundation

/// One thing that can happen to an escrow in the model exploration of `escrow check`: a
/// party's act, the agent's, or the clock passing a deadline. Each step is carried out by the
/// real ``EscrowDecider`` through its commands; a step the decider refuses is no transition.
///
/// Acts of the same kind by several parties that commute (every deliverer of one condition,
/// every signer of the release instrument) are one step, so the state space grows with the
/// agreement's conditions rather than with every interleaving of identical deliveries. Deposits
/// go in whole (every purchaser that has wired nothing wires its subscription), with one
/// purchaser at a time allowed to wire short or over its subscription (the first purchaser,
/// standing for any, and each purchaser the terms name individually elsewhere). A dispute hold
/// is placed only while money is held.
public enum ModelStep: Hashable, Sendable {
    /// Every purchaser that has wired nothing wires its subscription in full.
    case depositFull
    /// This purchaser wires half its subscription.
    case depositShort(PartyID)
    /// This purchaser wires a tenth more than its subscription.
    case depositOver(PartyID)
    /// This purchaser, having wired short, wires the rest.
    case topUp(PartyID)
    /// Every party the condition names delivers its document or counterpart pages.
    case deliver(ConditionID)
    /// Every required signer executes the release instrument.
    case signRelease
    /// Every payee of the release (fixed, percentage, remainder) gives signed written wire
    /// instructions: each is paid only to its own.
    case instructPayees
    /// Every purchaser gives signed written wire instructions (what a refund is paid to).
    case instructPurchasers
    /// The agent releases the funds.
    case release
    /// The agent refunds the funds.
    case refund
    /// The clock passes the refund deadline's closing instant.
    case deadlinePasses
    /// The agent holds every fund over a dispute between the company and the purchasers.
    case hold
    /// Every party to the dispute signs a settlement, which lifts the hold.
    case settle
}

/// The dispute hold the exploration places, and the bank details and evidence it uses.
enum ModelFixtures {
    static let escrowID: EscrowID = "model-check"
    static let holdID: HoldID = "model-dispute"
    static let attestedBy = "model-check"

    static func account(for party: PartyID) -> BankAccount {
        BankAccount(accountName: "\(party) account", bank: "Model Bank", routingNumber: "021000089", accountNumber: "100200300")
    }

    static func evidence(_ text: String) -> SignatureEvidence {
        .paper(scanSHA256: SHA256Hex.of(Data(text.utf8)), attestedBy: attestedBy)
    }
}

extension ModelStep {
    /// The commands that carry the step out in `state`, with a line saying what happens, or
    /// `nil` when the step does not apply there (nothing left to wire, already delivered).
    func commands(in state: EscrowState, deviationUsed: Bool) -> (commands: [EscrowCommand], text: String)? {
        let terms = state.terms
        func wire(_ purchaser: PartyID, _ amount: Money) -> EscrowCommand {
            .recordDeposit(bankReference: "M\(state.deposits.count + 1)-\(purchaser)", purchaser: purchaser, senderName: nil, amount: amount)
        }
        switch self {
        case .depositFull:
            let waiting = terms.subscriptions.filter { state.deposited(by: $0.purchaser).amountMinorUnits == 0 }
            guard !waiting.isEmpty else { return nil }
            var commands: [EscrowCommand] = []
            for (index, subscription) in waiting.enumerated() {
                commands.append(
                    .recordDeposit(
                        bankReference: "M\(state.deposits.count + 1 + index)-\(subscription.purchaser)", purchaser: subscription.purchaser,
                        senderName: nil, amount: subscription.amount))
            }
            let who = waiting.map { "\($0.purchaser) \($0.amount)" }.joined(separator: ", ")
            return (commands, "every purchaser that has wired nothing wires its subscription in full (\(who))")
        case .depositShort(let purchaser), .depositOver(let purchaser):
            guard !deviationUsed, let subscription = terms.subscription(of: purchaser),
                state.deposited(by: purchaser).amountMinorUnits == 0
            else { return nil }
            let minor = subscription.amount.amountMinorUnits
            if case .depositShort = self {
                guard minor >= 2 else { return nil }
                let amount = Money(minorUnits: minor / 2, subscription.amount.currency)
                return ([wire(purchaser, amount)], "\(purchaser) wires \(amount), short of its subscription of \(subscription.amount)")
            }
            let (over, overflow) = minor.addingReportingOverflow(max(1, minor / 10))
            guard !overflow else { return nil }
            let amount = Money(minorUnits: over, subscription.amount.currency)
            return ([wire(purchaser, amount)], "\(purchaser) wires \(amount), over its subscription of \(subscription.amount)")
        case .topUp(let purchaser):
            guard let subscription = terms.subscription(of: purchaser) else { return nil }
            let wired = state.deposited(by: purchaser).amountMinorUnits
            guard wired > 0, wired < subscription.amount.amountMinorUnits else { return nil }
            let rest = Money(minorUnits: subscription.amount.amountMinorUnits - wired, subscription.amount.currency)
            return ([wire(purchaser, rest)], "\(purchaser) wires the rest of its subscription, \(rest)")
        case .deliver(let id):
            guard let condition = terms.conditions.first(where: { $0.id == id }), condition.kind != .subscriptionFunds else { return nil }
            let delivered = Set(state.documents.filter { $0.condition == id }.map(\.from))
            let senders = terms.expand(condition.from).filter { !delivered.contains($0) }
            guard !senders.isEmpty else { return nil }
            let commands = senders.map { sender in
                EscrowCommand.receiveDocument(
                    condition: id, from: sender, title: nil, sha256: SHA256Hex.of(Data("\(id) from \(sender)".utf8)), byteCount: 1_024)
            }
            let what = condition.kind == .counterparts ? "counterpart pages" : "its document"
            return (commands, "\(senders.map(\.rawValue).joined(separator: ", ")) deliver\(senders.count == 1 ? "s" : "") \(what) for '\(id)' (\(condition.clause))")
        case .signRelease:
            let missing = state.missingSigners(of: .releaseNotice)
            guard !missing.isEmpty else { return nil }
            let commands = missing.map { signer in
                EscrowCommand.sign(instrument: .releaseNotice, signer: signer, evidence: ModelFixtures.evidence("release notice \(signer)"))
            }
            return (commands, "\(missing.map(\.rawValue).joined(separator: ", ")) sign\(missing.count == 1 ? "s" : "") the \(terms.releaseInstrument.title) (\(terms.releaseInstrument.clause))")
        case .instructPayees:
            let waiting = terms.disbursement.payees.filter { state.instructions[$0] == nil }
            guard !waiting.isEmpty else { return nil }
            return (
                waiting.map(instructions),
                "\(waiting.map(\.rawValue).joined(separator: ", ")) give\(waiting.count == 1 ? "s" : "") signed written wire instructions (\(terms.cite(.release, .remainder)))"
            )
        case .instructPurchasers:
            let waiting = terms.purchasers.map(\.id).filter { state.instructions[$0] == nil }
            guard !waiting.isEmpty else { return nil }
            return (waiting.map(instructions), "\(waiting.map(\.rawValue).joined(separator: ", ")) give\(waiting.count == 1 ? "s" : "") signed written wire instructions")
        case .release:
            return ([.release], "the agent releases the funds (\(terms.cite(.release)))")
        case .refund:
            return ([.refund], "the agent refunds the funds (\(terms.cite(.refund)))")
        case .deadlinePasses:
            guard let refund = terms.refund, let deadline = state.deadlines[EscrowState.refundDeadlineID] else { return nil }
            return ([.tick], "the refund deadline passes: \(deadline) (\(refund.clause))")
        case .hold:
            guard state.activeHolds.isEmpty, state.liftedHolds.isEmpty, state.phase == .open, state.ledger.held.isPositive else { return nil }
            let parties = ([terms.company?.id].compactMap { $0 }) + terms.purchasers.map(\.id)
            return (
                [.placeHold(id: ModelFixtures.holdID, amount: nil, reason: "a dispute between the company and the purchasers", partiesConcerned: parties)],
                "the agent holds the funds over a dispute between the company and the purchasers (\(terms.cite(.dispute)))"
            )
        case .settle:
            guard state.activeHolds[ModelFixtures.holdID] != nil else { return nil }
            let missing = state.missingSigners(of: .settlement(ModelFixtures.holdID))
            guard !missing.isEmpty else { return nil }
            let commands = missing.map { signer in
                EscrowCommand.sign(instrument: .settlement(ModelFixtures.holdID), signer: signer, evidence: ModelFixtures.evidence("settlement \(signer)"))
            }
            return (commands, "the parties to the dispute sign a settlement (\(terms.cite(.dispute)))")
        }
    }

    /// One line of signed written wire instructions to the party's own account, for whatever it is paid.
    private func instructions(_ party: PartyID) -> EscrowCommand {
        .giveInstructions(
            party: party, lines: [InstructionLine(account: ModelFixtures.account(for: party), amount: nil)],
            evidence: ModelFixtures.evidence("instructions \(party)"))
    }

    /// Every step an agreement's terms allow, in a fixed order (so the exploration, and the
    /// paths it prints, are the same on every run).
    static func all(for terms: AgreementTerms) -> [ModelStep] {
        var steps: [ModelStep] = [.depositFull]
        // Purchasers are interchangeable under the rules but for their amounts, so one of them
        // wiring short or over stands for any: the first, and any purchaser the terms also name
        // individually (as a payee, a signer or a deliverer), whose deposits may matter otherwise.
        let named = Set(
            terms.disbursement.fixedPayments.map(\.payee) + [terms.disbursement.remainderPayee]
                + terms.releaseInstrument.signers.compactMap { if case .party(let id) = $0 { id } else { nil } }
                + terms.conditions.flatMap(\.from).compactMap { if case .party(let id) = $0 { id } else { nil } })
        for (index, subscription) in terms.subscriptions.enumerated() where index == 0 || named.contains(subscription.purchaser) {
            steps += [.depositShort(subscription.purchaser), .depositOver(subscription.purchaser), .topUp(subscription.purchaser)]
        }
        steps += terms.conditions.filter { $0.kind != .subscriptionFunds }.map { .deliver($0.id) }
        steps += [.signRelease, .instructPayees, .instructPurchasers, .release, .refund]
        if terms.refund != nil { steps.append(.deadlinePasses) }
        if terms.clauses.map({ $0[.dispute] != nil }) ?? true { steps += [.hold, .settle] }
        return steps
    }
}
