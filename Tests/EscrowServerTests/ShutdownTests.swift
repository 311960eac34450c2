import EscrowCore
import EscrowServer
import EscrowStore
import EscrowStoreSQLite
import EscrowTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Testing

@Suite("Graceful shutdown")
struct ShutdownTests {
    @Test("graceful shutdown closes open event streams, finishes in-flight requests and stops")
    func gracefulShutdown() async throws {
        let server = try await TestServer.make()
        let terms = try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "reference")
        _ = try await server.service.open(TestServer.escrowID, terms: terms, at: TestServer.august(19, 9))
        let port = Int.random(in: 20_000...40_000)
        var logger = Logger(label: "escrow.test")
        logger.logLevel = .warning
        let app = buildApplication(
            configuration: ServerConfiguration(port: port, documentsDirectory: server.folder.appendingPathComponent("documents").path),
            service: server.service, users: server.users, clock: server.clock, logger: logger, runsScheduler: true)
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
        let running = Task { try await group.run() }
        var up = false
        for _ in 0..<100 where !up {
            up = (try? await TestClient.withClient(host: "127.0.0.1", port: port) { try await $0.get("/health").status == .ok }) ?? false
            if !up { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(up)
        let token = server.tokens["purchaser-1"]!
        async let stream = TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.get("/escrows/roo-group-2005/events", headers: [.authorization: "Bearer \(token)"])
        }
        try await Task.sleep(for: .milliseconds(300))
        await group.triggerGracefulShutdown()
        let answer = try await stream
        #expect(answer.status == .ok)
        #expect(String(buffer: answer.body ?? ByteBuffer()).hasPrefix(": escrow roo-group-2005 events"))
        try await running.value
    }
}
