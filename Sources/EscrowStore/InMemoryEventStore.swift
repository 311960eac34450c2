public import EscrowCore

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
        try apply(AppendRequest(events, to: escrowID, expectedLastSequence: expectedLastSequence, idempotency: idempotency)).outcome
    }

    /// See ``EventStore/appendBatch(_:)``. Nothing here can fail as a whole, so each append
    /// stands or falls on its own checks.
    public func appendBatch(_ requests: [AppendRequest]) -> [Result<AppendResult, StoreError>] {
        requests.map { request in Result { () throws(StoreError) in try apply(request) } }
    }

    private func apply(_ request: AppendRequest) throws(StoreError) -> AppendResult {
        let escrowID = request.escrowID
        if let idempotency = request.idempotency, let record = idempotencyRecords[escrowID]?[idempotency.key] {
            guard record.commandDigest == idempotency.commandDigest else {
                throw .idempotencyKeyReused(key: idempotency.key)
            }
            return AppendResult(outcome: .replayed(record.sequences), recorded: [])
        }
        let log = logs[escrowID, default: []]
        let lastSequence = log.last?.sequence ?? 0
        let lastHash = log.last?.hash ?? EventHash.genesis
        try request.checkLog(lastSequence: lastSequence, lastHash: lastHash)
        let recorded = RecordedEvent.chaining(request.events, to: escrowID, after: lastSequence, previousHash: lastHash)
        let sequences = recorded.isEmpty ? nil : (lastSequence + 1)...(lastSequence + Int64(recorded.count))
        if !recorded.isEmpty {
            logs[escrowID, default: []].append(contentsOf: recorded)
        }
        if let idempotency = request.idempotency {
            idempotencyRecords[escrowID, default: [:]][idempotency.key] = IdempotencyRecord(
                commandDigest: idempotency.commandDigest,
                sequences: sequences
            )
        }
        return AppendResult(outcome: .appended(sequences), recorded: recorded)
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
