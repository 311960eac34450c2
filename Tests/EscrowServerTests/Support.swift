import EscrowCore
import EscrowServer
import EscrowStore
import EscrowStorePostgres
import EscrowStoreSQLite
import EscrowTesting
import EscrowUsers
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

/// A server over a fresh SQLite file or PostgreSQL database, with the reference agreement's
/// parties as users.
struct TestServer {
    let backend: Backend
    /// The SQLite file of the event log and users (not created on PostgreSQL).
    let path: String
    let folder: URL
    /// The scratch PostgreSQL database, for ``Backend/postgres``.
    let database: PostgresURL?
    let store: any EventStore
    let service: EscrowService
    let users: any UserDirectory
    let clock: ManualEscrowClock
    /// Bearer secrets by user id.
    var tokens: [String: String] = [:]

    static let escrowID: EscrowID = "roo-group-2005"
    /// Every party user of the reference deal, named after its party.
    static let partyUsers = ["company", "purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4", "sichenzia", "burnham-hill", "nir-group"]

    /// 2005-08-DD at HH:00 New York time (EDT, UTC-4).
    static func august(_ day: Int, _ hour: Int) -> Date { EscrowTesting.august(day, hour) }

    /// A server over a fresh SQLite file (closed with the process; removed by ``dispose()``),
    /// its event store seen through `wrapping`.
    static func make(wrapping: (any EventStore) -> any EventStore = { $0 }) async throws -> TestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("escrow-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("escrow.db").path
        let events = try SQLiteEventStore(path: path)
        let users = try SQLiteUserStore(beside: events)
        let store = wrapping(events)
        return try await TestServer(
            backend: .sqlite, path: path, folder: folder, database: nil, store: store, service: EscrowService(store: store),
            users: users, clock: ManualEscrowClock(now: august(19, 9))
        ).withUsers()
    }

    /// This server with the reference deal's users, each with a token.
    func withUsers() async throws -> TestServer {
        var server = self
        let now = Self.august(19, 8)
        for agent in ["alice", "bob"] {
            try await users.addUser(id: UserID(agent), name: agent, role: .agent, at: now)
            server.tokens[agent] = try await users.issueToken(userID: UserID(agent), at: now).secret
        }
        for party in Self.partyUsers {
            try await users.addUser(id: UserID(party), name: party, role: .party, at: now)
            try await users.grant(userID: UserID(party), escrowID: Self.escrowID, partyID: PartyID(party))
            server.tokens[party] = try await users.issueToken(userID: UserID(party), at: now).secret
        }
        // A purchaser of another escrow: it must learn nothing of this one.
        try await users.addUser(id: "outsider", name: "outsider", role: .party, at: now)
        try await users.grant(userID: "outsider", escrowID: "other-escrow", partyID: "purchaser-1")
        server.tokens["outsider"] = try await users.issueToken(userID: "outsider", at: now).secret
        return server
    }

    /// Runs `body` with a fresh server on `backend`, then closes it and drops its database: on
    /// PostgreSQL, the event store's pool runs for as long as `body` does.
    static func with(_ backend: Backend, _ body: (TestServer) async throws -> Void) async throws {
        guard backend == .postgres else {
            let server = try await make()
            defer { server.dispose() }
            try await body(server)
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("escrow-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try await PostgresTestServer.makeDatabase()
        do {
            try await withStores(path: folder.appendingPathComponent("escrow.db").path, database: database, tokenMemory: .zero, uptime: { .now }) {
                events, users in
                let server = try await TestServer(
                    backend: backend, path: folder.appendingPathComponent("escrow.db").path, folder: folder, database: database, store: events,
                    service: EscrowService(store: events), users: users, clock: ManualEscrowClock(now: august(19, 9))
                ).withUsers()
                try await body(server)
            }
        } catch {
            await PostgresTestServer.dropDatabase(database)
            throw error
        }
        await PostgresTestServer.dropDatabase(database)
    }

    /// Runs `body` with another server on the same database, as a second process would have:
    /// its own event store (and connection pool), service and users (remembering tokens for
    /// `tokenMemory` by `uptime`), sharing this one's clock and tokens.
    func withSecondServer(
        tokenMemory: Duration = .zero, uptime: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
        _ body: (TestServer) async throws -> Void
    ) async throws {
        try await Self.withStores(path: path, database: database, tokenMemory: tokenMemory, uptime: uptime) { events, users in
            try await body(
                TestServer(
                    backend: backend, path: path, folder: folder, database: database, store: events, service: EscrowService(store: events),
                    users: users, clock: clock, tokens: tokens))
        }
    }

    /// Runs `body` with the event log and users in the SQLite file at `path` on one connection
    /// pool, or in the PostgreSQL `database` on one connection pool that runs while `body` does.
    static func withStores(
        path: String, database: PostgresURL?, tokenMemory: Duration, uptime: @escaping @Sendable () -> ContinuousClock.Instant,
        _ body: (any EventStore, any UserDirectory) async throws -> Void
    ) async throws {
        guard let database else {
            let events = try SQLiteEventStore(path: path)
            try await body(events, try SQLiteUserStore(beside: events, tokenMemory: tokenMemory, uptime: uptime))
            return
        }
        try await PostgresEventStore.withStore(url: database, maximumConnections: 4) { events in
            try await body(events, try await PostgresUserStore.open(beside: events, tokenMemory: tokenMemory, uptime: uptime))
        }
    }

    /// Removes the server's files (a PostgreSQL server's database is dropped by ``with(_:_:)``).
    func dispose() {
        try? FileManager.default.removeItem(at: folder)
    }

    func application(
        runsScheduler: Bool = false, requestBodyBytesMax: Int = 64 * 1024, documentBytesMax: Int = 1024 * 1024,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var logger = Logger(label: "escrow.test")
        logger.logLevel = .warning
        var configuration = ServerConfiguration(
            hostname: "127.0.0.1", port: 0, documentsDirectory: folder.appendingPathComponent("documents").path,
            requestBodyBytesMax: requestBodyBytesMax, documentBytesMax: documentBytesMax)
        configure(&configuration)
        return buildApplication(configuration: configuration, service: service, users: users, clock: clock, logger: logger, runsScheduler: runsScheduler)
    }
}

/// A JSON answer read back loosely, for assertions.
struct Answer: Sendable {
    let status: HTTPResponse.Status
    let contentType: String?
    let body: Data
    /// Every header of the answer.
    var headers: HTTPFields = [:]

    var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    var text: String { String(decoding: body, as: UTF8.self) }
}

extension TestClientProtocol {
    /// Sends a request as a user (or anonymously) and reads the answer.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, as user: String?, server: TestServer, json: Any? = nil, raw: Data? = nil,
        headers extra: [String: String] = [:]
    ) async throws -> Answer {
        var headers: HTTPFields = [:]
        if let user, let token = server.tokens[user] { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        } else if let raw {
            headers[.contentType] = "application/octet-stream"
            body = ByteBuffer(bytes: raw)
        }
        for (name, value) in extra { headers[HTTPFields.Element.Name(name)!] = value }
        return try await execute(uri: uri, method: method, headers: headers, body: body) { response in
            Answer(status: response.status, contentType: response.headers[.contentType], body: Data(buffer: response.body), headers: response.headers)
        }
    }
}

extension Data {
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}
