import EscrowCore
import EscrowServer
import EscrowStore
import EscrowTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Testing

/// Idle and slow connections, quiet event streams and the connection cap, on a live server
/// whose timeouts are set short through its configuration. The test client of the framework
/// is not used (its one connection would itself be closed as idle): every request goes over
/// a connection of its own, and every wait is bounded.
extension ServerAbuseTests {
    /// The idle timeout these tests configure, and the heartbeat of their event streams.
    static let shortIdle: Duration = .seconds(2)
    static let shortHeartbeat: Duration = .milliseconds(250)

    /// Runs `body` against a live server holding the reference escrow, configured by `configure`.
    static func withConfiguredServer(
        _ configure: @escaping (inout ServerConfiguration) -> Void,
        _ body: @escaping @Sendable (TestServer, Int) async throws -> Void
    ) async throws {
        let server = try await TestServer.make()
        defer { server.dispose() }
        _ = try await server.service.open(TestServer.escrowID, terms: referenceTerms, at: TestServer.august(19, 9))
        try await server.application(configure: configure).test(.live) { client in
            let port = try #require(client.port)
            try await body(server, port)
        }
    }

    /// One request on a connection of its own (`Connection: close`): the status line's code,
    /// or 0 when no answer came within 10 s.
    static func request(
        _ method: String, _ path: String, as user: String, server: TestServer, port: Int, json: String? = nil
    ) throws -> Int {
        let connection = try #require(RawConnection(port: port))
        let token = try #require(server.tokens[user])
        let body = json ?? ""
        let head =
            "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n"
            + (json == nil ? "" : "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n") + "\r\n"
        connection.send(head + body)
        return statusCode(connection.receive())
    }

    static func statusCode(_ answer: String) -> Int {
        let parts = answer.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1.1") else { return 0 }
        return Int(parts[1]) ?? 0
    }

    @Test("an idle connection, a kept-alive one after its answer and a client trickling its head are closed after the idle timeout")
    func idleAndSlowConnectionsAreClosed() async throws {
        try await Self.withConfiguredServer({
            $0.idleConnectionDurationMax = Self.shortIdle
            $0.eventStreamHeartbeatDuration = Self.shortHeartbeat
        }) { server, port in
            let silent = try #require(RawConnection(port: port))
            let keptAlive = try #require(RawConnection(port: port))
            keptAlive.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(Self.statusCode(keptAlive.receive()) == 200)
            let slow = try #require(RawConnection(port: port))
            let head = Array("GET /escrows/roo-group-2005 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8)
            // A byte every 200 ms for 5 s, well past the idle timeout: trickling is not activity,
            // since no request head is ever complete.
            var slowStillOpen = true
            for index in 0..<25 where slowStillOpen {
                slowStillOpen = slow.send(Data([head[index % head.count]]))
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(slow.receive(for: .seconds(5)).closed, "the slow client was not closed")
            #expect(silent.receive(for: .seconds(5)).closed, "the silent connection was not closed")
            let afterAnswer = keptAlive.receive(for: .seconds(5))
            #expect(afterAnswer.closed && afterAnswer.text.isEmpty, "the kept-alive connection was not closed: \(afterAnswer.text.prefix(100))")
            // Honest requests, each on its own connection, are answered all along.
            for _ in 0..<10 {
                #expect(try Self.request("GET", "/escrows/roo-group-2005", as: "purchaser-1", server: server, port: port) == 200)
            }
        }
    }

    @Test("a quiet /events stream outlives the idle timeout on heartbeats and still delivers the next event")
    func quietEventStreamSurvivesOnHeartbeats() async throws {
        try await Self.withConfiguredServer({
            $0.idleConnectionDurationMax = Self.shortIdle
            $0.eventStreamHeartbeatDuration = Self.shortHeartbeat
        }) { server, port in
            let stream = try #require(RawConnection(port: port))
            let token = try #require(server.tokens["purchaser-1"])
            stream.send("GET /escrows/roo-group-2005/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n")
            // Three times the idle timeout with nothing happening in the escrow.
            let quiet = stream.receive(for: Self.shortIdle * 3)
            #expect(!quiet.closed, "the quiet stream was closed: \(quiet.text.suffix(200))")
            #expect(quiet.text.hasPrefix("HTTP/1.1 200"))
            #expect(quiet.text.contains("text/event-stream"))
            let heartbeats = quiet.text.components(separatedBy: ": heartbeat\n\n").count - 1
            #expect(heartbeats >= 4, "\(heartbeats) heartbeats in 6 s at one per 250 ms")
            // Purchaser 1's own wire arrives: the stream, open all along, carries it.
            let deposit = #"{"purchaser":"purchaser-1","amount":"3000000.00","bankReference":"FW001"}"#
            #expect(try Self.request("POST", "/escrows/roo-group-2005/deposits", as: "alice", server: server, port: port, json: deposit) == 200)
            let next = stream.receive(for: .seconds(2))
            #expect(!next.closed)
            #expect(next.text.contains("id: 2\n"), "\(next.text.prefix(300))")
            #expect(next.text.contains("FW001"))
            #expect(try Self.request("GET", "/health", as: "alice", server: server, port: port) == 200)
        }
    }

    @Test("past the connection cap a client waits unanswered until a connection closes, then is answered")
    func connectionCap() async throws {
        // Run as `escrow serve` runs it: the test framework's live server drops the cap when it
        // rewrites the address, so this one is started in its own service group.
        let server = try await TestServer.make()
        defer { server.dispose() }
        _ = try await server.service.open(TestServer.escrowID, terms: referenceTerms, at: TestServer.august(19, 9))
        let port = Int.random(in: 20_000...40_000)
        var logger = Logger(label: "escrow.test")
        logger.logLevel = .warning
        var configuration = ServerConfiguration(port: port, documentsDirectory: server.folder.appendingPathComponent("documents").path)
        configuration.connectionsMax = 4
        configuration.idleConnectionDurationMax = nil
        let app = buildApplication(configuration: configuration, service: server.service, users: server.users, clock: server.clock, logger: logger)
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
        let running = Task { try await group.run() }
        var up = false
        for _ in 0..<100 where !up {
            up = (try? await TestClient.withClient(host: "127.0.0.1", port: port) { try await $0.get("/health").status == .ok }) ?? false
            if !up { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(up)
        // Kept-alive connections, each proven accepted by an answer, until one is not answered.
        // NIO accepts a few connections per read of the listening socket, so the cap may let a
        // handful more in before it stops reading; sixteen are enough to pass it.
        var accepted: [RawConnection] = []
        var waiting: RawConnection?
        for _ in 0..<16 where waiting == nil {
            let connection = try #require(RawConnection(port: port))
            connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            connection.setReceiveTimeout(.seconds(2))
            if Self.statusCode(connection.receive()) == 200 { accepted.append(connection) } else { waiting = connection }
        }
        let queued = try #require(waiting, "sixteen connections were all answered under a cap of four")
        #expect((4...8).contains(accepted.count), "\(accepted.count) connections answered under a cap of four")
        // Still unanswered a second later; once an accepted connection closes, it is answered.
        #expect(queued.receive(for: .seconds(1)).text.isEmpty)
        accepted.removeAll()
        queued.setReceiveTimeout(.seconds(10))
        #expect(Self.statusCode(queued.receive()) == 200)
        await group.triggerGracefulShutdown()
        try await running.value
    }
}
