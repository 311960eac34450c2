import EscrowCore
import EscrowStore
import EscrowStoreSQLite
@testable import EscrowServer
import EscrowTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every route, by every role, with the answer each must get.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Expect: CustomStringConvertible {
        case exactly(HTTPResponse.Status)
        /// The agreement decides (a 2xx or a domain 4xx), but identity does not refuse.
        case admitted

        func accepts(_ status: HTTPResponse.Status) -> Bool {
            switch self {
            case .exactly(let expected): status == expected
            case .admitted: status.code < 500 && status != .unauthorized && status != .forbidden
            }
        }

        var description: String {
            switch self {
            case .exactly(let status): "\(status.code)"
            case .admitted: "admitted"
            }
        }
    }

    static let roles: [String?] = [nil, "alice", "company", "purchaser-1", "sichenzia", "nir-group", "outsider"]
    static let agentOnly: Set<String> = [
        "POST /escrows", "POST /escrows/{escrow}/keys", "POST /escrows/{escrow}/deposits", "POST /escrows/{escrow}/advice",
        "POST /escrows/{escrow}/release", "POST /escrows/{escrow}/refund", "POST /escrows/{escrow}/tick", "GET /escrows/{escrow}/approvals",
        "POST /escrows/{escrow}/approvals/{approval}/confirm", "POST /escrows/{escrow}/approvals/{approval}/reject", "POST /escrows/{escrow}/holds", "POST /escrows/{escrow}/court-orders",
        "POST /escrows/{escrow}/deposit-with-court", "POST /escrows/{escrow}/amendments", "POST /escrows/{escrow}/counsel-costs",
        "POST /escrows/{escrow}/instrument-requests", "POST /escrows/{escrow}/resignation", "GET /escrows/{escrow}/handover", "POST /handover",
        "GET /escrows/{escrow}/verify",
        "GET /escrows/{escrow}/bank", "POST /escrows/{escrow}/bank/exports", "GET /escrows/{escrow}/bank/exports/{file}",
        "POST /escrows/{escrow}/bank/imports", "GET /escrows/{escrow}/bank/exceptions",
        "POST /escrows/{escrow}/bank/exceptions/{exception}/resolution", "POST /escrows/{escrow}/bank/reconciliations",
        "GET /escrows/{escrow}/bank/reconciliation",
    ]

    /// A request for each route; writes that name a party name one the caller is not.
    static func request(_ method: HTTPRequest.Method, _ template: String, documentSHA: String) -> (uri: String, json: Any?, raw: Data?) {
        let hash = String(repeating: "a", count: 64)
        let uri = template.replacingOccurrences(of: "{escrow}", with: "roo-group-2005")
            .replacingOccurrences(of: "{approval}", with: "apr_unknown").replacingOccurrences(of: "{sha256}", with: documentSHA)
            .replacingOccurrences(of: "{file}", with: "roo-group-2005-PAY-1").replacingOccurrences(of: "{exception}", with: "X1")
        switch (method, template) {
        case (.post, "/escrows"): return (uri, ["agreement": ReferenceAgreement.yaml], nil)
        case (.post, "/escrows/{escrow}/keys"): return (uri, ["party": "company", "publicKeyBase64": "AAAA"], nil)
        case (.post, "/escrows/{escrow}/deposits"): return (uri, ["bankReference": "FW-M", "purchaser": "purchaser-1", "amount": "1.00"], nil)
        case (.post, "/escrows/{escrow}/documents"): return (uri + "?condition=closing-documents&from=purchaser-4", nil, Data("matrix".utf8))
        case (.post, "/escrows/{escrow}/signatures"): return (uri, ["instrument": "release-notice", "signer": "purchaser-4", "signatureBase64": "AAAA"], nil)
        case (.post, "/escrows/{escrow}/instructions"):
            return (uri, ["party": "purchaser-4", "lines": [["accountName": "x", "bank": "y", "routingNumber": "1", "accountNumber": "2"]], "signatureBase64": "AAAA"], nil)
        case (.post, "/escrows/{escrow}/approvals/{approval}/confirm"): return (uri, ["note": "n"], nil)
        case (.post, "/escrows/{escrow}/approvals/{approval}/reject"): return (uri, ["reason": "r"], nil)
        case (.post, "/escrows/{escrow}/holds"): return (uri, ["id": "h1", "reason": "matrix", "partiesConcerned": ["company"]], nil)
        case (.post, "/escrows/{escrow}/court-orders"):
            return (uri, ["docket": "1", "court": "c", "final": false, "documentSHA256": hash, "directive": ["kind": "hold", "amount": "1.00"]], nil)
        case (.post, "/escrows/{escrow}/deposit-with-court"): return (uri, ["court": "c"], nil)
        case (.post, "/escrows/{escrow}/warnings"): return (uri, ["from": "purchaser-4", "text": "w"], nil)
        case (.post, "/escrows/{escrow}/amendments"): return (uri, ["id": "a1", "text": "t", "agentDuties": "d"], nil)
        case (.post, "/escrows/{escrow}/counsel-costs"): return (uri, ["counsel": "c", "amount": "1.00", "invoiceSHA256": hash], nil)
        case (.post, "/escrows/{escrow}/instrument-requests"): return (uri, ["id": "r1", "title": "t", "from": ["company"]], nil)
        case (.post, "/escrows/{escrow}/resignation"): return (uri, ["notice": "n"], nil)
        case (.post, "/escrows/{escrow}/successor"): return (uri, ["id": "new-agent", "name": "New Agent"], nil)
        case (.post, "/handover"): return (uri, ["successor": "x", "package": [:] as [String: Any]], nil)
        case (.get, "/escrows/{escrow}/signing-text"): return (uri + "?instrument=release-notice&party=purchaser-4", nil, nil)
        case (.get, "/escrows/{escrow}/events"): return (uri + "?after=0&limit=1", nil, nil)
        case (.post, _): return (uri, [:] as [String: Any], nil)
        default: return (uri, nil, nil)
        }
    }

    static func expectation(_ method: HTTPRequest.Method, _ template: String, role: String?) -> Expect {
        let key = "\(method.rawValue) \(template)"
        if ["/health", "/metrics", "/openapi.json"].contains(template) { return .exactly(.ok) }
        guard let role else { return .exactly(.unauthorized) }
        let inEscrow = template.hasPrefix("/escrows/{escrow}")
        if role == "alice" {
            switch key {
            case "POST /escrows": return .exactly(.conflict)
            case "POST /escrows/{escrow}/approvals/{approval}/confirm", "POST /escrows/{escrow}/approvals/{approval}/reject": return .exactly(.notFound)
            case "POST /handover": return .exactly(.badRequest)
            case "GET /escrows/{escrow}/signing-text", "GET /escrows/{escrow}/events", "GET /escrows", "GET /escrows/{escrow}",
                "GET /escrows/{escrow}/ledger", "GET /escrows/{escrow}/timeline", "GET /escrows/{escrow}/notices", "GET /escrows/{escrow}/calendar",
                "GET /escrows/{escrow}/approvals", "GET /escrows/{escrow}/documents/{sha256}", "GET /escrows/{escrow}/verify":
                return .exactly(.ok)
            default: return .admitted
            }
        }
        if role == "outsider", inEscrow { return .exactly(.notFound) }
        if agentOnly.contains(key) { return .exactly(.forbidden) }
        switch key {
        case "GET /escrows", "GET /escrows/{escrow}", "GET /escrows/{escrow}/timeline", "GET /escrows/{escrow}/notices", "GET /escrows/{escrow}/calendar",
            "GET /escrows/{escrow}/events":
            return .exactly(.ok)
        // Every party may hold and check the agent's signed checkpoints (an empty body is malformed).
        case "GET /escrows/{escrow}/checkpoint": return .exactly(.ok)
        case "POST /escrows/{escrow}/checkpoint/verify": return .exactly(.badRequest)
        case "GET /escrows/{escrow}/ledger": return role == "company" ? .exactly(.ok) : .exactly(.forbidden)
        case "GET /escrows/{escrow}/documents/{sha256}":
            // The closing documents came from the company: the company and the agent may read them.
            return role == "company" ? .exactly(.ok) : .exactly(.notFound)
        case "POST /escrows/{escrow}/successor": return role == "company" ? .admitted : .exactly(.forbidden)
        // Acting for purchaser-4 is refused to every other party.
        default: return .exactly(.forbidden)
        }
    }

    @Test("every route by every role gets the answer its identity allows")
    func matrix() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            var deal = ReferenceDealDriver(server: server, client: client)
            try await deal.play(through: .advised)
            let (state, _) = try await server.service.load(TestServer.escrowID)
            let closing = state.documents.first { $0.condition == "closing-documents" }!.sha256
            var checked = 0
            for (method, template) in EscrowAPI.routes {
                for role in Self.roles {
                    let (uri, json, raw) = Self.request(method, template, documentSHA: closing)
                    let expected = Self.expectation(method, template, role: role)
                    let answer = try await client.call(method, uri, as: role, server: server, json: json, raw: raw)
                    #expect(expected.accepts(answer.status), "\(method) \(template) as \(role ?? "anonymous"): \(answer.status.code), expected \(expected): \(answer.text)")
                    if answer.status.code >= 400 {
                        #expect(answer.contentType == "application/problem+json", "\(method) \(template) as \(role ?? "anonymous")")
                        #expect(answer.object["status"] as? Int == answer.status.code)
                    }
                    checked += 1
                }
            }
            #expect(checked == EscrowAPI.routes.count * Self.roles.count)
        }
    }

    @Test("a party user cannot sign for another party, even with a valid signature")
    func cannotActForAnother() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.router) { client in
            var deal = ReferenceDealDriver(server: server, client: client)
            try await deal.play(through: .advised)
            let answer = try await client.call(
                .post, "/escrows/roo-group-2005/signatures", as: "purchaser-1", server: server,
                json: ["instrument": "release-notice", "signer": "company", "signatureBase64": "AAAA"])
            #expect(answer.status == .forbidden)
            #expect(answer.object["type"] as? String == "/problems/forbidden")
        }
    }
}
