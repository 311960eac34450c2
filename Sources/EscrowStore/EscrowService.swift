import EscrowCore
public import Foundation

/// The application layer: loads an escrow's log, folds it, lets ``EscrowDecider`` decide,
/// and appends the result under optimistic concurrency and idempotency keys.
///
/// Every front end (command line, server, scheduler) goes through this one type, so no rule
/// exists twice.
public struct EscrowService: Sendable {
    public let store: any EventStore
    /// How often a command is re-decided when another writer appended first.
    public var conflictRetriesMax = 8

    /// Folded states of recently used escrows, so a command reads and folds only the events
    /// appended since, not the whole log.
    let cache: StateCache

    public init(store: any EventStore, cachedEscrowsMax: Int = 1_024) {
        self.store = store
        self.cache = StateCache(capacity: cachedEscrowsMax)
    }

    /// What a command did: the events it recorded now, or the ones a retry is answered with.
    public struct Outcome: Sendable {
        public var events: [RecordedEvent]
        /// True when the idempotency key was seen before and nothing new was written.
        public var replayed: Bool
        public var state: EscrowState
    }

    /// 1.1: opens an escrow under validated terms.
    public func open(
        _ escrowID: EscrowID, terms: AgreementTerms, at now: Date, idempotencyKey: String? = nil
    ) async throws(ServiceError) -> Outcome {
        let opened = try refusalAware { () throws(EscrowRefusal) in try EscrowDecider.open(escrowID: escrowID, terms: terms, at: now) }
        let key = idempotencyKey.map { IdempotencyKey(key: $0, commandDigest: EventCoding.digest(of: terms)) }
        let outcome: AppendOutcome
        do {
            outcome = try await store.append([Self.newEvent(opened)], to: escrowID, expectedLastSequence: 0, idempotency: key)
        } catch .sequenceConflict {
            throw .refused(EscrowRefusal(.alreadyDone, clause: "1.1", "escrow \(escrowID) already exists"))
        } catch {
            throw .store(error)
        }
        let (state, events) = try await load(escrowID)
        return Outcome(events: Array(events.prefix(1)), replayed: Self.isReplay(outcome), state: state)
    }

    /// Decides and records one command against the escrow's latest state.
    public func execute(
        _ command: EscrowCommand, on escrowID: EscrowID, at now: Date, idempotencyKey: String? = nil
    ) async throws(ServiceError) -> Outcome {
        let key = idempotencyKey.map { IdempotencyKey(key: $0, commandDigest: command.digest) }
        var attempt = 0
        while true {
            let current = try await current(escrowID).entry
            let state = current.state
            if let key, let record = try await storeCall({ () async throws(StoreError) in
                try await store.idempotencyRecord(escrowID: escrowID, key: key.key)
            }) {
                guard record.commandDigest == key.commandDigest else {
                    throw .store(.idempotencyKeyReused(key: key.key))
                }
                let answered = try await records(of: escrowID, in: record.sequences)
                return Outcome(events: answered, replayed: true, state: state)
            }
            let decided = try refusalAware { () throws(EscrowRefusal) in try EscrowDecider.handle(command, state: state, at: now) }
            let last = current.lastSequence
            let outcome: AppendOutcome
            do {
                outcome = try await store.append(decided.map(Self.newEvent), to: escrowID, expectedLastSequence: last, idempotency: key)
            } catch .sequenceConflict where attempt < conflictRetriesMax {
                // Another writer appended first: decide again against the newer state.
                attempt += 1
                continue
            } catch {
                throw .store(error)
            }
            // Bringing the cache up to date reads the events just written: they are the answer.
            let after = try await self.current(escrowID)
            var written: [RecordedEvent] = []
            if case .appended(let range?) = outcome {
                written = after.read.filter { range.contains($0.sequence) }
            }
            // A concurrent command may have brought the cache past these events already.
            if let range = outcome.sequences, written.count != range.count {
                written = try await records(of: escrowID, in: range)
            }
            return Outcome(events: written, replayed: Self.isReplay(outcome), state: after.entry.state)
        }
    }

    /// The escrow's state now and the sequence of its last event, from the cache when it is
    /// warm: only events appended since the last call are read, verified and folded.
    public func state(of escrowID: EscrowID) async throws(ServiceError) -> (state: EscrowState, lastSequence: Int64) {
        let entry = try await current(escrowID).entry
        return (entry.state, entry.lastSequence)
    }

