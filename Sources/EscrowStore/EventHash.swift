public import EscrowCore
public import Foundation
import Crypto

/// The hash that chains each stored event to its predecessor, making the log tamper-evident.
///
/// The hash is SHA-256 over this byte string, in this order:
///
/// 1. the ASCII tag `escrow-event-v1`, so a future encoding cannot be mistaken for this one;
/// 2. the escrow ID, as UTF-8;
/// 3. the sequence, as 8 bytes, big-endian two's complement;
/// 4. the type name, as UTF-8;
/// 5. the record time in milliseconds since 1970, as 8 bytes, big-endian two's complement;
/// 6. the previous event's hash, as its 64 lowercase hex characters in ASCII;
/// 7. the payload bytes, as stored.
///
/// Each of the seven fields is preceded by its length in bytes as 8 bytes, big-endian
/// unsigned, so no two different events encode to the same bytes (`"ab" + "c"` and
/// `"a" + "bc"` differ). The result is written as 64 lowercase hex characters.
/// Nothing else about the event (its storage row, the idempotency key that produced it)
/// is covered.
public enum EventHash {
    /// The `previousHash` of an escrow's first event: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    /// The encoding tag, the first hashed field.
    static let encodingTag = "escrow-event-v1"

    /// Computes an event's hash over the fields listed in ``EventHash``.
    public static func compute(
        escrowID: EscrowID,
        sequence: Int64,
        type: String,
        recordedAtMilliseconds: Int64,
        previousHash: String,
        payload: Data
    ) -> String {
        var hasher = SHA256()
        hasher.appendField(encodingTag)
        hasher.appendField(escrowID.rawValue)
        hasher.appendField(sequence)
        hasher.appendField(type)
        hasher.appendField(recordedAtMilliseconds)
        hasher.appendField(previousHash)
        hasher.appendLength(payload.count)
        hasher.update(data: payload)
        return hexString(hasher.finalize())
    }

    /// Recomputes the hash of a stored event from its own fields.
    static func compute(for event: RecordedEvent) -> String {
        compute(
            escrowID: event.escrowID,
            sequence: event.sequence,
            type: event.type,
            recordedAtMilliseconds: event.recordedAtMilliseconds,
            previousHash: event.previousHash,
            payload: event.payload
        )
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lowercase hex, written by hand because the hash is computed once per appended and
    /// per verified event, and formatting through `String(format:)` costs more than SHA-256.
    private static func hexString(_ digest: SHA256.Digest) -> String {
        var characters: [UInt8] = []
        characters.reserveCapacity(SHA256.Digest.byteCount * 2)
        for byte in digest {
            characters.append(hexDigits[Int(byte >> 4)])
            characters.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}

extension SHA256 {
    /// Feeds a field's length as 8 bytes, big-endian.
    fileprivate mutating func appendLength(_ count: Int) {
        withUnsafeBytes(of: UInt64(count).bigEndian) { update(bufferPointer: $0) }
    }

    /// Feeds a length-prefixed UTF-8 string.
    fileprivate mutating func appendField(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            appendLength(bytes.count)
            update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }
    }

    /// Feeds a length-prefixed 8-byte big-endian integer.
    fileprivate mutating func appendField(_ value: Int64) {
        appendLength(MemoryLayout<Int64>.size)
        withUnsafeBytes(of: value.bigEndian) { update(bufferPointer: $0) }
    }
}
