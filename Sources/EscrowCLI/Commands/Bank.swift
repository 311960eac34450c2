import ArgumentParser
import EscrowBank
import EscrowCore
import EscrowStore
import Foundation

/// `escrow bank`: ISO 20022 files to and from the escrow account's bank.
struct BankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bank",
        abstract: "Payment files to the bank (pain.001), statements and status reports from it (camt.053/054/052, pain.002).",
        subcommands: [
            BankExportCommand.self, BankImportCommand.self, BankReconcileCommand.self, BankExceptionsCommand.self,
            BankResolveCommand.self, BankStatusCommand.self, BankPayeeAccountCommand.self,
        ])
}

/// `escrow bank export --out FILE`: the payments decided, in one pain.001 file.
struct BankExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every decided payment not yet sent into a new pain.001.001.09 file; with nothing new, the last file again, byte for byte.")
    @OptionGroup var options: StoreOptions
    @Option(help: "Where to write the pain.001 file.") var out: String
    @Option(help: "Write this earlier payment file again (its message id) instead of a new one.") var file: String?

    func run() async throws {
        try await reporting { try await options.withSession(perform) }
    }

    func perform(in session: CommandSession) async throws {
        var state = try await session.state(verb: "bank export")
        let exported: BankFileExported
        if let file {
            guard let found = state.bank.files.first(where: { $0.fileID == file }) else {
                throw CLIFailure(.notFound, "bank export refused: this escrow exported no payment file \(file)")
            }
            exported = found
            print("payment file \(file) written again, byte for byte")
        } else if BankExport.waiting(state).contains(where: { $0.reason == nil }) {
            try await session.execute(verb: "bank export", .exportBankPayments)
            state = try await session.state(verb: "bank export")
            guard let last = state.bank.files.last else { throw CLIFailure(.store, "bank export failed: the file was not recorded") }
            exported = last
        } else if let last = state.bank.files.last {
            exported = last
            print("no new payment to send; payment file \(last.fileID) written again, byte for byte")
        } else {
            try await session.execute(verb: "bank export", .exportBankPayments)
            return
        }
        let bytes = Pain001Writer.write(exported, timeZoneIdentifier: state.terms.calendar.timeZoneIdentifier)
        do { try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
            throw CLIFailure(.general, "bank export failed: cannot write \(out): \(error.localizedDescription)")
        }
        if !options.json {
            print("\(out): \(exported.fileID), \(exported.transfers.count) credit transfer(s), control sum \(exported.controlSum)")
            for (order, reason) in BankExport.waiting(state) {
                if let reason { print("  not sent: \(order.endToEndID) \(order.payment.amount) to \(order.payment.payee): \(reason)") }
            }
        }
    }
}

/// `escrow bank import FILE`: a statement, notification, report or status report.
struct BankImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a camt.053 statement, camt.054 notification, camt.052 report or pain.002 status report; all of it or nothing.")
    @OptionGroup var options: StoreOptions
    @Argument(help: "The ISO 20022 XML file.") var path: String

    func run() async throws {
        try await reporting {
            let file = try Self.read(path)
            try await options.withSession { session in
                switch file {
                case .statement(let statement): try await session.execute(verb: "bank import", .importBankStatement(statement))
                case .statusReport(let report): try await session.execute(verb: "bank import", .recordBankPaymentStatus(report))
                }
            }
        }
    }

    /// Reads and checks the file, refusing it whole with the line and element at fault.
    static func read(_ path: String) throws -> BankFile {
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else { throw CLIFailure(.notFound, "bank import refused: cannot read \(path)") }
        guard size <= Limits.bankFileBytesMax else {
            throw CLIFailure(.invalid, "bank import refused: \(path) is \(size) bytes, more than \(Limits.bankFileBytesMax) (limit bankFileBytesMax)")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw CLIFailure(.notFound, "bank import refused: cannot read \(path)") }
        do { return try BankFile.read(Array(data)) } catch {
            throw CLIFailure(.invalid, "bank import refused: \(path): \(error); nothing imported")
        }
    }
}

