import EscrowCore
import EscrowStore
import EscrowStoreSQLite
import EscrowServer
import EscrowTesting
import Foundation
import GRDB
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
            #expect(!metrics.text.contains("escrow_commit_appends_total 1"))
            // A wire is one append in one group commit, and the metrics say so.
            _ = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
            _ = try await client.call(
                .post, "/escrows/roo-group-2005/deposits", as: "alice", server: server,
                json: ["bankReference": "FW1", "purchaser": "purchaser-1", "amount": "3000000.00"])
            let after = try await client.call(.get, "/metrics", as: nil, server: server)
            let commitLines = after.text.split(separator: "\n").filter { $0.hasPrefix("escrow_commit_") && !$0.contains("_bucket") }
            #expect(commitLines.contains("escrow_commit_batches_total 1"), "\(commitLines)")
            #expect(commitLines.contains("escrow_commit_appends_total 1"), "\(commitLines)")
            #expect(commitLines.contains("escrow_commit_failed_appends_total 0"), "\(commitLines)")
            #expect(commitLines.contains("escrow_commit_batch_appends_count 1"), "\(commitLines)")
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

@Suite("Log verification over HTTP")
struct LogVerificationTests {
    @Test("GET …/verify recomputes the chain: intact after a wire, and naming the event altered behind the store's back")
    func verify() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            _ = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
            _ = try await client.call(
                .post, "/escrows/roo-group-2005/deposits", as: "alice", server: server,
                json: ["bankReference": "FW1", "purchaser": "purchaser-1", "amount": "3000000.00"])
            let intact = try await client.call(.get, "/escrows/roo-group-2005/verify", as: "alice", server: server)
            let records = try await server.store.events(of: TestServer.escrowID, after: 0)
            #expect(intact.status == .ok)
            #expect(intact.object["intact"] as? Bool == true)
            #expect(intact.object["eventsChecked"] as? Int == 2)
            #expect(intact.object["lastHash"] as? String == records.last?.hash)

            // Someone with the file drops the append-only triggers and rewrites the wire's amount.
            let file = try DatabaseQueue(path: server.path)
            try await file.write { db in
                for trigger in ["event_no_update", "event_no_delete"] { try db.execute(sql: "DROP TRIGGER \(trigger)") }
                try db.execute(sql: "UPDATE event SET payload = CAST(replace(CAST(payload AS TEXT), '300000000', '900000000') AS BLOB) WHERE sequence = 2")
            }
            let altered = try await client.call(.get, "/escrows/roo-group-2005/verify", as: "alice", server: server)
            #expect(altered.status == .ok)
            #expect(altered.object["intact"] as? Bool == false)
            #expect(altered.object["firstAlteredSequence"] as? Int == 2)
            #expect((altered.object["reason"] as? String)?.contains("does not match its own hash") == true, "\(altered.text)")
            let purchaser = try await client.call(.get, "/escrows/roo-group-2005/verify", as: "purchaser-1", server: server)
            #expect(purchaser.status == .forbidden)
        }
    }
}
