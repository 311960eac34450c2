import EscrowCore
import EscrowStore
import EscrowUsers
import Foundation
public import Hummingbird

/// An RFC 9457 problem: every 4xx and 5xx answer of the server is one, as
/// `application/problem+json`, naming what went wrong and, for a refusal, the clause.
public struct Problem: Error, HTTPResponseError, Encodable, Sendable {
    /// A relative URI naming the kind of problem, e.g. `/problems/refused`.
    public var type: String
    /// A short, fixed summary of the kind of problem.
    public var title: String
    /// The HTTP status, repeated in the body.
    public var status: HTTPResponse.Status
    /// What went wrong with this request, in a plain sentence.
    public var detail: String
    /// The clause of the agreement that refuses, for refusals.
    public var clause: String?
    /// For a 405, the methods the path does support, sent in the `Allow` header.
    var allowedMethods: [HTTPRequest.Method] = []

    enum CodingKeys: String, CodingKey { case type, title, status, detail, clause }

    /// A problem of kind `/problems/<slug>`.
    public init(_ status: HTTPResponse.Status, _ slug: String, _ title: String, detail: String, clause: String? = nil) {
        self.type = "/problems/\(slug)"
        self.title = title
        self.status = status
        self.detail = detail
        self.clause = clause
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(title, forKey: .title)
        try container.encode(status.code, forKey: .status)
        try container.encode(detail, forKey: .detail)
        try container.encodeIfPresent(clause, forKey: .clause)
    }

    /// The problem as an `application/problem+json` answer with its status.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if status == .methodNotAllowed { headers[.allow] = allowedMethods.map(\.rawValue).joined(separator: ", ") }
        if status == .serviceUnavailable { headers[.retryAfter] = "1" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, "invalid-request", "The request is malformed", detail: detail) }
    static func unauthorized(_ detail: String) -> Problem { Problem(.unauthorized, "unauthorized", "Authentication required", detail: detail) }
    static func forbidden(_ detail: String) -> Problem { Problem(.forbidden, "forbidden", "Not allowed for this user", detail: detail) }
    static func notFound(_ detail: String) -> Problem { Problem(.notFound, "not-found", "Not found", detail: detail) }
    static func tooLarge(_ detail: String) -> Problem { Problem(.contentTooLarge, "too-large", "The request body is too large", detail: detail) }

    /// The path exists but not for this method (RFC 9110, 15.5.6): 405, naming the methods it has.
    static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method]) -> Problem {
        var problem = Problem(
            .methodNotAllowed, "method-not-allowed", "Method not allowed",
            detail: "\(path) answers \(allowed.map(\.rawValue).joined(separator: ", ")), not \(method.rawValue)")
        problem.allowedMethods = allowed
        return problem
    }

    /// Maps the service's typed errors: a refusal by its kind, a missing escrow, a store fault.
    init(_ error: ServiceError) {
        switch error {
        case .refused(let refusal):
            switch refusal.kind {
            case .invalid:
                self.init(.unprocessableContent, "invalid", "The agreement refuses the input", detail: refusal.description, clause: refusal.clause)
            case .notFound:
                self.init(.notFound, "not-found", "Not found", detail: refusal.description, clause: refusal.clause)
            case .alreadyDone:
                self.init(.conflict, "already-done", "It was already done", detail: refusal.description, clause: refusal.clause)
            case .forbidden:
                self.init(.conflict, "refused", "The agreement refuses it now", detail: refusal.description, clause: refusal.clause)
            }
        case .notFound:
            self.init(.notFound, "not-found", "Not found", detail: error.description)
        case .store(.idempotencyKeyReused):
            self.init(.unprocessableContent, "idempotency-key-reused", "Idempotency key reused", detail: error.description)
        case .store(.sequenceConflict):
            // Not a refusal: the command was decided again on each new state and every time
            // another server appended first. The same request (same idempotency key) may be sent again.
            self.init(
                .serviceUnavailable, "busy", "Other writers kept appending to this escrow first",
                detail: "\(error.description); the command was decided again each time and may be sent again with the same idempotency key")
        case .store(.unavailable):
            self.init(.serviceUnavailable, "unavailable", "The event store is unavailable", detail: error.description)
        case .store(.corrupt), .corrupt:
            self.init(.internalServerError, "corrupt", "The event log does not verify", detail: error.description)
        }
    }

    init(_ error: UserStoreError) {
        switch error {
        case .userExists: self.init(.conflict, "user-exists", "User exists", detail: error.description)
        case .userNotFound, .tokenNotFound, .approvalNotFound: self.init(.notFound, "not-found", "Not found", detail: error.description)
        case .approvalAlreadyChecked: self.init(.conflict, "already-done", "It was already done", detail: error.description)
        case .invalid: self.init(.forbidden, "forbidden", "Not allowed for this user", detail: error.description)
        case .unavailable: self.init(.serviceUnavailable, "unavailable", "The user store is unavailable", detail: error.description)
        }
    }

    /// Any error a handler let escape, as a problem; Hummingbird's own errors keep their status.
    static func from(_ error: any Error) -> Problem {
        if let problem = error as? Problem { return problem }
        if let error = error as? ServiceError { return Problem(error) }
        if let error = error as? UserStoreError { return Problem(error) }
        if let error = error as? HTTPError {
            switch error.status {
            case .notFound: return .notFound("no route matches this method and path")
            case .contentTooLarge: return .tooLarge("the body exceeds the limit for this route")
            default:
                return Problem(error.status, "http-\(error.status.code)", error.status.reasonPhrase, detail: error.body ?? error.status.reasonPhrase)
            }
        }
        if let error = error as? any HTTPResponseError {
            return Problem(error.status, "http-\(error.status.code)", error.status.reasonPhrase, detail: "\(error)")
        }
        return Problem(.internalServerError, "internal", "Internal error", detail: "the server could not complete the request")
    }
}
