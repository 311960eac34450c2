import EscrowCore

/// Folded escrow states kept in memory between commands, evicting the least recently used
/// beyond `capacity`. An entry is only ever a verified prefix of the log; the service brings
/// it up to date before deciding anything.
actor StateCache {
    struct Entry: Sendable {
        var state: EscrowState
        var lastSequence: Int64
        var lastHash: String
    }

    private let capacity: Int
    private var entries: [EscrowID: Entry] = [:]
    private var recency: [EscrowID] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    func entry(_ id: EscrowID) -> Entry? {
        guard let entry = entries[id] else { return nil }
        touch(id)
        return entry
    }

    func store(_ entry: Entry, for id: EscrowID) {
        // A slower writer must not replace a newer fold with an older one.
        if let existing = entries[id], existing.lastSequence > entry.lastSequence { return }
        entries[id] = entry
        touch(id)
        while recency.count > capacity {
            entries[recency.removeFirst()] = nil
        }
    }

    func remove(_ id: EscrowID) {
        entries[id] = nil
        recency.removeAll { $0 == id }
    }

    private func touch(_ id: EscrowID) {
        recency.removeAll { $0 == id }
        recency.append(id)
    }
}
