import Crypto
public import Foundation

/// The canonical bytes a signatory signs: which escrow, which agreement (by hash of its
/// terms), which instrument, which signer, and the hash of the instrument's text. A
/// signature over anything else does not verify, so a counterpart cannot be replayed into
/// another escrow, onto another instrument or under another signer's name.
public struct SigningMessage: Hashable, Sendable {
    /// The escrow the signature is for, so it cannot be replayed into another escrow.
    public let escrowID: EscrowID
    /// The SHA-256 of the agreement's terms as recorded at opening, so a signature given under
    /// one version of the terms does not count under another.
    public let termsSHA256: String
    /// The instrument signed (the Release Notice, an amendment, a settlement...).
    public let instrument: Instrument
    /// The party whose counterpart this is, so one party's signature cannot stand for another's.
    public let signer: PartyID
    /// The SHA-256 of the instrument's text, so the signer is bound to the words it saw.
    public let textSHA256: String

    /// The message for one signer's counterpart of one instrument; the escrow's state builds
    /// it (``EscrowState/signingMessage(for:signer:)``) so that signer and agent agree on it.
    public init(escrowID: EscrowID, termsSHA256: String, instrument: Instrument, signer: PartyID, textSHA256: String) {
        self.escrowID = escrowID
        self.termsSHA256 = termsSHA256
        self.instrument = instrument
        self.signer = signer
        self.textSHA256 = textSHA256
    }

    /// Line-oriented, one field a line, fixed order, UTF-8.
    public var bytes: Data {
        Data(
            """
            escrow-signature-v1
            escrow: \(escrowID)
            terms-sha256: \(termsSHA256)
            instrument: \(instrument)
            signer: \(signer)
            text-sha256: \(textSHA256)

            """.utf8)
    }

    /// The SHA-256 of ``bytes``: what the record of a verified signature keeps to name the
    /// message that was signed.
    public var sha256: String { SHA256Hex.of(bytes) }
}

/// Hex SHA-256 helpers used for document hashes, instrument texts and signing messages.
public enum SHA256Hex {
    /// The SHA-256 of `data` as 64 lowercase hex digits: how a document is named in the log.
    public static func of(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lowercase hex of any bytes, two digits a byte.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The SHA-256 of `text`'s UTF-8 bytes as 64 lowercase hex digits.
    public static func of(_ text: String) -> String { of(Data(text.utf8)) }

    /// True for 64 lowercase hex digits.
    public static func isValid(_ text: String) -> Bool {
        text.count == 64 && text.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}

/// Ed25519 keys for signatories, as base64 strings in files and on the command line.
public enum SignatureKeys {
    /// A new private key; its public half is what the agent registers.
    public static func generate() -> (privateKeyBase64: String, publicKeyBase64: String) {
        let key = Curve25519.Signing.PrivateKey()
        return (key.rawRepresentation.base64EncodedString(), key.publicKey.rawRepresentation.base64EncodedString())
    }

    /// Signs `message` with a base64 private key; `nil` when the key is not a valid Ed25519 key.
    public static func sign(_ message: SigningMessage, privateKeyBase64: String) -> String? {
        guard let raw = Data(base64Encoded: privateKeyBase64),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw),
            let signature = try? key.signature(for: message.bytes)
        else { return nil }
        return signature.base64EncodedString()
    }

    /// The base64 public key of a base64 private key, so a key file can be registered without
    /// copying its public half by hand; `nil` when the text is not an Ed25519 private key.
    public static func publicKey(ofPrivateKeyBase64 privateKeyBase64: String) -> String? {
        guard let raw = Data(base64Encoded: privateKeyBase64),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { return nil }
        return key.publicKey.rawRepresentation.base64EncodedString()
    }

    /// True when `base64` is an Ed25519 public key, so a key that could never verify a
    /// signature is refused when it is registered (2.8), not when a signature arrives.
    public static func isValidPublicKey(_ base64: String) -> Bool {
        guard let raw = Data(base64Encoded: base64) else { return false }
        return (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil
    }

    /// True when `signatureBase64` is a valid signature of `message` by `publicKeyBase64`.
    public static func verify(signatureBase64: String, of message: SigningMessage, publicKeyBase64: String) -> Bool {
        guard let rawKey = Data(base64Encoded: publicKeyBase64),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawKey),
            let signature = Data(base64Encoded: signatureBase64)
        else { return false }
        return key.isValidSignature(signature, for: message.bytes)
    }
}
