public import Foundation
import Synchronization

/// The server's source of time: the instant a command happens and a way to wait for one.
///
/// Every route and the deadline scheduler read time here, never from the system directly,
/// so a test can run the 2005 reference deal and move the clock past a deadline by hand.
public protocol EscrowClock: Sendable {
    /// The current instant, in whole milliseconds (the precision events keep).
    func now() -> Date
    /// Returns once `now() >= deadline`; throws `CancellationError` when the task is cancelled.
    func sleep(until deadline: Date) async throws
}

extension EscrowClock {
    /// Trims an instant to whole milliseconds, so a hashed event time reads back unchanged.
    static func wholeMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}

/// The wall clock.
public struct SystemEscrowClock: EscrowClock {
    /// The system clock.
    public init() {}

    /// The current instant, in whole milliseconds.
    public func now() -> Date { Self.wholeMilliseconds(Date()) }

    /// Returns once the clock reaches `deadline`; throws `CancellationError` when cancelled.
    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSince(Date())
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
    }
}

/// A clock that moves only when told to; sleepers wake when it reaches their instant.
public final class ManualEscrowClock: EscrowClock {
    private struct Sleeper: Sendable {
        var id: UInt64
        var until: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State: Sendable {
        var now: Date
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
    }

    private let state: Mutex<State>

    /// A clock standing at `now`.
    public init(now: Date) { state = Mutex(State(now: Self.wholeMilliseconds(now))) }

    /// The current instant, in whole milliseconds.
    public func now() -> Date { state.withLock { $0.now } }

    /// The number of tasks waiting in ``sleep(until:)``, so a test can wait until a
    /// service has gone to sleep before it moves the clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Moves the clock to `date` (never backwards) and wakes every sleeper now due.
    public func advance(to date: Date) {
        let due: [Sleeper] = state.withLock { state in
            if date > state.now { state.now = Self.wholeMilliseconds(date) }
            let now = state.now
            let due = state.sleepers.filter { $0.until <= now }
            state.sleepers.removeAll { $0.until <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Returns once the clock reaches `deadline`; throws `CancellationError` when cancelled.
    public func sleep(until deadline: Date) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeAt: Bool? = state.withLock { state in
                    if Task.isCancelled { return false }
                    if state.now >= deadline { return true }
                    state.sleepers.append(Sleeper(id: id, until: deadline, continuation: continuation))
                    return nil
                }
                switch resumeAt {
                case true?: continuation.resume()
                case false?: continuation.resume(throwing: CancellationError())
                case nil: break
                }
            }
        } onCancel: {
            let sleeper: Sleeper? = state.withLock { state in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }
}
