import Foundation

extension CheckpointSigner {
    /// Reads the agent's key from `path` (one line: the base64 of the 32-byte Ed25519 private
    /// key), or, when no file is there, generates a key and writes it, readable by its owner only.
    public static func loadOrCreate(at path: String) throws(CheckpointKeyError) -> CheckpointSigner {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw .file(path: path, reason: "it cannot be read as UTF-8 text")
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.utf8.count <= 64, let raw = Data(base64Encoded: trimmed) else {
                throw .file(path: path, reason: "it does not hold a base64 Ed25519 private key")
            }
            do { return try CheckpointSigner(rawRepresentation: raw) } catch {
                throw .file(path: path, reason: "\(error)")
            }
        }
        let signer = CheckpointSigner.generate()
        let created = manager.createFile(
            atPath: path, contents: Data((signer.privateKeyBase64 + "\n").utf8), attributes: [.posixPermissions: 0o600])
        guard created else { throw .file(path: path, reason: "it cannot be created") }
        return signer
    }

    /// The key file kept beside an SQLite database: `escrow.db` keeps its key in `escrow.db.agent-key`.
    public static func keyPath(besideDatabase path: String) -> String { path + ".agent-key" }
}
