public import EscrowCore
public import EscrowUsers
public import Foundation
public import GRDB

/// Users, their API tokens (kept only as SHA-256 hashes) and pending approvals, in the same
/// SQLite file as the event log, in tables of their own (``SQLiteUserMigrations``).
public final class SQLiteUserStore: UserDirectory {
    /// The event log's connection pool.
    let pool: DatabasePool

    /// Tokens that authenticated recently, so a request does not read the user tables each time.
    private let recentTokens: RecentTokens

    /// Creates or upgrades the user tables in the file of `events`, and opens them on its
    /// connection pool: one pool per file, so the event log and the users share its one writer
    /// connection instead of contending for the file's lock.
    ///
    /// A token that authenticated is remembered for `tokenMemory`: a change made through
    /// this store (a revocation, a new grant) applies at once, a change made by another
    /// process (`escrow users revoke` beside a running server) within `tokenMemory`, as
    /// measured by `uptime`. Closing `events` closes the users too.
    public init(
        beside events: SQLiteEventStore, tokenMemory: Duration = .zero,
        uptime: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) throws(UserStoreError) {
        recentTokens = RecentTokens(lifetime: tokenMemory, uptime: uptime)
        do { try SQLiteUserMigrations.migrator.migrate(events.pool) } catch { throw .unavailable("\(error)") }
        pool = events.pool
    }

    private func run<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(UserStoreError) -> T {
        // Whatever changes, no token answers from memory until it has been read again.
        defer { recentTokens.forgetAll() }
        do { return try await pool.write(body) } catch let error as UserStoreError { throw error } catch {
            throw .unavailable("\(error)")
        }
    }

    /// Reads run beside each other (WAL readers) instead of queueing behind the one writer.
    private func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(UserStoreError) -> T {
        do { return try await pool.read(body) } catch let error as UserStoreError { throw error } catch {
            throw .unavailable("\(error)")
        }
    }

    // MARK: Users

