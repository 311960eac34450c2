import EscrowCore
import EscrowServer
import EscrowStore
import EscrowStorePostgres
import EscrowTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Synchronization
import Testing

/// Status, ledger and timeline reads may go to a streaming standby when the caller states the
/// lag it accepts; writes never do, and an answer is never older than the caller's own write.
/// Against a real primary and a hot standby made with `pg_basebackup -R` (`scripts/test`).
@Suite(
    "Reads from a standby", .serialized,
    .enabled(if: PostgresTestStandby.isAvailable, "PostgreSQL standby tests skipped: ESCROW_TEST_POSTGRES_STANDBY_URL not set"))
struct StandbyReadTests {
    static let base = "/escrows/roo-group-2005"

    @Test("a status, ledger or timeline read that accepts 60 s of lag is served by the caught-up standby, with the same answer and its staleness")
    func acceptedLagReadsFromStandby() async throws {
        try await TestServer.with(.postgres) { server in
            try await Self.withStandby(of: server) { standby in
                try await Self.application(server, standby: StandbyReads(store: standby)).test(.router) { client in
                    try await Self.open(server, client, wires: ["W1", "W2"])
                    let last = try await server.store.lastSequence(of: TestServer.escrowID)
                    try await Self.waitForReplay(standby, through: last)
                    for path in ["", "/ledger", "/timeline"] {
                        let primary = try await client.call(.get, Self.base + path, as: "alice", server: server)
                        let standbyAnswer = try await client.call(
                            .get, Self.base + path, as: "alice", server: server, headers: ["Escrow-Max-Staleness": "60s"])
                        #expect(primary.status == .ok && standbyAnswer.status == .ok, "\(path): \(standbyAnswer.text)")
                        #expect(primary.headers[Self.readFrom] == "primary")
                        #expect(primary.headers[Self.staleness] == nil)
                        #expect(standbyAnswer.headers[Self.readFrom] == "standby", "\(path)")
                        let staleness = try #require(Self.milliseconds(standbyAnswer.headers[Self.staleness]), "\(path)")
                        #expect((0...60_000).contains(staleness))
                        #expect(Self.sequence(standbyAnswer) == last, "the checkpoint names the log the answer was built from")
                        #expect(standbyAnswer.body == primary.body, "\(path): the standby holds the same log")
                    }
                    // The party's view goes through the same scoping on the standby.
                    let purchaser = try await client.call(
                        .get, Self.base + "/timeline", as: "purchaser-2", server: server, headers: ["Escrow-Max-Staleness": "60s"])
                    #expect(purchaser.headers[Self.readFrom] == "standby")
                    let wires = purchaser.array.filter { $0["type"] as? String == "depositReceived" }
                    #expect(wires.count == 1, "purchaser-2 sees its own wire only: \(purchaser.text)")
                }
            }
        }
    }

