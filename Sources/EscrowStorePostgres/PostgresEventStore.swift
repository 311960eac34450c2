public import EscrowCore
public import EscrowStore
import Foundation
public import PostgresNIO
public import ServiceLifecycle
import Synchronization

/// The event log in a PostgreSQL database, shared by every server that connects to it.
///
/// The store's connection pool (postgres-nio's `PostgresClient`) works only while ``run()``
/// runs, and only in structured ways: a server adds the store to its `ServiceGroup` (it is a
/// `Service`), and a command that needs the database for a while uses
/// ``withStore(url:maximumConnections:_:)``, which runs the pool in a child task for the
/// duration of its closure. Nothing is read or written before ``migrate()`` has returned.
///
/// A batch of appends (and a single append) is one statement: a call of the server-side
/// function `escrow_append_batch` (``PostgresAppendFunction``), which, for each append in
/// turn, locks the escrow's row in `escrow_head` (`SELECT ... FOR UPDATE`, the row created on
/// the escrow's first append), so writers of one escrow queue behind each other while other
/// escrows stay free; then, under that lock, checks the idempotency key, compares the last
/// sequence and hash with those the events were chained from, inserts the events and moves
/// the head. A writer that queued behind another therefore sees the new last sequence and
/// gets ``StoreError/sequenceConflict(escrowID:expected:actual:)``.
///
/// Durability is PostgreSQL's: with `synchronous_commit` on (the default), an append that
/// returned is in the write-ahead log on disk.
public final class PostgresEventStore: EventStore, Service {
    /// Where the store is connected, without the password.
    public let url: PostgresURL

    /// The connection pool of the host taken for the primary; the server's user tables
    /// (``PostgresUserStore``) use it too.
    public var client: PostgresClient { clients[primary.withLock { $0 }] }
    /// One connection pool per host of the URL (one, unless the URL names a replicated cluster).
    let clients: [PostgresClient]
    /// The index in ``clients`` of the host taken for the primary.
    let primary = Mutex(0)
    let logger: Logger

    /// How long ``migrate()`` waits for the first connection before it gives up.
    static let connectTimeout: Duration = .seconds(15)

    /// A store on the database at `url` that has not connected yet: it connects once
    /// ``run()`` runs, and is ready once ``migrate()`` has returned.
    ///
    /// - Parameters:
    ///   - url: Where the database is (see ``PostgresURL`` for the forms).
    ///   - maximumConnections: The most connections the pool opens at once.
    public init(url: PostgresURL, maximumConnections: Int = 20) {
        self.url = url
        var logger = Logger(label: "escrow.store.postgres")
        logger.logLevel = .critical
        self.logger = logger
        clients = url.endpoints.map { endpoint in
            var configuration = url.clientConfiguration(for: endpoint)
            configuration.options.maximumConnections = maximumConnections
            configuration.options.connectTimeout = url.endpoints.count > 1 ? .seconds(2) : .seconds(10)
            return PostgresClient(configuration: configuration, backgroundLogger: logger)
        }
    }

