import Crypto
public import EscrowCore
public import Foundation
import GRDB

/// What a user is to the server: an agent user (an operator of the escrow desk) or a party
/// user, who acts for one party of each escrow it is tied to.
public enum UserRole: String, Sendable, Codable, CaseIterable {
    case agent
    case party
}

/// A user as stored: its role and, for a party user, the party it is in each escrow.
public struct ServerUser: Sendable, Codable, Hashable {
    /// The user id, e.g. `alice` or `purchaser-1-desk`.
    public var id: String
    /// A display name.
    public var name: String
    /// Agent or party user.
    public var role: UserRole
    /// Escrow id to party id; empty for an agent user.
    public var parties: [String: String]
}

/// The user behind a request's bearer token.
public struct Principal: Sendable, Hashable {
    /// The authenticated user.
    public var userID: String
    /// Agent or party user.
    public var role: UserRole
    /// The party the user acts for in each escrow it is tied to (empty for agent users).
    public var parties: [EscrowID: PartyID]

    /// True for an agent user (the escrow desk).
    public var isAgent: Bool { role == .agent }
}

/// An API token as listed: never its secret, which is shown once when it is issued.
public struct TokenRecord: Sendable, Codable, Hashable {
    /// The token id (`tok_…`), used to revoke it.
    public var id: String
    /// The user it authenticates.
    public var userID: String
    /// When it was issued.
    public var createdAt: Date
    /// When it stops working, if ever.
    public var expiresAt: Date?
    /// When it was revoked, if it was.
    public var revokedAt: Date?
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
    public var id: String
    /// The escrow it concerns.
    public var escrowID: String
    /// Maker-checker or call-back.
    public var kind: Kind
    /// The command executed once the approval is given.
    public var command: EscrowCommand
    /// The user who asked for it.
    public var maker: String
    /// When it was asked for.
    public var madeAt: Date
    /// The second agent user, once it has approved or confirmed.
    public var checker: String?
    /// When the second agent user acted.
    public var checkedAt: Date?
    /// The call-back record: whom the desk called, at which number on file, when.
    public var note: String?
}

/// Why the user store refused or failed.
public enum UserStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case userExists(String)
    case userNotFound(String)
    case tokenNotFound(String)
    case approvalNotFound(String)
    case approvalAlreadyChecked(String)
    case invalid(String)
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

/// Users, their API tokens (kept only as SHA-256 hashes) and pending approvals, in the same
/// SQLite file as the event log, in tables of their own.
public final class UserStore: Sendable {
    let writer: any DatabaseWriter

    /// Tokens that authenticated recently, so a request does not read the user tables each time.
    private let recentTokens: RecentTokens

