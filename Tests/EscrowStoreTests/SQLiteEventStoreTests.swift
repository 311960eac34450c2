import EscrowCore
import EscrowStore
import EscrowTesting
import EscrowUsers
import Foundation
import GRDB
import Synchronization
import Testing

@testable import EscrowStoreSQLite

/// What only the SQLite store has to prove: the file itself, its triggers and its settings.
@Suite("SQLite event store")
struct SQLiteEventStoreTests {
    /// A plain GRDB connection to the same file, standing for someone working behind the store's back.
    static func rawConnection(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    @Test("a payload byte changed on disk at sequence 7 of 20 is named by the verifier")
    func tamperedPayload() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("events.sqlite")
        let store = try SQLiteEventStore(path: path)
        _ = try await store.append(depositEvents(20), to: referenceEscrow, expectedLastSequence: 0, idempotency: nil)
        #expect(ChainVerifier.verify(try await store.events(of: referenceEscrow, after: 0)).isIntact)

        let raw = try Self.rawConnection(path)
        try await raw.write { db in
            try db.execute(sql: "DROP TRIGGER event_no_update")
            var payload = try #require(
                try Data.fetchOne(
                    db, sql: "SELECT payload FROM event WHERE escrow_id = ? AND sequence = 7",
                    arguments: [referenceEscrow.rawValue]))
            // Flip the lowest bit of the first byte: `{` becomes `z`.
            payload[payload.startIndex] ^= 0x01
            try db.execute(
                sql: "UPDATE event SET payload = ? WHERE escrow_id = ? AND sequence = 7",
                arguments: [payload, referenceEscrow.rawValue])
        }
        try raw.close()

