import Synchronization

/// Gathers appends from concurrent writers into batches, so that many commands share one
/// transaction and one flush to disk (group commit).
///
/// Appends are handed over without waiting (``submit(_:_:)``) and carried out strictly in
/// the order they were handed over. While one batch is being committed, the next one
/// gathers; nothing waits for a timer, so a lone writer is not slowed down.
final class GroupCommitter: Sendable {
    typealias Completion = @Sendable (Result<AppendResult, StoreError>) -> Void

    private struct Queue {
        var waiting: [(request: AppendRequest, completion: Completion)] = []
        var committing = false
    }

    private let store: any EventStore
    private let queue = Mutex(Queue())

    init(store: any EventStore) {
        self.store = store
    }

    /// Queues `request`; `completion` is called once its batch is committed or has failed.
    func submit(_ request: AppendRequest, _ completion: @escaping Completion) {
        let start = queue.withLock { queue in
            queue.waiting.append((request, completion))
            guard !queue.committing else { return false }
            queue.committing = true
            return true
        }
        if start {
            Task { await commitWhileWaiting() }
        }
    }

    /// How many appends wait for the next batch.
    var waitingCount: Int { queue.withLock { $0.waiting.count } }

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
            var results = await store.appendBatch(batch.map(\.request))
            if results.count != batch.count {
                results = batch.map { _ in .failure(.unavailable("the store answered \(results.count) of \(batch.count) appends")) }
            }
            for (entry, result) in zip(batch, results) {
                entry.completion(result)
            }
        }
    }
}
