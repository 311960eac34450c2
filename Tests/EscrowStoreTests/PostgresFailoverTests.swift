import EscrowCore
import EscrowStore
@testable import EscrowStorePostgres
import EscrowTesting
import Foundation
import Testing

/// URLs that name several hosts (a replicated cluster), read without a server.
@Suite("PostgreSQL URL with several hosts")
struct PostgresMultiHostURLTests {
    @Test("libpq's multi-host form gives every host in order, each with its port or 5432")
    func hosts() throws {
        let url = try PostgresURL("postgres://escrow:s%40cret@db1:55431,db2,10.0.0.3:6000/ledger?sslmode=disable&target_session_attrs=read-write")
        #expect(url.endpoints == [.tcp(host: "db1", port: 55431), .tcp(host: "db2", port: 5432), .tcp(host: "10.0.0.3", port: 6000)])
        #expect(url.endpoint == .tcp(host: "db1", port: 55431))
        #expect(url.username == "escrow")
        #expect(url.password == "s@cret")
        #expect(url.database == "ledger")
        #expect(url.description == "postgres://escrow@db1:55431,db2:5432,10.0.0.3:6000/ledger?sslmode=disable&target_session_attrs=read-write")
        #expect(try PostgresURL(url.connectionString) == url)
    }

    @Test("a bad port in the host list, an empty host, and a target_session_attrs other than read-write are refused in a sentence")
    func refusals() {
        #expect(throws: StoreError.unavailable("The port 'x' in the PostgreSQL URL is not a number from 1 to 65535.")) {
            try PostgresURL("postgres://db1:5432,db2:x/escrow")
        }
        #expect(throws: StoreError.unavailable("'' in the PostgreSQL URL's host list is not a host or host:port.")) {
            try PostgresURL("postgres://db1:5432,/escrow")
        }
        #expect(
            throws: StoreError.unavailable(
                "target_session_attrs 'read-only' is not one of any, read-write, primary; with several hosts the store always looks for the primary.")
        ) {
            try PostgresURL("postgres://db1,db2/escrow?target_session_attrs=read-only")
        }
    }
}

/// A store given several hosts finds the one that is the primary.
@Suite(
    "PostgreSQL with several hosts",
    .enabled(if: PostgresTestServer.url != nil, "PostgreSQL tests skipped: ESCROW_TEST_POSTGRES_URL not set")
)
struct PostgresFailoverTests {
    @Test("with a host that is down listed first, the store connects to the one that answers as primary and appends there")
    func skipsADeadHost() async throws {
        let database = try await PostgresTestServer.makeDatabase()
        guard case .tcp(let host, let port) = database.endpoint else {
            await PostgresTestServer.dropDatabase(database)
            return
        }
        let url = try PostgresURL("postgres://\(database.username)@127.0.0.1:1,\(host):\(port)/\(database.database)?sslmode=disable")
        let outcome: AppendOutcome
        do {
            outcome = try await Self.appendOne(url)
        } catch {
            await PostgresTestServer.dropDatabase(database)
            throw error
        }
        await PostgresTestServer.dropDatabase(database)
        #expect(outcome == .appended(1...1))
    }

    static func appendOne(_ url: PostgresURL) async throws -> AppendOutcome {
        try await PostgresEventStore.withStore(url: url) { store in
            let event = NewEvent(type: "warningRecorded", payload: Data("{}".utf8), recordedAt: august(22, 10))
            let outcome = try await store.append([event], to: "failover", expectedLastSequence: 0, idempotency: nil)
            #expect(store.client === store.clients[1])
            return outcome
        }
    }
}
