import EscrowCore
import EscrowStore
import EscrowStoreSQLite
import EscrowServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Operations and live updates")
struct OperationsTests {
    @Test("health, Prometheus metrics and a request id on every answer")
    func healthAndMetrics() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            let health = try await client.call(.get, "/health", as: nil, server: server)
            #expect(health.status == .ok)
            #expect(health.object["status"] as? String == "ok")
            _ = try await client.call(.get, "/escrows", as: "alice", server: server)
            let metrics = try await client.call(.get, "/metrics", as: nil, server: server)
            #expect(metrics.status == .ok)
            #expect(metrics.contentType?.hasPrefix("text/plain") == true)
            #expect(metrics.text.contains("escrow_http_requests_total"))
            let traced = try await client.execute(uri: "/health", method: .get, headers: [HTTPFields.Element.Name("X-Request-ID")!: "trace-1"]) { $0 }
            #expect(traced.headers[HTTPFields.Element.Name("X-Request-ID")!] == "trace-1")
        }
    }

    @Test("a party's event stream learns of its own deposit at once, and of nothing that is not its business")
    func serverSentEvents() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            _ = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
            async let stream = client.call(.get, "/escrows/roo-group-2005/events?limit=1", as: "purchaser-2", server: server)
            try await Task.sleep(for: .milliseconds(300))
            // The test client holds one connection, busy with the stream: the desk writes over a second one.
            let token = server.tokens["alice"]!
            try await TestClient.withClient(host: "127.0.0.1", port: client.port!) { desk in
                // Another purchaser's wire first: purchaser-2 must not see it.
                for (reference, purchaser, amount) in [("FW1", "purchaser-1", "3000000.00"), ("FW2", "purchaser-2", "2499999.99")] {
                    let response = try await desk.post(
                        "/escrows/roo-group-2005/deposits", headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                        body: ByteBuffer(string: "{\"bankReference\": \"\(reference)\", \"purchaser\": \"\(purchaser)\", \"amount\": \"\(amount)\"}"))
                    #expect(response.status == .ok)
                }
            }
            let answer = try await stream
            #expect(answer.status == .ok)
            #expect(answer.contentType == "text/event-stream")
            #expect(answer.text.contains("event: depositReceived"))
            #expect(answer.text.contains("FW2"))
            #expect(!answer.text.contains("FW1"))
        }
    }
}
