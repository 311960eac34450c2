public import EscrowCore
public import Foundation

/// The application layer: loads an escrow's log, folds it, lets ``EscrowDecider`` decide,
/// and appends the result under optimistic concurrency and idempotency keys.
///
/// Every front end (command line, server, scheduler) goes through this one type, so no rule
/// exists twice.
public struct EscrowService: Sendable {
    /// The event log every command is appended to and every state is folded from.
    public let store: any EventStore
    /// How often a command is re-decided when another writer appended first. Servers that
    /// share one database contend for a busy escrow's head: each round one of them wins, and a
    /// command is decided again on the state that includes the winner's events, so it is
    /// answered on its merits; after the second round, with a random pause of up to 20 ms
    /// (about five seconds in all). Only a command that loses this many rounds in a row fails, as
    /// ``StoreError/sequenceConflict(escrowID:expected:actual:)`` (the server answers 503 with
    /// `Retry-After`, never a refusal).
    public var conflictRetriesMax = 400

    /// Folded states of recently used escrows, so a command reads and folds only the events
    /// appended since, not the whole log.
    let cache: StateCache
    /// Decides commands to one escrow in turn, on top of the appends still pending.
    let lanes = WriteLanes()
    /// Commits the appends of concurrent commands together.
    let committer: GroupCommitter

    /// How long a cached state may go without looking for events appended by other
    /// processes. Zero (the default) looks on every call; a server that shares its log with
    /// other writers may allow a few milliseconds. Commands are safe either way: an append
    /// decided against a state that missed another writer's events fails its check and is
    /// decided again against the log as it is.
    let externalWritesLag: Duration
    /// The monotonic clock that ages cached states.
    let uptime: @Sendable () -> ContinuousClock.Instant

    /// A service over `store`, keeping up to `cachedEscrowsMax` folded states in memory.
    public init(
        store: any EventStore, cachedEscrowsMax: Int = 1_024, externalWritesLag: Duration = .zero,
        uptime: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.store = store
        self.cache = StateCache(capacity: cachedEscrowsMax)
        self.committer = GroupCommitter(store: store, uptime: uptime)
        self.externalWritesLag = externalWritesLag
        self.uptime = uptime
    }

    /// What a command did: the events it recorded now, or the ones a retry is answered with.
    public struct Outcome: Sendable {
        /// The events as stored, with their sequences and hashes.
        public var events: [RecordedEvent]
        /// The same events as domain events, in the same order.
        public var domainEvents: [EscrowEvent]
        /// True when the idempotency key was seen before and nothing new was written.
        public var replayed: Bool
        /// The escrow's state with the command's events in (for a replay, its state now).
        public var state: EscrowState
    }

    /// 1.1: opens an escrow under validated terms.
    public func open(
        _ escrowID: EscrowID, terms: AgreementTerms, at now: Date, idempotencyKey: String? = nil
    ) async throws(ServiceError) -> Outcome {
        let opened = try refusalAware { () throws(EscrowRefusal) in try EscrowDecider.open(escrowID: escrowID, terms: terms, at: now) }
        let key = idempotencyKey.map { IdempotencyKey(key: $0, commandDigest: EventCoding.digest(of: terms)) }
        let event = try Self.newEvent(opened, of: escrowID)
        let outcome: AppendOutcome
        do {
            outcome = try await store.append([event], to: escrowID, expectedLastSequence: 0, idempotency: key)
        } catch .sequenceConflict {
            throw .refused(EscrowRefusal(.escrowExists(escrowID), terms: terms))
        } catch {
            throw .store(error)
        }
        let (state, events) = try await load(escrowID)
        let first = Array(events.prefix(1))
        return Outcome(events: first, domainEvents: try Self.decode(first), replayed: Self.isReplay(outcome), state: state)
    }

    /// Calls `observer` after every group commit, with how many appends it carried and how
    /// long the store took; the server turns these into metrics.
    public func observeCommits(_ observer: @escaping @Sendable (CommitBatch) -> Void) {
        committer.observe(observer)
    }

    /// The escrow's state now and the sequence of its last event, from the cache when it is
    /// warm: only events appended since the last call are read, verified and folded; none
    /// are looked for when the cache looked less than ``externalWritesLag`` ago.
    public func state(of escrowID: EscrowID) async throws(ServiceError) -> (state: EscrowState, lastSequence: Int64) {
        let entry = try await current(escrowID, lag: externalWritesLag).entry
        return (entry.state, entry.lastSequence)
    }

