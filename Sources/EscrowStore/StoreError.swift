public import EscrowCore

/// Why an event store refused or failed an operation.
///
/// The first two cases are answers a client acts on (retry after reloading, or fix its
/// key); the last two are faults of the storage itself.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Optimistic concurrency: another writer appended first, so the log no longer ends at
    /// `expected` but at `actual`. The client reloads, decides again and may retry.
    case sequenceConflict(escrowID: EscrowID, expected: Int64, actual: Int64)
    /// The idempotency key was already used for a command with a different digest.
    case idempotencyKeyReused(key: String)
    /// The storage could not be read or written (I/O, locking, a closed store); the reason
    /// is the underlying error's description.
    case unavailable(String)
    /// The storage holds something the store never writes (a malformed row, a damaged file).
    case corrupt(String)

    /// A plain sentence naming what went wrong.
    public var description: String {
        switch self {
        case .sequenceConflict(let escrowID, let expected, let actual):
            "Escrow \(escrowID) was expected to end at event \(expected) but ends at event \(actual): "
                + "another writer appended first."
        case .idempotencyKeyReused(let key):
            "Idempotency key \(key) was already used for a different command."
        case .unavailable(let reason):
            "The event store is unavailable: \(reason)"
        case .corrupt(let reason):
            "The event store is corrupt: \(reason)"
        }
    }
}