    /// See ``UserDirectory/addUser(id:name:role:at:)``.
    public func addUser(id: UserID, name: String, role: UserRole, at now: Date) async throws(UserStoreError) {
        guard UserRules.validIdentifier(id.rawValue) else { throw .invalid(UserRules.invalidIdentifier) }
        try await run { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM server_user WHERE id = ?", arguments: [id]) != nil {
                throw UserStoreError.userExists(id)
            }
            try db.execute(
                sql: "INSERT INTO server_user (id, name, role, created_at_ms) VALUES (?, ?, ?, ?)",
                arguments: [id, name, role.rawValue, UserRules.milliseconds(now)])
        }
    }

    /// See ``UserDirectory/grant(userID:escrowID:partyID:)``.
    public func grant(userID: UserID, escrowID: EscrowID, partyID: PartyID) async throws(UserStoreError) {
        try await run { db in
            guard let role = try String.fetchOne(db, sql: "SELECT role FROM server_user WHERE id = ?", arguments: [userID]) else {
                throw UserStoreError.userNotFound(userID)
            }
            guard role == UserRole.party.rawValue else {
                throw UserStoreError.invalid(UserRules.agentHasNoParty(userID.rawValue))
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO server_user_party (user_id, escrow_id, party_id) VALUES (?, ?, ?)",
                arguments: [userID, escrowID.rawValue, partyID.rawValue])
        }
    }

    /// See ``UserDirectory/users()``.
    public func users() async throws(UserStoreError) -> [ServerUser] {
        try await read { db in
            var result: [ServerUser] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, name, role FROM server_user ORDER BY id") {
                let id: UserID = row["id"]
                var parties: [String: String] = [:]
                for grant in try Row.fetchAll(db, sql: "SELECT escrow_id, party_id FROM server_user_party WHERE user_id = ?", arguments: [id]) {
                    let escrow: String = grant["escrow_id"]
                    let party: String = grant["party_id"]
                    parties[escrow] = party
                }
                result.append(ServerUser(id: id, name: row["name"], role: UserRole(rawValue: row["role"]) ?? .party, parties: parties))
            }
            return result
        }
    }

    // MARK: Tokens

    /// See ``UserDirectory/issueToken(userID:at:expiresAt:)``.
    public func issueToken(userID: UserID, at now: Date, expiresAt: Date?) async throws(UserStoreError) -> (id: TokenID, secret: String) {
        let (id, secret, hash) = UserRules.newToken()
        try await run { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM server_user WHERE id = ?", arguments: [userID]) != nil else {
                throw UserStoreError.userNotFound(userID)
            }
            try db.execute(
                sql: "INSERT INTO server_token (id, user_id, secret_sha256, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, userID, hash, UserRules.milliseconds(now), expiresAt.map(UserRules.milliseconds)])
        }
        return (TokenID(id), secret)
    }

    /// See ``UserDirectory/revoke(tokenID:at:)``.
    public func revoke(tokenID: TokenID, at now: Date) async throws(UserStoreError) {
        try await run { db in
            try db.execute(
                sql: "UPDATE server_token SET revoked_at_ms = ? WHERE id = ? AND revoked_at_ms IS NULL",
                arguments: [UserRules.milliseconds(now), tokenID])
            if db.changesCount == 0 {
                guard try Row.fetchOne(db, sql: "SELECT 1 FROM server_token WHERE id = ?", arguments: [tokenID]) != nil else {
                    throw UserStoreError.tokenNotFound(tokenID)
                }
            }
        }
    }

    /// See ``UserDirectory/tokens()``.
    public func tokens() async throws(UserStoreError) -> [TokenRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM server_token ORDER BY user_id, created_at_ms").map { row in
                TokenRecord(
                    id: row["id"], userID: row["user_id"], createdAt: UserRules.date(row["created_at_ms"]),
                    expiresAt: (row["expires_at_ms"] as Int64?).map(UserRules.date), revokedAt: (row["revoked_at_ms"] as Int64?).map(UserRules.date))
            }
        }
    }

    /// See ``UserDirectory/authenticate(secret:at:)``.
    public func authenticate(secret: String, at now: Date) async throws(UserStoreError) -> Principal? {
        let hash = UserRules.hash(secret)
        let nowMilliseconds = UserRules.milliseconds(now)
        return try await recentTokens.principal(hash, atMilliseconds: nowMilliseconds) { () async throws(UserStoreError) in
            try await read { db -> RecentTokens.Entry? in
                guard
                    let row = try Row.fetchOne(
                        db.cachedStatement(
                            sql: """
                            SELECT u.id, u.role, t.expires_at_ms FROM server_token t JOIN server_user u ON u.id = t.user_id
                            WHERE t.secret_sha256 = ? AND t.revoked_at_ms IS NULL AND (t.expires_at_ms IS NULL OR t.expires_at_ms > ?)
                            """), arguments: [hash, nowMilliseconds])
                else { return nil }
                let id: UserID = row["id"]
                var parties: [EscrowID: PartyID] = [:]
                for grant in try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT escrow_id, party_id FROM server_user_party WHERE user_id = ?"), arguments: [id]) {
                    parties[EscrowID(grant["escrow_id"] as String)] = PartyID(grant["party_id"] as String)
                }
                return RecentTokens.Entry(
                    principal: Principal(userID: id, role: UserRole(rawValue: row["role"]) ?? .party, parties: parties),
                    expiresAtMilliseconds: row["expires_at_ms"])
            }
        }
    }

    // MARK: Approvals

    /// See ``UserDirectory/propose(_:kind:escrowID:maker:at:idempotencyKey:)``.
    public func propose(
        _ command: EscrowCommand, kind: PendingApproval.Kind, escrowID: EscrowID, maker: UserID, at now: Date, idempotencyKey: String?
    ) async throws(UserStoreError) -> PendingApproval {
        let id = UserRules.newApprovalID()
        let encoded = try? EventCoding.encoder.encode(command)
        guard let encoded else { throw .invalid("the command cannot be encoded") }
        let approvalID: ApprovalID = try await run { db in
            if let key = idempotencyKey,
                let existing = try ApprovalID.fetchOne(
                    db, sql: "SELECT id FROM server_approval WHERE escrow_id = ? AND maker = ? AND idempotency_key = ?",
                    arguments: [escrowID.rawValue, maker, key])
            {
                return existing
            }
            try db.execute(
                sql: """
                    INSERT INTO server_approval (id, escrow_id, kind, command, maker, made_at_ms, idempotency_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, escrowID.rawValue, kind.rawValue, encoded, maker, UserRules.milliseconds(now), idempotencyKey])
            return ApprovalID(id)
        }
        guard let recorded = try await self.approval(approvalID, escrowID: escrowID) else { throw .approvalNotFound(approvalID) }
        return recorded
    }

    /// See ``UserDirectory/approval(_:escrowID:)``.
    public func approval(_ id: ApprovalID, escrowID: EscrowID) async throws(UserStoreError) -> PendingApproval? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM server_approval WHERE id = ? AND escrow_id = ?", arguments: [id, escrowID.rawValue])
                .flatMap(Self.decodeApproval)
        }
    }

    /// See ``UserDirectory/approvals(escrowID:)``.
    public func approvals(escrowID: EscrowID) async throws(UserStoreError) -> [PendingApproval] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM server_approval WHERE escrow_id = ? ORDER BY made_at_ms, id", arguments: [escrowID.rawValue])
                .compactMap(Self.decodeApproval)
        }
    }

    /// See ``UserDirectory/check(_:escrowID:checker:note:at:)``.
    public func check(_ id: ApprovalID, escrowID: EscrowID, checker: UserID, note: String?, at now: Date) async throws(UserStoreError) {
        try await run { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT maker, checker FROM server_approval WHERE id = ? AND escrow_id = ?", arguments: [id, escrowID.rawValue])
            else { throw UserStoreError.approvalNotFound(id) }
            guard (row["checker"] as UserID?) == nil else { throw UserStoreError.approvalAlreadyChecked(id) }
            guard (row["maker"] as UserID) != checker else {
                throw UserStoreError.invalid(UserRules.makerCannotCheck)
            }
            try db.execute(
                sql: "UPDATE server_approval SET checker = ?, checked_at_ms = ?, note = ? WHERE id = ?",
                arguments: [checker, UserRules.milliseconds(now), note, id])
        }
    }

    /// See ``UserDirectory/setPasswordHash(userID:hash:)``.
    public func setPasswordHash(userID: UserID, hash: String) async throws(UserStoreError) {
        try await run { db in
            try db.execute(sql: "UPDATE server_user SET password_hash = ? WHERE id = ?", arguments: [hash, userID])
            guard db.changesCount == 1 else { throw UserStoreError.userNotFound(userID) }
        }
    }

    /// See ``UserDirectory/passwordHash(userID:)``.
    public func passwordHash(userID: UserID) async throws(UserStoreError) -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM server_user WHERE id = ?", arguments: [userID])
        }
    }

    static func decodeApproval(_ row: Row) -> PendingApproval? {
        guard let kind = PendingApproval.Kind(rawValue: row["kind"]),
            let command = try? EventCoding.decoder.decode(EscrowCommand.self, from: row["command"] as Data)
        else { return nil }
        return PendingApproval(
            id: row["id"], escrowID: row["escrow_id"], kind: kind, command: command, maker: row["maker"],
            madeAt: UserRules.date(row["made_at_ms"]), checker: row["checker"], checkedAt: (row["checked_at_ms"] as Int64?).map(UserRules.date),
            note: row["note"])
    }
}

/// Ids of every kind are stored as their text, so a typed id binds and reads back directly.
extension Identifier: DatabaseValueConvertible {
    /// The id's text.
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    /// The id stored as `dbValue`, or `nil` when it is not text.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Self? {
        guard let text = String.fromDatabaseValue(dbValue) else { return nil }
        return Self(text)
    }
}
