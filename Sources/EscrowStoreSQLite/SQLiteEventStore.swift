public import EscrowCore
public import EscrowStore
import Foundation
import GRDB

/// The event log in an SQLite file, through a GRDB `DatabasePool` in WAL mode.
///
/// Durability: `synchronous = FULL`, so an append that returned survives a power cut,
/// not only a crash of the process. Several processes may open the same file: writes are
/// serialized by SQLite's lock, and a writer that finds the file locked waits (up to
/// 10 seconds) instead of failing. Each append is one `IMMEDIATE` transaction, which
/// takes the write lock before reading the last sequence, so the check and the insert see
/// the same log.
public final class SQLiteEventStore: EventStore {
    /// How long, in seconds, a write waits for another connection's (or process's) write
    /// lock before the append fails as ``StoreError/unavailable(_:)``. GRDB takes it as a
    /// `TimeInterval`.
    static let busyTimeoutSeconds: TimeInterval = 10

    /// How many times opening is tried before it fails.
    ///
    /// Processes that open a new file at the same moment get in each other's way twice:
    /// switching the file to WAL needs a moment of exclusive access, for which SQLite answers
    /// "database is locked" at once rather than waiting; and GRDB reads which migrations are
    /// applied before it takes the write lock, so the slower process tries to create tables
    /// that the faster one has just created. Both pass on a second try, when the file is set up.
    static let openAttemptsMax = 5

    let pool: DatabasePool

    /// Opens the log at `path`, creating the file and its schema if needed.
    public init(path: String) throws(StoreError) {
        var attempt = 1
        while true {
            do {
                pool = try Self.openPool(path: path)
                return
            } catch {
                let storeError = Self.storeError(error)
                // A damaged file stays damaged: only an unavailable one is worth a second try.
                guard case .unavailable = storeError, attempt < Self.openAttemptsMax else { throw storeError }
                Thread.sleep(forTimeInterval: 0.01 * TimeInterval(attempt))
                attempt += 1
            }
        }
    }

    private static func openPool(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        configuration.label = "SQLiteEventStore"
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets `synchronous = NORMAL` on the writer when it enables WAL, after the
        // `prepareDatabase` hooks have run, so FULL is set here. It is a per-connection
        // setting, and the pool has exactly one writer connection.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try EventLogMigrations.migrator.migrate(pool)
        return pool
    }

    /// Closes the file. Calls made afterwards fail with ``StoreError/unavailable(_:)``.
    public func close() throws(StoreError) {
        do {
            try pool.close()
        } catch {
            throw Self.storeError(error)
        }
    }

    /// See ``EventStore/append(_:to:expectedLastSequence:idempotency:)``.
    public func append(
        _ events: [NewEvent],
        to escrowID: EscrowID,
        expectedLastSequence: Int64,
        idempotency: IdempotencyKey?
    ) async throws(StoreError) -> AppendOutcome {
        let request = AppendRequest(events, to: escrowID, expectedLastSequence: expectedLastSequence, idempotency: idempotency)
        return try await write { db in
            var outcome = AppendOutcome.appended(nil)
            try db.inTransaction(.immediate) {
                outcome = try Self.append(request, in: db).outcome
                return .commit
            }
            return outcome
        }
    }

    /// See ``EventStore/appendBatch(_:)``: one `IMMEDIATE` transaction, so one sync to disk
    /// for the whole batch. A refused append leaves nothing behind without a savepoint of its
    /// own, because every refusal is thrown before the append writes anything; an error of
    /// SQLite itself (a full disk) fails the whole batch.
    public func appendBatch(_ requests: [AppendRequest]) async -> [Result<AppendResult, StoreError>] {
        do {
            return try await write { db in
                var results: [Result<AppendResult, StoreError>] = []
                results.reserveCapacity(requests.count)
                try db.inTransaction(.immediate) {
                    for request in requests {
                        do {
                            results.append(.success(try Self.append(request, in: db)))
                        } catch let refusal as StoreError {
                            results.append(.failure(refusal))
                        }
                    }
                    return .commit
                }
                return results
            }
        } catch {
            return requests.map { _ in .failure(error) }
        }
    }

