public import EscrowStore
import Foundation
public import PostgresNIO

/// Where a PostgreSQL event log lives, read from a connection URL.
///
/// Two forms are understood:
///
/// - TCP: `postgres://user:password@host:port/database?sslmode=disable` (`postgresql://`
///   too; the port defaults to 5432, the user to `postgres`, the database to the user);
/// - unix socket: `postgres:///database?host=/socket/folder` (or `postgres://user@/database?host=...`),
///   which connects to `/socket/folder/.s.PGSQL.PORT`, the port again defaulting to 5432
///   and also accepted as `port=` in the query.
///
/// `sslmode` is `disable`, `prefer` (the default: TLS when the server offers it) or
/// `require`. User and password may be percent-encoded.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How the server is reached.
    public enum Endpoint: Sendable, Hashable {
        /// A host name or address and a port.
        case tcp(host: String, port: Int)
        /// The full path of the server's socket file.
        case unixSocket(path: String)
    }

    /// Whether the connection is encrypted.
    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
    }

    /// The host and port, or the socket file, to connect to.
    public var endpoint: Endpoint
    /// The role to connect as: the URL's user, else `user=` in the query, else `postgres`.
    public var username: String
    /// The password, if the URL gives one; left out of ``description`` so it never reaches a log.
    public var password: String?
    /// The database holding the event log: the URL's path, else `dbname=`, else the user name.
    public var database: String
    /// Whether the connection is encrypted; always `disable` over a unix socket, which is
    /// local and not encrypted.
    public var tls: TLSMode

    /// Reads a connection URL, or explains in a sentence why it is not one.
    public init(_ text: String) throws(StoreError) {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else {
            throw .unavailable("'\(Self.redacted(text))' is not a PostgreSQL URL such as postgres://user@host:5432/database.")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }

        username = components.user?.removingPercentEncoding ?? query["user"] ?? "postgres"
        password = components.password?.removingPercentEncoding ?? query["password"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? query["dbname"] ?? username

        let port: Int
        if let urlPort = components.port {
            port = urlPort
        } else if let text = query["port"] {
            guard let value = Int(text), (1...65_535).contains(value) else {
                throw .unavailable("The port '\(text)' in the PostgreSQL URL is not a number from 1 to 65535.")
            }
            port = value
        } else {
            port = 5432
        }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? query["host"]
        switch host {
        case let folder? where folder.hasPrefix("/"):
            endpoint = .unixSocket(path: folder.hasSuffix(".s.PGSQL.\(port)") ? folder : "\(folder)/.s.PGSQL.\(port)")
        case let name?:
            endpoint = .tcp(host: name, port: port)
        case nil:
            throw .unavailable(
                "The PostgreSQL URL names no host: give one (postgres://host/database) or a socket folder (postgres:///database?host=/folder).")
        }
        let mode = query["sslmode"] ?? "prefer"
        guard let tls = TLSMode(rawValue: mode) else {
            throw .unavailable("sslmode '\(mode)' is not one of disable, prefer, require.")
        }
        if case .unixSocket = endpoint {
            self.tls = .disable  // a local socket is not encrypted
        } else {
            self.tls = tls
        }
    }

    /// The same server with another database, e.g. a scratch database made for one test.
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL without its password, fit for messages and logs.
    public var description: String {
        let user = username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? username
        switch endpoint {
        case .tcp(let host, let port):
            return "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
        case .unixSocket(let path):
            return "postgres://\(user)@/\(database)?host=\(path)"
        }
    }

    /// The URL with its password, to hand to another process that connects to the same database.
    public var connectionString: String {
        var text = description
        if let password {
            let user = username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? username
            let secret = password.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? password
            text = text.replacingOccurrences(of: "postgres://\(user)@", with: "postgres://\(user):\(secret)@")
        }
        return text
    }

    /// The client configuration postgres-nio takes for this server.
    public func clientConfiguration() -> PostgresClient.Configuration {
        switch endpoint {
        case .tcp(let host, let port):
            let tls: PostgresClient.Configuration.TLS =
                switch self.tls {
                case .disable: .disable
                case .prefer: .prefer(.makeClientConfiguration())
                case .require: .require(.makeClientConfiguration())
                }
            return PostgresClient.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: tls)
        case .unixSocket(let path):
            return PostgresClient.Configuration(
                unixSocketPath: path, username: username, password: password, database: database)
        }
    }

    /// The text with any password between `:` and `@` replaced, for error messages.
    static func redacted(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), let schemeEnd = text.range(of: "://") else { return text }
        let credentials = text[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
