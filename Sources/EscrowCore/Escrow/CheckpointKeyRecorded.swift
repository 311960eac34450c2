public import Foundation

/// The agent's checkpoint key, recorded in the log: the Ed25519 key whose signatures over the
/// log's head (escrow, sequence, hash) any party may check, and the key it replaces.
///
/// Recording each key in the log makes a rotation part of the hash-chained history: a party
/// holding a checkpoint signed by an earlier key can still tell it was the agent's.
public struct CheckpointKeyRecorded: Hashable, Sendable, Codable {
    /// The agent's Ed25519 public key, base64 of its 32 raw bytes.
    public var publicKeyBase64: String
    /// The key it replaces, `nil` for the escrow's first checkpoint key.
    public var replacesPublicKeyBase64: String?
    /// When the key was recorded.
    public var at: Date

    /// Creates the record of a checkpoint key.
    public init(publicKeyBase64: String, replacesPublicKeyBase64: String?, at: Date) {
        self.publicKeyBase64 = publicKeyBase64
        self.replacesPublicKeyBase64 = replacesPublicKeyBase64
        self.at = at
    }
}

extension EscrowDecider {
    /// Records the agent's checkpoint key; the key already current records nothing, so the
    /// command may be sent before every checkpoint.
    static func recordCheckpointKey(_ state: EscrowState, key: String, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        guard SignatureKeys.isValidPublicKey(key) else { throw EscrowRefusal(.publicKeyMalformed, in: state) }
        let current = state.checkpointKeys.last
        guard current != key else { return [] }
        return [.checkpointKeyRecorded(CheckpointKeyRecorded(publicKeyBase64: key, replacesPublicKeyBase64: current, at: now))]
    }
}