        let events = try await store.events(of: referenceEscrow, after: 0)
        #expect(events[6].payload.first == UInt8(ascii: "z"))
        #expect(events[6].payload.dropFirst() == depositEvent(7).payload.dropFirst())
        let report = ChainVerifier.verify(events)
        #expect(report.firstBroken == ChainBreak(sequence: 7, reason: .hashMismatch))
    }

    @Test(
        "the triggers refuse to update or delete a stored event or idempotency key",
        arguments: [
            "UPDATE event SET type = 'deposit.returned' WHERE sequence = 2",
            "DELETE FROM event WHERE sequence = 3",
            "DELETE FROM event",
            "UPDATE idempotency SET command_digest = 'sha256:ffff'",
            "DELETE FROM idempotency",
        ]
    )
    func appendOnlyTriggers(statement: String) async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("events.sqlite")
        let store = try SQLiteEventStore(path: path)
        _ = try await store.append(
            depositEvents(3), to: referenceEscrow, expectedLastSequence: 0,
            idempotency: IdempotencyKey(key: "open", commandDigest: "sha256:0001"))

        let raw = try Self.rawConnection(path)
        let error = try #require(throws: DatabaseError.self) {
            try raw.write { db in try db.execute(sql: statement) }
        }
        #expect(error.message?.contains("append-only") == true)
        try raw.close()

        #expect(try await store.events(of: referenceEscrow, after: 0) == RecordedEvent.chaining(
            depositEvents(3), to: referenceEscrow, after: 0, previousHash: EventHash.genesis))
        #expect(
            try await store.idempotencyRecord(escrowID: referenceEscrow, key: "open")?.commandDigest == "sha256:0001")
    }

    @Test("closing and reopening the file keeps every event and idempotency key")
    func reopen() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("events.sqlite")
        let key = IdempotencyKey(key: "wire-20050822-001", commandDigest: "sha256:4f1c")
        let other: EscrowID = "escrow-2005-09-02"

        let first = try SQLiteEventStore(path: path)
        _ = try await first.append(depositEvents(4), to: referenceEscrow, expectedLastSequence: 0, idempotency: key)
        _ = try await first.append(depositEvents(2), to: other, expectedLastSequence: 0, idempotency: nil)
        let written = try await first.events(of: referenceEscrow, after: 0)
        try first.close()
        await #expect(throws: StoreError.self) { try await first.lastSequence(of: referenceEscrow) }

        let reopened = try SQLiteEventStore(path: path)
        #expect(try await reopened.events(of: referenceEscrow, after: 0) == written)
        #expect(try await reopened.escrowIDs() == [referenceEscrow, other])
        #expect(
            try await reopened.append(depositEvents(4), to: referenceEscrow, expectedLastSequence: 0, idempotency: key)
                == .replayed(1...4))
        #expect(
            try await reopened.append(
                depositEvents(1, from: 5), to: referenceEscrow, expectedLastSequence: 4, idempotency: nil)
                == .appended(5...5))
        #expect(ChainVerifier.verify(try await reopened.events(of: referenceEscrow, after: 0)).isIntact)
    }

    @Test("the file is in WAL mode and commits are synced in full")
    func durabilitySettings() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = try SQLiteEventStore(path: directory.path("events.sqlite"))
        // 2 is FULL: https://www.sqlite.org/pragma.html#pragma_synchronous
        let synchronous = try await store.pool.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA synchronous")
        }
        let journalMode = try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(synchronous == 2)
        #expect(journalMode == "wal")
    }

    @Test("a batch that fails half-way leaves neither events nor its idempotency key")
    func failedBatchLeavesNothing() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("events.sqlite")
        let store = try SQLiteEventStore(path: path)
        _ = try await store.append(depositEvents(2), to: referenceEscrow, expectedLastSequence: 0, idempotency: nil)

        // Make the disk refuse the third event of the next batch, as a full disk would.
        let raw = try Self.rawConnection(path)
        try await raw.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse_sequence_5 BEFORE INSERT ON event WHEN NEW.sequence = 5
                    BEGIN SELECT RAISE(ABORT, 'disk full'); END
                    """)
        }
        let key = IdempotencyKey(key: "batch", commandDigest: "sha256:b001")
        await #expect(throws: StoreError.self) {
            try await store.append(
                depositEvents(4, from: 3), to: referenceEscrow, expectedLastSequence: 2, idempotency: key)
        }
        #expect(try await store.lastSequence(of: referenceEscrow) == 2)
        #expect(try await store.idempotencyRecord(escrowID: referenceEscrow, key: "batch") == nil)

        try await raw.write { db in try db.execute(sql: "DROP TRIGGER refuse_sequence_5") }
        try raw.close()
        #expect(
            try await store.append(
                depositEvents(4, from: 3), to: referenceEscrow, expectedLastSequence: 2, idempotency: key)
                == .appended(3...6))
    }

    @Test("two stores open on one file see each other's appends and conflict like one store")
    func twoConnectionsOneFile() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("events.sqlite")
        let stores = [try SQLiteEventStore(path: path), try SQLiteEventStore(path: path)]
        let rounds = 10
        for round in 0..<rounds {
            let wins = await withTaskGroup(of: Bool.self) { group in
                for writer in 0..<6 {
                    group.addTask {
                        let outcome = try? await stores[writer % 2].append(
                            [depositEvent(round, writer: writer)], to: referenceEscrow,
                            expectedLastSequence: Int64(round), idempotency: nil)
                        return outcome != nil
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1, "round \(round)")
        }
        for store in stores {
            let events = try await store.events(of: referenceEscrow, after: 0)
            #expect(events.map(\.sequence) == Array(1...Int64(rounds)))
            #expect(ChainVerifier.verify(events).isIntact)
        }
    }

    @Test("stores opened at the same moment on a new file all open, and share one log")
    func simultaneousOpen() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("events.sqlite")
        let openers = 8
        // Threads rather than tasks, so every opener really runs at once, as separate
        // processes starting together would.
        let results = Mutex<[Result<SQLiteEventStore, StoreError>]>([])
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for _ in 0..<openers {
            done.enter()
            Thread {
                start.wait()
                let result = Result { () throws(StoreError) in try SQLiteEventStore(path: path) }
                results.withLock { $0.append(result) }
                done.leave()
            }.start()
        }
        for _ in 0..<openers { start.signal() }
        done.wait()

        let stores = try results.withLock { try $0.map { try $0.get() } }
        #expect(stores.count == openers)
        _ = try await stores[0].append(depositEvents(3), to: referenceEscrow, expectedLastSequence: 0, idempotency: nil)
        for store in stores {
            #expect(try await store.lastSequence(of: referenceEscrow) == 3)
        }
    }

    @Test("the server's users share the event log's connection pool: one pool per file, its writes queued in the process")
    func usersShareThePool() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let events = try SQLiteEventStore(path: directory.path("escrow.db"))
        let users = try SQLiteUserStore(beside: events)
        #expect(users.pool === events.pool)
        // Writes to both, at once, go through the pool's one writer: no wait on the file's lock.
        let at = Date(timeIntervalSince1970: TimeInterval(signingMilliseconds / 1000))
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { _ = try await events.append(depositEvents(50), to: referenceEscrow, expectedLastSequence: 0, idempotency: nil) }
            for number in 1...20 { group.addTask { try await users.addUser(id: UserID("user-\(number)"), name: "User \(number)", role: .agent, at: at) } }
        }
        #expect(try await events.lastSequence(of: referenceEscrow) == 50)
        #expect(try await users.users().count == 20)
        let migrations = try await events.pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(migrations == ["users-v1", "users-v2-password", "v1-event-log"])
    }

    @Test("a file that is not a database is reported as corrupt, in a sentence")
    func notADatabase() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("events.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: StoreError.self) { try SQLiteEventStore(path: path) }
        #expect(error.description.hasPrefix("The event store is corrupt: "))
    }
}
