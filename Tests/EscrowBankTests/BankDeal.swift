import EscrowBank
import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// The reference deal run through the decider, with its wires arriving as bank statements.
struct BankDeal {
    var state: EscrowState
    var log: [EscrowEvent]
    var keys: [PartyID: String] = [:]

    /// The escrow account of the reference agreement's deposit instructions (1.3).
    static let escrowAccount = "37317968"

    init() throws {
        let event = try EscrowDecider.open(escrowID: ReferenceDeal.escrowID, terms: referenceTerms, at: august(19, 9))
        guard case .opened(let opened) = event else { throw BankDealError.notOpened }
        state = EscrowState(opened: opened)
        log = [event]
    }

    /// Decides and folds a command; returns the events recorded.
    @discardableResult
    mutating func run(_ command: EscrowCommand, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        let (events, after) = try EscrowDecider.handleFolding(command, state: state, at: now)
        state = after
        log += events
        return events
    }

    /// The refusal of `command`; nothing is recorded.
    mutating func refusal(_ command: EscrowCommand, at now: Date) -> EscrowRefusal? {
        let before = log.count
        do {
            try run(command, at: now)
            return nil
        } catch {
            #expect(log.count == before)
            return error
        }
    }

    /// Imports statement bytes as the command line does: read, then decided.
    @discardableResult
    mutating func importFile(_ bytes: [UInt8], at now: Date) throws -> [EscrowEvent] {
        switch try BankFile.read(bytes) {
        case .statement(let statement): return try run(.importBankStatement(statement), at: now)
        case .statusReport(let report): return try run(.recordBankPaymentStatus(report), at: now)
        }
    }

    /// The reference script's steps except its wires, which come from the bank instead.
    mutating func play(through stage: ReferenceDeal.Stage, from start: ReferenceDeal.Instant? = nil) throws {
        for timed in ReferenceDeal.steps(through: stage).dropFirst() where start.map({ timed.at >= $0 }) ?? true {
            let at = timed.at.date
            switch timed.step {
            case .open, .deposit: continue
            case .registerKey(let party):
                let pair = SignatureKeys.generate()
                keys[party] = pair.privateKeyBase64
                try run(.registerKey(party: party, publicKeyBase64: pair.publicKeyBase64), at: at)
            case .deliver(let delivery):
                let data = Data(delivery.text.utf8)
                try run(
                    .receiveDocument(condition: delivery.condition, from: delivery.from, title: nil, sha256: SHA256Hex.of(data), byteCount: data.count),
                    at: at)
            case .instruct(let party, let accounts):
                try instruct(party, accounts.map { InstructionLine(account: $0.bankAccount, amount: $0.amount.map(usd)) }, at: at)
            case .signReleaseNotice(let party):
                try run(.sign(instrument: .releaseNotice, signer: party, evidence: try signature(.releaseNotice, by: party)), at: at)
            case .release: try run(.release, at: at)
            case .tick: try run(.tick, at: at)
            case .hold(let id, let amount, let reason, let parties):
                try run(.placeHold(id: HoldID(id), amount: amount.map(usd), reason: reason, partiesConcerned: parties), at: at)
            case .depositWithCourt(let court, let docket):
                try run(.depositWithCourt(court: court, docket: docket), at: at)
            }
        }
    }

    mutating func instruct(_ party: PartyID, _ lines: [InstructionLine], at now: Date) throws {
        let instrument = Instrument.paymentInstructions(EventCoding.digest(of: lines))
        try run(.giveInstructions(party: party, lines: lines, evidence: try signature(instrument, by: party)), at: now)
    }

    func signature(_ instrument: Instrument, by signer: PartyID) throws -> SignatureEvidence {
        let message = try #require(state.signingMessage(for: instrument, signer: signer))
        let key = try #require(keys[signer])
        return .ed25519(signatureBase64: try #require(SignatureKeys.sign(message, privateKeyBase64: key)))
    }

    func events(ofType type: String) -> [EscrowEvent] { log.filter { $0.type == type } }

    var bankEvents: [BankEvent] { log.compactMap { if case .bank(let e) = $0 { e } else { nil } } }
}

enum BankDealError: Error { case notOpened }

/// A credit into the escrow account.
func credit(
    _ reference: String, _ amount: String, from sender: String?, remittance: String? = nil, account: String? = nil, endToEndID: String? = nil,
    booked: Bool = true, returnReason: String? = nil
) -> BankEntry {
    BankEntry(
        reference: reference, amount: usd(amount), direction: .credit, isBooked: booked, bookingDate: "2005-08-22", endToEndID: endToEndID,
        remittance: remittance, counterpartyName: sender, counterpartyAccount: account, returnReason: returnReason)
}

/// A debit from the escrow account.
func debit(_ reference: String, _ amount: String, to creditor: String?, endToEndID: String? = nil) -> BankEntry {
    BankEntry(
        reference: reference, amount: usd(amount), direction: .debit, isBooked: true, bookingDate: "2005-08-26", endToEndID: endToEndID,
        remittance: nil, counterpartyName: creditor, counterpartyAccount: nil, returnReason: nil)
}

/// A camt.053 statement of the escrow account, as the bank would send it.
func statement(_ id: String, closing: String, _ entries: [BankEntry], account: String = BankDeal.escrowAccount) -> [UInt8] {
    Camt053Writer.write(
        messageID: "MSG-\(id)", statementID: id, accountID: account, createdAt: august(22, 22),
        closingBooked: BankBalance(amount: usd(closing), isDebit: false, date: "2005-08-22"), entries: entries)
}

/// The folder of the ISO 20022 schemas kept with the repository.
let schemaFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("schemas/iso20022")

/// Validates `bytes` against `schema` with xmllint; returns xmllint's complaint, or `nil` when valid.
func schemaComplaint(_ bytes: [UInt8], schema: String) throws -> String? {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("bank-\(UUID().uuidString).xml")
    try Data(bytes).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["xmllint", "--noout", "--schema", schemaFolder.appendingPathComponent(schema).path, file.path]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = Pipe()
    try process.run()
    let output = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return process.terminationStatus == 0 ? nil : String(decoding: output, as: UTF8.self)
}
