public import EscrowCore
public import Foundation

/// Plays ``ReferenceDeal``'s script through an ``EscrowService``: the same service every front
/// end uses. `escrow demo` and the store tests run the deal this way; the command-line and HTTP
/// tests play the same script through their own front ends.
///
/// The player generates each signatory's Ed25519 key when the script registers it and signs
/// with it when the script signs, so keys never appear in the script.
public actor ReferenceDealPlayer {
    /// Why a step could not be played.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The service refused or failed the step.
        case service(ReferenceDeal.Step, ServiceError)
        /// The script itself is wrong for the agreement (an amount that does not parse, a
        /// signer without a key); a defect of the script, reported rather than trapped.
        case script(ReferenceDeal.Step, String)

        public var description: String {
            switch self {
            case .service(_, let error): error.description
            case .script(let step, let reason): "the reference script cannot play \(step): \(reason)"
            }
        }
    }

    /// The service the deal is played through.
    public nonisolated let service: EscrowService
    /// The escrow the script opens.
    public nonisolated let escrowID: EscrowID
    /// Each signatory's private key (base64), once the script has registered it.
    public private(set) var keys: [PartyID: String] = [:]

    /// The terms an `open` step opens the escrow on; `nil` for the reference agreement.
    public nonisolated let terms: AgreementTerms?

    /// A player for `escrowID` (the agreement's own id unless a test needs several escrows),
    /// opening it on `terms` (the reference agreement unless given).
    public init(service: EscrowService, escrowID: EscrowID = ReferenceDeal.escrowID, terms: AgreementTerms? = nil) {
        self.service = service
        self.escrowID = escrowID
        self.terms = terms
    }

    /// Plays every step up to and including `stage`.
    public func play(through stage: ReferenceDeal.Stage) async throws(Failure) {
        for step in ReferenceDeal.steps(through: stage) { try await perform(step) }
    }

    /// Plays the steps that take a deal already at `earlier` on to `stage`.
    public func play(from earlier: ReferenceDeal.Stage, through stage: ReferenceDeal.Stage) async throws(Failure) {
        for step in ReferenceDeal.steps(through: stage).dropFirst(ReferenceDeal.steps(through: earlier).count) {
            try await perform(step)
        }
    }

    /// Plays one step of the reference script at its instant.
    public func perform(_ timed: ReferenceDeal.TimedStep) async throws(Failure) {
        try await perform(timed.step, at: timed.at.date)
    }

    /// Plays one act at `at`: a step of the reference script or of a ``DealScript``.
    public func perform(_ step: ReferenceDeal.Step, at: Date) async throws(Failure) {
        switch step {
        case .open:
            let terms: AgreementTerms
            if let given = self.terms {
                terms = given
            } else {
                do { terms = try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "reference agreement") } catch {
                    throw .script(step, error.description)
                }
            }
            do { _ = try await service.open(escrowID, terms: terms, at: at) } catch { throw .service(step, error) }
        case .registerKey(let party):
            let pair = SignatureKeys.generate()
            keys[party] = pair.privateKeyBase64
            try await execute(.registerKey(party: party, publicKeyBase64: pair.publicKeyBase64), step, at)
        case .deposit(let wire):
            let currency = try await state(step).currency
            let amount: Money
            do { amount = try Money.parse(wire.amount, currency) } catch { throw .script(step, error.description) }
            try await execute(.recordDeposit(bankReference: wire.bankReference, purchaser: wire.purchaser, senderName: nil, amount: amount), step, at)
        case .deliver(let delivery):
            let data = delivery.data
            try await execute(
                .receiveDocument(condition: delivery.condition, from: delivery.from, title: nil, sha256: SHA256Hex.of(data), byteCount: data.count),
                step, at)
        case .instruct(let party, let accounts):
            let currency = try await state(step).currency
            var lines: [InstructionLine] = []
            for account in accounts {
                do { lines.append(try account.instructionLine(currency)) } catch { throw .script(step, error.description) }
            }
            let signature = try await sign(.paymentInstructions(EventCoding.digest(of: lines)), by: party, step)
            try await execute(.giveInstructions(party: party, lines: lines, evidence: .ed25519(signatureBase64: signature)), step, at)
        case .signReleaseNotice(let party):
            let signature = try await sign(.releaseNotice, by: party, step)
            try await execute(.sign(instrument: .releaseNotice, signer: party, evidence: .ed25519(signatureBase64: signature)), step, at)
        case .release:
            try await execute(.release, step, at)
        case .tick:
            try await execute(.tick, step, at)
        case .hold(let id, let amountText, let reason, let parties):
            let currency = try await state(step).currency
            var amount: Money? = nil
            if let amountText {
                do { amount = try Money.parse(amountText, currency) } catch { throw .script(step, error.description) }
            }
            try await execute(.placeHold(id: HoldID(id), amount: amount, reason: reason, partiesConcerned: parties), step, at)
        case .depositWithCourt(let court, let docket):
            try await execute(.depositWithCourt(court: court, docket: docket), step, at)
        }
    }

    private func execute(_ command: EscrowCommand, _ step: ReferenceDeal.Step, _ at: Date) async throws(Failure) {
        do { _ = try await service.execute(command, on: escrowID, at: at) } catch { throw .service(step, error) }
    }

    private func state(_ step: ReferenceDeal.Step) async throws(Failure) -> EscrowState {
        do { return try await service.state(of: escrowID).state } catch { throw .service(step, error) }
    }

    /// The signature `party` makes, with its registered key, over the text of `instrument`.
    private func sign(_ instrument: Instrument, by party: PartyID, _ step: ReferenceDeal.Step) async throws(Failure) -> String {
        guard let key = keys[party] else { throw .script(step, "\(party) has no registered key") }
        guard let message = try await state(step).signingMessage(for: instrument, signer: party) else {
            throw .script(step, "there is no \(instrument) to sign")
        }
        guard let signature = SignatureKeys.sign(message, privateKeyBase64: key) else {
            throw .script(step, "the key of \(party) does not sign")
        }
        return signature
    }
}
