public import EscrowCore
public import EscrowStore
import Foundation
public import PostgresNIO
public import ServiceLifecycle

/// The event log in a PostgreSQL database, shared by every server that connects to it.
///
/// The store's connection pool (postgres-nio's `PostgresClient`) works only while ``run()``
/// runs, and only in structured ways: a server adds the store to its `ServiceGroup` (it is a
/// `Service`), and a command that needs the database for a while uses
/// ``withStore(url:maximumConnections:_:)``, which runs the pool in a child task for the
/// duration of its closure. Nothing is read or written before ``migrate()`` has returned.
///
/// An append is one transaction. It first locks the escrow's row in `escrow_head`
/// (`SELECT ... FOR UPDATE`, the row created on the escrow's first append), so writers of
/// one escrow queue behind each other while other escrows stay free; then, under that lock,
/// it checks the idempotency key, compares the last sequence with the one the caller
/// decided against, chains the events with ``RecordedEvent/chaining(_:to:after:previousHash:)``,
/// inserts them in one statement and moves the head. A writer that queued behind another
/// therefore sees the new last sequence and gets ``StoreError/sequenceConflict(escrowID:expected:actual:)``.
///
/// Durability is PostgreSQL's: with `synchronous_commit` on (the default), an append that
/// returned is in the write-ahead log on disk.
public final class PostgresEventStore: EventStore, Service {
    /// Where the store is connected, without the password.
    public let url: PostgresURL

