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

    private let lanes = Mutex<[EscrowID: Lane]>([:])

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

    /// The head including pending appends; `nil` when none is pending. Called in turn.
    func head(_ id: EscrowID) -> Head? {
        lanes.withLock { $0[id]?.head }
    }

    /// Records an append handed to the committer, and the head it leads to. Called in turn.
    func submitted(_ id: EscrowID, leadingTo head: Head) {
        lanes.withLock { lanes in
            lanes[id, default: Lane()].head = head
            lanes[id, default: Lane()].pending += 1
        }
    }

    /// Records the answer to a pending append. A failed one (or a replay, which wrote
    /// nothing) makes the head untrustworthy: it is dropped, and the appends decided on top
    /// of it fail their hash check and are decided again.
    func answered(_ id: EscrowID, trustworthy: Bool) {
        lanes.withLock { lanes in
            guard var lane = lanes[id] else { return }
            lane.pending -= 1
            if !trustworthy || lane.pending == 0 { lane.head = nil }
            lanes[id] = lane.pending == 0 && !lane.deciding ? nil : lane
        }
    }
}
