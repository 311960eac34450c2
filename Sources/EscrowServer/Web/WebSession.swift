import Crypto
import CryptoExtras
public import EscrowCore
public import EscrowUsers
public import Foundation
import Hummingbird

/// The desk's sign-in: a session is a short-lived API token of the user directory, so it is
/// kept (as the SHA-256 of its secret) in the same SQLite or PostgreSQL tables as every
/// token, outlives a restart of the server and ends when it is revoked at sign-out.
///
/// The cookie `escrow_session` carries `TOKEN-ID.SECRET`; it is `HttpOnly` and
/// `SameSite=Strict`, and `Secure` when the request came over TLS. Every form carries a CSRF
/// token derived from the session's secret (HMAC-SHA256), checked in constant time.
struct WebSession: Sendable {
    static let cookieName = "escrow_session"
    /// Before sign-in there is no session: the sign-in form is tied to a random cookie instead.
    static let signInCookieName = "escrow_sign_in"

    var principal: Principal
    var tokenID: TokenID
    var secret: String

    /// The CSRF token every form of this session carries.
    var csrfToken: String { Self.csrfToken(for: secret) }

    static func csrfToken(for secret: String) -> String {
        let key = SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("escrow-desk-csrf".utf8), using: key)
        return SHA256Hex.hex(Array(mac))
    }

    /// Whether `supplied` is this session's CSRF token, compared in constant time.
    func accepts(csrf supplied: String?) -> Bool { Self.constantTimeEqual(supplied ?? "", csrfToken) }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// The cookies a request sent, by name.
    static func cookies(_ request: Request) -> [String: String] {
        var result: [String: String] = [:]
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                result[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return result
    }

    /// The cookie value `TOKEN-ID.SECRET` split in two; `nil` when it is not of that form.
    static func parse(_ value: String) -> (TokenID, String)? {
        let parts = value.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, parts[0].hasPrefix("tok_"), parts[1].hasPrefix("esk_"), value.count <= 200 else { return nil }
        return (TokenID(String(parts[0])), String(parts[1]))
    }

    /// A `Set-Cookie` value; `Secure` when the request came over TLS (directly or through a
    /// proxy that says so).
    static func setCookie(_ name: String, _ value: String, request: Request, maxAgeSeconds: Int?) -> String {
        var cookie = "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict"
        if let maxAgeSeconds { cookie += "; Max-Age=\(maxAgeSeconds)" }
        if isTLS(request) { cookie += "; Secure" }
        return cookie
    }

    static func isTLS(_ request: Request) -> Bool {
        guard request.uri.scheme != .https else { return true }
        guard let forwardedProto = HTTPFields.Element.Name("X-Forwarded-Proto") else { return false }
        return request.headers[forwardedProto]?.lowercased() == "https"
    }
}

/// Passwords are kept as PBKDF2-HMAC-SHA256 hashes with a random salt:
/// `pbkdf2-sha256$ROUNDS$SALT$HASH` (hex).
enum PasswordHash {
    /// OWASP's 2021 figure for PBKDF2-HMAC-SHA256; a sign-in pays it once, never a request
    /// (the session is a token from then on).
    static let rounds = 310_000

    static func make(_ password: String, rounds: Int = rounds) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Data(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: rounds)
        return "pbkdf2-sha256$\(rounds)$\(SHA256Hex.hex(salt))$\(key.withUnsafeBytes { SHA256Hex.hex(Array($0)) })"
    }

    /// Whether `password` matches `stored`; a malformed stored hash matches nothing.
    static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), (1_000...10_000_000).contains(rounds),
            let salt = bytes(hex: parts[2]), let expected = bytes(hex: parts[3]),
            let key = try? KDF.Insecure.PBKDF2.deriveKey(
                from: Data(password.utf8), salt: salt, using: .sha256, outputByteCount: expected.count, unsafeUncheckedRounds: rounds)
        else { return false }
        return WebSession.constantTimeEqual(key.withUnsafeBytes { SHA256Hex.hex(Array($0)) }, SHA256Hex.hex(expected))
    }

    private static func bytes(hex: Substring) -> [UInt8]? {
        guard hex.count % 2 == 0, !hex.isEmpty else { return nil }
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            result.append(byte)
            index = next
        }
        return result
    }
}

/// A submitted form: URL-encoded fields, or multipart fields and files.
struct WebForm: Sendable {
    var fields: [String: String] = [:]
    var files: [String: (filename: String, data: Data)] = [:]

    subscript(_ name: String) -> String? { fields[name] }

    /// The trimmed value of a field, `nil` when it is missing or blank.
    func value(_ name: String) -> String? {
        let text = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return text.isEmpty ? nil : text
    }

    /// Reads a form body of at most `limit` bytes.
    static func read(_ request: Request, limit: Int) async throws -> WebForm {
        let buffer = try await request.body.collect(upTo: limit)
        let data = Data(buffer.readableBytesView)
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data"), let boundary = boundary(of: type) {
            return multipart(data, boundary: boundary)
        }
        return urlEncoded(String(decoding: data, as: UTF8.self))
    }

    static func urlEncoded(_ text: String) -> WebForm {
        var form = WebForm()
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let name = parts.first.map(decode), !name.isEmpty else { continue }
            form.fields[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return form
    }

    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty || value.count > 200 ? nil : value
        }
        return nil
    }

    /// Splits a multipart body at its boundary; parts without a name are skipped.
    static func multipart(_ body: Data, boundary: String) -> WebForm {
        var form = WebForm()
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var cursor = body.startIndex
        var parts: [Data] = []
        while let found = body.range(of: delimiter, in: cursor..<body.endIndex) {
            if cursor != body.startIndex || found.lowerBound != body.startIndex {
                parts.append(body[cursor..<found.lowerBound])
            }
            cursor = found.upperBound
        }
        for part in parts {
            guard let split = part.range(of: headerEnd) else { continue }
            let headers = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self)
            var content = part[split.upperBound..<part.endIndex]
            if content.suffix(2) == Data("\r\n".utf8) { content = content.dropLast(2) }
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                let name = parameter("name", in: disposition)
            else { continue }
            if let filename = parameter("filename", in: disposition) {
                if !content.isEmpty || !filename.isEmpty { form.files[name] = (filename, Data(content)) }
            } else {
                form.fields[name] = String(decoding: content, as: UTF8.self)
            }
        }
        return form
    }

    private static func parameter(_ name: String, in header: Substring) -> String? {
        for piece in header.split(separator: ";") {
            let parts = piece.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            return parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}

/// What the command line needs of the desk's sign-in: password hashes and one-time links.
public enum DeskSignIn {
    /// The stored form of a password (PBKDF2-HMAC-SHA256 with a random salt).
    public static func passwordHash(_ password: String) throws -> String { try PasswordHash.make(password) }

    /// Issues a one-time sign-in link for `user`, usable once within ``Limits/signInLinkSecondsMax``;
    /// `baseURL` is the desk's address, e.g. `http://127.0.0.1:8080`.
    public static func link(users: any UserDirectory, user: UserID, at now: Date, baseURL: String) async throws(UserStoreError) -> String {
        let (id, secret) = try await users.issueToken(userID: user, at: now, expiresAt: now.addingTimeInterval(TimeInterval(Limits.signInLinkSecondsMax)))
        return "\(baseURL)/desk/sign-in/link?token=\(id.rawValue).\(secret)"
    }
}
