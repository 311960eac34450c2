import Synchronization

/// Opens once; whoever waits on it resumes then, or as soon as its own task is cancelled.
/// The deadline scheduler waits on one until the stores are prepared.
final class StartGate: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Lets every waiter through, now and from now on.
    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            let waiters = Array(state.waiters.values)
            state.waiters.removeAll()
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// True once ``open()`` has been called.
    var isOpen: Bool { state.withLock { $0.isOpen } }

    /// Returns once the gate is open, or at once when the calling task is cancelled (check
    /// ``isOpen`` to tell which).
    func wait() async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // Checked and registered under the lock that `open` and cancellation take.
                let passes = state.withLock { state in
                    if state.isOpen || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if passes { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
