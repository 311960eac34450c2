import EscrowCore
import Crypto
import Foundation

/// Uploaded documents on disk, each under the SHA-256 of its bytes, so the same bytes are
/// kept once and a hash in the log always names the file that produced it.
struct DocumentStore: Sendable {
    let directory: URL

    init(path: String) {
        directory = URL(fileURLWithPath: path, isDirectory: true)
    }

    static func sha256(_ data: Data) -> String {
        SHA256Hex.of(data)
    }

    static func isHash(_ text: String) -> Bool {
        text.count == 64 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    func url(_ sha256: String) -> URL { directory.appendingPathComponent(sha256) }

    /// Writes the bytes beside their final place; ``commit(_:)`` moves them in once the log
    /// has recorded the document, ``discard(_:)`` removes them when it refused it.
    func stage(_ data: Data) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let staged = directory.appendingPathComponent(".staged-\(UUID().uuidString)")
        try data.write(to: staged, options: .atomic)
        return staged
    }

    func commit(_ staged: URL, sha256: String) throws {
        let target = url(sha256)
        if FileManager.default.fileExists(atPath: target.path) {
            try? FileManager.default.removeItem(at: staged)
        } else {
            try FileManager.default.moveItem(at: staged, to: target)
        }
    }

    func discard(_ staged: URL) { try? FileManager.default.removeItem(at: staged) }

    func read(_ sha256: String) -> Data? {
        guard Self.isHash(sha256) else { return nil }
        return FileManager.default.contents(atPath: url(sha256).path)
    }
}
