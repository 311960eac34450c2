import EscrowCore
import EscrowServer
import EscrowTesting
import EscrowUsers
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// What the server keeps between requests (encoded status answers, recently seen tokens)
/// never outlives what it was built from.
@Suite("Remembered answers")
struct RememberedAnswersTests {
    static func deadline(_ status: Answer, _ id: String) -> [String: Any]? {
        (status.object["deadlines"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    @Test("a status answer is sent again only while nothing changed: a wire, or the 1.7 deadline closing, makes a new one")
    func statusAnswers() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            _ = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
            let first = try await client.call(.get, "/escrows/roo-group-2005", as: "purchaser-1", server: server)
            let again = try await client.call(.get, "/escrows/roo-group-2005", as: "purchaser-1", server: server)
            #expect(again.body == first.body)
            #expect(Self.deadline(first, "refund")?["missed"] as? Bool == false)

            // Another viewer gets its own answer, not purchaser-1's.
            let desk = try await client.call(.get, "/escrows/roo-group-2005", as: "alice", server: server)
            #expect(desk.object["viewer"] as? String == "agent user alice")
            #expect(again.object["viewer"] as? String == "purchaser-1 (purchaser)")

            let wire = try await client.call(
                .post, "/escrows/roo-group-2005/deposits", as: "alice", server: server,
                json: ["bankReference": "FW1", "purchaser": "purchaser-1", "amount": "3000000.00"])
            #expect(wire.status == .ok)
            let funded = try await client.call(.get, "/escrows/roo-group-2005", as: "purchaser-1", server: server)
            #expect((funded.object["deposits"] as? [[String: Any]])?.map { $0["bankReference"] as? String } == ["FW1"])

            // 2005-09-02 closes at midnight New York time: the same log, another answer.
            server.clock.advance(to: Date(timeIntervalSince1970: 1_125_720_000))  // 2005-09-03T04:00:00Z
            let late = try await client.call(.get, "/escrows/roo-group-2005", as: "purchaser-1", server: server)
            #expect(Self.deadline(late, "refund")?["missed"] as? Bool == true)
        }
    }

    @Test(
        "a revoked token is refused at once when revoked through the server's store, and within the token memory when revoked by another process",
        arguments: Backend.available)
    func tokenMemory(_ backend: Backend) async throws {
        try await TestServer.with(backend) { server throws in
            let uptime = Mutex(ContinuousClock.now)
            // `escrow users revoke` in another process: the server's users are a second store on the same database.
            try await server.withSecondServer(tokenMemory: .seconds(1), uptime: { uptime.withLock { $0 } }) { running throws in
                let users = running.users
                let now = TestServer.august(19, 9)
                let secret = try #require(server.tokens["purchaser-1"])
                #expect(try await users.authenticate(secret: secret, at: now)?.userID == "purchaser-1")

                let token = try #require(try await server.users.tokens().first { $0.userID == "purchaser-1" })
                try await server.users.revoke(tokenID: token.id, at: now)
                #expect(try await users.authenticate(secret: secret, at: now)?.userID == "purchaser-1")
                uptime.withLock { $0 += .seconds(1) }
                #expect(try await users.authenticate(secret: secret, at: now) == nil)

                // Through the same store: at once.
                let desk = try #require(server.tokens["alice"])
                #expect(try await users.authenticate(secret: desk, at: now)?.userID == "alice")
                let deskToken = try #require(try await users.tokens().first { $0.userID == "alice" })
                try await users.revoke(tokenID: deskToken.id, at: now)
                #expect(try await users.authenticate(secret: desk, at: now) == nil)
            }
        }
    }
}
