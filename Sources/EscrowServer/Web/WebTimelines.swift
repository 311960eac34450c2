import EscrowCore
import EscrowStore
import Synchronization

/// Each escrow's timeline as each kind of viewer sees it, kept between requests and brought
/// up to date with the events appended since (verified against the chain), so a page of an
/// escrow with a long log reads and folds only what is new.
///
/// Every line is summarised against the escrow as it was just before its event, as the JSON
/// timeline is; the fold that carries that state forward is kept with the lines. Agent users
/// share one timeline (they see every line alike); each party has its own.
final class WebTimelines: Sendable {
    /// The lines of one escrow for one viewer, up to `lastSequence`.
    struct Entry: Sendable {
        var lines: [TimelineEntry]
        /// The escrow after the last event read, to summarise the next one against.
        var state: EscrowState?
        var lastSequence: Int64
        var lastHash: String
        var usedAt: UInt64
    }

    private struct Memory {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let memory = Mutex(Memory())
    /// How many (escrow, viewer) timelines are kept; the least recently used goes first.
    let capacity: Int

    init(capacity: Int = Limits.webTimelinesKeptMax) { self.capacity = capacity }

    static func key(_ escrowID: EscrowID, _ viewer: Viewer) -> String {
        switch viewer {
        case .agent: "\(escrowID.rawValue)\u{0}agent"
        case .party(let party, let role): "\(escrowID.rawValue)\u{0}party\u{0}\(party.rawValue)\u{0}\(role.map { "\($0)" } ?? "")"
        }
    }

    /// The viewer's timeline of the escrow, up to at least `access.lastSequence`.
    func lines(_ access: EscrowAPI.Access, service: EscrowService) async throws -> [TimelineEntry] {
        let key = Self.key(access.escrowID, access.viewer)
        let cached = memory.withLock { memory -> Entry? in
            memory.clock += 1
            memory.entries[key]?.usedAt = memory.clock
            return memory.entries[key]
        }
        var entry = cached ?? Entry(lines: [], state: nil, lastSequence: 0, lastHash: EventHash.genesis, usedAt: 0)
        if let cached, cached.lastSequence >= access.lastSequence { return cached.lines }
        let newer: (records: [RecordedEvent], events: [EscrowEvent])
        do { newer = try await service.events(of: access.escrowID, after: entry.lastSequence, hash: entry.lastHash) } catch {
            throw Problem(error)
        }
        guard let last = newer.records.last else { return entry.lines }
        entry.lines += Scoping.timeline(newer.records, events: newer.events, viewer: access.viewer, continuing: &entry.state)
        entry.lastSequence = last.sequence
        entry.lastHash = last.hash
        let kept = entry
        memory.withLock { memory in
            memory.clock += 1
            // Another request may have brought it further meanwhile: the longer one stays.
            if let other = memory.entries[key], other.lastSequence >= kept.lastSequence { return }
            if memory.entries[key] == nil, memory.entries.count >= capacity,
                let oldest = memory.entries.min(by: { $0.value.usedAt < $1.value.usedAt })?.key
            {
                memory.entries[oldest] = nil
            }
            var stored = kept
            stored.usedAt = memory.clock
            memory.entries[key] = stored
        }
        return kept.lines
    }
}
