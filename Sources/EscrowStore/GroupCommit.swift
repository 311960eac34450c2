import Synchronization

/// What one group commit did, for whoever watches the store (the server's metrics).
public struct CommitBatch: Sendable, Equatable {
    /// Appends handed to the store in this batch.
    public var appends: Int
    /// Those that failed (conflicts, reused keys, or the whole batch).
    public var failed: Int
    /// From handing the batch to the store to its answer: mostly the flush to disk.
    public var duration: Duration
}

/// Gathers appends from concurrent writers into batches, so that many commands share one
/// transaction and one flush to disk (group commit).
///
/// Appends are handed over without waiting (``submit(_:_:)``) and carried out strictly in
/// the order they were handed over. While one batch is being committed, the next one
/// gathers; nothing waits for a timer, so a lone writer is not slowed down.
final class GroupCommitter: Sendable {
    typealias Completion = @Sendable (Result<AppendResult, StoreError>) -> Void

    private enum Entry {
        case append(AppendRequest, Completion)
        /// Answered once every append handed over before it is answered.
        case barrier(@Sendable () -> Void)
    }

    private struct Queue {
        var waiting: [Entry] = []
        var committing = false
    }

    private let store: any EventStore
    private let queue = Mutex(Queue())
    private let uptime: @Sendable () -> ContinuousClock.Instant
    private let observers = Mutex<[@Sendable (CommitBatch) -> Void]>([])

    init(store: any EventStore, uptime: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.store = store
        self.uptime = uptime
    }

    /// Calls `observer` after every batch the store has answered.
    func observe(_ observer: @escaping @Sendable (CommitBatch) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    /// Queues `request`; `completion` is called once its batch is committed or has failed,
    /// before the completion of any append handed over after it.
    func submit(_ request: AppendRequest, _ completion: @escaping Completion) {
        enqueue(.append(request, completion))
    }

    /// Returns once every append handed over before the call has been answered.
    func barrier() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            enqueue(.barrier { done.resume() })
        }
    }

    /// How many appends wait for the next batch.
    var waitingCount: Int {
        queue.withLock { queue in
            queue.waiting.count { if case .append = $0 { true } else { false } }
        }
    }

    private func enqueue(_ entry: Entry) {
        let start = queue.withLock { queue in
            queue.waiting.append(entry)
            guard !queue.committing else { return false }
            queue.committing = true
            return true
        }
        if start {
            Task { await commitWhileWaiting() }
        }
    }

    /// Commits batches until nothing is left waiting.
    private func commitWhileWaiting() async {
        while true {
            let batch = queue.withLock { queue in
                let batch = queue.waiting
                queue.waiting.removeAll(keepingCapacity: true)
                if batch.isEmpty { queue.committing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            var requests: [AppendRequest] = []
            var completions: [Completion] = []
            var barriers: [@Sendable () -> Void] = []
            for entry in batch {
                switch entry {
                case .append(let request, let completion):
                    requests.append(request)
                    completions.append(completion)
                case .barrier(let done):
                    barriers.append(done)
                }
            }
            if !requests.isEmpty {
                let started = uptime()
                var results = await store.appendBatch(requests)
                if results.count != requests.count {
                    results = requests.map { _ in .failure(.unavailable("the store answered \(results.count) of \(requests.count) appends")) }
                }
                let batch = CommitBatch(
                    appends: requests.count, failed: results.count { if case .failure = $0 { true } else { false } },
                    duration: uptime() - started)
                for (completion, result) in zip(completions, results) {
                    completion(result)
                }
                for observer in observers.withLock({ $0 }) { observer(batch) }
            }
            // Every append of this batch is answered: so is every append before each barrier.
            for done in barriers { done() }
        }
    }
}
