import ArgumentParser
import EscrowCore
import EscrowStore
import Foundation

/// `escrow export`: every escrow's full log, hashes included, to one JSON file.
struct ExportStore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every escrow's full log to a JSON file (to move a store between SQLite and PostgreSQL).")
    @OptionGroup var options: StoreOptions
    @Option(help: "Output file.") var out: String

    func run() async throws {
        try await reporting {
            let export = try await options.selection.withStore { store in
                do { return try await StoreTransfer.export(from: store) } catch { throw CLIFailure(.store, "export failed: \(error)") }
            }
            let data: Data
            do { data = try export.encoded() } catch { throw CLIFailure(.general, "export failed: \(error)") }
            guard FileManager.default.createFile(atPath: out, contents: data) else { throw CLIFailure(.general, "cannot write \(out)") }
            let events = export.escrows.reduce(0) { $0 + $1.events.count }
            print("exported \(export.escrows.count) escrows, \(events) events, from \(options.selection) to \(out)")
        }
    }
}

/// `escrow import`: loads an export file into the chosen store, verifying every chain.
struct ImportStore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a file written by `escrow export` into the store, verifying every chain before and after.")
    @OptionGroup var options: StoreOptions
    @Option(help: "File written by `escrow export`.") var file: String

    func run() async throws {
        try await reporting {
            let data = try Files.read(file, what: "export file", limit: nil)
            let export: StoreExport
            do { export = try StoreExport.decode(data) } catch {
                throw CLIFailure(.invalid, "import refused: \(file) is not a file written by `escrow export`")
            }
            let report = try await options.selection.withStore { store in
                do throws(StoreTransferError) { return try await StoreTransfer.import(export, into: store) } catch {
                    switch error {
                    case .alreadyPresent, .brokenChain, .unsupportedFormat: throw CLIFailure(.invalid, "import refused: \(error)")
                    case .store, .hashesDiffer: throw CLIFailure(.store, "import failed: \(error)")
                    }
                }
            }
            for entry in report.entries {
                print("\(entry.id): \(entry.events) events imported and verified, last hash \(entry.lastHash)")
            }
            print("imported \(report.entries.count) escrows into \(options.selection)")
        }
    }
}
