import ArgumentParser
import EscrowCore
import EscrowStore
import EscrowStoreSQLite
import Foundation

/// `escrow demo`: the 2005 reference deal, end to end, on a fresh database.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the 2005 reference escrow on a fresh database and print its timeline.",
        discussion: "--scenario closing (default): funds, documents, advice, Release Notice, disbursement. --scenario refund: the NIR waiver never arrives and 1.7 returns the funds.")

    enum Scenario: String, ExpressibleByArgument, CaseIterable { case closing, refund }

    @Option(help: "closing or refund.") var scenario: Scenario = .closing
    @Option(help: "Database file to create (must not exist); a temporary one when left out.") var db: String?
    @Flag(help: "Print the timeline as JSON.") var json = false

    func run() async throws {
        try await reporting {
            let path: String
            if let db {
                guard !FileManager.default.fileExists(atPath: db) else {
                    throw CLIFailure(.invalid, "demo refused: \(db) exists; the demo runs on a fresh database")
                }
                path = db
            } else {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("escrow-demo-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                path = folder.appendingPathComponent("demo.db").path
            }
            let store: SQLiteEventStore
            do { store = try SQLiteEventStore(path: path) } catch { throw CLIFailure(.store, "cannot open \(path): \(error)") }
            let run = ReferenceDemo(service: EscrowService(store: store))
            let notes = try await run.play(scenario)
            let (state, records) = try await run.service.load(run.escrowID)
            let lines = try Output.lines(records, state: state)
            if json {
                print(Output.json(lines))
                return
            }
            print("Reference escrow \(state.escrowID), \(scenario.rawValue) scenario (database \(path))")
            for line in lines { print(line.text) }
            for note in notes { print(note) }
            let ledger = state.ledger
            print("ledger: deposited \(ledger.deposited) = held \(ledger.held) + paid out \(ledger.paidOut) + refunded \(ledger.refunded) + with court \(ledger.depositedWithCourt)")
        }
    }
}

/// Plays the reference deal through the same service every front end uses.
struct ReferenceDemo {
    let service: EscrowService
    let escrowID: EscrowID = "roo-group-2005"

    /// 2005-08-DD at HH:00 New York time (EDT, UTC-4).
    static func august(_ day: Int, _ hour: Int) -> Date {
        let date = CivilDate(year: 2005, month: 8, day: day)!
        return Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 + (hour + 4) * 3_600))
    }

    func run(_ command: EscrowCommand, at date: Date) async throws {
        do { _ = try await service.execute(command, on: escrowID, at: date) } catch {
            throw CLIFailure(verb: command.name, error)
        }
    }

    func document(_ condition: String, from: String, text: String, at date: Date) async throws {
        let data = Data(text.utf8)
        try await run(
            .receiveDocument(condition: ConditionID(condition), from: PartyID(from), title: nil, sha256: SHA256Hex.of(data), byteCount: data.count),
            at: date)
    }

    /// Plays a scenario; returns lines worth printing after the timeline (refusals shown).
    func play(_ scenario: Demo.Scenario) async throws -> [String] {
        let terms: AgreementTerms
        do { terms = try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "reference agreement") } catch {
            throw CLIFailure(.general, "the reference agreement does not parse: \(error)")
        }
        do { _ = try await service.open(escrowID, terms: terms, at: Self.august(19, 9)) } catch { throw CLIFailure(verb: "create", error) }
        let signers = [terms.company!.id] + terms.purchasers.map(\.id)
        var keys: [PartyID: String] = [:]
        for signer in signers {
            let pair = SignatureKeys.generate()
            keys[signer] = pair.privateKeyBase64
            try await run(.registerKey(party: signer, publicKeyBase64: pair.publicKeyBase64), at: Self.august(19, 10))
        }
        for (index, subscription) in terms.subscriptions.enumerated() {
            try await run(
                .recordDeposit(
                    bankReference: "FW2005082200\(index + 1)", purchaser: subscription.purchaser, senderName: nil, amount: subscription.amount),
                at: Self.august(22, 11 + index))
        }
        for signer in signers {
            try await document("counterpart-signature-pages", from: signer.rawValue, text: "Transaction Documents signature page of \(signer)", at: Self.august(23, 10))
        }
        try await document("closing-documents", from: "company", text: "Closing documents under Article IV", at: Self.august(23, 14))
        if scenario == .refund {
            let account = BankAccount(accountName: "Purchaser 2", bank: "JPMorgan Chase Bank, N.A.", routingNumber: "021000021", accountNumber: "123456789")
            let lines = [InstructionLine(account: account, amount: nil)]
            let message = try await signingMessage(.paymentInstructions(EventCoding.digest(of: lines)), signer: "purchaser-2")
            try await run(
                .giveInstructions(
                    party: "purchaser-2", lines: lines, evidence: .ed25519(signatureBase64: SignatureKeys.sign(message, privateKeyBase64: keys["purchaser-2"]!)!)),
                at: Self.august(29, 10))
            // 1.7: the deadline closes at the end of 2005-09-02 in New York; the clock passes it.
            let afterDeadline = Date(timeIntervalSince1970: TimeInterval(CivilDate(year: 2005, month: 9, day: 3)!.dayNumber * 86_400 + 4 * 3_600))
            try await run(.tick, at: afterDeadline)
            do {
                _ = try await service.execute(.release, on: escrowID, at: afterDeadline.addingTimeInterval(3_600))
                return ["unexpected: release was accepted after the 1.7 deadline"]
            } catch {
                return ["then: \(CLIFailure(verb: "release", error).message)"]
            }
        }
        try await document("nir-waiver", from: "nir-group", text: "Omnibus Consent and Waiver of 2005-08-18, executed", at: Self.august(24, 9))
        let operating = BankAccount(accountName: "ROO Group, Inc.", bank: "Citibank, N.A.", routingNumber: "021000089", accountNumber: "40012345")
        let prepayment = BankAccount(accountName: "AJW Offshore, Ltd. for the NIR Group", bank: "Bank of New York", routingNumber: "021000018", accountNumber: "8900112233")
        let lines = [
            InstructionLine(account: prepayment, amount: try Money.parse("3400000.00", terms.currency)),
            InstructionLine(account: operating, amount: nil),
        ]
        let message = try await signingMessage(.paymentInstructions(EventCoding.digest(of: lines)), signer: "company")
        try await run(
            .giveInstructions(party: "company", lines: lines, evidence: .ed25519(signatureBase64: SignatureKeys.sign(message, privateKeyBase64: keys["company"]!)!)),
            at: Self.august(24, 11))
        var notes: [String] = []
        for (index, signer) in signers.enumerated() {
            if index == 4 {
                do { _ = try await service.execute(.release, on: escrowID, at: Self.august(25, 12)) } catch {
                    notes.append("meanwhile: \(CLIFailure(verb: "release", error).message)")
                }
            }
            let message = try await signingMessage(.releaseNotice, signer: signer)
            let signature = SignatureKeys.sign(message, privateKeyBase64: keys[signer]!)!
            try await run(.sign(instrument: .releaseNotice, signer: signer, evidence: .ed25519(signatureBase64: signature)), at: Self.august(25, 10 + index / 2))
        }
        try await run(.release, at: Self.august(25, 15))
        return notes
    }

    func signingMessage(_ instrument: Instrument, signer: PartyID) async throws -> SigningMessage {
        let (state, _) = try await service.load(escrowID)
        return state.signingMessage(for: instrument, signer: signer)!
    }
}