    @Test("while the standby's replay is paused: one's own write is read back from the primary; a fresh server accepting an hour gets the older log saying how old, and with Escrow-Min-Sequence gets the write")
    func readAfterOwnWriteNeverOlder() async throws {
        try await TestServer.with(.postgres) { server in
            try await Self.withStandby(of: server) { standby in
                let reads = StandbyReads(store: standby)
                try await Self.application(server, standby: reads).test(.router) { client in
                    try await Self.open(server, client, wires: ["W1"])
                    let before = try await server.store.lastSequence(of: TestServer.escrowID)
                    try await Self.waitForReplay(standby, through: before)
                    try await Self.pauseReplay()
                    do {
                        let wire = try await client.call(
                            .post, Self.base + "/deposits", as: "alice", server: server,
                            json: ["purchaser": "purchaser-2", "amount": "1500000.00", "bankReference": "W2"], headers: ["Escrow-Max-Staleness": "3600s"])
                        #expect(wire.status == .ok, "\(wire.text)")
                        let written = try #require(Self.sequence(wire))
                        #expect(written > before)
                        try await Self.waitUntilReceivedNotReplayed()
                        #expect(try await standby.lastSequence(of: TestServer.escrowID) == before, "the standby is behind")

                        // This server has seen its write: a read accepting an hour of lag still includes it.
                        let mine = try await client.call(
                            .get, Self.base + "/timeline", as: "alice", server: server, headers: ["Escrow-Max-Staleness": "3600s"])
                        #expect(mine.headers[Self.readFrom] == "primary")
                        #expect(Self.sequence(mine) == written)
                        #expect(mine.array.contains { ($0["sequence"] as? NSNumber)?.int64Value == written })

                        // Another server, which has seen nothing of the escrow, on the same standby: a read
                        // that accepts an hour gets the standby's older log, saying how old.
                        try await Task.sleep(for: .milliseconds(1_100))
                        try await server.withSecondServer { second in
                            try await Self.application(second, standby: StandbyReads(store: standby)).test(.router) { other in
                                let stale = try await other.call(.get, Self.base, as: "alice", server: second, headers: ["Escrow-Max-Staleness": "3600s"])
                                #expect(stale.status == .ok, "\(stale.text)")
                                #expect(stale.headers[Self.readFrom] == "standby")
                                #expect(Self.sequence(stale) == before)
                                let staleness = try #require(Self.milliseconds(stale.headers[Self.staleness]))
                                #expect(staleness >= 1_000, "the standby has replayed nothing for over a second: \(staleness) ms")

                                // One that accepts less lag than that is answered by the primary.
                                let strict = try await other.call(.get, Self.base, as: "alice", server: second, headers: ["Escrow-Max-Staleness": "1s"])
                                #expect(strict.headers[Self.readFrom] == "primary")
                                #expect(Self.sequence(strict) == written)
                            }
                        }
                        // A third, also fresh, given the write's sequence: the primary answers, with the write.
                        try await server.withSecondServer { third in
                            try await Self.application(third, standby: StandbyReads(store: standby)).test(.router) { other in
                                let asked = try await other.call(
                                    .get, Self.base + "/timeline", as: "alice", server: third,
                                    headers: ["Escrow-Max-Staleness": "3600s", "Escrow-Min-Sequence": "\(written)"])
                                #expect(asked.status == .ok, "\(asked.text)")
                                #expect(asked.headers[Self.readFrom] == "primary")
                                #expect(Self.sequence(asked) == written)
                                #expect(asked.array.contains { ($0["sequence"] as? NSNumber)?.int64Value == written })
                                // A sequence the log has not reached is not pretended.
                                let ahead = try await other.call(
                                    .get, Self.base, as: "alice", server: third, headers: ["Escrow-Min-Sequence": "\(written + 100)"])
                                #expect(ahead.status == .preconditionFailed, "\(ahead.text)")
                            }
                        }
                    } catch {
                        try await Self.resumeReplay()
                        throw error
                    }
                    try await Self.resumeReplay()
                    try await Self.waitForReplay(standby, through: try await server.store.lastSequence(of: TestServer.escrowID))
                }
            }
        }
    }

