import EscrowCore
import EscrowServer
import EscrowStore
import EscrowStorePostgres
import EscrowUsers
import EscrowTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// The stores' own services (a PostgreSQL connection pool) run in the server's service group,
/// and nothing reads the stores before they are prepared.
@Suite("Store services")
struct StoreServicesTests {
    /// A service that records whether it is running.
    final class Probe: Service {
        let running = Mutex(false)

        func run() async throws {
            running.withLock { $0 = true }
            try? await gracefulShutdown()
            running.withLock { $0 = false }
        }
    }

    @Test("the stores' services run before they are prepared, and the deadline scheduler reads the log only once they are")
    func preparedBeforeUse() async throws {
        let server = try await TestServer.make(wrapping: { CountingEventStore($0) })
        defer { server.dispose() }
        let store = try #require(server.store as? CountingEventStore)
        let probe = Probe()
        let observed = Mutex<(probeRunning: Bool, listingsWhilePreparing: Int)?>(nil)
        let stores = StoreServices(services: [probe]) {
            // Long enough for a scheduler that did not wait to have listed the escrows.
            try await Task.sleep(for: .milliseconds(300))
            let seen = (probe.running.withLock { $0 }, store.escrowListings)
            observed.withLock { $0 = seen }
        }
        var logger = Logger(label: "escrow.test")
        logger.logLevel = .warning
        let app = buildApplication(
            configuration: ServerConfiguration(port: 0, documentsDirectory: server.folder.appendingPathComponent("documents").path),
            service: server.service, users: server.users, stores: stores, clock: server.clock, logger: logger, runsScheduler: true)
        try await app.test(.live) { client in
            #expect(try await client.call(.get, "/health", as: nil, server: server).status == .ok)
            for _ in 0..<250 where store.escrowListings == 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        let seen = try #require(observed.withLock { $0 })
        #expect(seen.probeRunning)
        #expect(seen.listingsWhilePreparing == 0)
        #expect(store.escrowListings > 0)
        #expect(!probe.running.withLock { $0 }, "the service is stopped with the server")
    }

    @Test(
        "on PostgreSQL the connection pool runs in the server's service group: migrated before the first request, closed when the server stops",
        .enabled(if: PostgresTestServer.url != nil, "PostgreSQL tests skipped: ESCROW_TEST_POSTGRES_URL not set"))
    func postgresPoolInServiceGroup() async throws {
        let database = try await PostgresTestServer.makeDatabase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("escrow-server-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            // Nothing connects until the server runs the pool.
            let events = PostgresEventStore(url: database, maximumConnections: 4)
            let users = PostgresUserStore(beside: events)
            let stores = StoreServices(services: [events]) {
                try await events.migrate()
                try await users.migrate()
            }
            var logger = Logger(label: "escrow.test")
            logger.logLevel = .warning
            let app = buildApplication(
                configuration: ServerConfiguration(port: 0, documentsDirectory: folder.appendingPathComponent("documents").path),
                service: EscrowService(store: events), users: users, stores: stores, clock: ManualEscrowClock(now: TestServer.august(19, 9)),
                logger: logger, runsScheduler: true)
            try await app.test(.live) { client in
                let now = TestServer.august(19, 8)
                try await users.addUser(id: "alice", name: "alice", role: .agent, at: now)
                let secret = try await users.issueToken(userID: "alice", at: now).secret
                let created = try await client.execute(
                    uri: "/escrows", method: .post, headers: [.authorization: "Bearer \(secret)", .contentType: "application/json"],
                    body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["agreement": ReferenceAgreement.yaml])))
                #expect(created.status == .created)
                #expect(try await events.appliedMigrations() == ["v1-event-log", "v2-append-batch-function", "users-v1", "users-v2-password"])
            }
            await #expect(throws: StoreError.self) { try await events.lastSequence(of: TestServer.escrowID) }
        } catch {
            await PostgresTestServer.dropDatabase(database)
            throw error
        }
        await PostgresTestServer.dropDatabase(database)
    }
}
