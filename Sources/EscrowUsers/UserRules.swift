import EscrowCore
package import Foundation

/// What every user directory does the same way: identifiers, secrets, hashes, instants and
/// the sentences of its refusals, so both stores refuse alike.
package enum UserRules {
    /// Why an identifier was refused.
    package static let invalidIdentifier = "user id must be 1 to 128 letters, digits, '-', '_', '.' or '@'"
    /// Why a check by the maker was refused.
    package static let makerCannotCheck = "the agent user who made the request cannot also check it; a second agent user must"

    /// Why a grant to an agent user was refused.
    package static func agentHasNoParty(_ userID: String) -> String {
        "\(userID) is an agent user; only party users are tied to a party"
    }

    /// True for an id of 1 to 128 letters, digits, `-`, `_`, `.` or `@`.
    package static func validIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 128 && text.allSatisfy { $0.isLetter || $0.isNumber || "-_.@".contains($0) }
    }

    /// Instants are stored as whole milliseconds since 1970.
    package static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    package static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000) }

    /// A new token: its id (`tok_…`), its secret (`esk_…`, shown once) and the hash that is kept.
    package static func newToken() -> (id: String, secret: String, hash: String) {
        let secret = "esk_" + randomHex(bytes: 32)
        return ("tok_" + randomHex(bytes: 8), secret, hash(secret))
    }

    /// A new approval id (`apr_…`).
    package static func newApprovalID() -> String { "apr_" + randomHex(bytes: 8) }

    /// The SHA-256 of a secret, as kept in place of the secret.
    package static func hash(_ secret: String) -> String {
        SHA256Hex.of(Data(secret.utf8))
    }

    /// `count` random bytes from the system's generator, as lowercase hex.
    package static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return SHA256Hex.hex((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
