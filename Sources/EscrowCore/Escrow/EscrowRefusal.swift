/// Why a command was refused: the clause that forbids it and a plain sentence. A refused
/// command changes nothing.
public struct EscrowRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The clause (or clauses) that refuse, e.g. `1.5, Exhibit A`.
    public var clause: String
    public var reason: String
    /// What kind of refusal, so a boundary can choose an exit code or status.
    public var kind: Kind

    public enum Kind: String, Hashable, Sendable, Codable {
        /// The agreement forbids it now.
        case forbidden
        /// The input is wrong: unknown party, malformed amount, bad signature.
        case invalid
        /// It was already done (signed twice, released twice).
        case alreadyDone
        /// The escrow or the thing named does not exist.
        case notFound
    }

    public init(_ kind: Kind = .forbidden, clause: String, _ reason: String) {
        self.kind = kind
        self.clause = clause
        self.reason = reason
    }

    /// `Release Notice lacks counterparts from Purchaser 3 (1.5, Exhibit A)`.
    public var description: String { "\(reason) (\(clause))" }
}
