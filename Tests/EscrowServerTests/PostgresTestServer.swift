import EscrowStorePostgres
import Foundation
import PostgresNIO
import Testing

/// Where a test server keeps its event log and users: one SQLite file, or a PostgreSQL
/// database made for the test and dropped after it.
enum Backend: String, Sendable, CustomTestStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"

    var testDescription: String { rawValue }

    /// SQLite, and PostgreSQL when `ESCROW_TEST_POSTGRES_URL` is set (`scripts/test` sets it).
    static let available: [Backend] = PostgresTestServer.url == nil ? [.sqlite] : [.sqlite, .postgres]
}

/// The PostgreSQL server the tests use, named by `ESCROW_TEST_POSTGRES_URL`.
enum PostgresTestServer {
    static let environmentVariable = "ESCROW_TEST_POSTGRES_URL"

    /// The server's URL, `nil` when the variable is not set (the PostgreSQL cases do not run).
    static let url: PostgresURL? = {
        guard let text = ProcessInfo.processInfo.environment[environmentVariable], !text.isEmpty else { return nil }
        do { return try PostgresURL(text) } catch { fatalError("\(environmentVariable): \(error)") }
    }()

    /// Creates a uniquely named database, so tests never see each other's users or escrows.
    static func makeDatabase() async throws -> PostgresURL {
        let url = try #require(url, "PostgreSQL tests need ESCROW_TEST_POSTGRES_URL")
        let name = "escrow_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin(url) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        return url.with(database: name)
    }

    /// Drops a database made by ``makeDatabase()``, closing whatever is still connected to it.
    static func dropDatabase(_ database: PostgresURL) async {
        guard let url, database.database.hasPrefix("escrow_test_") else { return }
        try? await admin(url) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(database.database) WITH (FORCE)"))
        }
    }

    /// Runs `body` with a client on `url`'s database; the client runs in a child task for as
    /// long as `body` does.
    static func admin(_ url: PostgresURL, _ body: (PostgresClient) async throws -> Void) async throws {
        let client = PostgresClient(configuration: url.clientConfiguration())
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(client)
        }
    }
}
