public import EscrowCore
public import Foundation

/// Whether an escrow's log still holds every event up to a checkpoint, unchanged: what
/// `escrow verify --checkpoint FILE` and `POST /escrows/{id}/checkpoint/verify` answer.
///
/// The checks, in order: the checkpoint is for this escrow; its signature verifies; its key is
/// the agent's (recorded in the log by a `checkpointKeyRecorded` event, or the key the verifier
/// signs with now); the log's hash chain holds up to the checkpoint; the log reaches the
/// checkpoint's sequence (a log cut short names the first missing sequence); and the event at
/// that sequence has the checkpoint's hash (a rewritten tail no longer does).
public struct CheckpointVerification: Hashable, Sendable, Codable {
    /// The escrow whose log was checked.
    public var escrow: String
    /// The checkpoint's sequence: every event up to it must be in the log, unchanged.
    public var checkpointSequence: Int64
    /// The sequence of the log's last event now.
    public var logSequence: Int64
    /// True when the log still holds every event up to the checkpoint, unchanged.
    public var holds: Bool
    /// Whether the signature verifies under the checkpoint's key.
    public var signatureValid: Bool
    /// Whether that key is the agent's: recorded in the log, or the key it signs with now.
    public var keyIsAgents: Bool
    /// The first event the checkpoint covers that is gone from the log, when the log was cut short.
    public var firstMissingSequence: Int64?
    /// The first event up to the checkpoint that no longer matches, when the log was rewritten.
    public var firstAlteredSequence: Int64?
    /// Why the log does not hold, in a sentence; `nil` when it does.
    public var reason: String?

    /// Checks `records`, the escrow's whole log, against `checkpoint`. `currentKeyBase64` is the
    /// key the agent signs with now, trusted as the agent's even before the log records it.
    public init(checkpoint: Checkpoint, escrowID: EscrowID, records: [RecordedEvent], currentKeyBase64: String?) {
        escrow = escrowID.rawValue
        checkpointSequence = checkpoint.sequence
        logSequence = records.last?.sequence ?? 0
        signatureValid = checkpoint.hasValidSignature
        let recordedKeys = Self.recordedKeys(records)
        keyIsAgents = recordedKeys.contains(checkpoint.publicKeyBase64) || checkpoint.publicKeyBase64 == currentKeyBase64
        holds = false
        let chain = ChainVerifier.verify(records)
        if checkpoint.escrow != escrowID.rawValue {
            reason = "the checkpoint is for escrow \(checkpoint.escrow), not \(escrowID)"
        } else if !signatureValid {
            reason = "the checkpoint's signature does not verify under its key: it was not signed as it reads"
        } else if !keyIsAgents {
            reason = "the checkpoint is signed by key \(checkpoint.publicKeyBase64.prefix(12))…, which the log never records as the agent's"
        } else if checkpoint.sequence < 0 {
            reason = "the checkpoint's sequence \(checkpoint.sequence) is negative"
        } else if let broken = chain.firstBroken, broken.sequence <= checkpoint.sequence {
            firstAlteredSequence = broken.sequence
            reason = "event \(broken.sequence), covered by the checkpoint, was altered: \(broken.description)"
        } else if logSequence < checkpoint.sequence {
            firstMissingSequence = logSequence + 1
            let missing = logSequence + 1 == checkpoint.sequence ? "event \(checkpoint.sequence) is" : "events \(logSequence + 1) to \(checkpoint.sequence) are"
            reason = "the log ends at event \(logSequence) but the checkpoint covers \(checkpoint.sequence): \(missing) missing"
        } else if Self.hash(at: checkpoint.sequence, in: records) != checkpoint.hash {
            firstAlteredSequence = checkpoint.sequence
            reason = "event \(checkpoint.sequence) no longer has the checkpoint's hash: the log was rewritten at or before it"
        } else {
            holds = true
            reason = nil
        }
    }

    /// The hash at `sequence` (the genesis hash at 0), `nil` when no such event is stored.
    private static func hash(at sequence: Int64, in records: [RecordedEvent]) -> String? {
        guard sequence > 0 else { return EventHash.genesis }
        let index = Int(sequence - 1)
        guard index < records.count, records[index].sequence == sequence else {
            return records.first(where: { $0.sequence == sequence })?.hash
        }
        return records[index].hash
    }

    /// Every checkpoint key the log records, oldest first.
    static func recordedKeys(_ records: [RecordedEvent]) -> [String] {
        records.compactMap { record in
            guard record.type == "checkpointKeyRecorded",
                case .checkpointKeyRecorded(let recorded)? = try? EscrowEvent.decode(type: record.type, payload: record.payload)
            else { return nil }
            return recorded.publicKeyBase64
        }
    }
}

extension EscrowService {
    /// Records `signer`'s key in the escrow's log when it is not the key recorded last (the
    /// escrow's first key, or a rotation); nothing is written when it is.
    public func recordCheckpointKey(of signer: CheckpointSigner, on escrowID: EscrowID, at now: Date) async throws(ServiceError) {
        let (state, _) = try await self.state(of: escrowID)
        guard state.checkpointKeys.last != signer.publicKeyBase64 else { return }
        _ = try await execute(.recordCheckpointKey(publicKeyBase64: signer.publicKeyBase64), on: escrowID, at: now)
    }

    /// The escrow's latest checkpoint: its log head signed by `signer`.
    public func checkpoint(of escrowID: EscrowID, signer: CheckpointSigner) async throws(ServiceError) -> Checkpoint {
        let head = try await head(of: escrowID)
        return signer.sign(escrowID: escrowID, sequence: head.lastSequence, hash: head.lastHash)
    }
}
