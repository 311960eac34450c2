import EscrowCore
import EscrowStore
import EscrowStoreSQLite
import Foundation

/// The simulated world of one run: the SQLite file, the service over it (dropped and reopened
/// on a crash), the simulated clock, the signatories' keys and what was acknowledged.
final class SimulationWorld {
    let path: String
    let agreement: GeneratedAgreement
    let escrowID: EscrowID
    private var store: SQLiteEventStore
    private var service: EscrowService
    private(set) var now: Date
    /// Each party's private key, derived from the seed; a stranger's key forges signatures.
    private var keys: [PartyID: String] = [:]
    private let strangerKey: String
    /// Every acknowledged event's hash by sequence: after a crash each must still be there.
    private var acknowledged: [Int64: String] = [:]
    /// The answer to each step's command, by step: a redelivery must get the same one.
    private var answers: [Int: (command: EscrowCommand, sequences: [Int64])] = [:]
    /// The commands sent, by step, with the instant they were sent at.
    private var sent: [Int: EscrowCommand] = [:]
    private var counts = (accepted: 0, refused: 0, crashes: 0)

    init(path: String, agreement: GeneratedAgreement, seed: UInt64, escrowID: EscrowID) async throws {
        self.path = path
        self.agreement = agreement
        self.escrowID = escrowID
        var random = SeededGenerator(seed: seed ^ 0x5EED_CAFE)
        for party in agreement.parties { keys[party] = random.keyBase64() }
        strangerKey = random.keyBase64()
        store = try SQLiteEventStore(path: path)
        service = EscrowService(store: store)
        let terms = try AgreementFile.parse(agreement.yaml, sourceName: "simulated agreement")
        // The morning of the agreement's date, in New York.
        now = Deadline(date: agreement.dated, cutoff: TimeOfDay(hour: 9, minute: 0), timeZoneIdentifier: "America/New_York").closesAt
        let opened = try await service.open(escrowID, terms: terms, at: now)
        remember(opened.events)
    }

    func close() { try? store.close() }

    func report(seed: UInt64, stepsRun: Int) -> SimulationReport {
        var report = SimulationReport(seed: seed, stepsRun: stepsRun)
        report.accepted = counts.accepted
        report.refused = counts.refused
        report.crashes = counts.crashes
        report.events = acknowledged.keys.max() ?? 0
        return report
    }

    private func remember(_ events: [RecordedEvent]) {
        for event in events { acknowledged[event.sequence] = event.hash }
    }

    private func party(_ index: Int) -> PartyID { agreement.parties[abs(index) % agreement.parties.count] }

    private func state() async throws -> EscrowState { try await service.state(of: escrowID).state }

    // MARK: Steps

    func perform(_ step: SimulationStep, index: Int, in steps: [SimulationStep]) async throws {
        switch step {
        case .advance(let seconds):
            now = now.addingTimeInterval(TimeInterval(max(seconds, 0)))
            try await send(.tick, index: index)
        case .jumpToRefundDeadline(let offset):
            let deadlines = try await state().deadlines.values.map(\.closesAt).filter { $0 > now }
            if let next = deadlines.min() { now = max(now, next.addingTimeInterval(TimeInterval(offset))) }
            try await send(.tick, index: index)
        case .crash:
            try await crash()
        case .redeliver(let earlier):
            try await redeliver(earlier, index: index)
        default:
            guard let command = try await command(for: step) else { return }
            try await send(command, index: index, mustBeRefused: step.mustBeRefused)
        }
    }

    /// The command a step sends, built against the current state (what it signs, for instance).
    private func command(for step: SimulationStep) async throws -> EscrowCommand? {
        let purchasers = agreement.purchasers
        switch step {
        case .deposit(let sender, let minorUnits, let reference):
            let purchaser = sender < purchasers.count ? purchasers[max(sender, 0)] : PartyID("stranger")
            return .recordDeposit(
                bankReference: "W\(reference)", purchaser: purchaser, senderName: nil, amount: Money(minorUnits: minorUnits, .usd))
        case .depositAboveCeiling(let sender):
            let ceiling = Limits.amountMinorUnitsMax(.usd)
            return .recordDeposit(
                bankReference: "HUGE\(sender)", purchaser: purchasers[abs(sender) % purchasers.count], senderName: nil,
                amount: Money(minorUnits: ceiling + 1, .usd))
        case .registerKey(let index):
            let id = party(index)
            guard let key = keys[id], let publicKey = SignatureKeys.publicKey(ofPrivateKeyBase64: key) else { return nil }
            return .registerKey(party: id, publicKeyBase64: publicKey)
        case .deliver(let condition, let from):
            let conditions = ["nir-waiver", "counterpart-signature-pages", "subscription-funds", "no-such-condition"]
            let document = Data("document \(condition) from \(from)".utf8)
            return .receiveDocument(
                condition: ConditionID(conditions[abs(condition) % conditions.count]), from: party(from), title: nil,
                sha256: SHA256Hex.of(document), byteCount: document.count)
        case .signReleaseNotice(let index, let forged):
            let signer = party(index)
            let signature = try await signature(.releaseNotice, by: signer, forged: forged)
            return .sign(instrument: .releaseNotice, signer: signer, evidence: .ed25519(signatureBase64: signature))
        case .instruct(let forged):
            let lines = [
                InstructionLine(
                    account: BankAccount(accountName: "Company", bank: "Citibank, N.A.", routingNumber: "021000089", accountNumber: "40012345"),
                    amount: nil)
            ]
            let signature = try await signature(.paymentInstructions(EventCoding.digest(of: lines)), by: PartyID("company"), forged: forged)
            return .giveInstructions(party: PartyID("company"), lines: lines, evidence: .ed25519(signatureBase64: signature))
        case .advise: return .advise
        case .release: return .release
        case .refund: return .refund
        case .advance, .jumpToRefundDeadline, .crash, .redeliver: return nil
        }
    }