    /// The connection pool; the server's user tables (``PostgresUserStore``) use it too.
    public let client: PostgresClient
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
        var configuration = url.clientConfiguration()
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(10)
        var logger = Logger(label: "escrow.store.postgres")
        logger.logLevel = .critical
        self.logger = logger
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// Runs the connection pool until the task running it is cancelled or, in a
    /// `ServiceGroup`, until the group shuts down gracefully; then every connection is closed
    /// and calls fail with ``StoreError/unavailable(_:)``. A store runs once.
    public func run() async {
        await client.run()
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

    /// Waits for a connection (while ``run()`` runs) and applies the migrations this database
    /// has not seen, in one transaction that holds an advisory lock, so servers that start
    /// together apply each migration once. Fails with ``StoreError/unavailable(_:)`` when no
    /// connection is made within 15 seconds.
    public func migrate() async throws(StoreError) {
        try await withTimeout(Self.connectTimeout, what: "connecting to \(url)") { () async throws(StoreError) in
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

    /// See ``EventStore/append(_:to:expectedLastSequence:idempotency:)``.
    public func append(
        _ events: [NewEvent],
        to escrowID: EscrowID,
        expectedLastSequence: Int64,
        idempotency: IdempotencyKey?
    ) async throws(StoreError) -> AppendOutcome {
        let request = AppendRequest(events, to: escrowID, expectedLastSequence: expectedLastSequence, idempotency: idempotency)
        return try await transaction { connection, logger in
            try await Self.append(request, connection: connection, logger: logger).outcome
        }
    }

    /// See ``EventStore/appendBatch(_:)``: one transaction, each append in a savepoint of
    /// its own. The appends run grouped by escrow id (keeping their order within an escrow),
    /// so two servers' batches lock escrow heads in the same order and cannot deadlock.
    public func appendBatch(_ requests: [AppendRequest]) async -> [Result<AppendResult, StoreError>] {
        let order = requests.indices.sorted { (requests[$0].escrowID, $0) < (requests[$1].escrowID, $1) }
        do {
            let results = try await transaction { connection, logger in
                var results = [Result<AppendResult, StoreError>](repeating: .failure(.unavailable("not attempted")), count: requests.count)
                for index in order {
                    try await connection.query("SAVEPOINT append_request", logger: logger)
                    do {
                        results[index] = .success(try await Self.append(requests[index], connection: connection, logger: logger))
                        try await connection.query("RELEASE SAVEPOINT append_request", logger: logger)
                    } catch let refusal as StoreError {
                        try await connection.query("ROLLBACK TO SAVEPOINT append_request", logger: logger)
                        results[index] = .failure(refusal)
                    }
                }
                return results
            }
            return results
        } catch {
            return requests.map { _ in .failure(error) }
        }
    }

    /// The body of an append, inside its transaction. Every refusal is thrown before
    /// anything is written.
    private static func append(
        _ request: AppendRequest,
        connection: PostgresConnection,
        logger: Logger
    ) async throws -> AppendResult {
        let escrowID = request.escrowID
        let id = escrowID.rawValue
        // Lock the head, creating it on the escrow's first append. The lock is held until
        // the transaction ends, so the checks below and the insert see the same log.
        var head = try await lockHead(id, connection: connection, logger: logger)
        if head == nil {
            try await connection.query(
                """
                INSERT INTO escrow_head (escrow_id, last_sequence, last_hash)
                VALUES (\(id), 0, \(EventHash.genesis)) ON CONFLICT (escrow_id) DO NOTHING
                """, logger: logger)
            head = try await lockHead(id, connection: connection, logger: logger)
        }
        guard let head else {
            throw StoreError.corrupt("The head of escrow \(escrowID) vanished while it was being appended to.")
        }
        let (lastSequence, lastHash) = head

        if let idempotency = request.idempotency,
            let record = try await idempotencyRecord(id, key: idempotency.key, connection: connection, logger: logger)
        {
            guard record.commandDigest == idempotency.commandDigest else {
                throw StoreError.idempotencyKeyReused(key: idempotency.key)
            }
            return AppendResult(outcome: .replayed(record.sequences), recorded: [])
        }
        try request.checkLog(lastSequence: lastSequence, lastHash: lastHash)

        let recorded = RecordedEvent.chaining(request.events, to: escrowID, after: lastSequence, previousHash: lastHash)
        if let newest = recorded.last {
            try await connection.query(insertQuery(recorded, newest: newest), logger: logger)
        }
        let sequences = recorded.isEmpty ? nil : (lastSequence + 1)...(lastSequence + Int64(recorded.count))
        if let idempotency = request.idempotency {
            try await connection.query(
                """
                INSERT INTO idempotency (escrow_id, key, command_digest, first_sequence, last_sequence)
                VALUES (\(id), \(idempotency.key), \(idempotency.commandDigest), \(sequences?.lowerBound), \(sequences?.upperBound))
                """, logger: logger)
        }
        return AppendResult(outcome: .appended(sequences), recorded: recorded)
    }

    /// One statement that inserts every event (as arrays, unnested) and moves the head: a
    /// data-modifying `WITH` runs to completion whether or not the outer statement reads it.
    static func insertQuery(_ recorded: [RecordedEvent], newest: RecordedEvent) -> PostgresQuery {
        var sequences: [Int64] = []
        var types: [String] = []
        var payloads: [ByteBuffer] = []
        var times: [Int64] = []
        var previousHashes: [String] = []
        var hashes: [String] = []
        for event in recorded {
            sequences.append(event.sequence)
            types.append(event.type)
            payloads.append(ByteBuffer(bytes: event.payload))
            times.append(event.recordedAtMilliseconds)
            previousHashes.append(event.previousHash)
            hashes.append(event.hash)
        }
        let id = newest.escrowID.rawValue
        return """
            WITH inserted AS (
                INSERT INTO event (escrow_id, sequence, type, payload, recorded_at_ms, previous_hash, hash)
                SELECT \(id), * FROM unnest(
                    \(sequences)::bigint[], \(types)::text[], \(payloads)::bytea[],
                    \(times)::bigint[], \(previousHashes)::text[], \(hashes)::text[])
            )
            UPDATE escrow_head SET last_sequence = \(newest.sequence), last_hash = \(newest.hash)
            WHERE escrow_id = \(id)
            """
    }

    private static func lockHead(_ id: String, connection: PostgresConnection, logger: Logger) async throws
        -> (Int64, String)?
    {
        let rows = try await connection.query(
            "SELECT last_sequence, last_hash FROM escrow_head WHERE escrow_id = \(id) FOR UPDATE", logger: logger)
        for try await row in rows.decode((Int64, String).self) {
            return row
        }
        return nil
    }

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
        let logger = logger
        do {
            return try await client.withConnection { connection in try await body(connection, logger) }
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
        try await run { connection, logger in
            var attempt = 1
            while true {
                do {
                    return try await connection.inTransaction(logger: logger) { connection in try await body(connection, logger) }
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
