import EscrowCore
import Foundation
import Testing

/// `escrow backup --out FILE` on the command line.
@Suite("backup command")
struct BackupCommandTests {
    @Test("escrow backup copies the reference escrow, verified, and the copy answers verify and status like the original")
    func backupOfTheReferenceDeal() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .readyToRelease)
        defer { deal.remove() }
        let original = try await deal.inspect("verify").succeeded()
        let backup = try await deal.escrow(["backup", "--db", deal.db, "--out", deal.path("copy.db")]).succeeded()
        let events = try #require(original.lines.first?.split(separator: " ").dropFirst().first)
        #expect(backup.lines.first?.hasPrefix("roo-group-2005: \(events) events copied and verified, last hash ") == true, "\(backup)")
        #expect(backup.lines.last == "backed up 1 escrows from \(deal.db) to \(deal.path("copy.db"))")
        let copied = try await deal.escrow(["verify", "--db", deal.path("copy.db")]).succeeded()
        #expect(copied.stdout == original.stdout)
    }

    @Test("an existing --out is refused (exit 2) and left alone; a missing database is not found (exit 4); PostgreSQL is pointed to WAL archiving (exit 2)")
    func refusals() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let missing = try await workspace.escrow(["backup", "--db", workspace.db, "--out", workspace.path("copy.db")])
        #expect(missing.status == 4)
        #expect(missing.stderr == "backup refused: there is no database at \(workspace.db)\n")
        #expect(!FileManager.default.fileExists(atPath: workspace.db))

        let deal = try await PreparedDeals.shared.workspace(at: .readyToRelease)
        defer { deal.remove() }
        try deal.write("not a database", to: "taken.db")
        let taken = try await deal.escrow(["backup", "--db", deal.db, "--out", deal.path("taken.db")])
        #expect(taken.status == 2)
        #expect(taken.stderr == "backup refused: \(deal.path("taken.db")) exists already; a backup never overwrites a file\n")
        #expect(try deal.read("taken.db") == "not a database")

        let postgres = try await deal.escrow(["backup", "--database", "postgres://escrow@db.example/escrow", "--out", deal.path("pg.db")])
        #expect(postgres.status == 2)
        #expect(postgres.stderr.contains("take a base backup with WAL archiving instead (docs/operations.md)"), "\(postgres)")
    }
}
