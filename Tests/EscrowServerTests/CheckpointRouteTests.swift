import EscrowCore
import EscrowServer
import EscrowStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// Signed checkpoints over HTTP (issue 11, item 4): every answer about an escrow carries the
/// latest one, and a checkpoint handed out earlier proves a cut log was cut.
@Suite("Signed checkpoints over HTTP")
struct CheckpointRouteTests {
    @Test("every answer about an escrow carries its latest checkpoint, signed, for the caller's escrow only")
    func answersCarryTheCheckpoint() async throws {
        let server = try await TestServer.make()
        defer { server.dispose() }
        try await server.application().test(.router) { client in
            _ = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
            let deposit = try await client.call(
                .post, "/escrows/roo-group-2005/deposits", as: "alice", server: server,
                json: ["purchaser": "purchaser-1", "amount": "1.00", "bankReference": "W1"])
            #expect(deposit.status == .ok)
            let head = try await server.store.events(of: TestServer.escrowID, after: 0)
            for (user, path) in [("purchaser-1", "/escrows/roo-group-2005"), ("alice", "/escrows/roo-group-2005/timeline"), ("company", "/escrows/roo-group-2005/calendar")] {
                let header = try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(server.tokens[user] ?? "")"]) {
                    $0.headers[HTTPFields.Element.Name("Escrow-Checkpoint")!]
                }
                let checkpoint = try #require(header.flatMap(Checkpoint.init(headerValue:)), "\(user) \(path)")
                #expect(checkpoint.escrow == "roo-group-2005")
                #expect(checkpoint.sequence == head.last?.sequence)
                #expect(checkpoint.hash == head.last?.hash)
                #expect(checkpoint.hasValidSignature)
            }
            let outsider = try await client.execute(
                uri: "/escrows/roo-group-2005", method: .get, headers: [.authorization: "Bearer \(server.tokens["outsider"] ?? "")"]
            ) { $0 }
            #expect(outsider.status == .notFound)
            #expect(outsider.headers[HTTPFields.Element.Name("Escrow-Checkpoint")!] == nil)
            let route = try await client.call(.get, "/escrows/roo-group-2005/checkpoint", as: "purchaser-2", server: server)
            #expect(route.status == .ok)
            #expect(route.object["sequence"] as? Int == Int(head.last?.sequence ?? 0))
            #expect(route.object["hash"] as? String == head.last?.hash)
        }
    }

    @Test("a checkpoint handed out before the last event was deleted (trigger dropped) no longer holds, and the answer names the missing sequence")
    func truncatedLogFailsTheCheckpoint() async throws {
        let server = try await TestServer.make()
        defer { server.dispose() }
        try await server.application().test(.router) { client in
            _ = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
            for reference in ["W1", "W2"] {
                _ = try await client.call(
                    .post, "/escrows/roo-group-2005/deposits", as: "alice", server: server,
                    json: ["purchaser": "purchaser-1", "amount": "1.00", "bankReference": reference])
            }
            let earlier = try await client.call(.get, "/escrows/roo-group-2005/checkpoint", as: "purchaser-1", server: server)
            let sequence = try #require(earlier.object["sequence"] as? Int)
            let holds = try await client.call(.post, "/escrows/roo-group-2005/checkpoint/verify", as: "purchaser-1", server: server, json: earlier.object)
            #expect(holds.status == .ok)
            #expect(holds.object["holds"] as? Bool == true)

            let queue = try DatabaseQueue(path: server.path)
            try await queue.write { db in
                try db.execute(sql: "DROP TRIGGER event_no_delete")
                try db.execute(sql: "DELETE FROM event WHERE sequence = ?", arguments: [sequence])
            }
            try queue.close()
            let caught = try await client.call(.post, "/escrows/roo-group-2005/checkpoint/verify", as: "purchaser-1", server: server, json: earlier.object)
            #expect(caught.status == .ok)
            #expect(caught.object["holds"] as? Bool == false)
            #expect(caught.object["firstMissingSequence"] as? Int == sequence)
            #expect((caught.object["reason"] as? String)?.hasSuffix("event \(sequence) is missing") == true, "\(caught.text)")

            var forged = earlier.object
            forged["sequence"] = sequence - 1
            let refused = try await client.call(.post, "/escrows/roo-group-2005/checkpoint/verify", as: "purchaser-1", server: server, json: forged)
            #expect(refused.object["signatureValid"] as? Bool == false)
            #expect(refused.object["holds"] as? Bool == false)
        }
    }
}
