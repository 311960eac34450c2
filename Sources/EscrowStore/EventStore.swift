public import EscrowCore

/// The durable, append-only, hash-chained log of events, one log per escrow.
///
/// Every implementation (in memory, SQLite, PostgreSQL) passes the same conformance
/// tests. The rules they share:
///
/// - Sequences start at 1 and are gapless per escrow.
/// - An append is all or nothing, and happens only if the log still ends at the sequence
///   the caller decided against (optimistic concurrency).
/// - An idempotency key is checked in the same transaction as the append, so a command is
///   applied at most once.
/// - Stored events are never updated or deleted; corrections are new events.
public protocol EventStore: Sendable {
    /// Appends `events` atomically (all or none) right after `expectedLastSequence`, and
    /// records the idempotency key, if any, in the same transaction.
    ///
    /// The key is checked first: seen with the same digest, the call writes nothing and
    /// returns ``AppendOutcome/replayed(_:)`` with the first answer, whatever
    /// `expectedLastSequence` says; seen with another digest, it throws
    /// ``StoreError/idempotencyKeyReused(key:)``. Otherwise the log must end at
    /// `expectedLastSequence` (0 for an empty log), even when `events` is empty, or the call
    /// throws ``StoreError/sequenceConflict(escrowID:expected:actual:)``.
    func append(
        _ events: [NewEvent],
        to escrowID: EscrowID,
        expectedLastSequence: Int64,
        idempotency: IdempotencyKey?
    ) async throws(StoreError) -> AppendOutcome

    /// Carries out several appends, in order, each checked and applied as
    /// ``append(_:to:expectedLastSequence:idempotency:)`` would, and commits them together:
    /// one transaction and one flush to disk for the whole batch.
    ///
    /// Each append succeeds or fails on its own: a conflict or a reused key fails that
    /// append only, and a later append in the batch sees the effects of the earlier ones.
    /// When the batch as a whole cannot be committed, every append fails with the same
    /// error. The answer has one result per request, in the order given.
    func appendBatch(_ requests: [AppendRequest]) async -> [Result<AppendResult, StoreError>]

    /// Looks an idempotency key up, so a caller can answer a retried command before it
    /// decides anything: `nil` when the key was never recorded for this escrow.
    func idempotencyRecord(escrowID: EscrowID, key: String) async throws(StoreError) -> IdempotencyRecord?

    /// The escrow's events with a sequence greater than `sequence`, in order (`after: 0`
    /// gives the whole log).
    func events(of escrowID: EscrowID, after sequence: Int64) async throws(StoreError) -> [RecordedEvent]

    /// The sequence of the escrow's last event, 0 when it has none.
    func lastSequence(of escrowID: EscrowID) async throws(StoreError) -> Int64

    /// Every escrow that has at least one event, in ascending order of ``EscrowID``.
    func escrowIDs() async throws(StoreError) -> [EscrowID]
}
