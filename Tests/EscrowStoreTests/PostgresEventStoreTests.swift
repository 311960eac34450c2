import EscrowCore
import EscrowStore
import EscrowStorePostgres
import EscrowTesting
import Foundation
import PostgresNIO
import Testing

/// What only the PostgreSQL store has: its schema migrations, its triggers, two servers on
/// one database. The shared rules run in the conformance tests, over every store.
@Suite(
    "PostgreSQL event store",
    .enabled(if: PostgresTestServer.url != nil, "PostgreSQL tests skipped: ESCROW_TEST_POSTGRES_URL not set")
)
struct PostgresEventStoreTests {
    @Test("migrations are applied once, by name, however many servers start together")
    func migrationsOnce() async throws {
        try await withStore(.postgres) { store throws in
            let store = try #require(store as? PostgresEventStore)
            try await withThrowingDiscardingTaskGroup { group in
                for _ in 0..<4 { group.addTask { try await PostgresEventStore.withStore(url: store.url) { _ in } } }
            }
            #expect(try await store.appliedMigrations() == ["v1-event-log", "v2-append-batch-function"])
        }
    }

    @Test("stored events and idempotency keys cannot be updated or deleted, even by hand")
    func appendOnly() async throws {
        try await withStore(.postgres) { store throws in
            let store = try #require(store as? PostgresEventStore)
            _ = try await store.append(
                depositEvents(3), to: referenceEscrow, expectedLastSequence: 0,
                idempotency: IdempotencyKey(key: "k", commandDigest: "d"))
            let statements = [
                "UPDATE event SET payload = '\\x00' WHERE sequence = 2",
                "DELETE FROM event WHERE sequence = 3",
                "TRUNCATE event",
                "UPDATE idempotency SET command_digest = 'other'",
                "DELETE FROM idempotency",
            ]
            try await PostgresTestServer.admin(store.url) { client in
                for statement in statements {
                    await #expect(throws: PSQLError.self, "\(statement)") {
                        try await client.query(PostgresQuery(unsafeSQL: statement))
                    }
                }
            }
            let events = try await store.events(of: referenceEscrow, after: 0)
            #expect(events.map(\.sequence) == [1, 2, 3])
            #expect(ChainVerifier.verify(events).isIntact)
            #expect(try await store.idempotencyRecord(escrowID: referenceEscrow, key: "k")?.commandDigest == "d")
        }
    }

    @Test("a payload changed behind the store's back is named by the verifier")
    func tamperedPayload() async throws {
        try await withStore(.postgres) { store throws in
            let store = try #require(store as? PostgresEventStore)
            _ = try await store.append(depositEvents(20), to: referenceEscrow, expectedLastSequence: 0, idempotency: nil)
            try await PostgresTestServer.admin(store.url) { client in
                try await client.query("ALTER TABLE event DISABLE TRIGGER event_no_update")
                try await client.query("UPDATE event SET payload = '\\x7b7d' WHERE sequence = 7")
                try await client.query("ALTER TABLE event ENABLE TRIGGER event_no_update")
            }
            let report = ChainVerifier.verify(try await store.events(of: referenceEscrow, after: 0))
            #expect(report.firstBroken == ChainBreak(sequence: 7, reason: .hashMismatch))
        }
    }

    @Test("two servers on one database see each other's appends and conflict like one store")
    func twoServers() async throws {
        try await withTwoServers(.postgres) { first, second throws in
            _ = try await first.append(depositEvents(2), to: referenceEscrow, expectedLastSequence: 0, idempotency: nil)
            #expect(try await second.lastSequence(of: referenceEscrow) == 2)
            await #expect(throws: StoreError.sequenceConflict(escrowID: referenceEscrow, expected: 0, actual: 2)) {
                try await second.append(depositEvents(1), to: referenceEscrow, expectedLastSequence: 0, idempotency: nil)
            }
            #expect(try await second.append(depositEvents(1, from: 3), to: referenceEscrow, expectedLastSequence: 2, idempotency: nil) == .appended(3...3))
            #expect(ChainVerifier.verify(try await first.events(of: referenceEscrow, after: 0)).isIntact)
        }
    }

    @Test("on a database whose transactions are SERIALIZABLE, as on distributed SQL engines, concurrent writers to one escrow all get through")
    func serializableDatabase() async throws {
        try await withStore(.postgres) { store throws in
            let store = try #require(store as? PostgresEventStore)
            // Connections opened from now on run every transaction at SERIALIZABLE; a writer
            // that locks the head after another committed gets SQLSTATE 40001.
            try await store.client.query(
                PostgresQuery(unsafeSQL: "ALTER DATABASE \(store.url.database) SET default_transaction_isolation TO 'serializable'"))
            try await PostgresEventStore.withStore(url: store.url) { serializable in
                // Four servers writing to one escrow at once: each commits one batch at a time.
                let writers = 4
                let eventsPerWriter = 15
                try await appendRetryingOnConflict(serializable, writers: writers, eventsPerWriter: eventsPerWriter)
                let events = try await serializable.events(of: referenceEscrow, after: 0)
                #expect(events.map(\.sequence) == Array(1...Int64(writers * eventsPerWriter)))
                #expect(ChainVerifier.verify(events).isIntact)
            }
        }
    }

    @Test("a store's pool runs only while withStore's body runs: afterwards its connections are closed and calls fail as unavailable")
    func scopedPool() async throws {
        try await withStore(.postgres) { store throws in
            let store = try #require(store as? PostgresEventStore)
            let before = try await Self.connections(to: store.url)
            var closed: PostgresEventStore?
            try await PostgresEventStore.withStore(url: store.url, maximumConnections: 3) { other throws in
                #expect(try await other.lastSequence(of: referenceEscrow) == 0)
                #expect(try await Self.connections(to: store.url) > before)
                closed = other
            }
            let other = try #require(closed)
            await #expect(throws: StoreError.self) { try await other.lastSequence(of: referenceEscrow) }
            // The server sees a closed connection go a moment after the client closed it.
            var after = try await Self.connections(to: store.url)
            for _ in 0..<50 where after > before {
                try await Task.sleep(for: .milliseconds(20))
                after = try await Self.connections(to: store.url)
            }
            #expect(after == before)
        }
    }

    /// How many client connections the server has open to the database of `url`.
    static func connections(to url: PostgresURL) async throws -> Int {
        var count = 0
        try await PostgresTestServer.admin(try #require(PostgresTestServer.url)) { client in
            let rows = try await client.query("SELECT count(*)::bigint FROM pg_stat_activity WHERE datname = \(url.database)")
            for try await value in rows.decode(Int64.self) { count = Int(value) }
        }
        return count
    }

    @Test("a server that cannot be reached is reported as unavailable, in a sentence")
    func unreachable() async throws {
        let url = try #require(PostgresTestServer.url)
        var closed = url
        closed.endpoint = .tcp(host: "127.0.0.1", port: 1)
        await #expect(throws: StoreError.self) {
            try await PostgresEventStore.withStore(url: closed) { _ in Issue.record("connected to a server that cannot be reached") }
        }
    }
}

