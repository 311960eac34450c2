import ArgumentParser
import EscrowCore
import EscrowStore
import Foundation

/// `escrow create`: opens an escrow from an agreement file (1.1).
struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open an escrow from an agreement file (1.1).")

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
            let service = try await options.service()
            let id = EscrowID(options.escrow ?? terms.id)
            let outcome: EscrowService.Outcome
            do {
                outcome = try await service.open(id, terms: terms, at: try options.instant(), idempotencyKey: options.idempotencyKey)
            } catch {
                throw CLIFailure(verb: "create", error)
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
            let service = try await options.service()
            let ids: [EscrowID]
            do { ids = try await service.store.escrowIDs() } catch { throw CLIFailure(.store, "\(error)") }
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
            let (state, records) = try await options.loadEscrow(verb: "timeline")
            let lines = try Output.lines(records, state: state)
            if options.json { print(Output.json(lines)) } else { lines.forEach { print($0.text) } }
        }
    }
}

/// `escrow ledger`: the double-entry postings and balances.
struct LedgerView: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ledger", abstract: "Ledger postings, balances and the invariant.")
    @OptionGroup var options: StoreOptions

    struct View: Encodable {
        struct Line: Encodable { var debit: String; var credit: String; var amountMinorUnits: Int64; var amount: String; var clause: String }
        var currency: String
        var depositedMinorUnits: Int64
        var heldMinorUnits: Int64
        var paidOutMinorUnits: Int64
        var refundedMinorUnits: Int64
        var depositedWithCourtMinorUnits: Int64
        var balances: [String: Int64]
        var postings: [Line]
    }

    func run() async throws {
        try await reporting {
            let (state, _) = try await options.loadEscrow(verb: "ledger")
            let ledger = state.ledger
            if options.json {
                let view = View(
                    currency: ledger.currency.code, depositedMinorUnits: ledger.deposited.amountMinorUnits,
                    heldMinorUnits: ledger.held.amountMinorUnits, paidOutMinorUnits: ledger.paidOut.amountMinorUnits,
                    refundedMinorUnits: ledger.refunded.amountMinorUnits,
                    depositedWithCourtMinorUnits: ledger.depositedWithCourt.amountMinorUnits,
                    // A sender and a party may share a text; their accounts are shown added up.
                    balances: Dictionary(ledger.balances.map { ($0.key.description, $0.value) }, uniquingKeysWith: +),
                    postings: ledger.postings.map {
                        View.Line(
                            debit: $0.debit.description, credit: $0.credit.description, amountMinorUnits: $0.amount.amountMinorUnits,
                            amount: $0.amount.decimalString, clause: $0.clause)
                    })
                print(Output.json(view))
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

    func run() async throws {
        try await reporting {
            let service = try await options.service()
            let ids: [EscrowID]
            if let escrow = options.escrow { ids = [EscrowID(escrow)] } else {
                do { ids = try await service.store.escrowIDs() } catch { throw CLIFailure(.store, "\(error)") }
            }
            var results: [LogVerification] = []
            for id in ids {
                let records: [RecordedEvent]
                do { records = try await service.store.events(of: id, after: 0) } catch { throw CLIFailure(.store, "\(error)") }
                guard !records.isEmpty else { throw CLIFailure(.notFound, "verify failed: there is no escrow '\(id)'") }
                results.append(LogVerification(escrowID: id, records: records))
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

extension StoreOptions {
    func loadEscrow(verb: String) async throws -> (EscrowState, [RecordedEvent]) {
        let service = try await service()
        let id = try await escrowID(service)
        do { return try await service.load(id) } catch { throw CLIFailure(verb: verb, error) }
    }
}