    @Test("writes never go to the standby: wires that state a lag are appended on the primary, the standby's store takes no append, and PostgreSQL refuses one there")
    func writesNeverToStandby() async throws {
        try await TestServer.with(.postgres) { server in
            try await Self.withStandby(of: server) { standby in
                let counted = CountingStandby(standby)
                try await Self.application(server, standby: StandbyReads(store: counted)).test(.router) { client in
                    try await Self.open(server, client, wires: ["W1", "W2", "W3"], headers: ["Escrow-Max-Staleness": "60s"])
                    let primary = try await server.store.events(of: TestServer.escrowID, after: 0)
                    #expect(primary.filter { $0.type == "depositReceived" }.count == 3)
                    #expect(counted.appends == 0)
                }
            }
            let refused = await Self.standbyWriteError(server)
            #expect(refused == "25006", "the standby itself refuses a write (read-only transaction)")
            let store = try PostgresStandbyStore(url: try PostgresTestStandby.copy(of: try #require(server.database)))
            await #expect(throws: StoreError.unavailable("A read replica takes no writes; every write goes to the primary.")) {
                try await store.append([], to: TestServer.escrowID, expectedLastSequence: 0, idempotency: nil)
            }
        }
    }

    // MARK: - Support

    static let readFrom = HTTPFields.Element.Name("Escrow-Read-From")!
    static let staleness = HTTPFields.Element.Name("Escrow-Staleness")!

    static func application(_ server: TestServer, standby: StandbyReads) -> some ApplicationProtocol {
        var logger = Logger(label: "escrow.test")
        logger.logLevel = .warning
        return buildApplication(
            configuration: ServerConfiguration(port: 0, documentsDirectory: server.folder.appendingPathComponent("documents").path),
            service: server.service, users: server.users, clock: server.clock, logger: logger, runsScheduler: false, standby: standby)
    }

    /// Opens the reference escrow and records one wire per reference, each from the next purchaser.
    static func open(_ server: TestServer, _ client: some TestClientProtocol, wires: [String], headers: [String: String] = [:]) async throws {
        let created = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
        #expect(created.status == .created, "\(created.text)")
        for (index, reference) in wires.enumerated() {
            let wire = try await client.call(
                .post, base + "/deposits", as: "alice", server: server,
                json: ["purchaser": "purchaser-\(index + 1)", "amount": "1000000.00", "bankReference": reference], headers: headers)
            #expect(wire.status == .ok, "\(wire.text)")
        }
    }

    /// The sequence of the `Escrow-Checkpoint` of an answer: the log it was built from.
    static func sequence(_ answer: Answer) -> Int64? {
        answer.headers[HTTPFields.Element.Name("Escrow-Checkpoint")!].flatMap(Checkpoint.init(headerValue:))?.sequence
    }

    /// `120ms` as 120.
    static func milliseconds(_ text: String?) -> Int? {
        guard let text, text.hasSuffix("ms") else { return nil }
        return Int(text.dropLast(2))
    }

    /// Runs `body` with a store on the standby's copy of the server's database, its pool running meanwhile.
    static func withStandby(of server: TestServer, _ body: (PostgresStandbyStore) async throws -> Void) async throws {
        let store = try PostgresStandbyStore(url: try PostgresTestStandby.copy(of: try #require(server.database)), maximumConnections: 4)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            try await body(store)
        }
    }

    static func waitForReplay(_ standby: PostgresStandbyStore, through sequence: Int64) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let last = try? await standby.lastSequence(of: TestServer.escrowID), last >= sequence { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the standby did not replay through event \(sequence) within 30 s")
    }

    /// Runs one query on the standby's `postgres` database and returns its single value.
    static func standbyValue<T: PostgresDecodable & Sendable>(_ sql: String, as type: T.Type) async throws -> T? {
        let found = Mutex<T?>(nil)
        try await PostgresTestServer.admin(try #require(PostgresTestStandby.url)) { client in
            for try await value in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(T.self) { found.withLock { $0 = value } }
        }
        return found.withLock { $0 }
    }

    static func pauseReplay() async throws {
        try await PostgresTestServer.admin(try #require(PostgresTestStandby.url)) { client in try await client.query("SELECT pg_wal_replay_pause()") }
        for _ in 0..<500 {
            if try await standbyValue("SELECT pg_get_wal_replay_pause_state()", as: String.self) == "paused" { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the standby's replay did not pause")
    }

    static func resumeReplay() async throws {
        try await PostgresTestServer.admin(try #require(PostgresTestStandby.url)) { client in try await client.query("SELECT pg_wal_replay_resume()") }
    }

    /// Waits until the standby has received write-ahead log it has not replayed.
    static func waitUntilReceivedNotReplayed() async throws {
        for _ in 0..<500 {
            if try await standbyValue("SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()", as: Bool.self) == true { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the standby received nothing while paused")
    }

    /// The SQLSTATE PostgreSQL answers a write on the standby's copy of the server's database with.
    static func standbyWriteError(_ server: TestServer) async -> String? {
        do {
            let copy = try PostgresTestStandby.copy(of: try #require(server.database))
            try await PostgresTestServer.admin(copy) { client in
                try await client.query("INSERT INTO escrow_head (escrow_id, last_sequence, last_hash) VALUES ('x', 0, 'x')")
            }
            return nil
        } catch let error as PSQLError {
            return error.serverInfo?[.sqlState]
        } catch {
            return "\(error)"
        }
    }
}

/// A standby store that counts the appends handed to it.
final class CountingStandby: StandbyEventStore {
    let base: PostgresStandbyStore
    private let appendCalls = Mutex(0)
    init(_ base: PostgresStandbyStore) { self.base = base }

    var appends: Int { appendCalls.withLock { $0 } }

    func staleness() async throws(StoreError) -> Duration? { try await base.staleness() }

    func append(
        _ events: [NewEvent], to escrowID: EscrowID, expectedLastSequence: Int64, idempotency: IdempotencyKey?
    ) async throws(StoreError) -> AppendOutcome {
        appendCalls.withLock { $0 += 1 }
        return try await base.append(events, to: escrowID, expectedLastSequence: expectedLastSequence, idempotency: idempotency)
    }

    func appendBatch(_ requests: [AppendRequest]) async -> [Result<AppendResult, StoreError>] {
        appendCalls.withLock { $0 += requests.count }
        return await base.appendBatch(requests)
    }

    func idempotencyRecord(escrowID: EscrowID, key: String) async throws(StoreError) -> IdempotencyRecord? {
        try await base.idempotencyRecord(escrowID: escrowID, key: key)
    }

    func events(of escrowID: EscrowID, after sequence: Int64) async throws(StoreError) -> [RecordedEvent] {
        try await base.events(of: escrowID, after: sequence)
    }

    func lastSequence(of escrowID: EscrowID) async throws(StoreError) -> Int64 { try await base.lastSequence(of: escrowID) }

    func escrowIDs() async throws(StoreError) -> [EscrowID] { try await base.escrowIDs() }
}

/// The read headers are checked like any input, with or without a standby.
@Suite("Read preferences")
struct ReadPreferenceTests {
    @Test("without a standby every read is answered by the primary and says so; a malformed Escrow-Max-Staleness or Escrow-Min-Sequence is a 400 naming it; a sequence past the log is a 412")
    func headersChecked() async throws {
        let server = try await TestServer.make()
        defer { server.dispose() }
        try await server.application().test(.router) { client in
            try await StandbyReadTests.open(server, client, wires: ["W1"])
            let last = try await server.store.lastSequence(of: TestServer.escrowID)
            for value in ["5s", "250ms", "0s", "3600s", "3600000ms"] {
                let answer = try await client.call(.get, StandbyReadTests.base, as: "company", server: server, headers: ["Escrow-Max-Staleness": value])
                #expect(answer.status == .ok, "\(value): \(answer.text)")
                #expect(answer.headers[StandbyReadTests.readFrom] == "primary")
                #expect(StandbyReadTests.sequence(answer) == last)
            }
            for value in ["soon", "5", "05s", "-1s", "3601s", "3600001ms", "1.5s", "5 s", "99999999s"] {
                let answer = try await client.call(.get, StandbyReadTests.base + "/timeline", as: "alice", server: server, headers: ["Escrow-Max-Staleness": value])
                #expect(answer.status == .badRequest, "\(value): \(answer.text)")
                #expect((answer.object["detail"] as? String ?? "").contains("Escrow-Max-Staleness"))
            }
            for value in ["-1", "abc", "01", "1e3", "1234567890123456789"] {
                let answer = try await client.call(.get, StandbyReadTests.base + "/ledger", as: "alice", server: server, headers: ["Escrow-Min-Sequence": value])
                #expect(answer.status == .badRequest, "\(value): \(answer.text)")
                #expect((answer.object["detail"] as? String ?? "").contains("Escrow-Min-Sequence"))
            }
            let reached = try await client.call(.get, StandbyReadTests.base + "/ledger", as: "alice", server: server, headers: ["Escrow-Min-Sequence": "\(last)"])
            #expect(reached.status == .ok)
            let ahead = try await client.call(.get, StandbyReadTests.base, as: "alice", server: server, headers: ["Escrow-Min-Sequence": "\(last + 1)"])
            #expect(ahead.status == .preconditionFailed)
            #expect((ahead.object["detail"] as? String ?? "").contains("ends at event \(last)"), "\(ahead.text)")
        }
    }
}
