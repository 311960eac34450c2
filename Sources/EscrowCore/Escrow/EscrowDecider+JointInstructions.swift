import Foundation

extension EscrowDecider {
    /// Joint written instructions put forward: the agreement must provide them, the payee be a
    /// party, and the amount, with every other set not yet paid, fit in the funds held.
    static func proposeJointInstructions(
        _ state: EscrowState, id: JointInstructionsID, payee: PartyID, amount: Money, purpose: String, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        guard let terms = state.terms.instruments?.jointInstructions, let signers = terms.signers else {
            throw EscrowRefusal(.jointInstructions(.notProvided), in: state)
        }
        guard state.jointInstructions[id] == nil else { throw EscrowRefusal(.jointInstructions(.alreadyProposed(id)), in: state) }
        guard !id.rawValue.isEmpty, id.rawValue.count <= Limits.identifierLengthMax else {
            throw EscrowRefusal(.textEmpty(.jointInstructionsID), in: state)
        }
        try requireOpenForAgentAct(state)
        _ = try requireParty(state, payee, as: .jointInstructionsPayee)
        try requireAmount(amount, state, field: .jointInstructionsAmount)
        try requireText(purpose, state, field: .jointInstructionsPurpose)
        try requireJointFunds(state)
        let total = try money(Money.sum([amount] + state.jointInstructionsAwaitingPayment.map(\.amount), state.currency), state)
        guard total <= state.ledger.held else {
            throw EscrowRefusal(.jointInstructions(.exceedsFunds(id, total: total, held: state.ledger.held)), in: state)
        }
        return [
            .jointInstructions(
                .proposed(
                    JointInstructionsProposed(
                        id: id, payee: payee, amount: amount, purpose: purpose, requiredSigners: state.terms.expand(signers), at: now)))
        ]
    }

    /// The payment joint written instructions direct, or the refusal naming what they lack:
    /// a signer's signature, the payee's signed wire instructions, or the funds.
    static func jointInstructionsPayment(_ state: EscrowState, id: JointInstructionsID, at now: Date) throws(EscrowRefusal) -> EscrowEvent {
        guard let proposal = state.jointInstructions[id] else { throw EscrowRefusal(.jointInstructions(.notFound(id)), in: state) }
        guard state.jointInstructionsPaid[id] == nil else { throw EscrowRefusal(.jointInstructions(.alreadyPaid(id)), in: state) }
        let missing = state.missingSigners(of: .jointInstructions(id))
        guard missing.isEmpty else { throw EscrowRefusal(.jointInstructions(.missingSigners(id, missing: missing)), in: state) }
        try requireJointFunds(state)
        guard state.agentCanAct else { throw EscrowRefusal(.agentResigned, in: state) }
        guard proposal.amount <= state.ledger.held else {
            throw EscrowRefusal(.jointInstructions(.exceedsFunds(id, total: proposal.amount, held: state.ledger.held)), in: state)
        }
        guard let instructions = state.instructions[proposal.payee] else {
            throw EscrowRefusal(.jointInstructions(.payeeWithoutInstructions(id, payee: proposal.payee)), in: state)
        }
        let split: [(BankAccount, Money)]
        do {
            split = try allocate(proposal.amount, over: instructions.lines, of: proposal.payee, under: .release, state)
        } catch {
            throw EscrowRefusal(.jointInstructions(.payeeInstructionsDoNotFit(id, payee: proposal.payee, amount: proposal.amount)), in: state)
        }
        let clause = state.terms.cite(Instrument.jointInstructions(id).citation(under: state.terms))
        let payments = split.map { account, amount in
            Payment(payee: .party(proposal.payee), amount: amount, destination: account.description, purpose: proposal.purpose, clause: clause)
        }
        return .jointInstructions(.paid(JointInstructionsPaid(id: id, payments: payments, total: proposal.amount, at: now)))
    }

    /// The first joint written instructions whose payment nothing holds back any more.
    static func dueJointInstructionsPayment(_ state: EscrowState, at now: Date) -> EscrowEvent? {
        guard !state.jointInstructions.isEmpty else { return nil }
        for proposal in state.jointInstructionsAwaitingPayment {
            if let payment = try? jointInstructionsPayment(state, id: proposal.id, at: now) { return payment }
        }
        return nil
    }

    static func requireJointFunds(_ state: EscrowState) throws(EscrowRefusal) {
        guard state.courtDeposit == nil, state.phase != .refunded, state.ledger.held.isPositive else {
            throw EscrowRefusal(.jointInstructions(.noFunds), in: state)
        }
    }
}

extension EscrowState {
    /// Joint written instructions put forward and not yet paid, in id order.
    public var jointInstructionsAwaitingPayment: [JointInstructionsProposed] {
        jointInstructions.values.filter { jointInstructionsPaid[$0.id] == nil }.sorted { $0.id < $1.id }
    }

    /// What joint written instructions have paid out of the funds so far; the release pays
    /// the remainder net of it.
    public var jointInstructionsPaidTotal: Money {
        Money(minorUnits: jointInstructionsPaid.values.reduce(0) { $0 + $1.total.amountMinorUnits }, currency)
    }

    /// The text every counterpart of joint written instructions signs: who is paid what, why.
    func jointInstructionsText(_ proposal: JointInstructionsProposed) -> String {
        "\(Instrument.jointInstructions(proposal.id).title(in: terms)): the undersigned jointly direct the escrow agent to pay "
            + "\(proposal.amount) from the funds held to \(displayName(proposal.payee)) (\(proposal.payee)), to its signed "
            + "written wire instructions, for: \(proposal.purpose)"
    }
}
