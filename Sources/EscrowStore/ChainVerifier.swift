public import EscrowCore

/// Where and why a chain of events stops holding.
public struct ChainBreak: Hashable, Sendable, CustomStringConvertible {
    /// Why an event fails verification, one reason per check, in the order they are made.
    public enum Reason: Hashable, Sendable {
        /// The event belongs to another escrow than the first event checked.
        case escrowMismatch(expected: EscrowID, found: EscrowID)
        /// The event's sequence is not the next one (a gap, a duplicate or a reordering).
        case sequenceOutOfOrder(expected: Int64, found: Int64)
        /// The event's `previousHash` is not the hash of the event before it (or the genesis
        /// hash for sequence 1): an event was removed, inserted or rewritten before it.
        case previousHashMismatch
        /// The event's stored hash is not the hash of its own fields: the event was altered.
        case hashMismatch
    }

    /// The sequence of the first event that fails (as stored, which may itself be wrong).
    public var sequence: Int64
    /// What failed.
    public var reason: Reason

    /// Creates a break report.
    public init(sequence: Int64, reason: Reason) {
        self.sequence = sequence
        self.reason = reason
    }

    /// A plain sentence naming the event and the check it failed.
    public var description: String {
        switch reason {
        case .escrowMismatch(let expected, let found):
            "Event \(sequence) belongs to escrow \(found), not \(expected)."
        case .sequenceOutOfOrder(let expected, let found):
            "Event \(found) stands where event \(expected) was expected."
        case .previousHashMismatch:
            "Event \(sequence) does not link to the hash of the event before it."
        case .hashMismatch:
            "Event \(sequence) does not match its own hash: it was altered after it was written."
        }
    }
}

/// The result of walking a chain.
public struct ChainReport: Hashable, Sendable {
    /// How many events were checked: all of them when the chain holds, otherwise those up to
    /// and including the first broken one.
    public var eventsChecked: Int
    /// The first event that fails, `nil` when the chain holds.
    public var firstBroken: ChainBreak?

    /// Creates a report.
    public init(eventsChecked: Int, firstBroken: ChainBreak?) {
        self.eventsChecked = eventsChecked
        self.firstBroken = firstBroken
    }

    /// Whether every event checked out, so the log can be trusted as written.
    public var isIntact: Bool { firstBroken == nil }
}

/// Recomputes a log's hash chain and names the first event whose hash or link does not hold.
///
/// The store writes the chain; this re-derives it from the events alone, so it catches a
/// row changed behind the store's back (by hand, by a bug, on disk) when the log is loaded.
public enum ChainVerifier {
    /// Verifies one escrow's whole log, which must start at sequence 1.
    ///
    /// For each event, in order: it belongs to the same escrow as the first, its sequence
    /// is the next one, its `previousHash` is the previous event's hash (the genesis hash
    /// for sequence 1), and its `hash` is recomputed from its fields. An empty log is intact.
    public static func verify(_ events: [RecordedEvent]) -> ChainReport {
        verify(events, after: 0, previousHash: EventHash.genesis)
    }

    /// Verifies the continuation of a log already verified up to `sequence`, whose last
    /// event's hash is `previousHash`: the events must follow on from it, link for link.
    public static func verify(_ events: [RecordedEvent], after sequence: Int64, previousHash: String) -> ChainReport {
        guard let first = events.first else {
            return ChainReport(eventsChecked: 0, firstBroken: nil)
        }
        var expectedSequence: Int64 = sequence + 1
        var expectedPreviousHash = previousHash
        for (index, event) in events.enumerated() {
            let reason: ChainBreak.Reason? =
                if event.escrowID != first.escrowID {
                    .escrowMismatch(expected: first.escrowID, found: event.escrowID)
                } else if event.sequence != expectedSequence {
                    .sequenceOutOfOrder(expected: expectedSequence, found: event.sequence)
                } else if event.previousHash != expectedPreviousHash {
                    .previousHashMismatch
                } else if EventHash.compute(for: event) != event.hash {
                    .hashMismatch
                } else {
                    nil
                }
            if let reason {
                return ChainReport(
                    eventsChecked: index + 1,
                    firstBroken: ChainBreak(sequence: event.sequence, reason: reason)
                )
            }
            expectedSequence += 1
            expectedPreviousHash = event.hash
        }
        return ChainReport(eventsChecked: events.count, firstBroken: nil)
    }
}

/// What `escrow verify` and `GET /escrows/{id}/verify` answer for one escrow's log.
public struct LogVerification: Hashable, Sendable, Codable {
    /// The escrow whose log was verified.
    public var escrow: String
    /// How many events were checked: all of them when the log is intact, up to and including
    /// the first altered one otherwise.
    public var eventsChecked: Int
    /// True when every event belongs to the escrow, follows in sequence, links to the hash of
    /// the one before and matches its own hash: the log can be trusted as written.
    public var intact: Bool
    /// The first event whose hash or link does not hold.
    public var firstAlteredSequence: Int64?
    /// Why that event fails, in a sentence.
    public var reason: String?
    /// The hash of the last stored event: the whole log's fingerprint when it is intact.
    public var lastHash: String?

    /// Verifies `records`, one escrow's whole log.
    public init(escrowID: EscrowID, records: [RecordedEvent]) {
        let report = ChainVerifier.verify(records)
        escrow = escrowID.rawValue
        eventsChecked = report.eventsChecked
        intact = report.isIntact
        firstAlteredSequence = report.firstBroken?.sequence
        reason = report.firstBroken?.description
        lastHash = records.last?.hash
    }
}
