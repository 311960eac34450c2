import EscrowStore
public import EscrowStorePostgres
import Foundation
public import PostgresNIO

/// The PostgreSQL server the tests use, named by `ESCROW_TEST_POSTGRES_URL` (`scripts/test`
/// starts a throwaway one and sets it). Each test gets a database of its own, created for it
/// and dropped after it, so tests never see each other's escrows or users.
public enum PostgresTestServer {
    /// The environment variable that names the server.
    public static let environmentVariable = "ESCROW_TEST_POSTGRES_URL"

    /// Why a PostgreSQL test cannot run.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The server's URL; `nil` when the variable is not set or does not parse (the PostgreSQL
    /// cases then do not run, and ``configurationProblem`` says why).
    public static let url: PostgresURL? = {
        guard let text = ProcessInfo.processInfo.environment[environmentVariable], !text.isEmpty else { return nil }
        return try? PostgresURL(text)
    }()

    /// A set variable that does not parse, in words; `nil` when there is nothing wrong.
    public static let configurationProblem: String? = {
        guard let text = ProcessInfo.processInfo.environment[environmentVariable], !text.isEmpty else { return nil }
        do { _ = try PostgresURL(text) } catch { return "\(environmentVariable): \(error)" }
        return nil
    }()

    /// Why the PostgreSQL tests did not run, as the test report says it.
    public static let skipMessage = "PostgreSQL tests skipped: ESCROW_TEST_POSTGRES_URL not set"

    /// Creates a uniquely named database on the server.
    public static func makeDatabase() async throws -> PostgresURL {
        guard let url else { throw Unavailable(description: configurationProblem ?? skipMessage) }
        let name = "escrow_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin(url) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        return url.with(database: name)
    }

    /// Creates a database of its own, runs `body` with a store on it (its pool running for as
    /// long as `body` does), and drops it.
    public static func withStore<Result>(
        maximumConnections: Int = 20, _ body: (PostgresEventStore) async throws -> Result
    ) async throws -> Result {
        let database = try await makeDatabase()
        do {
            let result = try await PostgresEventStore.withStore(url: database, maximumConnections: maximumConnections, body)
            await dropDatabase(database)
            return result
        } catch {
            await dropDatabase(database)
            throw error
        }
    }

    /// Drops a database made by ``makeDatabase()``, closing whatever is still connected to it.
    public static func dropDatabase(_ database: PostgresURL) async {
        guard let url, database.database.hasPrefix("escrow_test_") else { return }
        try? await admin(url) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(database.database) WITH (FORCE)"))
        }
    }

    /// Runs `body` with a client on `url`'s database; the client runs for `body`'s duration only.
    public static func admin(_ url: PostgresURL, _ body: (PostgresClient) async throws -> Void) async throws {
        let client = PostgresClient(configuration: url.clientConfiguration())
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(client)
        }
    }
}
