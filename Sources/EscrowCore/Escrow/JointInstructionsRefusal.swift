/// Why joint written instructions were refused: each case names what is missing and cites
/// the agreement's clause for them.
public enum JointInstructionsRefusal: Hashable, Sendable {
    /// The agreement file provides no joint written instructions (`instruments.jointInstructions`).
    case notProvided
    /// Instructions with this id were already put forward.
    case alreadyProposed(JointInstructionsID)
    /// No instructions with this id were put forward.
    case notFound(JointInstructionsID)
    /// These instructions were already paid.
    case alreadyPaid(JointInstructionsID)
    /// Signers have yet to sign, named in order.
    case missingSigners(JointInstructionsID, missing: [PartyID])
    /// The payee has given no signed written wire instructions.
    case payeeWithoutInstructions(JointInstructionsID, payee: PartyID)
    /// The payee's instructions do not take exactly the amount (fixed lines above it, or no
    /// open line for the rest).
    case payeeInstructionsDoNotFit(JointInstructionsID, payee: PartyID, amount: Money)
    /// The amount, with the other instructions not yet paid, is more than the funds held.
    case exceedsFunds(JointInstructionsID, total: Money, held: Money)
    /// The escrow has no funds to pay from: returned, delivered to a court, or none held.
    case noFunds

    /// The instructions the refusal is about, when it is about one set.
    var instrument: Instrument? {
        switch self {
        case .alreadyProposed(let id), .notFound(let id), .alreadyPaid(let id), .missingSigners(let id, _),
            .payeeWithoutInstructions(let id, _), .payeeInstructionsDoNotFit(let id, _, _), .exceedsFunds(let id, _, _):
            .jointInstructions(id)
        case .notProvided, .noFunds: nil
        }
    }

    var kind: EscrowRefusal.Kind {
        switch self {
        case .notProvided, .missingSigners, .payeeWithoutInstructions, .exceedsFunds, .noFunds: .forbidden
        case .alreadyProposed, .alreadyPaid: .alreadyDone
        case .notFound: .notFound
        case .payeeInstructionsDoNotFit: .invalid
        }
    }

    func citation(in context: RefusalContext) -> [Citation] {
        (instrument ?? .jointInstructions("")).citation(under: context.terms)
    }

    func sentence(in context: RefusalContext) -> String {
        switch self {
        case .notProvided:
            return "this agreement provides no joint written instructions; its file names none under instruments.jointInstructions"
        case .alreadyProposed(let id):
            return "\(context.title(.jointInstructions(id))) was already put forward"
        case .notFound(let id):
            return "no joint written instructions '\(id)' were put forward"
        case .alreadyPaid(let id):
            return "\(context.title(.jointInstructions(id))) was already paid"
        case .missingSigners(let id, let missing):
            return "\(context.title(.jointInstructions(id))) lacks the signatures of \(context.names(missing))"
        case .payeeWithoutInstructions(let id, let payee):
            return "\(context.title(.jointInstructions(id))) is signed, but \(context.name(payee)) has given no signed written wire instructions to be paid to"
        case .payeeInstructionsDoNotFit(let id, let payee, let amount):
            return "\(context.name(payee))'s written wire instructions do not take exactly \(amount) for \(context.title(.jointInstructions(id)))"
        case .exceedsFunds(let id, let total, let held):
            return "\(context.title(.jointInstructions(id))) would bring the joint instructions awaiting payment to \(total), above the \(held) held"
        case .noFunds:
            return "the escrow holds no funds to pay joint written instructions from"
        }
    }
}
