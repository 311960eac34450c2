/// Who a payment goes to: a party of the agreement, the agent's counsel, or someone the
/// agreement does not name.
///
/// The three are different kinds of payee, so a wire's sender who happens to share a name
/// with a party id never shares that party's ledger account. In a stored payment the payee
/// is the plain text it always was (the party's id or the name) and, for a payee that is not
/// a party, a `payeeKind` beside it; see ``Payment``.
public enum PayeeID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A party of the agreement, by id.
    case party(PartyID)
    /// The escrow agent's counsel, paid its costs out of the escrow (2.11), by name.
    case counsel(String)
    /// Someone the agreement does not name, by name: the sender of a wire who is not a
    /// purchaser, or a payee a court order names.
    case outside(String)

    /// The text a payment stores and a ledger account shows: the party's id or the name.
    public var description: String {
        switch self {
        case .party(let id): id.rawValue
        case .counsel(let name), .outside(let name): name
        }
    }

    /// The stored `payeeKind` of a payee that is not a party; `nil` for a party, whose stored
    /// form is its id alone, as every payment recorded before payees had kinds.
    var storedKind: String? {
        switch self {
        case .party: nil
        case .counsel: "counsel"
        case .outside: "outside"
        }
    }

    /// Reads a payee back from its stored text and kind; `nil` for a kind this version does
    /// not know.
    init?(storedText text: String, kind: String?) {
        switch kind {
        case nil: self = .party(PartyID(text))
        case "counsel": self = .counsel(text)
        case "outside": self = .outside(text)
        default: return nil
        }
    }

}