/// `escrow bank reconcile`: the ledger against the bank's closing booked balance.
struct BankReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compare the ledger's held balance with the last closing booked balance, naming every difference by entry.")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await reporting {
            try await options.withSession { session in
                try await session.execute(verb: "bank reconcile", .reconcileBank)
                guard !options.json, let last = try await session.state(verb: "bank reconcile").bank.lastReconciliation else { return }
                for item in last.items {
                    print("  \(item.reference): \(item.bankHoldsMore ? "bank holds" : "ledger holds") \(item.amount) more: \(item.explanation)")
                }
            }
        }
    }
}

/// `escrow bank exceptions`: credits the desk must attribute or look at.
struct BankExceptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exceptions", abstract: "The exceptions list: open ones first, then resolved ones.")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await reporting {
            let state = try await options.withSession { session in try await session.state(verb: "bank exceptions") }
            if options.json {
                print(Output.json(state.bank.exceptions.map { BankExceptionLine($0, state.bank.resolutions[$0.exceptionID]) }))
                return
            }
            if state.bank.exceptions.isEmpty { print("no exceptions") }
            for exception in state.bank.exceptions { print(BankExceptionLine(exception, state.bank.resolutions[exception.exceptionID]).text) }
        }
    }
}

/// One exception as the command line prints it.
struct BankExceptionLine: Encodable {
    var id: String
    var kind: String
    var entryReference: String
    var amount: String
    var sender: String?
    var remittance: String?
    var candidates: [String]
    var resolution: String?
    var resolvedBy: String?

    init(_ exception: BankExceptionRecorded, _ resolution: BankExceptionResolved?) {
        id = exception.exceptionID
        kind = exception.kind.rawValue
        entryReference = exception.entry.reference
        amount = exception.entry.amount.description
        sender = exception.entry.counterpartyName
        remittance = exception.entry.remittance
        candidates = exception.candidates.map(\.rawValue)
        self.resolution = resolution?.resolution.description
        resolvedBy = resolution?.resolvedBy
    }

    var text: String {
        let state = resolution.map { "resolved by \(resolvedBy ?? "?"): \($0)" } ?? "OPEN"
        let fits = candidates.isEmpty ? "" : " (could be \(candidates.joined(separator: ", ")))"
        return "\(id) [\(kind)] \(entryReference) \(amount) from \(sender ?? "unnamed sender"), \"\(remittance ?? "")\"\(fits): \(state)"
    }
}

/// `escrow bank resolve X1 --by alice --attribute-to purchaser-2`: the desk's decision.
struct BankResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Resolve an exception; the decision and the agent user who made it go into the log.")
    @OptionGroup var options: StoreOptions
    @Argument(help: "The exception's id, e.g. X1.") var id: String
    @Option(help: "The agent user deciding.") var by: String
    @Option(help: "Attribute the money to this purchaser.") var attributeTo: String?
    @Flag(help: "Hold the money as a wire from someone who is not a purchaser; it goes back to its sender.") var holdForSender = false
    @Flag(help: "Accept an over- or under-payment as recorded.") var accept = false
    @Flag(help: "The money is not the escrow's (booked in error, or sent back by the bank): not recorded as a deposit.") var notOurs = false
    @Option(help: "A note kept with the decision.") var note: String?

    func validate() throws {
        let chosen = [attributeTo != nil, holdForSender, accept, notOurs].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("choose exactly one of --attribute-to, --hold-for-sender, --accept, --not-ours") }
    }

    func run() async throws {
        let resolution: BankExceptionResolution =
            if let attributeTo { .attribute(PartyID(attributeTo)) } else if holdForSender { .holdForSender } else if notOurs { .notOurs } else { .accept }
        try await reporting {
            try await options.execute(verb: "bank resolve", .resolveBankException(id: id, resolution: resolution, by: by, note: note))
        }
    }
}

/// `escrow bank status`: payments with the bank, exceptions, alarms, last reconciliation.
struct BankStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Each payment with the bank, open exceptions, alarms and the last reconciliation.")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await reporting {
            let state = try await options.withSession { session in try await session.state(verb: "bank status") }
            let view = BankStatusView(state)
            if options.json { print(Output.json(view)) } else { print(view.lines.joined(separator: "\n")) }
        }
    }
}
