public import EscrowCore

/// One append in a batch handed to ``EventStore/appendBatch(_:)``: the same check and
/// write as ``EventStore/append(_:to:expectedLastSequence:idempotency:)``, plus an optional
/// check of the last event's hash.
///
/// The hash check binds a decision to the exact log it was made against. A writer that
/// decides against events not yet committed (its own earlier appends in the same batch)
/// knows their hashes in advance, because hashing is deterministic; if one of those appends
/// did not happen as assumed, the next one fails as a conflict even when another writer
/// happens to have brought the log to the expected length.
public struct AppendRequest: Sendable {
    /// The events to append, in order; all of them are written or none.
    public var events: [NewEvent]
    /// The escrow whose log they extend.
    public var escrowID: EscrowID
    /// The sequence the log must end at, 0 for an empty log.
    public var expectedLastSequence: Int64
    /// The hash the log's last event must have (``EventHash/genesis`` for an empty log);
    /// `nil` checks the sequence only.
    public var expectedLastHash: String?
    /// The command's key, checked and recorded in the same transaction as the append, so a
    /// retried command is answered instead of applied twice; `nil` for no key.
    public var idempotency: IdempotencyKey?

    /// Creates one append of a batch.
    public init(
        _ events: [NewEvent], to escrowID: EscrowID, expectedLastSequence: Int64, expectedLastHash: String? = nil,
        idempotency: IdempotencyKey? = nil
    ) {
        self.events = events
        self.escrowID = escrowID
        self.expectedLastSequence = expectedLastSequence
        self.expectedLastHash = expectedLastHash
        self.idempotency = idempotency
    }
}

/// What one append of a batch did: its outcome and, when it wrote, the events as stored.
public struct AppendResult: Sendable, Equatable {
    /// Whether the events were written now or the key's first answer was replayed.
    public var outcome: AppendOutcome
    /// The events written now, with their sequences and hashes; empty for a replay.
    public var recorded: [RecordedEvent]

    /// Creates a result as a store reports it.
    public init(outcome: AppendOutcome, recorded: [RecordedEvent]) {
        self.outcome = outcome
        self.recorded = recorded
    }
}

extension AppendRequest {
    /// The check every store makes before writing, once it holds the log's last sequence
    /// and hash: throws ``StoreError/sequenceConflict(escrowID:expected:actual:)`` when the
    /// log has moved on from what the caller decided against.
    public func checkLog(lastSequence: Int64, lastHash: String) throws(StoreError) {
        guard lastSequence == expectedLastSequence, expectedLastHash.map({ $0 == lastHash }) ?? true else {
            throw .sequenceConflict(escrowID: escrowID, expected: expectedLastSequence, actual: lastSequence)
        }
    }
}