/// Connection URLs, read without a server.
@Suite("PostgreSQL connection URL")
struct PostgresURLTests {
    @Test("a TCP URL gives user, password, host, port, database and TLS mode")
    func tcp() throws {
        let url = try PostgresURL("postgres://escrow:s%40cret@db.example:6543/ledger?sslmode=disable")
        #expect(url.endpoint == .tcp(host: "db.example", port: 6543))
        #expect(url.username == "escrow")
        #expect(url.password == "s@cret")
        #expect(url.database == "ledger")
        #expect(url.tls == .disable)
        #expect(url.description == "postgres://escrow@db.example:6543/ledger?sslmode=disable")
    }

    @Test("defaults: port 5432, user postgres, database named after the user, TLS preferred")
    func defaults() throws {
        let url = try PostgresURL("postgresql://localhost")
        #expect(url.endpoint == .tcp(host: "localhost", port: 5432))
        #expect(url.username == "postgres")
        #expect(url.database == "postgres")
        #expect(url.tls == .prefer)
    }

    @Test("a socket folder in host= connects to the socket file for the port")
    func unixSocket() throws {
        let url = try PostgresURL("postgres:///escrow?host=/tmp/pg&port=5499")
        #expect(url.endpoint == .unixSocket(path: "/tmp/pg/.s.PGSQL.5499"))
        #expect(url.database == "escrow")
        #expect(url.tls == .disable)
    }

    @Test("what is not a PostgreSQL URL is refused in a sentence that hides the password")
    func refused() {
        #expect(throws: StoreError.unavailable("'mysql://root:***@host/db' is not a PostgreSQL URL such as postgres://user@host:5432/database.")) {
            try PostgresURL("mysql://root:hunter2@host/db")
        }
        #expect(throws: StoreError.self) { try PostgresURL("postgres://host/db?sslmode=sometimes") }
    }
}
