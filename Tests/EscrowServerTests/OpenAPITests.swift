import EscrowCore
import EscrowStore
import EscrowStoreSQLite
@testable import EscrowServer
import EscrowTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The committed OpenAPI document describes every route, and the running server keeps to it.
@Suite("OpenAPI")
struct OpenAPITests {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The document's only copy: the EscrowServer target's resource.
    static let documentPath = "Sources/EscrowServer/Resources/openapi.json"

    static func document() throws -> [String: Any] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent(documentPath))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    @Test("the committed document is OpenAPI 3.1 and is what /openapi.json serves, from the package resource")
    func served() async throws {
        let committed = try String(contentsOf: Self.repositoryRoot.appendingPathComponent(Self.documentPath), encoding: .utf8)
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            let answer = try await client.call(.get, "/openapi.json", as: nil, server: server)
            #expect(answer.status == .ok)
            #expect(answer.text.trimmingCharacters(in: .whitespacesAndNewlines) == committed.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(try Self.document()["openapi"] as? String == "3.1.0")
    }

    @Test("every route the router registers is in the document, and every documented route is registered")
    func everyRoute() throws {
        let paths = try Self.document()["paths"] as? [String: [String: Any]] ?? [:]
        var documented = Set<String>()
        for (path, operations) in paths { for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") } }
        let registered = Set(EscrowAPI.routes.map { "\($0.0.rawValue) \($0.1)" })
        #expect(registered == documented)
    }

    @Test("a path called with a method it does not have answers 405, its methods in Allow; an unknown path stays 404")
    func methodNotAllowed() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(server.tokens["alice"] ?? "")"]
            for (method, uri, allow) in [
                (HTTPRequest.Method("TRACE")!, "/health", "GET, HEAD"), (.put, "/escrows", "GET, POST, HEAD"),
                (.get, "/escrows/roo-group-2005/deposits", "POST"), (.delete, "/escrows/x/documents/abc", "GET, HEAD"),
            ] {
                try await client.execute(uri: uri, method: method, headers: headers) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == allow, "\(method) \(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            try await client.execute(uri: "/escrows/roo-group-2005/nowhere", method: .get, headers: headers) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    /// A response is valid when its status is documented for the route and its content type is the documented one.
    static func validate(_ method: HTTPRequest.Method, _ template: String, _ answer: Answer, paths: [String: [String: Any]]) -> String? {
        guard let operation = paths[template]?[method.rawValue.lowercased()] as? [String: Any],
            let responses = operation["responses"] as? [String: Any]
        else { return "\(method) \(template) is not documented" }
        guard let response = responses[String(answer.status.code)] else {
            return "\(method) \(template) answered \(answer.status.code), which is not documented"
        }
        if let ref = (response as? [String: Any])?["$ref"] as? String, ref.hasSuffix("/Problem") {
            return answer.contentType == "application/problem+json" ? nil : "\(method) \(template): problem with content type \(answer.contentType ?? "none")"
        }
        let content = (response as? [String: Any])?["content"] as? [String: Any] ?? [:]
        guard let type = answer.contentType, content.keys.contains(where: { type.hasPrefix($0) }) else {
            return "\(method) \(template): content type \(answer.contentType ?? "none") not in \(content.keys.sorted())"
        }
        return nil
    }

    @Test("the running server's answers match the documented statuses and content types")
    func answersMatch() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            let paths = try Self.document()["paths"] as? [String: [String: Any]] ?? [:]
            var deal = ReferenceDealDriver(server: server, client: client)
            try await deal.play(through: .advised)
            let (state, _) = try await server.service.load(TestServer.escrowID)
            let closing = state.documents.first { $0.condition == "closing-documents" }!.sha256
            for (method, template) in EscrowAPI.routes {
                for role in ["alice", "company", "purchaser-1", nil] as [String?] {
                    let (uri, json, raw) = AuthorizationMatrixTests.request(method, template, documentSHA: closing)
                    let answer = try await client.call(method, uri, as: role, server: server, json: json, raw: raw)
                    let failure = Self.validate(method, template, answer, paths: paths)
                    #expect(failure == nil, "\(failure ?? "")")
                }
            }
        }
    }
}
