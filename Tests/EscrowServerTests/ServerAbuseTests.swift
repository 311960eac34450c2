import EscrowCore
import EscrowServer
import EscrowStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Abuse of the server on loopback (issue 11, item 6): each abuse is refused cheaply, memory stays
/// bounded, and honest requests keep being answered. Every loop is bounded. The latency of the
/// honest requests under each abuse is printed (scripts/abuse-latency collects the lines for
/// docs/reliability.md); no test asserts a time.
@Suite("Abuse of the server", .serialized)
struct ServerAbuseTests {
    /// Runs `body` against a live server holding the reference escrow.
    static func withServer(_ body: @escaping @Sendable (any TestClientProtocol, TestServer, Int) async throws -> Void) async throws {
        let server = try await TestServer.make()
        defer { server.dispose() }
        try await server.application().test(.live) { client in
            let created = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
            #expect(created.status == .created)
            let port = try #require(client.port)
            try await body(client, server, port)
        }
    }

    /// Honest reads of the escrow's status while an abuse goes on: each must be answered 200.
    /// Prints the latencies as `abuse <name>: honest p50 … p99 … max …`.
    static func honestRequests(_ client: any TestClientProtocol, _ server: TestServer, count: Int, during name: String?) async throws {
        var latencies: [Duration] = []
        for _ in 0..<count {
            let started = ContinuousClock.now
            let answer = try await client.call(.get, "/escrows/roo-group-2005", as: "purchaser-1", server: server)
            latencies.append(ContinuousClock.now - started)
            #expect(answer.status == .ok, "an honest request during \(name ?? "slow clients") got \(answer.status)")
        }
        guard let name else { return }
        let sorted = latencies.sorted()
        func milliseconds(_ duration: Duration) -> String {
            let ms = Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
            return String(format: "%.2f ms", ms)
        }
        let p50 = sorted[sorted.count / 2]
        let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        print("abuse \(name): honest p50 \(milliseconds(p50)), p99 \(milliseconds(p99)), max \(milliseconds(sorted.last ?? .zero)) over \(count) requests")
    }

    @Test("a body announced far over the limit is refused with 413 before it is read, and nothing is stored")
    func bodyOverTheLimit() async throws {
        try await Self.withServer { client, server, port in
            let before = try await server.store.lastSequence(of: TestServer.escrowID)
            let token = try #require(server.tokens["alice"])
            let residentBefore = residentBytes()
            for _ in 0..<20 {
                let connection = try #require(RawConnection(port: port))
                connection.send(
                    "POST /escrows/roo-group-2005/deposits HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n")
                // A megabyte of the gigabyte announced: the server stops reading at its limit.
                connection.send(Data(repeating: UInt8(ascii: " "), count: 1 << 20))
                let answer = connection.receive()
                #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(200))")
            }
            #expect(residentBytes() - residentBefore < 256 << 20, "memory grew by \((residentBytes() - residentBefore) >> 20) MiB")
            #expect(try await server.store.lastSequence(of: TestServer.escrowID) == before)
            try await Self.honestRequests(client, server, count: 200, during: "after 20 bodies of 1 GB announced")
        }
    }

    @Test("slow clients trickling their headers a byte at a time do not hold up honest requests")
    func slowClients() async throws {
        try await Self.withServer { client, server, port in
            let slow = (0..<64).compactMap { _ in RawConnection(port: port) }
            #expect(slow.count == 64)
            let request = Array("GET /escrows/roo-group-2005 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8)
            // Twenty rounds: every slow client sends one more byte, then honest requests run.
            for round in 0..<20 {
                for connection in slow { connection.send(Data([request[round % request.count]])) }
                try await Self.honestRequests(client, server, count: 10, during: round == 19 ? "64 slow clients" : nil)
            }
        }
    }

    @Test("two thousand idle connections cost bounded memory and honest requests are still answered")
    func idleConnections() async throws {
        try await Self.withServer { client, server, port in
            try await Self.honestRequests(client, server, count: 50, during: "no abuse (baseline)")
            let residentBefore = residentBytes()
            let idle = (0..<2_000).compactMap { _ in RawConnection(port: port) }
            #expect(idle.count == 2_000)
            try await Task.sleep(for: .milliseconds(200))
            let grownBytes = residentBytes() - residentBefore
            print("abuse idle connections: \(idle.count) open, resident memory grew by \(grownBytes >> 10) KiB (\(grownBytes / max(idle.count, 1)) bytes each)")
            #expect(grownBytes < 128 << 20, "2,000 idle connections took \(grownBytes >> 20) MiB")
            try await Self.honestRequests(client, server, count: 200, during: "2,000 idle connections")
            withExtendedLifetime(idle) {}
        }
    }

    @Test("a burst of 10,000 bad tokens is refused with 401 each, remembers nothing, and the real token still works")
    func badTokenBurst() async throws {
        try await Self.withServer { client, server, _ in
            let residentBefore = residentBytes()
            let started = ContinuousClock.now
            var refused = 0
            for index in 0..<10_000 {
                let answer = try await client.execute(
                    uri: "/escrows/roo-group-2005", method: .get, headers: [.authorization: "Bearer esk_\(index)-\(UInt64.random(in: 0...UInt64.max))"]
                ) { $0.status }
                if answer == .unauthorized { refused += 1 }
            }
            let elapsed = ContinuousClock.now - started
            #expect(refused == 10_000)
            let grown = residentBytes() - residentBefore
            print("abuse bad tokens: 10,000 refused in \(elapsed), resident memory grew by \(grown >> 10) KiB")
            #expect(grown < 64 << 20, "10,000 bad tokens took \(grown >> 20) MiB")
            try await Self.honestRequests(client, server, count: 200, during: "after 10,000 bad tokens")
        }
    }

    @Test("malformed JSON at every route that takes a body is a 4xx problem, never a 5xx, and stores nothing")
    func malformedJSONEverywhere() async throws {
        try await Self.withServer { client, server, _ in
            let document = try await client.call(.get, "/openapi.json", as: nil, server: server)
            let paths = try #require(document.object["paths"] as? [String: [String: Any]])
            // The routes that read a body (a tick takes none, and reads none).
            let posts = paths.filter { ($0.value["post"] as? [String: Any])?["requestBody"] != nil }.keys.sorted()
            #expect(posts.count >= 18)
            let before = try await server.store.lastSequence(of: TestServer.escrowID)
            let bodies = ["{\"", "[1,2", "null", "{\"amount\": 1e999}", "\u{0}\u{1}\u{2}", String(repeating: "[", count: 10_000), "{\"a\":\"\\ud800\"}"]
            for path in posts {
                let uri = path.replacingOccurrences(of: "{escrow}", with: "roo-group-2005").replacingOccurrences(of: "{approval}", with: "apr_none")
                    .replacingOccurrences(of: "{exception}", with: "X1")
                for body in bodies {
                    for user in ["alice", "purchaser-1"] {
                        let answer = try await client.call(
                            .post, uri, as: user, server: server, raw: Data(body.utf8), headers: ["Content-Type": "application/json"])
                        #expect((400..<500).contains(answer.status.code), "\(path) with \(body.prefix(20)) as \(user): \(answer.status) \(answer.text.prefix(200))")
                    }
                }
            }
            #expect(try await server.store.lastSequence(of: TestServer.escrowID) == before)
            let health = try await client.call(.get, "/health", as: nil, server: server)
            #expect(health.status == .ok)
        }
    }
}