    /// A signature over the instrument's text: the signer's own key, or a stranger's when forged.
    /// Without anything to sign yet, some bytes that verify under no key.
    private func signature(_ instrument: Instrument, by signer: PartyID, forged: Bool) async throws -> String {
        guard let message = try await state().signingMessage(for: instrument, signer: signer),
            let key = forged ? strangerKey : keys[signer],
            let signature = SignatureKeys.sign(message, privateKeyBase64: key)
        else { return bytesBase64(Array(repeating: 7, count: 64)) }
        return signature
    }

    /// Sends a command under the step's idempotency key; a refusal is an answer, any other
    /// error breaks the run.
    private func send(_ command: EscrowCommand, index: Int, mustBeRefused: Bool = false) async throws {
        sent[index] = command
        let before = try await service.state(of: escrowID).lastSequence
        let outcome: EscrowService.Outcome
        do {
            outcome = try await service.execute(command, on: escrowID, at: now, idempotencyKey: "step-\(index)")
        } catch .refused {
            counts.refused += 1
            let after = try await service.state(of: escrowID).lastSequence
            guard after == before else {
                throw SimulationViolation(invariant: "a refusal writes nothing", message: "the log moved from \(before) to \(after)")
            }
            return
        } catch {
            throw SimulationViolation(invariant: "no unexpected error", message: "\(command.name): \(error)")
        }
        if mustBeRefused {
            throw SimulationViolation(invariant: "bad input is refused", message: "\(command.name) was accepted: \(outcome.events.map(\.type))")
        }
        remember(outcome.events)
        answers[index] = (command, outcome.events.map(\.sequence))
        counts.accepted += 1
    }

    /// The same command, under the same key: answered from the first answer, nothing appended.
    private func redeliver(_ earlier: Int, index: Int) async throws {
        guard let command = sent[earlier] else { return }
        let before = try await service.state(of: escrowID).lastSequence
        let outcome: EscrowService.Outcome
        do {
            outcome = try await service.execute(command, on: escrowID, at: now, idempotencyKey: "step-\(earlier)")
        } catch .refused {
            counts.refused += 1
            if answers[earlier] != nil {
                throw SimulationViolation(invariant: "a duplicate is answered, not applied", message: "step \(earlier)'s answered command is now refused")
            }
            return
        } catch {
            throw SimulationViolation(invariant: "no unexpected error", message: "redelivery of step \(earlier): \(error)")
        }
        counts.accepted += 1
        guard let first = answers[earlier] else {
            // First refused, now accepted: the key was never recorded, so this is its first application.
            remember(outcome.events)
            answers[earlier] = (command, outcome.events.map(\.sequence))
            return
        }
        guard outcome.replayed, outcome.events.map(\.sequence) == first.sequences else {
            throw SimulationViolation(
                invariant: "a duplicate is answered, not applied",
                message: "step \(earlier)'s command delivered again got \(outcome.events.map(\.sequence)), replayed \(outcome.replayed)")
        }
        let after = try await service.state(of: escrowID).lastSequence
        guard after == before else {
            throw SimulationViolation(invariant: "a duplicate is answered, not applied", message: "the log moved from \(before) to \(after)")
        }
    }

    /// Drops the service and its store as a killed process would, and reopens the file: every
    /// acknowledged event must be there, as acknowledged, and the state must fold the same.
    private func crash() async throws {
        let before = try await service.state(of: escrowID)
        try? store.close()
        store = try SQLiteEventStore(path: path)
        service = EscrowService(store: store)
        counts.crashes += 1
        let records = try await store.events(of: escrowID, after: 0)
        let stored = Dictionary(records.map { ($0.sequence, $0.hash) }, uniquingKeysWith: { first, _ in first })
        for (sequence, hash) in acknowledged.sorted(by: { $0.key < $1.key }) where stored[sequence] != hash {
            throw SimulationViolation(invariant: "what was acknowledged survives a crash", message: "event \(sequence) is missing or changed after reopening")
        }
        let after = try await service.state(of: escrowID)
        guard after.lastSequence == before.lastSequence, after.state.ledger == before.state.ledger else {
            throw SimulationViolation(invariant: "what was acknowledged survives a crash", message: "the reopened log folds to another state")
        }
    }

    /// The log as stored and its fold, for the invariants.
    func snapshot() async throws -> SimulationSnapshot {
        let (state, records) = try await service.load(escrowID)
        return SimulationSnapshot(
            state: state, records: records, events: try EscrowService.decode(records), acknowledged: acknowledged, agreement: agreement)
    }
}

extension SimulationStep {
    /// Steps whose command no engine may accept.
    var mustBeRefused: Bool {
        switch self {
        case .depositAboveCeiling: true
        case .deposit(_, let minorUnits, _): minorUnits <= 0
        case .signReleaseNotice(_, let forged), .instruct(let forged): forged
        default: false
        }
    }
}
