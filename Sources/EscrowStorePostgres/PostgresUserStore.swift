public import EscrowCore
public import EscrowUsers
public import Foundation
import EscrowStore
import PostgresNIO

/// Users, their API tokens (kept only as SHA-256 hashes) and pending approvals in the
/// PostgreSQL database of the event log, so every server connected to it shares them: a
/// token issued once works on each, and a release proposed on one server is approved on another.
///
/// The tables are those of `SQLiteUserStore`, created by ``PostgresUserMigrations``; queries
/// run on the event store's connection pool. Refusals are the same ``UserStoreError`` cases.
/// A maker's retried proposal and two checkers racing are settled by the database (a unique
/// key, a row lock), not by the server that happens to answer.
public final class PostgresUserStore: UserDirectory {
    /// The event log whose database and connection pool the user tables share.
    private let events: PostgresEventStore

    /// Tokens that authenticated recently, so a request does not read the user tables each time.
    private let recentTokens: RecentTokens
    private let logger: Logger

    /// The user tables in the database of `events`, on its connection pool; ready once
    /// ``migrate()`` has returned (``open(beside:tokenMemory:uptime:)`` does both).
    ///
    /// A token that authenticated is remembered for `tokenMemory`: a change made through
    /// this store (a revocation, a new grant) applies at once, a change made through another
    /// one (`escrow users revoke`, another server) within `tokenMemory`, as measured by `uptime`.
    public init(
        beside events: PostgresEventStore, tokenMemory: Duration = .zero,
        uptime: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.events = events
        self.recentTokens = RecentTokens(lifetime: tokenMemory, uptime: uptime)
        var logger = Logger(label: "escrow.users.postgres")
        logger.logLevel = .critical
        self.logger = logger
    }

    /// Creates or upgrades the user tables, under the lock the event log's migrations take.
    /// The event store's pool must be running.
    public func migrate() async throws(UserStoreError) {
        try await transaction { connection, logger in
            try await PostgresMigrations.apply(PostgresUserMigrations.all, connection: connection, logger: logger)
        }
    }

    /// Creates or upgrades the user tables in the database of `events`, whose pool must be
    /// running, and opens them (see ``init(beside:tokenMemory:uptime:)``).
    public static func open(
        beside events: PostgresEventStore, tokenMemory: Duration = .zero,
        uptime: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) async throws(UserStoreError) -> PostgresUserStore {
        let store = PostgresUserStore(beside: events, tokenMemory: tokenMemory, uptime: uptime)
        try await store.migrate()
        return store
    }

    // MARK: Users

    /// See ``UserDirectory/addUser(id:name:role:at:)``.
    public func addUser(id user: UserID, name: String, role: UserRole, at now: Date) async throws(UserStoreError) {
        let id = user.rawValue
        guard UserRules.validIdentifier(id) else { throw .invalid(UserRules.invalidIdentifier) }
        let role = role.rawValue
        let createdAt = UserRules.milliseconds(now)
        try await write { connection, logger in
            let inserted = try await connection.query(
                """
                INSERT INTO server_user (id, name, role, created_at_ms) VALUES (\(id), \(name), \(role), \(createdAt))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """, logger: logger)
            guard try await Self.hasRow(inserted) else { throw UserStoreError.userExists(user) }
        }
    }

    /// See ``UserDirectory/grant(userID:escrowID:partyID:)``.
    public func grant(userID user: UserID, escrowID: EscrowID, partyID: PartyID) async throws(UserStoreError) {
        let userID = user.rawValue
        try await write { connection, logger in
            let rows = try await connection.query("SELECT role FROM server_user WHERE id = \(userID)", logger: logger)
            guard let role = try await Self.firstText(rows) else { throw UserStoreError.userNotFound(user) }
            guard role == UserRole.party.rawValue else { throw UserStoreError.invalid(UserRules.agentHasNoParty(userID)) }
            try await connection.query(
                """
                INSERT INTO server_user_party (user_id, escrow_id, party_id) VALUES (\(userID), \(escrowID.rawValue), \(partyID.rawValue))
                ON CONFLICT (user_id, escrow_id) DO UPDATE SET party_id = EXCLUDED.party_id
                """, logger: logger)
        }
    }

