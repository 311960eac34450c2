import EscrowCore
import EscrowStore
import Foundation
import Hummingbird

/// Request bodies in, JSON answers out, each mistake named.
extension EscrowAPI {
    // MARK: Decoding and encoding

    func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        do { return try await request.body.collect(upTo: limit) } catch {
            throw Problem.tooLarge("the body exceeds the limit of \(limit) bytes for this route")
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ request: Request, decoder: JSONDecoder = EscrowAPI.requestDecoder, limit: Int? = nil) async throws -> T {
        if let contentType = request.headers[.contentType], !contentType.lowercased().contains("json") {
            throw Problem(.unsupportedMediaType, "unsupported-media-type", "JSON expected", detail: "send the body as application/json")
        }
        let buffer = try await collect(request, limit: limit ?? configuration.requestBodyBytesMax)
        do { return try decoder.decode(T.self, from: Data(buffer.readableBytesView)) } catch let error as DecodingError {
            throw Problem.badRequest(Self.describe(error))
        } catch {
            throw Problem.badRequest("the body is not valid JSON")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the body" : text
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not valid JSON" : "\(path(context.codingPath)) is malformed"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is required"
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)) must be \(Self.typeName(type))"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)) must be \(Self.typeName(type)), not null"
        @unknown default: return "the body does not match the expected shape"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "an integer"
        default: "\(type)"
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func money(_ text: String, _ currency: Currency, field: String) throws -> Money {
        do { return try Money.parse(text, currency) } catch {
            throw Problem(.unprocessableContent, "invalid-amount", "Invalid amount", detail: "\(field): \(error)")
        }
    }

    static func instrument(_ text: String) throws -> Instrument {
        guard let instrument = Instrument(text: text) else {
            throw Problem(
                .unprocessableContent, "invalid", "Invalid value",
                detail: "instrument '\(text)' must be release-notice, amendment:ID, successor-appointment:ID or settlement:HOLD")
        }
        return instrument
    }
}
