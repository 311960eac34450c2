import ArgumentParser
import EscrowCore
import EscrowStore
import Foundation

/// `escrow create`: opens an escrow from an agreement file (1.1).
struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open an escrow from an agreement file (the escrow account clause: 1.1 in the reference deal).")

    @OptionGroup var options: StoreOptions
    @Option(name: .long, help: "Agreement file (YAML or JSON); see docs/agreement-format.md.")
    var agreement: String

    func run() async throws {
        try await reporting {
            let text = String(decoding: try Files.read(agreement, what: "agreement file"), as: UTF8.self)
            let terms: AgreementTerms
            do { terms = try AgreementFile.parse(text, sourceName: agreement) } catch {
                throw CLIFailure(.invalid, "create refused: \(error)")
            }
            let id = EscrowID(options.escrow ?? terms.id)
            let outcome = try await options.withService { service in
                do {
                    return try await service.open(id, terms: terms, at: try options.instant(), idempotencyKey: options.idempotencyKey)
                } catch {
                    throw CLIFailure(verb: "create", error)
                }
            }
            try options.printOutcome(outcome, escrowID: id, verb: "create")
        }
    }
}

/// `escrow list`: the escrows in the database.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the escrows in the database.")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await reporting {
            let ids = try await options.selection.withStore { store in
                do { return try await store.escrowIDs() } catch { throw CLIFailure(.store, "\(error)") }
            }
            if options.json { print(Output.json(ids.map(\.rawValue))) } else { ids.forEach { print($0) } }
        }
    }
}

/// `escrow timeline`: every event with its date, clause and what it did.
struct Timeline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The escrow's history: dates, amounts and clause numbers.")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await reporting {
            let (state, records) = try await options.withSession { session in try await session.history(verb: "timeline") }
            let lines = try Output.lines(records, state: state)
            if options.json { print(Output.json(lines)) } else { lines.forEach { print($0.text) } }
        }
    }
}

/// `escrow ledger`: the double-entry postings and balances.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ledger", abstract: "Ledger postings, balances and the invariant.")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await reporting {
            let state = try await options.withSession { session in try await session.state(verb: "ledger") }
            let ledger = state.ledger
            if options.json {
                if let view = EscrowCore.LedgerView(ledger, viewer: .commandLine) { print(Output.json(view)) }
                return
            }
            for posting in ledger.postings {
                print("[\(posting.clause)] debit \(posting.debit)  credit \(posting.credit)  \(posting.amount)")
            }
            print("deposited \(ledger.deposited) = held \(ledger.held) + paid out \(ledger.paidOut) + refunded \(ledger.refunded) + with court \(ledger.depositedWithCourt)")
        }
    }
}

/// `escrow verify`: recomputes every hash chain and names the first altered event.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Recompute the hash chain of every escrow (or one) and name the first altered event.")
    @OptionGroup var options: StoreOptions
    @Option(name: .long, help: "A checkpoint file (escrow checkpoint --out): prove the log still holds every event up to it, unchanged.")
    var checkpoint: String?
    @Option(name: .long, help: "The agent's checkpoint key file (see escrow checkpoint).")
    var agentKey: String?

    func run() async throws {
        try await reporting {
            if let checkpoint { return try await CheckpointCheck.run(file: checkpoint, options: options, agentKey: agentKey) }
            let results = try await options.selection.withStore { store in
                let ids: [EscrowID]
                if let escrow = options.escrow { ids = [EscrowID(escrow)] } else {
                    do { ids = try await store.escrowIDs() } catch { throw CLIFailure(.store, "\(error)") }
                }
                var results: [LogVerification] = []
                for id in ids {
                    let records: [RecordedEvent]
                    do { records = try await store.events(of: id, after: 0) } catch { throw CLIFailure(.store, "\(error)") }
                    guard !records.isEmpty else { throw CLIFailure(.notFound, "verify failed: there is no escrow '\(id)'") }
                    results.append(LogVerification(escrowID: id, records: records))
                }
                return results
            }
            if options.json {
                print(Output.json(results))
            } else {
                for result in results {
                    if let sequence = result.firstAlteredSequence {
                        print("\(result.escrow): ALTERED at event \(sequence): \(result.reason ?? "")")
                    } else {
                        print("\(result.escrow): \(result.eventsChecked) events verified, last hash \(result.lastHash ?? "")")
                    }
                }
            }
            if results.contains(where: { !$0.intact }) { throw ExitCode(CLIFailure.Class.store.rawValue) }
        }
    }
}
