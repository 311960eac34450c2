import EscrowCore
import EscrowServer
import EscrowStore
import EscrowTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// One request with a huge amount once stopped the whole server. Now it is a 422 problem
/// naming the ceiling, nothing is stored, and the server goes on answering.
@Suite("Amount ceilings over HTTP")
struct AmountCeilingTests {
    @Test("1.1: after a wire of 1.00, a wire of 92,233,720,368,547,758.07 is a 422 problem and /health still answers")
    func depositAtInt64Limit() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            let created = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
            #expect(created.status == .created)
            let first = try await client.call(
                .post, "/escrows/roo-group-2005/deposits", as: "alice", server: server,
                json: ["purchaser": "purchaser-1", "amount": "1.00", "bankReference": "W1"])
            #expect(first.status == .ok, "\(first.text)")
            let before = try await server.store.lastSequence(of: TestServer.escrowID)
            for amount in ["92233720368547758.07", "1000000000000.00", "99999999999999999999999999"] {
                let huge = try await client.call(
                    .post, "/escrows/roo-group-2005/deposits", as: "alice", server: server,
                    json: ["purchaser": "purchaser-2", "amount": amount, "bankReference": "W2"])
                #expect(huge.status == .unprocessableContent, "\(amount): \(huge.text)")
                #expect(huge.contentType == "application/problem+json")
                let detail = huge.object["detail"] as? String ?? ""
                #expect(detail.contains("USD 1,000,000,000,000.00"), "detail: \(detail)")
            }
            #expect(try await server.store.lastSequence(of: TestServer.escrowID) == before)
            let health = try await client.call(.get, "/health", as: nil, server: server)
            #expect(health.status == .ok)
            let status = try await client.call(.get, "/escrows/roo-group-2005", as: "alice", server: server)
            #expect(status.status == .ok)
        }
        server.dispose()
    }
}
