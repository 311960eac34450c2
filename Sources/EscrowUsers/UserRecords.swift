public import EscrowCore
public import Foundation

/// What a user is to the server: an agent user (an operator of the escrow desk) or a party
/// user, who acts for one party of each escrow it is tied to.
public enum UserRole: String, Sendable, Codable, CaseIterable {
    case agent
    case party
}

/// A user as stored: its role and, for a party user, the party it is in each escrow.
public struct ServerUser: Sendable, Codable, Hashable {
    /// The user id, e.g. `alice` or `purchaser-1-desk`.
    public var id: UserID
    /// A display name.
    public var name: String
    /// Agent or party user.
    public var role: UserRole
    /// Escrow id to party id; empty for an agent user.
    public var parties: [String: String]

    /// A user as a store reads it back.
    public init(id: UserID, name: String, role: UserRole, parties: [String: String]) {
        self.id = id
        self.name = name
        self.role = role
        self.parties = parties
    }
}

/// The user behind a request's bearer token.
public struct Principal: Sendable, Hashable {
    /// The authenticated user.
    public var userID: UserID
    /// Agent or party user.
    public var role: UserRole
    /// The party the user acts for in each escrow it is tied to (empty for agent users).
    public var parties: [EscrowID: PartyID]

    /// True for an agent user (the escrow desk).
    public var isAgent: Bool { role == .agent }

    /// The user `userID`, with its role and parties.
    public init(userID: UserID, role: UserRole, parties: [EscrowID: PartyID]) {
        self.userID = userID
        self.role = role
        self.parties = parties
    }
}

/// An API token as listed: never its secret, which is shown once when it is issued.
public struct TokenRecord: Sendable, Codable, Hashable {
    /// The token id (`tok_…`), used to revoke it.
    public var id: TokenID
    /// The user it authenticates.
    public var userID: UserID
    /// When it was issued.
    public var createdAt: Date
    /// When it stops working, if ever.
    public var expiresAt: Date?
    /// When it was revoked, if it was.
    public var revokedAt: Date?

    /// A token as a store reads it back.
    public init(id: TokenID, userID: UserID, createdAt: Date, expiresAt: Date?, revokedAt: Date?) {
        self.id = id
        self.userID = userID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// A write that waits for a second agent user: a disbursement or refund (maker and
/// checker) or written wire instructions (call-back confirmation).
public struct PendingApproval: Sendable, Codable, Hashable {
    /// Which control the approval is.
    public enum Kind: String, Sendable, Codable {
        /// Release or refund: executed only when an agent user other than the maker approves.
        case disbursement
        /// Bank details: take effect only after an agent user records an out-of-band call-back.
        case callback
    }

    /// The approval id (`apr_…`).
    public var id: ApprovalID
    /// The escrow it concerns.
    public var escrowID: String
    /// Maker-checker or call-back.
    public var kind: Kind
    /// The command executed once the approval is given.
    public var command: EscrowCommand
    /// The user who asked for it.
    public var maker: UserID
    /// When it was asked for.
    public var madeAt: Date
    /// The second agent user, once it has approved or confirmed.
    public var checker: UserID?
    /// When the second agent user acted.
    public var checkedAt: Date?
    /// The call-back record: whom the desk called, at which number on file, when.
    public var note: String?

    /// An approval as a store reads it back.
    public init(
        id: ApprovalID, escrowID: String, kind: Kind, command: EscrowCommand, maker: UserID, madeAt: Date, checker: UserID?, checkedAt: Date?,
        note: String?
    ) {
        self.id = id
        self.escrowID = escrowID
        self.kind = kind
        self.command = command
        self.maker = maker
        self.madeAt = madeAt
        self.checker = checker
        self.checkedAt = checkedAt
        self.note = note
    }
}

/// Why the user store refused or failed.
public enum UserStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A user with this id exists already.
    case userExists(UserID)
    /// No user has this id.
    case userNotFound(UserID)
    /// No token has this id.
    case tokenNotFound(TokenID)
    /// The escrow has no approval with this id.
    case approvalNotFound(ApprovalID)
    /// The approval was given already, by a second agent user.
    case approvalAlreadyChecked(ApprovalID)
    /// The request breaks a rule of the directory; the reason says which.
    case invalid(String)
    /// The database could not be used; the reason says why.
    case unavailable(String)

    /// A plain sentence naming what went wrong.
    public var description: String {
        switch self {
        case .userExists(let id): "User \(id) already exists."
        case .userNotFound(let id): "There is no user \(id)."
        case .tokenNotFound(let id): "There is no token \(id)."
        case .approvalNotFound(let id): "There is no pending approval \(id)."
        case .approvalAlreadyChecked(let id): "Approval \(id) was already given."
        case .invalid(let reason): reason
        case .unavailable(let reason): "The user store is unavailable: \(reason)"
        }
    }
}
