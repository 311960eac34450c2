public import EscrowCore
public import Foundation

/// Users, their API tokens (kept only as SHA-256 hashes) and pending approvals, wherever they
/// are kept: `SQLiteUserStore` (in `EscrowStoreSQLite`, in the event log's file) or
/// `PostgresUserStore` (in `EscrowStorePostgres`, one PostgreSQL database shared by every
/// server that connects to it). The server sees only this protocol, so it links no database.
///
/// A directory may remember tokens that authenticated for a short token memory: a change
/// made through the same directory (a revocation, a new grant) applies at once, a change
/// made through another one (`escrow users revoke`, another server) within that memory.
public protocol UserDirectory: Sendable {
    /// Adds a user; a party user is tied to parties with ``grant(userID:escrowID:partyID:)``.
    func addUser(id: UserID, name: String, role: UserRole, at now: Date) async throws(UserStoreError)

    /// Ties a party user to one party of one escrow (replacing an earlier tie to that escrow).
    func grant(userID: UserID, escrowID: EscrowID, partyID: PartyID) async throws(UserStoreError)

    /// Every user with its parties, by id.
    func users() async throws(UserStoreError) -> [ServerUser]

    /// Issues a bearer token for a user; returns its id and the secret, which is not kept.
    func issueToken(userID: UserID, at now: Date, expiresAt: Date?) async throws(UserStoreError) -> (id: TokenID, secret: String)

    /// Revokes a token by its id; a revoked token never authenticates again.
    func revoke(tokenID: TokenID, at now: Date) async throws(UserStoreError)

    /// Every token, without secrets, by user and then by issue time.
    func tokens() async throws(UserStoreError) -> [TokenRecord]

    /// The user a secret belongs to, or `nil` when it is unknown, revoked or expired at `now`.
    func authenticate(secret: String, at now: Date) async throws(UserStoreError) -> Principal?

    /// Records a write awaiting a second agent user; a retry under the same maker and key
    /// returns the approval first recorded.
    func propose(
        _ command: EscrowCommand, kind: PendingApproval.Kind, escrowID: EscrowID, maker: UserID, at now: Date, idempotencyKey: String?
    ) async throws(UserStoreError) -> PendingApproval

    /// One approval of an escrow.
    func approval(_ id: ApprovalID, escrowID: EscrowID) async throws(UserStoreError) -> PendingApproval?

    /// Every approval of an escrow, oldest first.
    func approvals(escrowID: EscrowID) async throws(UserStoreError) -> [PendingApproval]

    /// Records the second agent user; refused when it is the maker or the approval was given.
    func check(_ id: ApprovalID, escrowID: EscrowID, checker: UserID, note: String?, at now: Date) async throws(UserStoreError)

    /// Sets or replaces the hash of the password a user signs in to the web desk with (a
    /// PBKDF2 hash made by the server, never the password itself).
    func setPasswordHash(userID: UserID, hash: String) async throws(UserStoreError)

    /// The user's password hash, or `nil` when the user has none or does not exist.
    func passwordHash(userID: UserID) async throws(UserStoreError) -> String?
}

extension UserDirectory {
    /// Issues a bearer token that never expires; returns its id and the secret, which is not kept.
    public func issueToken(userID: UserID, at now: Date) async throws(UserStoreError) -> (id: TokenID, secret: String) {
        try await issueToken(userID: userID, at: now, expiresAt: nil)
    }
}