    /// The escrow's state now: the cached fold brought up to date with the events appended
    /// since (by this process or any other), each verified against the chain.
    /// Also returns the events it read to get there (the whole log when the cache was cold).
    func current(_ escrowID: EscrowID) async throws(ServiceError) -> (entry: StateCache.Entry, read: [RecordedEvent]) {
        guard let cached = await cache.entry(escrowID) else {
            let (state, records) = try await load(escrowID)
            let entry = StateCache.Entry(state: state, lastSequence: records.last?.sequence ?? 0, lastHash: records.last?.hash ?? EventHash.genesis)
            await cache.store(entry, for: escrowID)
            return (entry, records)
        }
        let newer = try await storeCall { () async throws(StoreError) in try await store.events(of: escrowID, after: cached.lastSequence) }
        guard let last = newer.last else { return (cached, []) }
        let report = ChainVerifier.verify(newer, after: cached.lastSequence, previousHash: cached.lastHash)
        if let broken = report.firstBroken {
            await cache.remove(escrowID)
            throw .corrupt("event \(broken.sequence) of \(escrowID) fails verification: \(broken)")
        }
        var state = cached.state
        for event in try Self.decode(newer) { state.apply(event) }
        let entry = StateCache.Entry(state: state, lastSequence: last.sequence, lastHash: last.hash)
        await cache.store(entry, for: escrowID)
        return (entry, newer)
    }

    /// The stored events in a range (none for `nil`).
    func records(of escrowID: EscrowID, in range: ClosedRange<Int64>?) async throws(ServiceError) -> [RecordedEvent] {
        guard let range else { return [] }
        let tail = try await storeCall { () async throws(StoreError) in try await store.events(of: escrowID, after: range.lowerBound - 1) }
        return tail.filter { range.contains($0.sequence) }
    }

    /// Reads an escrow's whole log, checks its chain and folds it.
    public func load(_ escrowID: EscrowID) async throws(ServiceError) -> (EscrowState, [RecordedEvent]) {
        let records = try await storeCall { () async throws(StoreError) in try await store.events(of: escrowID, after: 0) }
        guard !records.isEmpty else { throw .notFound(escrowID) }
        let report = ChainVerifier.verify(records)
        if let broken = report.firstBroken {
            throw .corrupt("event \(broken.sequence) of \(escrowID) fails verification: \(broken)")
        }
        let events = try Self.decode(records)
        guard let state = EscrowState.fold(events) else { throw .corrupt("escrow \(escrowID) does not start with its opening") }
        return (state, records)
    }

    /// Decodes stored events into domain events.
    public static func decode(_ records: [RecordedEvent]) throws(ServiceError) -> [EscrowEvent] {
        var events: [EscrowEvent] = []
        events.reserveCapacity(records.count)
        for record in records {
            do { events.append(try EscrowEvent.decode(type: record.type, payload: record.payload)) } catch {
                throw .corrupt("event \(record.sequence) of \(record.escrowID) cannot be read: \(error)")
            }
        }
        return events
    }

    static func newEvent(_ event: EscrowEvent) -> NewEvent {
        NewEvent(type: event.type, payload: event.payload(), recordedAt: event.at)
    }

    static func isReplay(_ outcome: AppendOutcome) -> Bool {
        if case .replayed = outcome { return true }
        return false
    }

    func refusalAware<T>(_ body: () throws(EscrowRefusal) -> T) throws(ServiceError) -> T {
        do { return try body() } catch { throw .refused(error) }
    }

    func storeCall<T>(_ body: () async throws(StoreError) -> T) async throws(ServiceError) -> T {
        do { return try await body() } catch { throw .store(error) }
    }
}

/// Why the service could not carry a command out.
public enum ServiceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The agreement refuses it; nothing changed.
    case refused(EscrowRefusal)
    case notFound(EscrowID)
    case store(StoreError)
    /// The log does not verify or cannot be read.
    case corrupt(String)

    public var description: String {
        switch self {
        case .refused(let refusal): refusal.description
        case .notFound(let id): "there is no escrow '\(id)'"
        case .store(let error): error.description
        case .corrupt(let reason): reason
        }
    }
}
