public import Foundation

/// Joint written instructions put forward for signature: the named signers together direct
/// the agent to pay `amount` from the funds held to `payee`.
public struct JointInstructionsProposed: Hashable, Sendable, Codable {
    /// The instructions' id; the signers sign the instrument `joint-instructions:<id>`.
    public var id: JointInstructionsID
    /// Who is to be paid: a party, paid only to its own signed written wire instructions.
    public var payee: PartyID
    /// How much, from the funds held.
    public var amount: Money
    /// Why, as the instructions put it.
    public var purpose: String
    /// Who must sign, as the agreement file's `instruments.jointInstructions.signers` names them.
    public var requiredSigners: [PartyID]
    /// When the instructions were put forward.
    public var at: Date

    /// Creates the proposal.
    public init(id: JointInstructionsID, payee: PartyID, amount: Money, purpose: String, requiredSigners: [PartyID], at: Date) {
        self.id = id
        self.payee = payee
        self.amount = amount
        self.purpose = purpose
        self.requiredSigners = requiredSigners
        self.at = at
    }
}

/// Every signer has signed and the payee's signed wire instructions are in: the agent paid.
public struct JointInstructionsPaid: Hashable, Sendable, Codable {
    /// The instructions paid.
    public var id: JointInstructionsID
    /// The wires, one per account of the payee's instructions, each citing the agreement's
    /// clause for joint written instructions.
    public var payments: [Payment]
    /// Their sum: the amount the instructions state.
    public var total: Money
    /// When the payment was made.
    public var at: Date

    /// Creates the payment record.
    public init(id: JointInstructionsID, payments: [Payment], total: Money, at: Date) {
        self.id = id
        self.payments = payments
        self.total = total
        self.at = at
    }
}

/// What happens to joint written instructions: put forward, then paid.
public enum JointInstructionsEvent: Hashable, Sendable {
    /// Put forward for signature.
    case proposed(JointInstructionsProposed)
    /// Paid, once signed by every signer and the payee's instructions are in.
    case paid(JointInstructionsPaid)

    /// The stored type name.
    public var type: String {
        switch self {
        case .proposed: "jointInstructionsProposed"
        case .paid: "jointInstructionsPaid"
        }
    }

    /// When it happened.
    public var at: Date {
        switch self {
        case .proposed(let e): e.at
        case .paid(let e): e.at
        }
    }

    /// The canonical payload bytes.
    func encoded(with encoder: JSONEncoder) throws -> Data {
        switch self {
        case .proposed(let e): try encoder.encode(e)
        case .paid(let e): try encoder.encode(e)
        }
    }

    /// Reads a stored event of one of these types back, or `nil` for another type.
    static func decode(type: String, payload: Data, with decoder: JSONDecoder) throws -> JointInstructionsEvent? {
        switch type {
        case "jointInstructionsProposed": .proposed(try decoder.decode(JointInstructionsProposed.self, from: payload))
        case "jointInstructionsPaid": .paid(try decoder.decode(JointInstructionsPaid.self, from: payload))
        default: nil
        }
    }

    /// Every amount the event carries.
    func forEachAmount<E: Error>(_ visit: (Money) throws(E) -> Void) throws(E) {
        switch self {
        case .proposed(let e): try visit(e.amount)
        case .paid(let e):
            try visit(e.total)
            for payment in e.payments { try visit(payment.amount) }
        }
    }

    /// The timeline line, read against the state before the event.
    func summary(in state: EscrowState?) -> String {
        func name(_ party: PartyID) -> String { state?.displayName(party) ?? party.rawValue }
        let title = { (id: JointInstructionsID) in Instrument.jointInstructions(id).title(in: state?.terms) }
        switch self {
        case .proposed(let e):
            return "\(title(e.id)) proposed: pay \(e.amount) to \(name(e.payee)) (\(e.purpose)); to be signed by "
                + e.requiredSigners.map(name).joined(separator: ", ")
        case .paid(let e):
            let lines = e.payments.map { "\($0.amount) to \($0.destination)" }.joined(separator: "; ")
            return "\(title(e.id)) paid: \(e.total) to \(e.payments.first.map { state?.displayName($0.payee) ?? $0.payee.description } ?? "the payee"): \(lines)"
        }
    }

    /// The instrument the event is about; the event cites its clause.
    var instrument: Instrument {
        switch self {
        case .proposed(let e): .jointInstructions(e.id)
        case .paid(let e): .jointInstructions(e.id)
        }
    }
}
