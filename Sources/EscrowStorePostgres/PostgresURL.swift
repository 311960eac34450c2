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
///
/// Several hosts, as libpq takes them (`postgres://user@db1:5432,db2:5432/escrow`, each with
/// its own port or the default), name the nodes of a replicated cluster: the store connects
/// to whichever of them is the primary, and finds the new primary when that one fails
/// (`target_session_attrs=read-write`, the only behaviour for more than one host; `any` and
/// `read-write` are accepted, other values refused).
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

    /// The host and port, or the socket file, to connect to (the first host of several).
    public var endpoint: Endpoint {
        get { endpoints[0] }
        set { endpoints[0] = newValue }
    }
    /// Every host the URL names, in order; more than one for a replicated cluster, whose
    /// primary the store looks for among them.
    public var endpoints: [Endpoint]
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
        let (single, extraHosts) = Self.splittingHosts(text)
        guard let components = URLComponents(string: single),
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
            endpoints = [.unixSocket(path: folder.hasSuffix(".s.PGSQL.\(port)") ? folder : "\(folder)/.s.PGSQL.\(port)")]
        case let name?:
            endpoints = [.tcp(host: name, port: port)]
        case nil:
            throw .unavailable(
                "The PostgreSQL URL names no host: give one (postgres://host/database) or a socket folder (postgres:///database?host=/folder).")
        }
        for extra in extraHosts {
            endpoints.append(try Self.endpoint(extra))
        }
        let attributes = query["target_session_attrs"] ?? "any"
        guard ["any", "read-write", "primary"].contains(attributes) else {
            throw .unavailable(
                "target_session_attrs '\(attributes)' is not one of any, read-write, primary; with several hosts the store always looks for the primary.")
        }
        let mode = query["sslmode"] ?? "prefer"
        guard let tls = TLSMode(rawValue: mode) else {
            throw .unavailable("sslmode '\(mode)' is not one of disable, prefer, require.")
        }
        if case .unixSocket = endpoints[0] {
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
        if endpoints.count > 1 {
            let hosts = endpoints.map { endpoint in
                switch endpoint {
                case .tcp(let host, let port): "\(host):\(port)"
                case .unixSocket(let path): path
                }
            }
            return "postgres://\(user)@\(hosts.joined(separator: ","))/\(database)?sslmode=\(tls.rawValue)&target_session_attrs=read-write"
        }
        switch endpoint {
        case .tcp(let host, let port):
            return "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
        case .unixSocket(let path):
            return "postgres://\(user)@/\(database)?host=\(path)"
        }
    }

    /// The URL with only its first host and the rest, as `host:port` texts (libpq's
    /// multi-host form, which `URLComponents` does not read).
    static func splittingHosts(_ text: String) -> (String, [String]) {
        guard let schemeEnd = text.range(of: "://") else { return (text, []) }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let hostsStart = authority.lastIndex(of: "@").map { authority.index(after: $0) } ?? authority.startIndex
        let hosts = authority[hostsStart...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard hosts.count > 1 else { return (text, []) }
        let single = String(text[..<hostsStart]) + hosts[0] + String(rest[authorityEnd...])
        return (single, Array(hosts.dropFirst()))
    }

    /// One `host` or `host:port` of a multi-host URL (port 5432 when left out).
    static func endpoint(_ text: String) throws(StoreError) -> Endpoint {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard let host = parts.first, !host.isEmpty, parts.count <= 2 else {
            throw .unavailable("'\(text)' in the PostgreSQL URL's host list is not a host or host:port.")
        }
        guard parts.count == 2 else { return .tcp(host: String(host), port: 5432) }
        guard let port = Int(parts[1]), (1...65_535).contains(port) else {
            throw .unavailable("The port '\(parts[1])' in the PostgreSQL URL is not a number from 1 to 65535.")
        }
        return .tcp(host: String(host), port: port)
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

    /// The client configuration postgres-nio takes for this server (its first host).
    public func clientConfiguration() -> PostgresClient.Configuration {
        clientConfiguration(for: endpoint)
    }

    /// The client configuration postgres-nio takes for one of the URL's hosts.
    public func clientConfiguration(for endpoint: Endpoint) -> PostgresClient.Configuration {
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
