import EscrowCore
import Foundation

extension Checkpoint {
    /// The checkpoint as the server's `Escrow-Checkpoint` header writes it:
    /// `escrow=ID; sequence=N; hash=HEX; key=BASE64; signature=BASE64`.
    public var headerValue: String {
        "escrow=\(escrow); sequence=\(sequence); hash=\(hash); key=\(publicKeyBase64); signature=\(signatureBase64)"
    }

    /// Reads an `Escrow-Checkpoint` header back; `nil` when any of the five fields is missing,
    /// repeated or malformed. Whether it verifies is ``CheckpointVerification``'s question.
    public init?(headerValue: String) {
        guard headerValue.utf8.count <= Limits.checkpointBytesMax else { return nil }
        var fields: [String: String] = [:]
        for part in headerValue.split(separator: ";") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let equals = trimmed.firstIndex(of: "=") else { return nil }
            let name = String(trimmed[..<equals])
            let value = String(trimmed[trimmed.index(after: equals)...])
            guard fields[name] == nil, !value.isEmpty else { return nil }
            fields[name] = value
        }
        guard fields.count == 5, let escrow = fields["escrow"], let sequenceText = fields["sequence"],
            let sequence = Int64(sequenceText), sequence >= 0, let hash = fields["hash"], let key = fields["key"],
            let signature = fields["signature"]
        else { return nil }
        self.init(escrow: escrow, sequence: sequence, hash: hash, publicKeyBase64: key, signatureBase64: signature)
    }
}
