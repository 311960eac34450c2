import EscrowCore
import EscrowStore
import EscrowStoreSQLite
import EscrowServer
import EscrowTesting
import EscrowUsers
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing

/// Bad input gets a 4xx problem naming the problem, never a 500, and stores nothing.
@Suite("Bad input")
struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var method: HTTPRequest.Method
        var uri: String
        var user: String?
        var body: String?
        var contentType: String = "application/json"
        var status: HTTPResponse.Status
        var detailContains: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "malformed JSON", method: .post, uri: "/escrows/roo-group-2005/deposits", user: "alice", body: "{\"amount\": ", status: .badRequest, detailContains: "not valid JSON"),
        Case(name: "wrong type", method: .post, uri: "/escrows/roo-group-2005/deposits", user: "alice", body: "{\"bankReference\": 7, \"amount\": \"1.00\"}", status: .badRequest, detailContains: "bankReference must be a string"),
        Case(name: "missing field", method: .post, uri: "/escrows/roo-group-2005/deposits", user: "alice", body: "{\"bankReference\": \"X\"}", status: .badRequest, detailContains: "amount is required"),
        Case(name: "amount with too many decimals", method: .post, uri: "/escrows/roo-group-2005/deposits", user: "alice", body: "{\"bankReference\": \"X\", \"amount\": \"1.001\"}", status: .unprocessableContent, detailContains: "amount"),
        Case(name: "amount as a float", method: .post, uri: "/escrows/roo-group-2005/deposits", user: "alice", body: "{\"bankReference\": \"X\", \"amount\": 1.5}", status: .badRequest, detailContains: "amount must be a string"),
        Case(name: "unknown escrow", method: .get, uri: "/escrows/no-such-escrow", user: "alice", status: .notFound, detailContains: "no-such-escrow"),
        Case(name: "unknown escrow for a party", method: .get, uri: "/escrows/no-such-escrow", user: "purchaser-1", status: .notFound, detailContains: "no-such-escrow"),
        Case(name: "unknown route", method: .get, uri: "/nowhere", user: "alice", status: .notFound, detailContains: "no route"),
        Case(name: "unknown approval", method: .post, uri: "/escrows/roo-group-2005/approvals/apr_x/confirm", user: "bob", body: "{}", status: .notFound, detailContains: "apr_x"),
        Case(name: "missing token", method: .get, uri: "/escrows", user: nil, status: .unauthorized, detailContains: "Bearer"),
        Case(name: "unknown token", method: .get, uri: "/escrows", user: "forged", status: .unauthorized, detailContains: "unknown, revoked or expired"),
        Case(name: "not JSON", method: .post, uri: "/escrows/roo-group-2005/deposits", user: "alice", body: "amount=1", contentType: "application/x-www-form-urlencoded", status: .unsupportedMediaType, detailContains: "application/json"),
        Case(name: "unknown instrument", method: .post, uri: "/escrows/roo-group-2005/signatures", user: "alice", body: "{\"instrument\": \"nonsense\", \"signer\": \"company\", \"signatureBase64\": \"AA\"}", status: .unprocessableContent, detailContains: "instrument 'nonsense'"),
        Case(name: "unknown court directive", method: .post, uri: "/escrows/roo-group-2005/court-orders", user: "alice", body: "{\"docket\": \"1\", \"court\": \"c\", \"final\": true, \"documentSHA256\": \"\(String(repeating: "b", count: 64))\", \"directive\": {\"kind\": \"jail\"}}", status: .badRequest, detailContains: "directive.kind"),
        Case(name: "the agreement refuses", method: .post, uri: "/escrows/roo-group-2005/advice", user: "alice", body: "{}", status: .conflict, detailContains: "1.2"),
        Case(name: "a method the path does not have", method: .delete, uri: "/escrows/roo-group-2005", user: "alice", status: .methodNotAllowed, detailContains: "answers GET, HEAD, not DELETE"),
        Case(name: "an events limit that is not a whole number", method: .get, uri: "/escrows/roo-group-2005/events?limit=abc", user: "alice", status: .badRequest, detailContains: "limit must be a whole number"),
        Case(name: "an events position below 0", method: .get, uri: "/escrows/roo-group-2005/events?after=-1", user: "alice", status: .badRequest, detailContains: "after must be a whole number"),
        Case(name: "signing text for an id that is no party", method: .get, uri: "/escrows/roo-group-2005/signing-text?party=nobody", user: "alice", status: .notFound, detailContains: "no party 'nobody'"),
    ]

    @Test("bad input is a 4xx problem naming it, and nothing is stored", arguments: cases)
    func badInput(_ item: Case) async throws {
        var server = try await TestServer.make()
        server.tokens["forged"] = "esk_forged"
        let deal = server
        try await server.application().test(.router) { client in
            let created = try await client.call(.post, "/escrows", as: "alice", server: deal, json: ["agreement": ReferenceAgreement.yaml])
            #expect(created.status == .created)
            let before = try await deal.store.lastSequence(of: TestServer.escrowID)
            var headers: HTTPFields = [:]
            if let user = item.user, let token = deal.tokens[user] { headers[.authorization] = "Bearer \(token)" }
            if item.body != nil { headers[.contentType] = item.contentType }
            let answer = try await client.execute(
                uri: item.uri, method: item.method, headers: headers, body: item.body.map { ByteBuffer(string: $0) }
            ) { response in Answer(status: response.status, contentType: response.headers[.contentType], body: Data(buffer: response.body)) }
            #expect(answer.status == item.status, "\(answer.text)")
            #expect(answer.contentType == "application/problem+json")
            let detail = answer.object["detail"] as? String ?? ""
            #expect(detail.contains(item.detailContains), "detail: \(detail)")
            #expect(answer.object["title"] is String)
            #expect((answer.object["type"] as? String)?.hasPrefix("/problems/") == true)
            #expect(try await deal.store.lastSequence(of: TestServer.escrowID) == before)
        }
    }

    @Test("an oversized body is refused with 413 and nothing is stored")
    func oversized() async throws {
        let server = try await TestServer.make()
        try await server.application(requestBodyBytesMax: 16 * 1024, documentBytesMax: 4096).test(.live) { client in
            _ = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
            let before = try await server.store.lastSequence(of: TestServer.escrowID)
            let big = try await client.call(
                .post, "/escrows/roo-group-2005/warnings", as: "alice", server: server, json: ["text": String(repeating: "x", count: 20_000)])
            #expect(big.status == .contentTooLarge)
            #expect(big.contentType == "application/problem+json")
            let document = try await client.call(
                .post, "/escrows/roo-group-2005/documents?condition=closing-documents", as: "company", server: server, raw: Data(count: 10_000))
            #expect(document.status == .contentTooLarge)
            #expect(try await server.store.lastSequence(of: TestServer.escrowID) == before)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: server.folder.appendingPathComponent("documents").path)) ?? []
            #expect(files.isEmpty)
        }
    }

    @Test("expired and revoked tokens are refused with 401", arguments: Backend.available)
    func expiredAndRevoked(_ backend: Backend) async throws {
        try await TestServer.with(backend) { server throws in
            var server = server
            let now = server.clock.now()
            let expired = try await server.users.issueToken(userID: "alice", at: now, expiresAt: now.addingTimeInterval(60))
            let revoked = try await server.users.issueToken(userID: "alice", at: now)
            try await server.users.revoke(tokenID: revoked.id, at: now)
            server.tokens["expired"] = expired.secret
            server.tokens["revoked"] = revoked.secret
            let deal = server
            try await server.application().test(.router) { client in
                #expect(try await client.call(.get, "/escrows", as: "expired", server: deal).status == .ok)
                deal.clock.advance(to: now.addingTimeInterval(61))
                let late = try await client.call(.get, "/escrows", as: "expired", server: deal)
                #expect(late.status == .unauthorized)
                #expect(late.contentType == "application/problem+json")
                #expect(try await client.call(.get, "/escrows", as: "revoked", server: deal).status == .unauthorized)
            }
        }
    }

    @Test("a token is stored only as its SHA-256", arguments: Backend.available)
    func tokensHashed(_ backend: Backend) async throws {
        try await TestServer.with(backend) { server throws in
            let secret = try #require(server.tokens["alice"])
            switch backend {
            case .sqlite:
                let bytes = try Data(contentsOf: URL(fileURLWithPath: server.path))
                let wal = (try? Data(contentsOf: URL(fileURLWithPath: server.path + "-wal"))) ?? Data()
                #expect(bytes.range(of: Data(secret.utf8)) == nil)
                #expect(wal.range(of: Data(secret.utf8)) == nil)
            case .postgres:
                let database = try #require(server.database)
                var rows: [String] = []
                try await PostgresTestServer.admin(database) { client in
                    for try await row in try await client.query("SELECT t::text FROM server_token t").decode(String.self) { rows.append(row) }
                }
                #expect(rows.count == TestServer.partyUsers.count + 3)
                #expect(rows.allSatisfy { !$0.contains(secret) })
                #expect(rows.filter { $0.contains(SHA256Hex.of(Data(secret.utf8))) }.count == 1)
            }
        }
    }

    @Test("a write retried under the same Idempotency-Key is answered, not applied twice")
    func idempotency() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.router) { client in
            _ = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
            let body: [String: Any] = ["bankReference": "FW1", "purchaser": "purchaser-1", "amount": "100.00"]
            let first = try await client.call(.post, "/escrows/roo-group-2005/deposits", as: "alice", server: server, json: body, headers: ["Idempotency-Key": "k1"])
            let second = try await client.call(.post, "/escrows/roo-group-2005/deposits", as: "alice", server: server, json: body, headers: ["Idempotency-Key": "k1"])
            #expect(first.object["replayed"] as? Bool == false)
            #expect(second.object["replayed"] as? Bool == true)
            let changed: [String: Any] = ["bankReference": "FW2", "purchaser": "purchaser-1", "amount": "100.00"]
            let reused = try await client.call(.post, "/escrows/roo-group-2005/deposits", as: "alice", server: server, json: changed, headers: ["Idempotency-Key": "k1"])
            #expect(reused.status == .unprocessableContent)
            let (state, _) = try await server.service.load(TestServer.escrowID)
            #expect(state.deposits.count == 1)
            let release1 = try await client.call(.post, "/escrows/roo-group-2005/refund", as: "alice", server: server, json: [:], headers: ["Idempotency-Key": "r"])
            #expect(release1.status == .conflict)  // 1.7: not before the deadline
        }
    }
}
