public import EscrowCore
public import Foundation
import Crypto

/// The agent's signed statement of an escrow's log head: "the log of this escrow holds
/// `sequence` events and the last one hashes to `hash`".
///
/// Whoever holds a checkpoint can later prove that the log still holds every event up to it
/// unchanged (``CheckpointVerification``): a log cut short or rewritten after the checkpoint
/// was handed out no longer matches it. The signature is Ed25519 over ``signedBytes``.
public struct Checkpoint: Hashable, Sendable, Codable {
    /// The format tag, also the first signed field, so a future format cannot be mistaken for this one.
    public static let format = "escrow-checkpoint-v1"

    /// The escrow whose log head is signed.
    public var escrow: String
    /// The sequence of the last event the checkpoint covers (0 for an empty log).
    public var sequence: Int64
    /// That event's hash (the genesis hash for an empty log).
    public var hash: String
    /// The agent's Ed25519 public key that signed, base64 of its 32 raw bytes.
    public var publicKeyBase64: String
    /// The Ed25519 signature over ``signedBytes``, base64.
    public var signatureBase64: String

    /// Creates a checkpoint from its parts, as read back from a file or a header.
    public init(escrow: String, sequence: Int64, hash: String, publicKeyBase64: String, signatureBase64: String) {
        self.escrow = escrow
        self.sequence = sequence
        self.hash = hash
        self.publicKeyBase64 = publicKeyBase64
        self.signatureBase64 = signatureBase64
    }

    /// The bytes the agent signs: the format tag, the escrow id (UTF-8), the sequence (8 bytes,
    /// big-endian) and the hash (ASCII), each preceded by its length as 8 bytes, big-endian.
    public static func signedBytes(escrow: String, sequence: Int64, hash: String) -> Data {
        var bytes = Data()
        func field(_ data: Data) {
            withUnsafeBytes(of: UInt64(data.count).bigEndian) { bytes.append(contentsOf: $0) }
            bytes.append(data)
        }
        field(Data(format.utf8))
        field(Data(escrow.utf8))
        field(withUnsafeBytes(of: sequence.bigEndian) { Data($0) })
        field(Data(hash.utf8))
        return bytes
    }

    /// Whether the signature verifies under the checkpoint's own public key. Whether that key
    /// is the agent's is a separate question, answered by the log (``CheckpointVerification``).
    public var hasValidSignature: Bool {
        guard let keyBytes = Data(base64Encoded: publicKeyBase64),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes),
            let signature = Data(base64Encoded: signatureBase64)
        else { return false }
        return key.isValidSignature(signature, for: Self.signedBytes(escrow: escrow, sequence: sequence, hash: hash))
    }
}

/// Signs checkpoints with the agent's Ed25519 private key.
public struct CheckpointSigner: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    /// The public half, base64 of its 32 raw bytes: what parties check checkpoints against.
    public var publicKeyBase64: String { key.publicKey.rawRepresentation.base64EncodedString() }

    /// A signer over a private key given as its 32 raw bytes.
    public init(rawRepresentation: Data) throws(CheckpointKeyError) {
        do { key = try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation) } catch {
            throw .malformed("an Ed25519 private key is 32 bytes, not \(rawRepresentation.count)")
        }
    }

    /// A signer over a freshly generated key.
    public static func generate() -> CheckpointSigner {
        // 32 fresh bytes are always a valid raw Ed25519 private key.
        CheckpointSigner(key: Curve25519.Signing.PrivateKey())
    }

    private init(key: Curve25519.Signing.PrivateKey) { self.key = key }

    /// The private key's 32 raw bytes, base64: the content of a key file.
    public var privateKeyBase64: String { key.rawRepresentation.base64EncodedString() }

    /// Signs the head of `escrowID`'s log: its last sequence and that event's hash.
    public func sign(escrowID: EscrowID, sequence: Int64, hash: String) -> Checkpoint {
        let bytes = Checkpoint.signedBytes(escrow: escrowID.rawValue, sequence: sequence, hash: hash)
        // Signing with a valid private key over bytes in memory does not fail.
        let signature = (try? key.signature(for: bytes)) ?? Data()
        return Checkpoint(
            escrow: escrowID.rawValue, sequence: sequence, hash: hash,
            publicKeyBase64: publicKeyBase64, signatureBase64: signature.base64EncodedString())
    }
}

/// Why a checkpoint key file cannot be used.
public enum CheckpointKeyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's content is not a base64 Ed25519 private key.
    case malformed(String)
    /// The file cannot be read or written.
    case file(path: String, reason: String)

    /// A sentence naming what is wrong.
    public var description: String {
        switch self {
        case .malformed(let reason): "the checkpoint key is malformed: \(reason)"
        case .file(let path, let reason): "the checkpoint key file \(path) cannot be used: \(reason)"
        }
    }
}
