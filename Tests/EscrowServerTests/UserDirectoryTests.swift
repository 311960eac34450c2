import EscrowCore
import EscrowServer
import EscrowTesting
import EscrowUsers
import Foundation
import Synchronization
import Testing

/// Users, tokens and approvals behave the same in SQLite and in PostgreSQL: the same answers,
/// the same refusals, the same order.
@Suite("User directory")
struct UserDirectoryTests {
    static let escrowID = TestServer.escrowID

    @Test("users are listed by id with their parties, and tokens by user, never with a secret", arguments: Backend.available)
    func listing(_ backend: Backend) async throws {
        try await TestServer.with(backend) { server throws in
            let users = try await server.users.users()
            #expect(users.map(\.id.rawValue) == (["alice", "bob", "outsider"] + TestServer.partyUsers).sorted())
            let alice = try #require(users.first { $0.id == "alice" })
            #expect(alice.name == "alice" && alice.role == .agent && alice.parties.isEmpty)
            #expect(users.first { $0.id == "purchaser-1" }?.parties == ["roo-group-2005": "purchaser-1"])
            #expect(users.first { $0.id == "outsider" }?.parties == ["other-escrow": "purchaser-1"])

            let tokens = try await server.users.tokens()
            #expect(tokens.map(\.userID) == users.map(\.id))
            #expect(tokens.allSatisfy { $0.id.rawValue.hasPrefix("tok_") && $0.revokedAt == nil && $0.expiresAt == nil })
            #expect(tokens.first?.createdAt == TestServer.august(19, 8))
        }
    }

    @Test("each store refuses alike: a user added twice, a bad id, a grant to an agent or to nobody, an unknown token", arguments: Backend.available)
    func refusals(_ backend: Backend) async throws {
        try await TestServer.with(backend) { server throws in
            let users = server.users
            let now = TestServer.august(19, 9)
            await #expect(throws: UserStoreError.userExists("alice")) { try await users.addUser(id: "alice", name: "Alice", role: .agent, at: now) }
            await #expect(throws: UserStoreError.invalid("user id must be 1 to 128 letters, digits, '-', '_', '.' or '@'")) {
                try await users.addUser(id: "no spaces", name: "x", role: .agent, at: now)
            }
            await #expect(throws: UserStoreError.invalid("bob is an agent user; only party users are tied to a party")) {
                try await users.grant(userID: "bob", escrowID: Self.escrowID, partyID: "company")
            }
            await #expect(throws: UserStoreError.userNotFound("carol")) {
                try await users.grant(userID: "carol", escrowID: Self.escrowID, partyID: "company")
            }
            await #expect(throws: UserStoreError.userNotFound("carol")) { try await users.issueToken(userID: "carol", at: now) }
            await #expect(throws: UserStoreError.tokenNotFound("tok_missing")) { try await users.revoke(tokenID: "tok_missing", at: now) }
            #expect(try await users.users().count == TestServer.partyUsers.count + 3)
        }
    }

    @Test("a grant made through the store applies to the next request at once, even with a token memory", arguments: Backend.available)
    func grantAppliesAtOnce(_ backend: Backend) async throws {
        try await TestServer.with(backend) { server throws in
            let uptime = Mutex(ContinuousClock.now)
            try await server.withSecondServer(tokenMemory: .seconds(60), uptime: { uptime.withLock { $0 } }) { running throws in
                let secret = try #require(server.tokens["outsider"])
                let now = TestServer.august(19, 9)
                #expect(try await running.users.authenticate(secret: secret, at: now)?.parties == ["other-escrow": "purchaser-1"])
                try await running.users.grant(userID: "outsider", escrowID: Self.escrowID, partyID: "purchaser-4")
                #expect(try await running.users.authenticate(secret: secret, at: now)?.parties == ["other-escrow": "purchaser-1", Self.escrowID: "purchaser-4"])
            }
        }
    }

    @Test("a proposal retried by its maker under the same key is the approval first recorded; another key is another approval", arguments: Backend.available)
    func proposalRetried(_ backend: Backend) async throws {
        try await TestServer.with(backend) { server throws in
            let users = server.users
            let now = TestServer.august(25, 15)
            let first = try await users.propose(.release, kind: .disbursement, escrowID: Self.escrowID, maker: "alice", at: now, idempotencyKey: "alice:r1")
            let again = try await users.propose(
                .release, kind: .disbursement, escrowID: Self.escrowID, maker: "alice", at: now.addingTimeInterval(5), idempotencyKey: "alice:r1")
            let other = try await users.propose(.refund, kind: .disbursement, escrowID: Self.escrowID, maker: "alice", at: now, idempotencyKey: "alice:r2")
            #expect(again == first)
            #expect(first.id.rawValue.hasPrefix("apr_"))
            #expect(first.command == .release && first.madeAt == now && first.checker == nil)
            #expect(other.id != first.id)
            #expect(try await users.approvals(escrowID: Self.escrowID).map(\.id).sorted() == [first.id, other.id].sorted())
            #expect(try await users.approvals(escrowID: "other-escrow").isEmpty)
            #expect(try await users.approval(first.id, escrowID: "other-escrow") == nil)
        }
    }

    @Test("an approval is checked once, by an agent user other than its maker", arguments: Backend.available)
    func checkedOnce(_ backend: Backend) async throws {
        try await TestServer.with(backend) { server throws in
            let users = server.users
            let now = TestServer.august(24, 11)
            let approval = try await users.propose(.advise, kind: .callback, escrowID: Self.escrowID, maker: "alice", at: now, idempotencyKey: nil)
            await #expect(throws: UserStoreError.invalid("the agent user who made the request cannot also check it; a second agent user must")) {
                try await users.check(approval.id, escrowID: Self.escrowID, checker: "alice", note: nil, at: now)
            }
            await #expect(throws: UserStoreError.approvalNotFound("apr_missing")) {
                try await users.check("apr_missing", escrowID: Self.escrowID, checker: "bob", note: nil, at: now)
            }
            let checkedAt = now.addingTimeInterval(60)
            try await users.check(approval.id, escrowID: Self.escrowID, checker: "bob", note: "called the CFO at the number on file", at: checkedAt)
            await #expect(throws: UserStoreError.approvalAlreadyChecked(approval.id)) {
                try await users.check(approval.id, escrowID: Self.escrowID, checker: "bob", note: nil, at: checkedAt)
            }
            let checked = try #require(try await users.approval(approval.id, escrowID: Self.escrowID))
            #expect(checked.kind == .callback && checked.maker == "alice")
            #expect(checked.checker == "bob" && checked.checkedAt == checkedAt && checked.note == "called the CFO at the number on file")
        }
    }
}
