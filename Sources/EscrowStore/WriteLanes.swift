import EscrowCore
import Synchronization

/// One lane per escrow: commands to the same escrow are decided one after another, each
/// against the state that includes the appends still waiting to be committed, so they can
/// share a group commit instead of conflicting with each other.
///
/// A lane's head (state, sequence and hash after its pending appends) exists only while
/// appends are pending; once the last one is answered the lane forgets it, and the next
/// command starts again from the verified state of the log.
final class WriteLanes: Sendable {
    /// The log as it will be once the pending appends are committed.
    struct Head: Sendable {
        var state: EscrowState
        var lastSequence: Int64
        var lastHash: String
    }

    private struct Lane {
        var deciding = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var head: Head?
        var pending = 0
    }

    private struct Lanes {
        var byEscrow: [EscrowID: Lane] = [:]
        /// How many pending appends, of any escrow, have failed or written other than decided.
        var failures = 0

        subscript(id: EscrowID) -> Lane? {
            get { byEscrow[id] }
            set { byEscrow[id] = newValue }
        }

        subscript(id: EscrowID, default lane: @autoclosure () -> Lane) -> Lane {
            get { byEscrow[id, default: lane()] }
            set { byEscrow[id] = newValue }
        }
    }

    private let lanes = Mutex(Lanes())

    init() {}

    /// Waits for the escrow's turn to decide, first come first served.
    func enter(_ id: EscrowID) async {
        await withCheckedContinuation { (turn: CheckedContinuation<Void, Never>) in
            let now = lanes.withLock { lanes in
                guard lanes[id, default: Lane()].deciding else {
                    lanes[id, default: Lane()].deciding = true
                    return true
                }
                lanes[id]?.waiters.append(turn)
                return false
            }
            if now { turn.resume() }
        }
    }

    /// Ends this command's turn: the next waiting command, if any, decides.
    func leave(_ id: EscrowID) {
        let next = lanes.withLock { lanes -> CheckedContinuation<Void, Never>? in
            guard var lane = lanes[id] else { return nil }
            if lane.waiters.isEmpty {
                lane.deciding = false
                lanes[id] = lane.pending == 0 ? nil : lane
                return nil
            }
            let next = lane.waiters.removeFirst()
            lanes[id] = lane
            return next
        }
        next?.resume()
    }

    /// The head including pending appends (`nil` when none is pending), and the count of
    /// failed appends so far, read together. A refusal decided on that head stands only if
    /// the count has not moved once the pending appends are all answered. Called in turn.
    func head(_ id: EscrowID) -> (head: Head?, failures: Int) {
        lanes.withLock { ($0[id]?.head, $0.failures) }
    }

    /// The count of failed appends so far (see ``head(_:)``).
    var failureCount: Int { lanes.withLock { $0.failures } }

    /// Records an append handed to the committer, and the head it leads to. Called in turn.
    func submitted(_ id: EscrowID, leadingTo head: Head) {
        lanes.withLock { lanes in
            lanes[id, default: Lane()].head = head
            lanes[id, default: Lane()].pending += 1
        }
    }

    /// Records the answer to a pending append, as soon as the committer gives it. A failed
    /// one (or a replay, which wrote nothing) makes the head untrustworthy: it is dropped,
    /// and the appends decided on top of it fail their hash check and are decided again.
    func answered(_ id: EscrowID, trustworthy: Bool) {
        lanes.withLock { lanes in
            if !trustworthy { lanes.failures += 1 }
            guard var lane = lanes[id] else { return }
            lane.pending -= 1
            if !trustworthy || lane.pending == 0 { lane.head = nil }
            lanes[id] = lane.pending == 0 && !lane.deciding ? nil : lane
        }
    }
}