    /// Runs the connection pools (one per host of the URL) until the task running them is
    /// cancelled or, in a `ServiceGroup`, until the group shuts down gracefully; then every
    /// connection is closed and calls fail with ``StoreError/unavailable(_:)``. A store runs once.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for client in clients {
                group.addTask { await client.run() }
            }
        }
    }

    /// Connects to the database at `url`, creates or upgrades its schema, and runs `body`
    /// with the store. The pool runs in a child task of the caller for as long as `body`
    /// does, and every connection is closed when `body` returns or throws.
    ///
    /// Fails with ``StoreError/unavailable(_:)`` before `body` runs when the database cannot
    /// be reached within 15 seconds.
    public static func withStore<Result>(
        url: PostgresURL, maximumConnections: Int = 20, isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresEventStore) async throws -> Result
    ) async throws -> Result {
        let store = PostgresEventStore(url: url, maximumConnections: maximumConnections)
        return try await withThrowingTaskGroup(of: Void.self, returning: Result.self, isolation: isolation) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            return try await body(store)
        }
    }

    // MARK: - Migrations

    /// Waits for a connection (while ``run()`` runs; with several hosts, to the one that is
    /// the primary) and applies the migrations this database has not seen, in one transaction that holds an advisory lock, so servers that start
    /// together apply each migration once. Fails with ``StoreError/unavailable(_:)`` when no
    /// connection is made within 15 seconds.
    public func migrate() async throws(StoreError) {
        try await withTimeout(Self.connectTimeout, what: "connecting to \(url)") { () async throws(StoreError) in
            if self.clients.count > 1 {
                // Start on the primary, wherever it is now.
                let found = (try? await self.findPrimary(after: self.clients.count - 1, until: .now + Self.connectTimeout)) ?? false
                guard found else { throw StoreError.unavailable("No host of \(self.url) answered as the primary.") }
            }
            try await self.transaction { connection, logger in
                try await PostgresMigrations.apply(PostgresMigrations.all, connection: connection, logger: logger)
            }
        }
    }

    /// The names of the migrations applied to this database, in the order they were applied.
    public func appliedMigrations() async throws(StoreError) -> [String] {
        try await run { connection, logger in
            var names: [String] = []
            for try await name in try await connection.query(
                "SELECT name FROM schema_migrations ORDER BY applied_at, name", logger: logger
            ).decode(String.self) {
                names.append(name)
            }
            return names
        }
    }

    // MARK: - EventStore

    /// See ``EventStore/idempotencyRecord(escrowID:key:)``.
    public func idempotencyRecord(escrowID: EscrowID, key: String) async throws(StoreError) -> IdempotencyRecord? {
        try await run { connection, logger in
            try await Self.idempotencyRecord(escrowID.rawValue, key: key, connection: connection, logger: logger)
        }
    }

    private static func idempotencyRecord(
        _ id: String, key: String, connection: PostgresConnection, logger: Logger
    ) async throws -> IdempotencyRecord? {
        let rows = try await connection.query(
            """
            SELECT command_digest, first_sequence, last_sequence FROM idempotency
            WHERE escrow_id = \(id) AND key = \(key)
            """, logger: logger)
        for try await (digest, first, last) in rows.decode((String, Int64?, Int64?).self) {
            switch (first, last) {
            case (nil, nil):
                return IdempotencyRecord(commandDigest: digest, sequences: nil)
            case (let first?, let last?) where first <= last:
                return IdempotencyRecord(commandDigest: digest, sequences: first...last)
            default:
                throw StoreError.corrupt("Idempotency key \(key) of escrow \(id) has an invalid range.")
            }
        }
        return nil
    }

    /// See ``EventStore/events(of:after:)``.
    public func events(of escrowID: EscrowID, after sequence: Int64) async throws(StoreError) -> [RecordedEvent] {
        try await run { connection, logger in
            let rows = try await connection.query(
                """
                SELECT sequence, type, payload, recorded_at_ms, previous_hash, hash FROM event
                WHERE escrow_id = \(escrowID.rawValue) AND sequence > \(sequence) ORDER BY sequence
                """, logger: logger)
            var events: [RecordedEvent] = []
            for try await (sequence, type, payload, milliseconds, previousHash, hash) in rows.decode(
                (Int64, String, Data, Int64, String, String).self)
            {
                events.append(
                    RecordedEvent(
                        escrowID: escrowID, sequence: sequence, type: type, payload: payload,
                        recordedAtMilliseconds: milliseconds, previousHash: previousHash, hash: hash))
            }
            return events
        }
    }

    /// See ``EventStore/lastSequence(of:)``.
    public func lastSequence(of escrowID: EscrowID) async throws(StoreError) -> Int64 {
        try await run { connection, logger in
            let rows = try await connection.query(
                "SELECT coalesce(max(sequence), 0)::bigint FROM event WHERE escrow_id = \(escrowID.rawValue)",
                logger: logger)
            for try await last in rows.decode(Int64.self) { return last }
            return 0
        }
    }

    /// See ``EventStore/escrowIDs()``.
    public func escrowIDs() async throws(StoreError) -> [EscrowID] {
        try await run { connection, logger in
            var ids: [EscrowID] = []
            let rows = try await connection.query(
                "SELECT escrow_id FROM escrow_head WHERE last_sequence > 0", logger: logger)
            for try await id in rows.decode(String.self) { ids.append(EscrowID(id)) }
            // Sorted here rather than by SQL, so the order is `EscrowID`'s in every store.
            return ids.sorted()
        }
    }

    // MARK: - Access and errors

    /// Runs `body` on a pooled connection, outside any explicit transaction.
    func run<T: Sendable>(
        _ body: (PostgresConnection, Logger) async throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await withPrimaryConnection(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// SQLSTATEs after which a transaction may simply run again from the start: a
    /// serialization failure (PostgreSQL at SERIALIZABLE, and distributed SQL engines, which
    /// run every transaction so) and a deadlock PostgreSQL broke by aborting this side.
    static let retryableStates: Set<String> = ["40001", "40P01"]
    /// How many times a transaction runs before such a failure is reported. Writers that
    /// collide on one escrow's head are let through about one per round; a server commits one
    /// batch at a time, so the writers that collide are at most one per server. Generous, so a
    /// busy machine that stretches every transaction still lets each writer through.
    static let transactionAttemptsMax = 40

    /// Runs `body` in one transaction on a pooled connection: committed when it returns,
    /// rolled back when it throws. A transaction aborted by a serialization failure or a
    /// deadlock runs again, from the start, a few times before the failure is reported;
    /// nothing of an aborted run remains, so `body` decides again on what it reads then.
    func transaction<T: Sendable>(
        _ body: (PostgresConnection, Logger) async throws -> T
    ) async throws(StoreError) -> T {
        try await retrying { connection, logger in
            try await connection.inTransaction(logger: logger) { connection in try await body(connection, logger) }
        }
    }

    /// Runs `body` (one transaction: an explicit one, or a single statement, which is its own)
    /// on a pooled connection, again from the start after a serialization failure or a
    /// deadlock, a few times before the failure is reported.
    func retrying<T: Sendable>(
        _ body: (PostgresConnection, Logger) async throws -> T
    ) async throws(StoreError) -> T {
        try await run { connection, logger in
            var attempt = 1
            while true {
                do {
                    return try await body(connection, logger)
                } catch let error as PSQLError
                    where attempt < Self.transactionAttemptsMax && error.serverInfo?[.sqlState].map(Self.retryableStates.contains) == true
                {
                    logger.debug("transaction aborted, running it again", metadata: ["sqlstate": "\(error.serverInfo?[.sqlState] ?? "")", "attempt": "\(attempt)"])
                    // A random pause, growing with each attempt, so colliding writers spread out.
                    try await Task.sleep(for: .microseconds(Int.random(in: 100...(500 << min(attempt, 7)))))
                    attempt += 1
                }
            }
        }
    }

    /// Runs `body`, failing with ``StoreError/unavailable(_:)`` if it takes longer than `limit`.
    private func withTimeout(
        _ limit: Duration, what: String, _ body: @escaping @Sendable () async throws(StoreError) -> Void
    ) async throws(StoreError) {
        let result = await withTaskGroup(of: Result<Void, StoreError>?.self) { group in
            group.addTask {
                do throws(StoreError) {
                    try await body()
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        switch result {
        case .success?: return
        case .failure(let error)?: throw error
        case nil: throw .unavailable("Gave up \(what) after \(limit.components.seconds) seconds.")
        }
    }

    /// Maps whatever postgres-nio or a row decoder threw to a ``StoreError``.
    public static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError {
            return error
        }
        if let error = error as? PSQLError {
            if let server = error.serverInfo {
                let state = server[.sqlState] ?? "?????"
                let message = server[.message] ?? "no message"
                let detail = server[.detail].map { " (\($0))" } ?? ""
                // Class XX: internal errors such as data corruption.
                if state.hasPrefix("XX") {
                    return .corrupt("PostgreSQL reports \(message)\(detail), SQLSTATE \(state).")
                }
                return .unavailable("PostgreSQL refused the request: \(message)\(detail), SQLSTATE \(state).")
            }
            let underlying = error.underlying.map { ": \(String(describing: $0))" } ?? ""
            return .unavailable("PostgreSQL could not be reached or the connection failed (\(error.code))\(underlying).")
        }
        if error is PostgresDecodingError {
            return .corrupt("A row read from PostgreSQL does not have the expected form: \(String(reflecting: error)).")
        }
        return .unavailable(String(describing: error))
    }
}
