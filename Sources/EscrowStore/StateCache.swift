import EscrowCore
import Synchronization

/// Folded escrow states kept in memory between commands, evicting the least recently used
/// beyond `capacity`. An entry is only ever a verified prefix of the log; the service brings
/// it up to date before deciding anything.
final class StateCache: Sendable {
    struct Entry: Sendable {
        var state: EscrowState
        var lastSequence: Int64
        var lastHash: String
        /// When the log was last seen to end at `lastSequence` (read, or appended to).
        var syncedAt: ContinuousClock.Instant
    }

    private struct Contents {
        var entries: [EscrowID: Entry] = [:]
        var recency: [EscrowID] = []
    }

    private let capacity: Int
    private let contents = Mutex(Contents())

    init(capacity: Int) { self.capacity = max(1, capacity) }

    func entry(_ id: EscrowID) -> Entry? {
        contents.withLock { contents in
            guard let entry = contents.entries[id] else { return nil }
            Self.touch(id, in: &contents)
            return entry
        }
    }

    func store(_ entry: Entry, for id: EscrowID) {
        contents.withLock { contents in
            // A slower writer must not replace a newer fold with an older one.
            if let existing = contents.entries[id], existing.lastSequence > entry.lastSequence { return }
            contents.entries[id] = entry
            Self.touch(id, in: &contents)
            while contents.recency.count > capacity {
                contents.entries[contents.recency.removeFirst()] = nil
            }
        }
    }

    /// Records that the log was seen, at `instant`, still to end where the entry ends.
    func synced(_ id: EscrowID, lastSequence: Int64, at instant: ContinuousClock.Instant) {
        contents.withLock { contents in
            guard contents.entries[id]?.lastSequence == lastSequence else { return }
            contents.entries[id]?.syncedAt = instant
        }
    }

    func remove(_ id: EscrowID) {
        contents.withLock { contents in
            contents.entries[id] = nil
            contents.recency.removeAll { $0 == id }
        }
    }

    private static func touch(_ id: EscrowID, in contents: inout Contents) {
        if contents.recency.last == id { return }
        contents.recency.removeAll { $0 == id }
        contents.recency.append(id)
    }
}
