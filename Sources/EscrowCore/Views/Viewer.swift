/// Who is looking at an escrow: the agent desk sees everything; a party sees what concerns it.
///
/// Every view of an escrow (status, ledger, timeline) is cut by the same rules, whether the
/// command line renders it as text or the server as JSON.
public enum Viewer: Sendable, Hashable {
    /// An agent user of the escrow desk (the command line acts as one).
    case agent(userID: UserID)
    /// A party to the escrow, with its role when the agreement names it.
    case party(PartyID, PartyRole?)

    /// The party looking, or `nil` for the agent desk.
    public var party: PartyID? {
        if case .party(let id, _) = self { return id }
        return nil
    }

    /// The role the viewer plays: `escrowAgent` for the desk.
    public var role: PartyRole? {
        switch self {
        case .agent: .escrowAgent
        case .party(_, let role): role
        }
    }

    /// Whether the viewer is the agent desk.
    public var isAgent: Bool { if case .agent = self { return true } else { return false } }

    /// The agent and the company see the escrow as a whole (the company is the issuer).
    public var seesWholeDeal: Bool { isAgent || role == .company }

    /// The ledger is open to the agent and the company only.
    public var mayReadLedger: Bool { seesWholeDeal }

    /// How the viewer is named in an answer: `agent user alice`, `purchaser-2 (purchaser)`.
    public var label: String {
        switch self {
        case .agent(let user): "agent user \(user)"
        case .party(let party, let role): "\(party) (\(role?.rawValue ?? "party"))"
        }
    }
}
