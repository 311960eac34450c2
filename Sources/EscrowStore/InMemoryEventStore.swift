import EscrowCore

/// An event store held in memory, for unit tests of code that appends and reads events.
///
/// It follows the same rules as the durable stores and passes the same conformance tests;
/// it keeps nothing once released.
public actor InMemoryEventStore: EventStore {
    private var logs: [EscrowID: [RecordedEvent]] = [:]
    private var idempotencyRecords: [EscrowID: [String: IdempotencyRecord]] = [:]

    /// Creates an empty store.
    public init() {}

    /// See ``EventStore/append(_:to:expectedLastSequence:idempotency:)``.
    public func append(
        _ events: [NewEvent],
        to escrowID: EscrowID,
        expectedLastSequence: Int64,
        idempotency: IdempotencyKey?
    ) throws(StoreError) -> AppendOutcome {
        if let idempotency, let record = idempotencyRecords[escrowID]?[idempotency.key] {
            guard record.commandDigest == idempotency.commandDigest else {
                throw .idempotencyKeyReused(key: idempotency.key)
            }
            return .replayed(record.sequences)
        }
        let log = logs[escrowID, default: []]
        let lastSequence = log.last?.sequence ?? 0
        guard lastSequence == expectedLastSequence else {
            throw .sequenceConflict(escrowID: escrowID, expected: expectedLastSequence, actual: lastSequence)
        }
        let recorded = RecordedEvent.chaining(
            events,
            to: escrowID,
            after: lastSequence,
            previousHash: log.last?.hash ?? EventHash.genesis
        )
        let sequences = recorded.isEmpty ? nil : (lastSequence + 1)...(lastSequence + Int64(recorded.count))
        if !recorded.isEmpty {
            logs[escrowID, default: []].append(contentsOf: recorded)
        }
        if let idempotency {
            idempotencyRecords[escrowID, default: [:]][idempotency.key] = IdempotencyRecord(
                commandDigest: idempotency.commandDigest,
                sequences: sequences
            )
        }
        return .appended(sequences)
    }

    /// See ``EventStore/idempotencyRecord(escrowID:key:)``.
    public func idempotencyRecord(escrowID: EscrowID, key: String) -> IdempotencyRecord? {
        idempotencyRecords[escrowID]?[key]
    }

    /// See ``EventStore/events(of:after:)``.
    public func events(of escrowID: EscrowID, after sequence: Int64) -> [RecordedEvent] {
        // Sequences are gapless from 1, so the event with sequence s sits at index s - 1.
        let log = logs[escrowID, default: []]
        let start = Int(clamping: max(0, sequence))
        return start < log.count ? Array(log[start...]) : []
    }

    /// See ``EventStore/lastSequence(of:)``.
    public func lastSequence(of escrowID: EscrowID) -> Int64 {
        logs[escrowID]?.last?.sequence ?? 0
    }

    /// See ``EventStore/escrowIDs()``.
    public func escrowIDs() -> [EscrowID] {
        logs.keys.sorted()
    }
}
