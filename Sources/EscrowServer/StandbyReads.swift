public import EscrowStore

/// Reads from a standby: a second ``EscrowService`` over a copy of the log that may be behind
/// the primary (``StandbyEventStore``), used only for the reads a caller allows to be stale.
///
/// The server never hands this service a command: every write goes through the primary's
/// service, and the standby's store refuses appends besides. A read goes to the standby only
/// when the caller states the staleness it accepts (`Escrow-Max-Staleness`), the standby
/// measures itself within it, and it has replayed at least the sequence the caller asks for
/// (`Escrow-Min-Sequence`) and every sequence this server has already seen of the escrow;
/// otherwise, or when the standby does not answer within ``answerTimeout``, the primary answers.
public struct StandbyReads: Sendable {
    /// The folded states read from the standby, cached as the primary's are.
    public let service: EscrowService
    /// Measures how far behind the standby may be.
    let store: any StandbyEventStore
    /// How long a read waits for the standby before it goes to the primary instead.
    public var answerTimeout: Duration = .seconds(2)

    /// Reads from `store`, keeping up to `cachedEscrowsMax` folded states of its own.
    public init(store: any StandbyEventStore, cachedEscrowsMax: Int = 1_024) {
        self.store = store
        self.service = EscrowService(store: store, cachedEscrowsMax: cachedEscrowsMax)
    }

    /// How far behind the standby may be now; `nil` when it cannot tell.
    func staleness() async throws(StoreError) -> Duration? {
        try await store.staleness()
    }

    /// Runs `body`, or answers `nil` when it fails or takes longer than ``answerTimeout``: a
    /// standby that is slow or gone sends the read to the primary rather than holding it.
    func attempt<T: Sendable>(_ body: @escaping @Sendable () async throws -> T?) async -> T? {
        let limit = answerTimeout
        return await withTaskGroup(of: T?.self) { group in
            group.addTask { try? await body() }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