    /// As ``state(of:)``, with the hash of the escrow's last event too: what a reader needs
    /// to continue the fold with ``events(of:after:hash:)``.
    public func head(of escrowID: EscrowID) async throws(ServiceError) -> (state: EscrowState, lastSequence: Int64, lastHash: String) {
        let entry = try await current(escrowID, lag: externalWritesLag).entry
        return (entry.state, entry.lastSequence, entry.lastHash)
    }

    /// The events appended after `sequence`, read from the store, verified against `hash` (the
    /// hash of the event at `sequence`, ``EventHash/genesis`` for 0) and decoded: what a reader
    /// that holds a fold up to `sequence` needs to bring it up to date, without the rest of
    /// the log.
    public func events(
        of escrowID: EscrowID, after sequence: Int64, hash: String
    ) async throws(ServiceError) -> (records: [RecordedEvent], events: [EscrowEvent]) {
        let newer = try await storeCall { () async throws(StoreError) in try await store.events(of: escrowID, after: sequence) }
        guard !newer.isEmpty else { return ([], []) }
        let report = ChainVerifier.verify(newer, after: sequence, previousHash: hash)
        if let broken = report.firstBroken {
            throw .corrupt("event \(broken.sequence) of \(escrowID) fails verification: \(broken)")
        }
        return (newer, try Self.decode(newer))
    }

    /// The escrow's state now: the cached fold brought up to date with the events appended
    /// since (by this process or any other), each verified against the chain. Within `lag`
    /// of the last look at the log, the cached fold is taken as it is.
    /// Also returns the events it read to get there (the whole log when the cache was cold).
    func current(_ escrowID: EscrowID, lag: Duration = .zero) async throws(ServiceError) -> (entry: StateCache.Entry, read: [RecordedEvent]) {
        let now = uptime()
        guard let cached = cache.entry(escrowID) else {
            let (state, records) = try await load(escrowID)
            let entry = StateCache.Entry(
                state: state, lastSequence: records.last?.sequence ?? 0, lastHash: records.last?.hash ?? EventHash.genesis, syncedAt: now)
            cache.store(entry, for: escrowID)
            return (entry, records)
        }
        if lag > .zero, now - cached.syncedAt < lag { return (cached, []) }
        let newer: [RecordedEvent]
        let decoded: [EscrowEvent]
        do { (newer, decoded) = try await events(of: escrowID, after: cached.lastSequence, hash: cached.lastHash) } catch {
            if case .corrupt = error { cache.remove(escrowID) }
            throw error
        }
        guard let last = newer.last else {
            cache.synced(escrowID, lastSequence: cached.lastSequence, at: now)
            return (cached, [])
        }
        var state = cached.state
        do {
            for event in decoded { try state.apply(event) }
        } catch {
            cache.remove(escrowID)
            throw .corrupt("escrow \(escrowID): \(error)")
        }
        let entry = StateCache.Entry(state: state, lastSequence: last.sequence, lastHash: last.hash, syncedAt: now)
        cache.store(entry, for: escrowID)
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
        guard let state = try Self.fold(events, escrowID) else { throw .corrupt("escrow \(escrowID) does not start with its opening") }
        return (state, records)
    }

    /// Folds a verified history, reporting a history the rules could not have written as corrupt.
    static func fold(_ events: [EscrowEvent], _ escrowID: EscrowID) throws(ServiceError) -> EscrowState? {
        do { return try EscrowState.fold(events) } catch { throw .corrupt("escrow \(escrowID): \(error)") }
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

    /// An event encoded for the store. An event that cannot be encoded (an instant that is not
    /// a finite number) is reported as ``ServiceError/corrupt(_:)`` naming it; nothing of the
    /// command is written.
    static func newEvent(_ event: EscrowEvent, of escrowID: EscrowID) throws(ServiceError) -> NewEvent {
        do {
            return NewEvent(type: event.type, payload: try event.payload(), recordedAt: event.at)
        } catch {
            throw .corrupt("escrow \(escrowID): the \(event.type) event cannot be encoded (\(error)); nothing was written")
        }
    }

    /// Every event of one append encoded, or none: the first that cannot be encoded stops the
    /// whole append before anything reaches the store.
    static func newEvents(_ events: [EscrowEvent], of escrowID: EscrowID) throws(ServiceError) -> [NewEvent] {
        var encoded: [NewEvent] = []
        encoded.reserveCapacity(events.count)
        for event in events { encoded.append(try newEvent(event, of: escrowID)) }
        return encoded
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
