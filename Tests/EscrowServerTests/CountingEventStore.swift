import EscrowCore
import EscrowStore
import Synchronization

/// An event store that records what is read from it: each call of `events(of:after:)`, with
/// the sequence it asked after and how many events it got, and how often the escrows were
/// listed. Everything else is passed through.
final class CountingEventStore: EventStore {
    /// One read of a log.
    struct Read: Equatable, Sendable, CustomStringConvertible {
        var after: Int64
        var events: Int
        var description: String { "after \(after): \(events) events" }
    }

    let base: any EventStore
    private let recorded = Mutex<[Read]>([])
    private let listings = Mutex(0)

    init(_ base: any EventStore) { self.base = base }

    /// The reads since the store was made or last ``reset()``, in order.
    var reads: [Read] { recorded.withLock { $0 } }

    /// How many times ``escrowIDs()`` was called.
    var escrowListings: Int { listings.withLock { $0 } }

    /// Forgets the reads so far.
    func reset() { recorded.withLock { $0.removeAll() } }

    func events(of escrowID: EscrowID, after sequence: Int64) async throws(StoreError) -> [RecordedEvent] {
        let events = try await base.events(of: escrowID, after: sequence)
        recorded.withLock { $0.append(Read(after: sequence, events: events.count)) }
        return events
    }

    func append(
        _ events: [NewEvent], to escrowID: EscrowID, expectedLastSequence: Int64, idempotency: IdempotencyKey?
    ) async throws(StoreError) -> AppendOutcome {
        try await base.append(events, to: escrowID, expectedLastSequence: expectedLastSequence, idempotency: idempotency)
    }

    func appendBatch(_ requests: [AppendRequest]) async -> [Result<AppendResult, StoreError>] {
        await base.appendBatch(requests)
    }

    func idempotencyRecord(escrowID: EscrowID, key: String) async throws(StoreError) -> IdempotencyRecord? {
        try await base.idempotencyRecord(escrowID: escrowID, key: key)
    }

    func lastSequence(of escrowID: EscrowID) async throws(StoreError) -> Int64 {
        try await base.lastSequence(of: escrowID)
    }

    func escrowIDs() async throws(StoreError) -> [EscrowID] {
        listings.withLock { $0 += 1 }
        return try await base.escrowIDs()
    }
}
