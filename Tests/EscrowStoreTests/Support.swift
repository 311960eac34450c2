import EscrowCore
import EscrowStore
import EscrowStorePostgres
import EscrowStoreSQLite
import Foundation
import PostgresNIO
import Testing

/// Makes one kind of store in a fresh scratch directory (or, for PostgreSQL, a fresh
/// database), so the same tests run against every implementation.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    /// Opens a fresh store in the directory, runs the body with it, and releases what it took
    /// (connections, a scratch database) when the body returns or throws.
    let with: @Sendable (URL, (any EventStore) async throws -> Void) async throws -> Void

    var testDescription: String { name }

    static let inMemory = StoreFactory(name: "in memory") { _, body in try await body(InMemoryEventStore()) }
    static let sqlite = StoreFactory(name: "SQLite") { directory, body in
        try await body(try SQLiteEventStore(path: directory.appendingPathComponent("events.sqlite").path))
    }
    /// A PostgreSQL store on a database of its own, created for the test and dropped after it.
    static let postgres = StoreFactory(name: "PostgreSQL") { _, body in
        try await PostgresTestServer.withStore { store in try await body(store) }
    }

    /// Every store: in memory, SQLite, and PostgreSQL when `ESCROW_TEST_POSTGRES_URL` is set.
    static let all: [StoreFactory] = [.inMemory] + durable
    /// The stores that keep events on disk: SQLite, and PostgreSQL when it is configured.
    static let durable: [StoreFactory] = PostgresTestServer.url == nil ? [.sqlite] : [.sqlite, .postgres]
}

/// The PostgreSQL server the tests use, named by `ESCROW_TEST_POSTGRES_URL`
/// (`scripts/test` starts a throwaway one and sets it).
enum PostgresTestServer {
    static let environmentVariable = "ESCROW_TEST_POSTGRES_URL"

    /// The server's URL, `nil` when the variable is not set (the PostgreSQL tests are skipped).
    static let url: PostgresURL? = {
        guard let text = ProcessInfo.processInfo.environment[environmentVariable], !text.isEmpty else { return nil }
        do { return try PostgresURL(text) } catch { fatalError("\(environmentVariable): \(error)") }
    }()

    /// Why the PostgreSQL tests did not run, as the test report says it.
    static let skipMessage = "PostgreSQL tests skipped: ESCROW_TEST_POSTGRES_URL not set"

    /// Creates a uniquely named database, so tests never see each other's escrows, runs
    /// `body` with a store on it (its pool running for as long as `body` does), and drops it.
    static func withStore<Result>(
        maximumConnections: Int = 20, _ body: (PostgresEventStore) async throws -> Result
    ) async throws -> Result {
        let url = try #require(url, Comment(rawValue: skipMessage))
        let name = "escrow_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin(url) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        do {
            let result = try await PostgresEventStore.withStore(url: url.with(database: name), maximumConnections: maximumConnections, body)
            await drop(name, on: url)
            return result
        } catch {
            await drop(name, on: url)
            throw error
        }
    }

    /// Drops a scratch database, closing whatever is still connected to it.
    static func drop(_ name: String, on url: PostgresURL) async {
        guard name.hasPrefix("escrow_test_") else { return }
        try? await admin(url) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        }
    }

    /// Runs `body` with a client on the server's own database (for CREATE and DROP DATABASE);
    /// the client runs in a child task for as long as `body` does.
    static func admin(_ url: PostgresURL, _ body: (PostgresClient) async throws -> Void) async throws {
        let client = PostgresClient(configuration: url.clientConfiguration())
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(client)
        }
    }
}

/// A directory under the system's temporary folder, removed when the test is done with it.
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("escrow-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a fresh, empty store made by `factory`.
///
/// Closures passed here spell out `store throws in`: when the only `try`s are inside
/// `#expect`, the compiler infers a non-throwing closure and rejects them.
func withStore<Result>(
    _ factory: StoreFactory,
    _ body: (any EventStore) async throws -> Result
) async throws -> Result {
    let directory = try ScratchDirectory()
    defer { directory.remove() }
    var result: Result?
    try await factory.with(directory.url) { store in result = try await body(store) }
    return try #require(result)
}

/// The escrow the tests write to, named after the reference agreement's date.
let referenceEscrow: EscrowID = "escrow-2005-08-19"

/// 2005-08-19T14:00:00Z, when the reference agreement was signed, in milliseconds since 1970.
let signingMilliseconds: Int64 = 1_124_460_000_000

/// A deposit event as the domain would hand it over: JSON with sorted keys, recorded `number`
/// seconds after the signing.
func depositEvent(_ number: Int, writer: Int = 0) -> NewEvent {
    let json = """
        {"amountMinorUnits":\(5_000_000 + number),"currency":"USD","depositID":"dep-\(writer)-\(number)",\
        "writer":\(writer)}
        """
    return NewEvent(
        type: "deposit.received",
        payload: Data(json.utf8),
        recordedAt: Date(timeIntervalSince1970: TimeInterval(signingMilliseconds / 1000 + Int64(number)))
    )
}

/// `count` deposit events numbered from `first`.
func depositEvents(_ count: Int, from first: Int = 1) -> [NewEvent] {
    (first..<(first + count)).map { depositEvent($0) }
}

/// Runs `body` with a fresh store and a second handle on the same log, as a second server
/// would have: another connection pool on the same PostgreSQL database, another
/// `SQLiteEventStore` on the same file, or the same in-memory store.
func withTwoServers<Result>(
    _ factory: StoreFactory,
    _ body: (any EventStore, any EventStore) async throws -> Result
) async throws -> Result {
    let directory = try ScratchDirectory()
    defer { directory.remove() }
    var result: Result?
    try await factory.with(directory.url) { store in
        if store is SQLiteEventStore {
            result = try await body(store, try SQLiteEventStore(path: directory.url.appendingPathComponent("events.sqlite").path))
        } else if let postgres = store as? PostgresEventStore {
            result = try await PostgresEventStore.withStore(url: postgres.url) { second in try await body(store, second) }
        } else {
            result = try await body(store, store)
        }
    }
    return try #require(result)
}

/// Executes a command, deciding again as long as another writer keeps appending first, as a
/// client that gets a conflict is told to: the command is either applied, answered as a
/// replay, or refused by the agreement (thrown).
func executeRetryingConflicts(
    _ service: EscrowService, _ command: EscrowCommand, on escrowID: EscrowID, at now: Date, idempotencyKey: String?
) async throws(ServiceError) -> EscrowService.Outcome {
    var attempts = 0
    while true {
        do {
            return try await service.execute(command, on: escrowID, at: now, idempotencyKey: idempotencyKey)
        } catch .store(.sequenceConflict) where attempts < 1_000 {
            attempts += 1
            try? await Task.sleep(for: .milliseconds(Int.random(in: 0...3)))
        }
    }
}

/// `writers` concurrent writers, each appending `eventsPerWriter` deposits one at a time to the
/// reference escrow, deciding again after every conflict, as clients of a busy log do.
func appendRetryingOnConflict(_ store: any EventStore, writers: Int, eventsPerWriter: Int) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<writers {
            group.addTask {
                for number in 1...eventsPerWriter {
                    var expected = try await store.lastSequence(of: referenceEscrow)
                    while true {
                        do throws(StoreError) {
                            _ = try await store.append(
                                [depositEvent(number, writer: writer)], to: referenceEscrow, expectedLastSequence: expected, idempotency: nil)
                            break
                        } catch .sequenceConflict(_, _, let actual) {
                            expected = actual
                        }
                    }
                }
            }
        }
        try await group.waitForAll()
    }
}
