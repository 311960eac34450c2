import EscrowCore
import EscrowStore
import EscrowTesting
import Foundation

extension ReferenceDealPlayer {
    /// Opens the escrow and takes every purchaser's wire. With `readyToRelease`, plays on to an
    /// effective Release Notice, so that the next `release` pays out.
    func prepare(readyToRelease: Bool) async throws {
        try await play(through: readyToRelease ? .readyToRelease : .funded)
    }
}
