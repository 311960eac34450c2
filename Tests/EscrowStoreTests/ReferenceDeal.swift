import EscrowCore
import EscrowStore
import Foundation

/// Plays the 2005 reference deal through ``EscrowService``, as the `escrow demo` command does,
/// so end-to-end tests can start from a funded escrow or one whose release is due.
struct ReferenceDeal: Sendable {
    let service: EscrowService
    let escrowID: EscrowID

    /// 2005-08-DD at HH:00 New York time (EDT, UTC-4).
    static func august(_ day: Int, _ hour: Int) -> Date {
        let date = CivilDate(year: 2005, month: 8, day: day)!
        return Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 + (hour + 4) * 3_600))
    }

    /// The instant the 1.7 refund deadline closes: the end of 2005-09-02 in New York.
    static let refundDeadline = Date(
        timeIntervalSince1970: TimeInterval(CivilDate(year: 2005, month: 9, day: 3)!.dayNumber * 86_400 + 4 * 3_600))

    static func terms() throws -> AgreementTerms {
        try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "reference agreement")
    }

    func run(_ command: EscrowCommand, at date: Date) async throws {
        _ = try await service.execute(command, on: escrowID, at: date)
    }

    func document(_ condition: String, from: String, text: String, at date: Date) async throws {
        let data = Data(text.utf8)
        try await run(
            .receiveDocument(
                condition: ConditionID(condition), from: PartyID(from), title: nil, sha256: SHA256Hex.of(data),
                byteCount: data.count),
            at: date)
    }

    /// Opens the escrow and takes every purchaser's wire. With `readyToRelease`, also takes
    /// every document (the NIR waiver included), the company's signed wire instructions and
    /// every signature of the Release Notice, so that the next `release` pays out.
    func prepare(readyToRelease: Bool) async throws {
        let terms = try Self.terms()
        _ = try await service.open(escrowID, terms: terms, at: Self.august(19, 9))
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
                    bankReference: "FW2005082200\(index + 1)", purchaser: subscription.purchaser, senderName: nil,
                    amount: subscription.amount),
                at: Self.august(22, 11 + index))
        }
        guard readyToRelease else { return }
        for signer in signers {
            try await document(
                "counterpart-signature-pages", from: signer.rawValue, text: "Transaction Documents signature page of \(signer)",
                at: Self.august(23, 10))
        }
        try await document("closing-documents", from: "company", text: "Closing documents under Article IV", at: Self.august(23, 14))
        try await document(
            "nir-waiver", from: "nir-group", text: "Omnibus Consent and Waiver of 2005-08-18, executed", at: Self.august(24, 9))
        let operating = BankAccount(
            accountName: "ROO Group, Inc.", bank: "Citibank, N.A.", routingNumber: "021000089", accountNumber: "40012345")
        let prepayment = BankAccount(
            accountName: "AJW Offshore, Ltd. for the NIR Group", bank: "Bank of New York", routingNumber: "021000018",
            accountNumber: "8900112233")
        let lines = [
            InstructionLine(account: prepayment, amount: try Money.parse("3400000.00", terms.currency)),
            InstructionLine(account: operating, amount: nil),
        ]
        let instructions = try await signingMessage(.paymentInstructions(EventCoding.digest(of: lines)), signer: "company")
        try await run(
            .giveInstructions(
                party: "company", lines: lines,
                evidence: .ed25519(signatureBase64: SignatureKeys.sign(instructions, privateKeyBase64: keys["company"]!)!)),
            at: Self.august(24, 11))
        for (index, signer) in signers.enumerated() {
            let message = try await signingMessage(.releaseNotice, signer: signer)
            let signature = SignatureKeys.sign(message, privateKeyBase64: keys[signer]!)!
            try await run(
                .sign(instrument: .releaseNotice, signer: signer, evidence: .ed25519(signatureBase64: signature)),
                at: Self.august(25, 10 + index / 2))
        }
    }

    func signingMessage(_ instrument: Instrument, signer: PartyID) async throws -> SigningMessage {
        let (state, _) = try await service.load(escrowID)
        return state.signingMessage(for: instrument, signer: signer)!
    }
}