    /// See ``UserDirectory/users()``.
    public func users() async throws(UserStoreError) -> [ServerUser] {
        try await read { connection, logger in
            // Ordered by byte, as SQLite orders, whatever the database's collation.
            let rows = try await connection.query(
                """
                SELECT u.id, u.name, u.role, p.escrow_id, p.party_id
                FROM server_user u LEFT JOIN server_user_party p ON p.user_id = u.id
                ORDER BY u.id COLLATE "C"
                """, logger: logger)
            var users: [ServerUser] = []
            for try await (id, name, role, escrow, party) in rows.decode((String, String, String, String?, String?).self) {
                if users.last?.id.rawValue != id {
                    users.append(ServerUser(id: UserID(id), name: name, role: UserRole(rawValue: role) ?? .party, parties: [:]))
                }
                if let escrow, let party { users[users.count - 1].parties[escrow] = party }
            }
            return users
        }
    }

    // MARK: Tokens

    /// See ``UserDirectory/issueToken(userID:at:expiresAt:)``.
    public func issueToken(userID user: UserID, at now: Date, expiresAt: Date?) async throws(UserStoreError) -> (id: TokenID, secret: String) {
        let userID = user.rawValue
        let (id, secret, hash) = UserRules.newToken()
        let createdAt = UserRules.milliseconds(now)
        let expiresAt = expiresAt.map(UserRules.milliseconds)
        try await write { connection, logger in
            let found = try await connection.query("SELECT 1 FROM server_user WHERE id = \(userID)", logger: logger)
            guard try await Self.hasRow(found) else { throw UserStoreError.userNotFound(user) }
            try await connection.query(
                """
                INSERT INTO server_token (id, user_id, secret_sha256, created_at_ms, expires_at_ms)
                VALUES (\(id), \(userID), \(hash), \(createdAt), \(expiresAt))
                """, logger: logger)
        }
        return (TokenID(id), secret)
    }

    /// See ``UserDirectory/revoke(tokenID:at:)``.
    public func revoke(tokenID token: TokenID, at now: Date) async throws(UserStoreError) {
        let tokenID = token.rawValue
        let revokedAt = UserRules.milliseconds(now)
        try await write { connection, logger in
            let revoked = try await connection.query(
                "UPDATE server_token SET revoked_at_ms = \(revokedAt) WHERE id = \(tokenID) AND revoked_at_ms IS NULL RETURNING id",
                logger: logger)
            if try await Self.hasRow(revoked) { return }
            // Revoking twice is no error; revoking what never existed is.
            let known = try await connection.query("SELECT 1 FROM server_token WHERE id = \(tokenID)", logger: logger)
            guard try await Self.hasRow(known) else { throw UserStoreError.tokenNotFound(token) }
        }
    }

    /// See ``UserDirectory/tokens()``.
    public func tokens() async throws(UserStoreError) -> [TokenRecord] {
        try await read { connection, logger in
            let rows = try await connection.query(
                """
                SELECT id, user_id, created_at_ms, expires_at_ms, revoked_at_ms FROM server_token
                ORDER BY user_id COLLATE "C", created_at_ms, id COLLATE "C"
                """, logger: logger)
            var tokens: [TokenRecord] = []
            for try await (id, userID, createdAt, expiresAt, revokedAt) in rows.decode((String, String, Int64, Int64?, Int64?).self) {
                tokens.append(
                    TokenRecord(
                        id: TokenID(id), userID: UserID(userID), createdAt: UserRules.date(createdAt), expiresAt: expiresAt.map(UserRules.date),
                        revokedAt: revokedAt.map(UserRules.date)))
            }
            return tokens
        }
    }

    /// See ``UserDirectory/authenticate(secret:at:)``.
    public func authenticate(secret: String, at now: Date) async throws(UserStoreError) -> Principal? {
        let hash = UserRules.hash(secret)
        let nowMilliseconds = UserRules.milliseconds(now)
        return try await recentTokens.principal(hash, atMilliseconds: nowMilliseconds) { () async throws(UserStoreError) in
            try await read { connection, logger in
                // One round trip: the token's user and each of its parties, one row per party.
                let rows = try await connection.query(
                    """
                    SELECT u.id, u.role, t.expires_at_ms, p.escrow_id, p.party_id
                    FROM server_token t JOIN server_user u ON u.id = t.user_id LEFT JOIN server_user_party p ON p.user_id = u.id
                    WHERE t.secret_sha256 = \(hash) AND t.revoked_at_ms IS NULL
                        AND (t.expires_at_ms IS NULL OR t.expires_at_ms > \(nowMilliseconds))
                    """, logger: logger)
                var entry: RecentTokens.Entry?
                for try await (id, role, expiresAt, escrow, party) in rows.decode((String, String, Int64?, String?, String?).self) {
                    var found = entry ?? RecentTokens.Entry(
                        principal: Principal(userID: UserID(id), role: UserRole(rawValue: role) ?? .party, parties: [:]),
                        expiresAtMilliseconds: expiresAt)
                    if let escrow, let party { found.principal.parties[EscrowID(escrow)] = PartyID(party) }
                    entry = found
                }
                return entry
            }
        }
    }

