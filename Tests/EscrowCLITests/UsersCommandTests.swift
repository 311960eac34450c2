import EscrowStorePostgres
import EscrowCore
import Foundation
import PostgresNIO
import Testing

/// `escrow users` keeps users where the servers look for them: in the SQLite file of `--db`,
/// or in the PostgreSQL database of `--database`, which every server on it shares.
@Suite("users")
struct UsersCommandTests {
    struct Listing: Decodable {
        struct User: Decodable, Equatable {
            var id: String
            var role: String
            var parties: [String: String]
        }
        struct Token: Decodable {
            var id: String
            var userID: String
        }
        var users: [User]
        var tokens: [Token]
    }

    /// Adds an agent user and a party user, issues one token, and lists them, with `location`
    /// (`--db FILE` or `--database URL`) on every command.
    static func addAndList(in workspace: Workspace, _ location: [String]) async throws -> Listing {
        let agent = try await workspace.escrow(["users", "add", "--id", "alice", "--role", "agent"] + location)
        #expect(agent.status == 0, "\(agent)")
        #expect(agent.lines == ["user alice added (agent)"])
        let party = try await workspace.escrow(["users", "add", "--id", "p1", "--role", "party", "--party", "roo-group-2005=purchaser-1"] + location)
        #expect(party.status == 0, "\(party)")
        let token = try await workspace.escrow(["users", "token", "--id", "p1"] + location)
        #expect(token.status == 0, "\(token)")
        #expect(token.lines.count == 1 && token.stdout.hasPrefix("esk_"))
        let again = try await workspace.escrow(["users", "add", "--id", "alice", "--role", "agent"] + location)
        #expect(again.status == 2)
        #expect(again.errorLines == ["users add refused: User alice already exists."])
        let list = try await workspace.escrow(["users", "list", "--json"] + location)
        #expect(list.status == 0, "\(list)")
        return try list.json(Listing.self)
    }

    @Test("users added with --db are kept in that SQLite file")
    func sqlite() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let listing = try await Self.addAndList(in: workspace, ["--db", workspace.db])
        #expect(listing.users == [.init(id: "alice", role: "agent", parties: [:]), .init(id: "p1", role: "party", parties: ["roo-group-2005": "purchaser-1"])])
        #expect(listing.tokens.map(\.userID) == ["p1"])
        #expect(FileManager.default.fileExists(atPath: workspace.db))
    }

    @Test(
        "users added with --database are kept in PostgreSQL, not in the SQLite file",
        .enabled(if: ProcessInfo.processInfo.environment["ESCROW_TEST_POSTGRES_URL"] != nil, "PostgreSQL tests skipped: ESCROW_TEST_POSTGRES_URL not set"))
    func postgres() async throws {
        let server = try PostgresURL(try #require(ProcessInfo.processInfo.environment["ESCROW_TEST_POSTGRES_URL"]))
        let name = "escrow_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await Self.admin(server, "CREATE DATABASE \(name)")
        let workspace = try Workspace()
        defer { workspace.remove() }
        do {
            let listing = try await Self.addAndList(in: workspace, ["--database", server.with(database: name).connectionString])
            #expect(listing.users.map(\.id) == ["alice", "p1"])
            #expect(listing.tokens.map(\.userID) == ["p1"])
            #expect(!FileManager.default.fileExists(atPath: workspace.db))
        } catch {
            try await Self.admin(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
        try await Self.admin(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    @Test(
        "a --database that is not a PostgreSQL URL is refused in one line with exit status 2, by users and serve alike",
        arguments: [["users", "add", "--id", "alice", "--role", "agent"], ["users", "list"], ["serve", "--port", "0"]])
    func badURL(_ command: [String]) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.escrow(command + ["--database", "mysql://db.internal/escrow"])
        #expect(result.status == 2, "\(result)")
        #expect(
            result.errorLines == [
                "invalid PostgreSQL URL (--database or ESCROW_DATABASE_URL): 'mysql://db.internal/escrow' is not a PostgreSQL URL such as postgres://user@host:5432/database."
            ])
        #expect(!FileManager.default.fileExists(atPath: workspace.db))
    }

    static func admin(_ url: PostgresURL, _ statement: String) async throws {
        let client = PostgresClient(configuration: url.clientConfiguration())
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: statement))
        }
    }
}