    /// Opens (and migrates) the user tables in the database file at `path`.
    ///
    /// A token that authenticated is remembered for `tokenMemory`: a change made through
    /// this store (a revocation, a new grant) applies at once, a change made by another
    /// process (`escrow users revoke` beside a running server) within `tokenMemory`.
    public init(path: String, tokenMemory: Duration = .zero, uptime: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) throws(UserStoreError) {
        recentTokens = RecentTokens(lifetime: tokenMemory, uptime: uptime)
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.label = "UserStore"
            let pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
            writer = pool
        } catch {
            throw .unavailable("\(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // Migration names start with `users-` so they never collide with the event log's.
        migrator.registerMigration("users-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE server_user (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('agent', 'party')),
                        created_at_ms INTEGER NOT NULL
                    );
                    CREATE TABLE server_user_party (
                        user_id TEXT NOT NULL REFERENCES server_user(id),
                        escrow_id TEXT NOT NULL,
                        party_id TEXT NOT NULL,
                        PRIMARY KEY (user_id, escrow_id)
                    );
                    CREATE TABLE server_token (
                        id TEXT PRIMARY KEY NOT NULL,
                        user_id TEXT NOT NULL REFERENCES server_user(id),
                        secret_sha256 TEXT NOT NULL UNIQUE,
                        created_at_ms INTEGER NOT NULL,
                        expires_at_ms INTEGER,
                        revoked_at_ms INTEGER
                    );
                    CREATE TABLE server_approval (
                        id TEXT PRIMARY KEY NOT NULL,
                        escrow_id TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('disbursement', 'callback')),
                        command BLOB NOT NULL,
                        maker TEXT NOT NULL,
                        made_at_ms INTEGER NOT NULL,
                        idempotency_key TEXT,
                        checker TEXT,
                        checked_at_ms INTEGER,
                        note TEXT,
                        CHECK (checker IS NULL OR checker <> maker),
                        UNIQUE (escrow_id, maker, idempotency_key)
                    );
                    """)
        }
        return migrator
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000) }

    static func validIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 128 && text.allSatisfy { $0.isLetter || $0.isNumber || "-_.@".contains($0) }
    }

    private func run<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(UserStoreError) -> T {
        // Whatever changes, no token answers from memory until it has been read again.
        defer { recentTokens.forgetAll() }
        do { return try await writer.write(body) } catch let error as UserStoreError { throw error } catch {
            throw .unavailable("\(error)")
        }
    }

    /// Reads run beside each other (WAL readers) instead of queueing behind the one writer.
    private func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(UserStoreError) -> T {
        do { return try await writer.read(body) } catch let error as UserStoreError { throw error } catch {
            throw .unavailable("\(error)")
        }
    }

    // MARK: Users

    /// Adds a user; a party user is tied to parties with ``grant(userID:escrowID:partyID:)``.
    public func addUser(id: String, name: String, role: UserRole, at now: Date) async throws(UserStoreError) {
        guard Self.validIdentifier(id) else { throw .invalid("user id must be 1 to 128 letters, digits, '-', '_', '.' or '@'") }
        try await run { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM server_user WHERE id = ?", arguments: [id]) != nil {
                throw UserStoreError.userExists(id)
            }
            try db.execute(
                sql: "INSERT INTO server_user (id, name, role, created_at_ms) VALUES (?, ?, ?, ?)",
                arguments: [id, name, role.rawValue, Self.milliseconds(now)])
        }
    }

    /// Ties a party user to one party of one escrow (replacing an earlier tie to that escrow).
    public func grant(userID: String, escrowID: EscrowID, partyID: PartyID) async throws(UserStoreError) {
        try await run { db in
            guard let role = try String.fetchOne(db, sql: "SELECT role FROM server_user WHERE id = ?", arguments: [userID]) else {
                throw UserStoreError.userNotFound(userID)
            }
            guard role == UserRole.party.rawValue else {
                throw UserStoreError.invalid("\(userID) is an agent user; only party users are tied to a party")
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO server_user_party (user_id, escrow_id, party_id) VALUES (?, ?, ?)",
                arguments: [userID, escrowID.rawValue, partyID.rawValue])
        }
    }

    /// Every user with its parties, by id.
    public func users() async throws(UserStoreError) -> [ServerUser] {
        try await read { db in
            var result: [ServerUser] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, name, role FROM server_user ORDER BY id") {
                let id: String = row["id"]
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

    /// Issues a bearer token for a user; returns its id and the secret, which is not kept.
    public func issueToken(userID: String, at now: Date, expiresAt: Date? = nil) async throws(UserStoreError) -> (id: String, secret: String) {
        let id = "tok_" + Self.randomHex(bytes: 8)
        let secret = "esk_" + Self.randomHex(bytes: 32)
        let hash = Self.hash(secret)
        try await run { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM server_user WHERE id = ?", arguments: [userID]) != nil else {
                throw UserStoreError.userNotFound(userID)
            }
            try db.execute(
                sql: "INSERT INTO server_token (id, user_id, secret_sha256, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, userID, hash, Self.milliseconds(now), expiresAt.map(Self.milliseconds)])
        }
        return (id, secret)
    }

    /// Revokes a token by its id; a revoked token never authenticates again.
    public func revoke(tokenID: String, at now: Date) async throws(UserStoreError) {
        try await run { db in
            try db.execute(
                sql: "UPDATE server_token SET revoked_at_ms = ? WHERE id = ? AND revoked_at_ms IS NULL",
                arguments: [Self.milliseconds(now), tokenID])
            if db.changesCount == 0 {
                guard try Row.fetchOne(db, sql: "SELECT 1 FROM server_token WHERE id = ?", arguments: [tokenID]) != nil else {
                    throw UserStoreError.tokenNotFound(tokenID)
                }
            }
        }
    }

    /// Every token, without secrets.
    public func tokens() async throws(UserStoreError) -> [TokenRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM server_token ORDER BY user_id, created_at_ms").map { row in
                TokenRecord(
                    id: row["id"], userID: row["user_id"], createdAt: Self.date(row["created_at_ms"]),
                    expiresAt: (row["expires_at_ms"] as Int64?).map(Self.date), revokedAt: (row["revoked_at_ms"] as Int64?).map(Self.date))
            }
        }
    }

    /// The user a secret belongs to, or `nil` when it is unknown, revoked or expired at `now`.
    public func authenticate(secret: String, at now: Date) async throws(UserStoreError) -> Principal? {
        let hash = Self.hash(secret)
        let nowMilliseconds = Self.milliseconds(now)
        if let known = recentTokens.principal(hash) {
            return known.expiresAtMilliseconds.map { $0 > nowMilliseconds } ?? true ? known.principal : nil
        }
        let generation = recentTokens.generation
        let found = try await read { db -> RecentTokens.Entry? in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                        SELECT u.id, u.role, t.expires_at_ms FROM server_token t JOIN server_user u ON u.id = t.user_id
                        WHERE t.secret_sha256 = ? AND t.revoked_at_ms IS NULL AND (t.expires_at_ms IS NULL OR t.expires_at_ms > ?)
                        """), arguments: [hash, nowMilliseconds])
            else { return nil }
            let id: String = row["id"]
            var parties: [EscrowID: PartyID] = [:]
            for grant in try Row.fetchAll(
                db.cachedStatement(sql: "SELECT escrow_id, party_id FROM server_user_party WHERE user_id = ?"), arguments: [id]) {
                parties[EscrowID(grant["escrow_id"] as String)] = PartyID(grant["party_id"] as String)
            }
            return RecentTokens.Entry(
                principal: Principal(userID: id, role: UserRole(rawValue: row["role"]) ?? .party, parties: parties),
                expiresAtMilliseconds: row["expires_at_ms"])
        }
        guard let found else { return nil }
        recentTokens.remember(hash, found, readAt: generation)
        return found.principal
    }

    // MARK: Approvals

    /// Records a write awaiting a second agent user; a retry under the same maker and key
    /// returns the approval first recorded.
    public func propose(
        _ command: EscrowCommand, kind: PendingApproval.Kind, escrowID: EscrowID, maker: String, at now: Date, idempotencyKey: String?
    ) async throws(UserStoreError) -> PendingApproval {
        let id = "apr_" + Self.randomHex(bytes: 8)
        let encoded = try? EventCoding.encoder.encode(command)
        guard let encoded else { throw .invalid("the command cannot be encoded") }
        let approvalID: String = try await run { db in
            if let key = idempotencyKey,
                let existing = try String.fetchOne(
                    db, sql: "SELECT id FROM server_approval WHERE escrow_id = ? AND maker = ? AND idempotency_key = ?",
                    arguments: [escrowID.rawValue, maker, key])
            {
                return existing
            }
            try db.execute(
                sql: """
                    INSERT INTO server_approval (id, escrow_id, kind, command, maker, made_at_ms, idempotency_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, escrowID.rawValue, kind.rawValue, encoded, maker, Self.milliseconds(now), idempotencyKey])
            return id
        }
        guard let recorded = try await self.approval(approvalID, escrowID: escrowID) else { throw .approvalNotFound(approvalID) }
        return recorded
    }

    /// One approval of an escrow.
    public func approval(_ id: String, escrowID: EscrowID) async throws(UserStoreError) -> PendingApproval? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM server_approval WHERE id = ? AND escrow_id = ?", arguments: [id, escrowID.rawValue])
                .flatMap(Self.decodeApproval)
        }
    }

    /// Every approval of an escrow, oldest first.
    public func approvals(escrowID: EscrowID) async throws(UserStoreError) -> [PendingApproval] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM server_approval WHERE escrow_id = ? ORDER BY made_at_ms, id", arguments: [escrowID.rawValue])
                .compactMap(Self.decodeApproval)
        }
    }

    /// Records the second agent user; refused when it is the maker or the approval was given.
    public func check(_ id: String, escrowID: EscrowID, checker: String, note: String?, at now: Date) async throws(UserStoreError) {
        try await run { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT maker, checker FROM server_approval WHERE id = ? AND escrow_id = ?", arguments: [id, escrowID.rawValue])
            else { throw UserStoreError.approvalNotFound(id) }
            guard (row["checker"] as String?) == nil else { throw UserStoreError.approvalAlreadyChecked(id) }
            guard (row["maker"] as String) != checker else {
                throw UserStoreError.invalid("the agent user who made the request cannot also check it; a second agent user must")
            }
            try db.execute(
                sql: "UPDATE server_approval SET checker = ?, checked_at_ms = ?, note = ? WHERE id = ?",
                arguments: [checker, Self.milliseconds(now), note, id])
        }
    }

    static func decodeApproval(_ row: Row) -> PendingApproval? {
        guard let kind = PendingApproval.Kind(rawValue: row["kind"]),
            let command = try? EventCoding.decoder.decode(EscrowCommand.self, from: row["command"] as Data)
        else { return nil }
        return PendingApproval(
            id: row["id"], escrowID: row["escrow_id"], kind: kind, command: command, maker: row["maker"],
            madeAt: date(row["made_at_ms"]), checker: row["checker"], checkedAt: (row["checked_at_ms"] as Int64?).map(date),
            note: row["note"])
    }

    static func hash(_ secret: String) -> String {
        SHA256Hex.of(Data(secret.utf8))
    }

    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return SHA256Hex.hex((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
