public import EscrowStore
import EscrowStorePostgres
import EscrowStoreSQLite
public import Foundation

/// Makes one kind of store in a fresh scratch directory (or, for PostgreSQL, a fresh
/// database), so the same tests run against every implementation.
public struct StoreFactory: Sendable, CustomStringConvertible {
    /// The store's name in the test report.
    public let name: String
    /// Opens a fresh store in the directory, runs the body with it, and releases what it took
    /// (connections, a scratch database) when the body returns or throws.
    public let with: @Sendable (URL, (any EventStore) async throws -> Void) async throws -> Void

    public var description: String { name }

    /// The in-memory store: for pure unit tests.
    public static let inMemory = StoreFactory(name: "in memory") { _, body in try await body(InMemoryEventStore()) }
    /// SQLite in a file of the scratch directory.
    public static let sqlite = StoreFactory(name: "SQLite") { directory, body in
        try await body(try SQLiteEventStore(path: directory.appendingPathComponent("events.sqlite").path))
    }
    /// A PostgreSQL store on a database of its own, created for the test and dropped after it.
    public static let postgres = StoreFactory(name: "PostgreSQL") { _, body in
        try await PostgresTestServer.withStore { store in try await body(store) }
    }

    /// Every store: in memory, SQLite, and PostgreSQL when `ESCROW_TEST_POSTGRES_URL` is set.
    public static let all: [StoreFactory] = [.inMemory] + durable
    /// The stores that keep events on disk: SQLite, and PostgreSQL when it is configured.
    public static let durable: [StoreFactory] = PostgresTestServer.url == nil ? [.sqlite] : [.sqlite, .postgres]
}

/// Where a test server keeps its event log and users: one SQLite file, or a PostgreSQL
/// database made for the test and dropped after it.
public enum Backend: String, Sendable, CustomStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"

    public var description: String { rawValue }

    /// SQLite, and PostgreSQL when `ESCROW_TEST_POSTGRES_URL` is set (`scripts/test` sets it).
    public static let available: [Backend] = PostgresTestServer.url == nil ? [.sqlite] : [.sqlite, .postgres]
}

/// A directory under the system's temporary folder, removed when the test is done with it.
public struct ScratchDirectory: Sendable {
    /// The directory.
    public let url: URL

    /// Creates a new, empty directory.
    public init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("escrow-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of a file in the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Removes the directory and everything in it.
    public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A body that returned no result: it threw, which the caller has already seen.
struct NoResult: Error {}

/// Runs `body` with a fresh, empty store made by `factory`.
///
/// Closures passed here spell out `store throws in`: when the only `try`s are inside
/// `#expect`, the compiler infers a non-throwing closure and rejects them.
public func withStore<Result>(
    _ factory: StoreFactory,
    _ body: (any EventStore) async throws -> Result
) async throws -> Result {
    let directory = try ScratchDirectory()
    defer { directory.remove() }
    var result: Result?
    try await withoutActuallyEscaping(body) { body in
        try await factory.with(directory.url) { store in result = try await body(store) }
    }
    guard let result else { throw NoResult() }
    return result
}

/// Runs `body` with a fresh store and a second handle on the same log, as a second server
/// would have: another connection pool on the same PostgreSQL database, another
/// `SQLiteEventStore` on the same file, or the same in-memory store.
public func withTwoServers<Result>(
    _ factory: StoreFactory,
    _ body: (any EventStore, any EventStore) async throws -> Result
) async throws -> Result {
    let directory = try ScratchDirectory()
    defer { directory.remove() }
    var result: Result?
    try await withoutActuallyEscaping(body) { body in
        try await factory.with(directory.url) { store in
            if store is SQLiteEventStore {
                result = try await body(store, try SQLiteEventStore(path: directory.url.appendingPathComponent("events.sqlite").path))
            } else if let postgres = store as? PostgresEventStore {
                result = try await PostgresEventStore.withStore(url: postgres.url) { second in try await body(store, second) }
            } else {
                result = try await body(store, store)
            }
        }
    }
    guard let result else { throw NoResult() }
    return result
}