    // MARK: Approvals

    /// See ``UserDirectory/propose(_:kind:escrowID:maker:at:idempotencyKey:)``.
    public func propose(
        _ command: EscrowCommand, kind: PendingApproval.Kind, escrowID: EscrowID, maker user: UserID, at now: Date, idempotencyKey: String?
    ) async throws(UserStoreError) -> PendingApproval {
        let maker = user.rawValue
        let id = UserRules.newApprovalID()
        let encoded = try? EventCoding.encoder.encode(command)
        guard let encoded else { throw .invalid("the command cannot be encoded") }
        let kind = kind.rawValue
        let madeAt = UserRules.milliseconds(now)
        let approvalID: ApprovalID = try await write { connection, logger in
            // The unique (escrow, maker, key) settles two servers retrying the same request at once.
            let inserted = try await connection.query(
                """
                INSERT INTO server_approval (id, escrow_id, kind, command, maker, made_at_ms, idempotency_key)
                VALUES (\(id), \(escrowID.rawValue), \(kind), \(encoded), \(maker), \(madeAt), \(idempotencyKey))
                ON CONFLICT (escrow_id, maker, idempotency_key) DO NOTHING RETURNING id
                """, logger: logger)
            if let recorded = try await Self.firstText(inserted) { return ApprovalID(recorded) }
            let existing = try await connection.query(
                """
                SELECT id FROM server_approval WHERE escrow_id = \(escrowID.rawValue) AND maker = \(maker) AND idempotency_key = \(idempotencyKey)
                """, logger: logger)
            guard let first = try await Self.firstText(existing) else { throw UserStoreError.approvalNotFound(ApprovalID(id)) }
            return ApprovalID(first)
        }
        guard let recorded = try await approval(approvalID, escrowID: escrowID) else { throw .approvalNotFound(approvalID) }
        return recorded
    }

    /// See ``UserDirectory/approval(_:escrowID:)``.
    public func approval(_ approval: ApprovalID, escrowID: EscrowID) async throws(UserStoreError) -> PendingApproval? {
        let id = approval.rawValue
        return try await read { connection, logger in
            let rows = try await connection.query(
                "SELECT \(unescaped: Self.approvalColumns) FROM server_approval WHERE id = \(id) AND escrow_id = \(escrowID.rawValue)",
                logger: logger)
            return try await Self.approvals(rows).first
        }
    }

