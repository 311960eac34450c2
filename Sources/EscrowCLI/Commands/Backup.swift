import ArgumentParser
import EscrowStore
import EscrowStoreSQLite
import Foundation

/// `escrow backup --out FILE`: an online copy of the SQLite database, verified before it is kept.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the SQLite database to a new file while writers go on (SQLite's online backup), and verify every chain in the copy.",
        discussion: """
            The copy holds every append committed before it began and nothing after: a prefix of each
            escrow's log. It is written under a temporary name, verified, then renamed to --out; an
            existing --out is never overwritten. For PostgreSQL, use a base backup with WAL archiving
            (docs/operations.md).
            """)
    @OptionGroup var options: StoreOptions
    @Option(help: "The file to write; must not exist.") var out: String

    func run() async throws {
        try await reporting {
            guard case .sqlite(let path) = options.selection else {
                throw CLIFailure(
                    .invalid,
                    "backup refused: \(options.selection) is PostgreSQL; take a base backup with WAL archiving instead (docs/operations.md)")
            }
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIFailure(.notFound, "backup refused: there is no database at \(path)")
            }
            let store: SQLiteEventStore
            do { store = try SQLiteEventStore(path: path) } catch { throw CLIFailure(.store, "cannot open database \(path): \(error)") }
            defer { try? store.close() }
            let report: SQLiteBackupReport
            do throws(SQLiteBackupError) { report = try store.backup(to: out) } catch {
                switch error {
                case .destinationExists: throw CLIFailure(.invalid, "backup refused: \(error)")
                case .failed, .brokenChain: throw CLIFailure(.store, "backup failed: \(error)")
                }
            }
            if options.json {
                print(Output.json(report.escrows))
            } else {
                for escrow in report.escrows {
                    print("\(escrow.escrow): \(escrow.eventsChecked) events copied and verified, last hash \(escrow.lastHash ?? "")")
                }
                print("backed up \(report.escrows.count) escrows from \(path) to \(report.path)")
            }
        }
    }
}
