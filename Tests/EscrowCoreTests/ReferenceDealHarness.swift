import EscrowCore
import EscrowTesting
import Foundation

/// Runs the reference deal through the pure decider, keeping the folded state and the log.
struct Harness {
    var state: EscrowState
    var log: [EscrowEvent]
    var keys: [PartyID: String] = [:]
    let signers: [PartyID]

    init(terms: AgreementTerms = referenceTerms, at opened: Date = newYork(2005, 8, 19, 9)) {
        let event = try! EscrowDecider.open(escrowID: "roo-group-2005", terms: terms, at: opened)
        guard case .opened(let payload) = event else { fatalError("open returns the opening") }
        state = EscrowState(opened: payload)
        log = [event]
        signers = terms.expand(terms.releaseInstrument.signers)
    }

    /// Decides and applies a command; the events are returned and folded in.
    @discardableResult
    mutating func run(_ command: EscrowCommand, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        let (events, after) = try EscrowDecider.handleFolding(command, state: state, at: now)
        state = after
        log += events
        return events
    }

    /// Expects a refusal and returns it; fails the caller's expectation otherwise.
    mutating func refusal(_ command: EscrowCommand, at now: Date) -> EscrowRefusal? {
        let before = log.count
        do {
            try run(command, at: now)
            return nil
        } catch {
            precondition(log.count == before)
            return error
        }
    }

    mutating func registerKeys(_ parties: [PartyID]? = nil, at now: Date = newYork(2005, 8, 19, 10)) throws(EscrowRefusal) {
        for party in parties ?? signers {
            let pair = SignatureKeys.generate()
            keys[party] = pair.privateKeyBase64
            try run(.registerKey(party: party, publicKeyBase64: pair.publicKeyBase64), at: now)
        }
    }

    mutating func depositAll(at now: Date = newYork(2005, 8, 22, 11)) throws(EscrowRefusal) {
        for (index, subscription) in state.terms.subscriptions.enumerated() {
            try run(
                .recordDeposit(bankReference: "FW-\(index + 1)", purchaser: subscription.purchaser, senderName: nil, amount: subscription.amount),
                at: now)
        }
    }

    mutating func deliver(_ condition: ConditionID, from: PartyID, text: String? = nil, at now: Date) throws(EscrowRefusal) {
        let data = Data((text ?? "\(condition) from \(from)").utf8)
        try run(.receiveDocument(condition: condition, from: from, title: nil, sha256: SHA256Hex.of(data), byteCount: data.count), at: now)
    }

    /// Counterpart pages and closing documents; the waiver only when asked.
    mutating func deliverClosingDocuments(waiverAt: Date? = newYork(2005, 8, 24, 9), at now: Date = newYork(2005, 8, 23, 10)) throws(EscrowRefusal) {
        for signer in signers { try deliver("counterpart-signature-pages", from: signer, at: now) }
        try deliver("closing-documents", from: "company", at: now)
        if let waiverAt { try deliver("nir-waiver", from: "nir-group", at: waiverAt) }
    }

    func signature(_ instrument: Instrument, by signer: PartyID, key: PartyID? = nil) -> SignatureEvidence {
        let message = state.signingMessage(for: instrument, signer: signer)!
        return .ed25519(signatureBase64: SignatureKeys.sign(message, privateKeyBase64: keys[key ?? signer]!)!)
    }

    mutating func sign(_ instrument: Instrument = .releaseNotice, by signer: PartyID, at now: Date = newYork(2005, 8, 25, 10)) throws(EscrowRefusal) {
        try run(.sign(instrument: instrument, signer: signer, evidence: signature(instrument, by: signer)), at: now)
    }

    /// The company's operating account and the NIR Group's prepayment account, from the script.
    static let operating = ReferenceDeal.companyAccounts[1].bankAccount
    static let prepayment = ReferenceDeal.companyAccounts[0].bankAccount

    @discardableResult
    mutating func instruct(_ party: PartyID = "company", lines: [InstructionLine]? = nil, at now: Date = newYork(2005, 8, 24, 11)) throws(EscrowRefusal) -> [EscrowEvent] {
        let lines = lines ?? [
            InstructionLine(account: Self.prepayment, amount: usd("3400000.00")), InstructionLine(account: Self.operating, amount: nil),
        ]
        let instrument = Instrument.paymentInstructions(EventCoding.digest(of: lines))
        return try run(.giveInstructions(party: party, lines: lines, evidence: signature(instrument, by: party)), at: now)
    }

    /// The fee payees of 1.5 register their keys and give their signed written wire
    /// instructions, as the reference script has them do on 2005-08-24.
    mutating func instructFeePayees() throws(EscrowRefusal) {
        try registerKeys(ReferenceDeal.feeInstructions.map(\.payee), at: ReferenceDeal.feePayeeKeysInstant.date)
        for fee in ReferenceDeal.feeInstructions {
            try instruct(fee.payee, lines: fee.accounts.map { InstructionLine(account: $0.bankAccount, amount: $0.amount.map(usd)) }, at: fee.at.date)
        }
    }

    /// Everything up to an effective Release Notice and company instructions: the reference
    /// script played through the decider.
    static func readyToRelease() throws(EscrowRefusal) -> Harness {
        var harness = Harness()
        for step in ReferenceDeal.steps(through: .readyToRelease).dropFirst() { try harness.perform(step) }
        return harness
    }

    /// One step of the reference script, at its instant, through the decider.
    mutating func perform(_ timed: ReferenceDeal.TimedStep) throws(EscrowRefusal) {
        let at = timed.at.date
        switch timed.step {
        case .open:
            self = Harness(at: at)
        case .registerKey(let party):
            try registerKeys([party], at: at)
        case .deposit(let wire):
            try run(.recordDeposit(bankReference: wire.bankReference, purchaser: wire.purchaser, senderName: nil, amount: usd(wire.amount)), at: at)
        case .deliver(let delivery):
            try deliver(delivery.condition, from: delivery.from, text: delivery.text, at: at)
        case .instruct(let party, let accounts):
            try instruct(party, lines: accounts.map { InstructionLine(account: $0.bankAccount, amount: $0.amount.map(usd)) }, at: at)
        case .signReleaseNotice(let party):
            try sign(by: party, at: at)
        case .release:
            try run(.release, at: at)
        case .tick:
            try run(.tick, at: at)
        case .hold(let id, let amount, let reason, let parties):
            try run(.placeHold(id: HoldID(id), amount: amount.map(usd), reason: reason, partiesConcerned: parties), at: at)
        case .depositWithCourt(let court, let docket):
            try run(.depositWithCourt(court: court, docket: docket), at: at)
        }
    }

    func events(ofType type: String) -> [EscrowEvent] { log.filter { $0.type == type } }
}