    /// See ``UserDirectory/approvals(escrowID:)``.
    public func approvals(escrowID: EscrowID) async throws(UserStoreError) -> [PendingApproval] {
        try await read { connection, logger in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.approvalColumns) FROM server_approval WHERE escrow_id = \(escrowID.rawValue)
                ORDER BY made_at_ms, id COLLATE "C"
                """, logger: logger)
            return try await Self.approvals(rows)
        }
    }

    /// See ``UserDirectory/check(_:escrowID:checker:note:at:)``.
    public func check(_ approval: ApprovalID, escrowID: EscrowID, checker user: UserID, note: String?, at now: Date) async throws(UserStoreError) {
        let id = approval.rawValue
        let checker = user.rawValue
        let checkedAt = UserRules.milliseconds(now)
        try await write { connection, logger in
            // The row lock makes a second checker, on any server, wait and then see the first.
            let rows = try await connection.query(
                "SELECT maker, checker FROM server_approval WHERE id = \(id) AND escrow_id = \(escrowID.rawValue) FOR UPDATE",
                logger: logger)
            var found: (maker: String, checker: String?)?
            for try await row in rows.decode((String, String?).self) { found = row }
            guard let found else { throw UserStoreError.approvalNotFound(approval) }
            guard found.checker == nil else { throw UserStoreError.approvalAlreadyChecked(approval) }
            guard found.maker != checker else { throw UserStoreError.invalid(UserRules.makerCannotCheck) }
            try await connection.query(
                "UPDATE server_approval SET checker = \(checker), checked_at_ms = \(checkedAt), note = \(note) WHERE id = \(id)",
                logger: logger)
        }
    }

    /// The columns ``approvals(_:)`` reads, in its order.
    private static let approvalColumns = "id, escrow_id, kind, command, maker, made_at_ms, checker, checked_at_ms, note"

    /// The approvals in `rows`; a row whose command no longer decodes is left out, as in SQLite.
    private static func approvals(_ rows: PostgresRowSequence) async throws -> [PendingApproval] {
        var approvals: [PendingApproval] = []
        for try await (id, escrowID, kind, command, maker, madeAt, checker, checkedAt, note) in rows.decode(
            (String, String, String, Data, String, Int64, String?, Int64?, String?).self)
        {
            guard let kind = PendingApproval.Kind(rawValue: kind),
                let command = try? EventCoding.decoder.decode(EscrowCommand.self, from: command)
            else { continue }
            approvals.append(
                PendingApproval(
                    id: ApprovalID(id), escrowID: escrowID, kind: kind, command: command, maker: UserID(maker), madeAt: UserRules.date(madeAt),
                    checker: checker.map { UserID($0) }, checkedAt: checkedAt.map(UserRules.date), note: note))
        }
        return approvals
    }

    /// See ``UserDirectory/setPasswordHash(userID:hash:)``.
    public func setPasswordHash(userID user: UserID, hash: String) async throws(UserStoreError) {
        let userID = user.rawValue
        try await write { connection, logger in
            let updated = try await connection.query(
                "UPDATE server_user SET password_hash = \(hash) WHERE id = \(userID) RETURNING id", logger: logger)
            guard try await Self.hasRow(updated) else { throw UserStoreError.userNotFound(user) }
        }
    }

    /// See ``UserDirectory/passwordHash(userID:)``.
    public func passwordHash(userID user: UserID) async throws(UserStoreError) -> String? {
        let userID = user.rawValue
        return try await read { connection, logger in
            let rows = try await connection.query("SELECT password_hash FROM server_user WHERE id = \(userID)", logger: logger)
            for try await hash in rows.decode(String?.self) { return hash }
            return nil
        }
    }

    // MARK: Access and errors

    /// Runs `body` on a pooled connection, outside any explicit transaction.
    private func read<T: Sendable>(_ body: (PostgresConnection, Logger) async throws -> T) async throws(UserStoreError) -> T {
        let logger = logger
        do {
            return try await events.withPrimaryConnection { connection, _ in try await body(connection, logger) }
        } catch {
            throw Self.userStoreError(error)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    private func transaction<T: Sendable>(_ body: (PostgresConnection, Logger) async throws -> T) async throws(UserStoreError) -> T {
        try await read { connection, logger in
            try await connection.inTransaction(logger: logger) { connection in try await body(connection, logger) }
        }
    }

    /// A transaction that changes users, tokens or approvals.
    private func write<T: Sendable>(_ body: (PostgresConnection, Logger) async throws -> T) async throws(UserStoreError) -> T {
        // Whatever changes, no token answers from memory until it has been read again.
        defer { recentTokens.forgetAll() }
        return try await transaction(body)
    }

    private static func hasRow(_ rows: PostgresRowSequence) async throws -> Bool {
        for try await _ in rows { return true }
        return false
    }

    /// The first column of the first row, read as text.
    private static func firstText(_ rows: PostgresRowSequence) async throws -> String? {
        for try await text in rows.decode(String.self) { return text }
        return nil
    }

    /// A refusal passes through; whatever postgres-nio threw becomes ``UserStoreError/unavailable(_:)``.
    static func userStoreError(_ error: any Error) -> UserStoreError {
        if let error = error as? UserStoreError { return error }
        let stored = PostgresEventStore.storeError(error)
        switch stored {
        case .unavailable(let reason), .corrupt(let reason): return .unavailable(reason)
        case .sequenceConflict, .idempotencyKeyReused: return .unavailable(stored.description)
        }
    }
}
