public import EscrowCore
public import Foundation

/// Users, their API tokens (kept only as SHA-256 hashes) and pending approvals, wherever they
/// are kept: ``UserStore`` (SQLite, in the event log's file) or ``PostgresUserStore`` (one
/// PostgreSQL database shared by every server that connects to it).
///
/// A directory may remember tokens that authenticated for a short token memory: a change
/// made through the same directory (a revocation, a new grant) applies at once, a change
/// made through another one (`escrow users revoke`, another server) within that memory.
public protocol UserDirectory: Sendable {
    /// Adds a user; a party user is tied to parties with ``grant(userID:escrowID:partyID:)``.
    func addUser(id: String, name: String, role: UserRole, at now: Date) async throws(UserStoreError)

    /// Ties a party user to one party of one escrow (replacing an earlier tie to that escrow).
    func grant(userID: String, escrowID: EscrowID, partyID: PartyID) async throws(UserStoreError)

    /// Every user with its parties, by id.
    func users() async throws(UserStoreError) -> [ServerUser]

    /// Issues a bearer token for a user; returns its id and the secret, which is not kept.
    func issueToken(userID: String, at now: Date, expiresAt: Date?) async throws(UserStoreError) -> (id: String, secret: String)

    /// Revokes a token by its id; a revoked token never authenticates again.
    func revoke(tokenID: String, at now: Date) async throws(UserStoreError)

    /// Every token, without secrets, by user and then by issue time.
    func tokens() async throws(UserStoreError) -> [TokenRecord]

    /// The user a secret belongs to, or `nil` when it is unknown, revoked or expired at `now`.
    func authenticate(secret: String, at now: Date) async throws(UserStoreError) -> Principal?

    /// Records a write awaiting a second agent user; a retry under the same maker and key
    /// returns the approval first recorded.
    func propose(
        _ command: EscrowCommand, kind: PendingApproval.Kind, escrowID: EscrowID, maker: String, at now: Date, idempotencyKey: String?
    ) async throws(UserStoreError) -> PendingApproval

    /// One approval of an escrow.
    func approval(_ id: String, escrowID: EscrowID) async throws(UserStoreError) -> PendingApproval?

    /// Every approval of an escrow, oldest first.
    func approvals(escrowID: EscrowID) async throws(UserStoreError) -> [PendingApproval]

    /// Records the second agent user; refused when it is the maker or the approval was given.
    func check(_ id: String, escrowID: EscrowID, checker: String, note: String?, at now: Date) async throws(UserStoreError)
}

extension UserDirectory {
    /// Issues a bearer token that never expires; returns its id and the secret, which is not kept.
    public func issueToken(userID: String, at now: Date) async throws(UserStoreError) -> (id: String, secret: String) {
        try await issueToken(userID: userID, at: now, expiresAt: nil)
    }
}

/// What every user directory does the same way: identifiers, secrets, hashes, instants and
/// the sentences of its refusals, so both stores refuse alike.
enum UserRules {
    /// Why an identifier was refused.
    static let invalidIdentifier = "user id must be 1 to 128 letters, digits, '-', '_', '.' or '@'"
    /// Why a check by the maker was refused.
    static let makerCannotCheck = "the agent user who made the request cannot also check it; a second agent user must"

    /// Why a grant to an agent user was refused.
    static func agentHasNoParty(_ userID: String) -> String {
        "\(userID) is an agent user; only party users are tied to a party"
    }

    static func validIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 128 && text.allSatisfy { $0.isLetter || $0.isNumber || "-_.@".contains($0) }
    }

    /// Instants are stored as whole milliseconds since 1970.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000) }

    /// A new token: its id (`tok_…`), its secret (`esk_…`, shown once) and the hash that is kept.
    static func newToken() -> (id: String, secret: String, hash: String) {
        let secret = "esk_" + randomHex(bytes: 32)
        return ("tok_" + randomHex(bytes: 8), secret, hash(secret))
    }

    /// A new approval id (`apr_…`).
    static func newApprovalID() -> String { "apr_" + randomHex(bytes: 8) }

    static func hash(_ secret: String) -> String {
        SHA256Hex.of(Data(secret.utf8))
    }

    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return SHA256Hex.hex((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
