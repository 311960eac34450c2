import EscrowCore
import EscrowTesting
import EscrowServer
import EscrowUsers
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// Two servers on one database (two `buildApplication`s, each over its own `EscrowService`,
/// event store and user store) share users, tokens and approvals.
@Suite("Servers sharing users")
struct SharedUsersTests {
    @Test(
        "two servers on one database: a token issued once works on both, a release made on A is approved on B and pays out once, a revocation on A reaches B within its token memory",
        arguments: Backend.available)
    func twoServers(_ backend: Backend) async throws {
        try await TestServer.with(backend) { a throws in
            let uptime = Mutex(ContinuousClock.now)
            try await a.withSecondServer(tokenMemory: .seconds(1), uptime: { uptime.withLock { $0 } }) { b throws in
                try await a.application().test(.router) { clientA in
                    try await b.application().test(.router) { clientB in
                        // Issued once, through A's store (the tokens of `make`): both servers know it.
                        for user in ["alice", "bob", "purchaser-1"] {
                            #expect(try await clientA.call(.get, "/escrows", as: user, server: a).status == .ok)
                            #expect(try await clientB.call(.get, "/escrows", as: user, server: b).status == .ok)
                        }

                        var deal = ReferenceDealDriver(server: a, client: clientA)
                        try await deal.play(through: .readyToRelease)

                        // Maker alice on A, checker bob on B.
                        deal.at(25, 15)
                        let pending = try await clientA.call(.post, "/escrows/roo-group-2005/release", as: "alice", server: a, json: [:])
                        #expect(pending.status == .accepted, "\(pending.text)")
                        let id = try #require(pending.object["id"] as? String)
                        let onB = try await clientB.call(.get, "/escrows/roo-group-2005/approvals", as: "bob", server: b)
                        #expect(onB.array.compactMap { $0["id"] as? String }.contains(id))
                        let byMaker = try await clientB.call(.post, "/escrows/roo-group-2005/approvals/\(id)/confirm", as: "alice", server: b, json: [:])
                        #expect(byMaker.status == .forbidden)
                        let approved = try await clientB.call(.post, "/escrows/roo-group-2005/approvals/\(id)/confirm", as: "bob", server: b, json: [:])
                        #expect(approved.status == .ok, "\(approved.text)")
                        #expect((approved.object["events"] as? [[String: Any]])?.compactMap { $0["type"] as? String } == ["deskControlRecorded", "disbursed"])
                        let again = try await clientA.call(.post, "/escrows/roo-group-2005/approvals/\(id)/confirm", as: "bob", server: a, json: [:])
                        #expect(again.status == .ok)
                        #expect(again.object["replayed"] as? Bool == true)

                        let status = try await clientA.call(.get, "/escrows/roo-group-2005", as: "alice", server: a)
                        #expect(status.object["phase"] as? String == "released")
                        #expect((status.object["funds"] as? [String: Any])?["paidOutMinorUnits"] as? Int == 799_999_998)
                        let timeline = try await clientB.call(.get, "/escrows/roo-group-2005/timeline", as: "alice", server: b)
                        #expect(timeline.array.filter { $0["type"] as? String == "disbursed" }.count == 1)
                        let approval = try #require(try await a.users.approval(ApprovalID(id), escrowID: TestServer.escrowID))
                        #expect(approval.maker == "alice" && approval.checker == "bob")

                        // Revoked through A's store: B answers from its token memory until it lapses.
                        #expect(try await clientB.call(.get, "/escrows", as: "purchaser-1", server: b).status == .ok)
                        let token = try #require(try await a.users.tokens().first { $0.userID == "purchaser-1" })
                        try await a.users.revoke(tokenID: token.id, at: a.clock.now())
                        #expect(try await clientA.call(.get, "/escrows", as: "purchaser-1", server: a).status == .unauthorized)
                        #expect(try await clientB.call(.get, "/escrows", as: "purchaser-1", server: b).status == .ok)
                        uptime.withLock { $0 += .seconds(1) }
                        #expect(try await clientB.call(.get, "/escrows", as: "purchaser-1", server: b).status == .unauthorized)
                    }
                }
            }
        }
    }
}