    /// The body of an append, inside its transaction. Every refusal is thrown before
    /// anything is written.
    private static func append(_ request: AppendRequest, in db: Database) throws -> AppendResult {
        let escrowID = request.escrowID
        if let idempotency = request.idempotency, let record = try idempotencyRecord(escrowID: escrowID, key: idempotency.key, in: db) {
            guard record.commandDigest == idempotency.commandDigest else {
                throw StoreError.idempotencyKeyReused(key: idempotency.key)
            }
            return AppendResult(outcome: .replayed(record.sequences), recorded: [])
        }

        let last = try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT sequence, hash FROM event WHERE escrow_id = ? ORDER BY sequence DESC LIMIT 1"
            ),
            arguments: [escrowID.rawValue]
        )
        let lastSequence = try last?.decode(Int64.self, atIndex: 0) ?? 0
        let previousHash = try last?.decode(String.self, atIndex: 1) ?? EventHash.genesis
        try request.checkLog(lastSequence: lastSequence, lastHash: previousHash)
        let recorded = RecordedEvent.chaining(request.events, to: escrowID, after: lastSequence, previousHash: previousHash)

        let insertEvent = try db.cachedStatement(
            sql: """
                INSERT INTO event (escrow_id, sequence, type, payload, recorded_at_ms, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        )
        for event in recorded {
            try insertEvent.execute(arguments: [
                event.escrowID.rawValue, event.sequence, event.type, event.payload,
                event.recordedAtMilliseconds, event.previousHash, event.hash,
            ])
        }

        let sequences = recorded.isEmpty ? nil : (lastSequence + 1)...(lastSequence + Int64(recorded.count))
        if let idempotency = request.idempotency {
            try db.execute(
                sql: """
                    INSERT INTO idempotency (escrow_id, key, command_digest, first_sequence, last_sequence)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    escrowID.rawValue, idempotency.key, idempotency.commandDigest,
                    sequences?.lowerBound, sequences?.upperBound,
                ]
            )
        }
        return AppendResult(outcome: .appended(sequences), recorded: recorded)
    }

    /// See ``EventStore/idempotencyRecord(escrowID:key:)``.
    public func idempotencyRecord(escrowID: EscrowID, key: String) async throws(StoreError) -> IdempotencyRecord? {
        try await read { db in
            try Self.idempotencyRecord(escrowID: escrowID, key: key, in: db)
        }
    }

    private static func idempotencyRecord(escrowID: EscrowID, key: String, in db: Database) throws
        -> IdempotencyRecord?
    {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT command_digest, first_sequence, last_sequence FROM idempotency
                    WHERE escrow_id = ? AND key = ?
                    """
            ),
            arguments: [escrowID.rawValue, key]
        )
        guard let row else { return nil }
        let first = try row.decode(Int64?.self, atIndex: 1)
        let last = try row.decode(Int64?.self, atIndex: 2)
        let sequences: ClosedRange<Int64>?
        switch (first, last) {
        case (nil, nil):
            sequences = nil
        case (let first?, let last?) where first <= last:
            sequences = first...last
        default:
            throw StoreError.corrupt("Idempotency key \(key) of escrow \(escrowID) has an invalid range.")
        }
        return IdempotencyRecord(commandDigest: try row.decode(String.self, atIndex: 0), sequences: sequences)
    }

    /// See ``EventStore/events(of:after:)``.
    public func events(of escrowID: EscrowID, after sequence: Int64) async throws(StoreError) -> [RecordedEvent] {
        try await read { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT sequence, type, payload, recorded_at_ms, previous_hash, hash FROM event
                        WHERE escrow_id = ? AND sequence > ? ORDER BY sequence
                        """
                ),
                arguments: [escrowID.rawValue, sequence]
            )
            var events: [RecordedEvent] = []
            while let row = try rows.next() {
                events.append(
                    RecordedEvent(
                        escrowID: escrowID,
                        sequence: try row.decode(Int64.self, atIndex: 0),
                        type: try row.decode(String.self, atIndex: 1),
                        payload: try row.decode(Data.self, atIndex: 2),
                        recordedAtMilliseconds: try row.decode(Int64.self, atIndex: 3),
                        previousHash: try row.decode(String.self, atIndex: 4),
                        hash: try row.decode(String.self, atIndex: 5)
                    )
                )
            }
            return events
        }
    }

    /// See ``EventStore/lastSequence(of:)``.
    public func lastSequence(of escrowID: EscrowID) async throws(StoreError) -> Int64 {
        try await read { db in
            try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT max(sequence) FROM event WHERE escrow_id = ?"),
                arguments: [escrowID.rawValue]
            ) ?? 0
        }
    }

    /// See ``EventStore/escrowIDs()``.
    public func escrowIDs() async throws(StoreError) -> [EscrowID] {
        try await read { db in
            // Sorted here rather than by SQL, so the order is `EscrowID`'s in every store.
            try String.fetchAll(db, sql: "SELECT DISTINCT escrow_id FROM event").map { EscrowID($0) }.sorted()
        }
    }

    // MARK: - Access and errors

    private func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    private func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.writeWithoutTransaction(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Maps whatever GRDB, SQLite or a row decoder threw to a ``StoreError``.
    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError {
            return error
        }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return .corrupt(error.description)
            default:
                return .unavailable(error.description)
            }
        }
        if error is RowDecodingError {
            return .corrupt(String(describing: error))
        }
        return .unavailable(String(describing: error))
    }
}
