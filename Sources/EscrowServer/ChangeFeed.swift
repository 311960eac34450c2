import EscrowCore
import Foundation
import Synchronization

/// Tells listeners that an escrow's log grew, so server-sent event streams read the new
/// events from the store (which stays the only source of truth).
final class ChangeFeed: Sendable {
    private let subscribers = Mutex<[UInt64: AsyncStream<EscrowID>.Continuation]>([:])
    private let nextID = Atomic<UInt64>(0)

    /// A stream of escrow ids that changed, and a way to end it early (at shutdown).
    struct Subscription: Sendable {
        var stream: AsyncStream<EscrowID>
        var finish: @Sendable () -> Void
    }

    /// Subscribes; the stream ends when ``Subscription/finish`` is called or the caller stops iterating.
    func subscription() -> Subscription {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<EscrowID>.makeStream(bufferingPolicy: .bufferingNewest(64))
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        subscribers.withLock { $0[id] = continuation }
        return Subscription(stream: stream) { continuation.finish() }
    }

    func publish(_ escrowID: EscrowID) {
        let all = subscribers.withLock { Array($0.values) }
        for continuation in all { continuation.yield(escrowID) }
    }
}
