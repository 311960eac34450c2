public import EscrowCore
public import Foundation

/// An event about to be appended.
///
/// The store treats the payload as opaque bytes: the domain encodes it (JSON with sorted
/// keys) before handing it over, so the bytes that are hashed are exactly the bytes that
/// are kept and read back.
public struct NewEvent: Hashable, Sendable {
    /// The event's type name, e.g. `deposit.received`; kept and hashed as given.
    public var type: String
    /// The canonical payload bytes produced by the domain.
    public var payload: Data
    /// When the event was recorded. The store keeps it to the millisecond, rounded to the
    /// nearest one, because the stored and hashed form is an integer count of milliseconds.
    public var recordedAt: Date

    /// Creates an event to append.
    public init(type: String, payload: Data, recordedAt: Date) {
        self.type = type
        self.payload = payload
        self.recordedAt = recordedAt
    }
}

/// An event as stored: its place in its escrow's log and the hashes that chain it to its
/// predecessor.
///
/// The record time is kept as an integer count of milliseconds since 1970, the same value
/// that is hashed and stored, so that a value read back compares equal to the value written.
public struct RecordedEvent: Hashable, Sendable, Codable {
    /// The escrow whose log holds this event.
    public var escrowID: EscrowID
    /// The event's position in its escrow's log: 1 for the first event, then gapless.
    public var sequence: Int64
    /// The event's type name.
    public var type: String
    /// The canonical payload bytes, exactly as appended.
    public var payload: Data
    /// When the event was recorded, in whole milliseconds since 1970-01-01T00:00:00Z.
    public var recordedAtMilliseconds: Int64
    /// The ``hash`` of the event at `sequence - 1`, or ``EventHash/genesis`` for sequence 1.
    public var previousHash: String
    /// ``EventHash/compute(escrowID:sequence:type:recordedAtMilliseconds:previousHash:payload:)``
    /// over this event's own fields.
    public var hash: String

    /// Creates a stored event from its fields, as a store reads it back.
    public init(
        escrowID: EscrowID,
        sequence: Int64,
        type: String,
        payload: Data,
        recordedAtMilliseconds: Int64,
        previousHash: String,
        hash: String
    ) {
        self.escrowID = escrowID
        self.sequence = sequence
        self.type = type
        self.payload = payload
        self.recordedAtMilliseconds = recordedAtMilliseconds
        self.previousHash = previousHash
        self.hash = hash
    }

    /// When the event was recorded, as a `Date` built from ``recordedAtMilliseconds``.
    public var recordedAt: Date {
        get { Date(millisecondsSince1970: recordedAtMilliseconds) }
        set { recordedAtMilliseconds = newValue.millisecondsSince1970 }
    }

    /// Turns events about to be appended into stored events that continue a chain.
    ///
    /// Every store appends through this one function, so the in-memory, SQLite and
    /// PostgreSQL logs number and hash events identically.
    ///
    /// - Parameters:
    ///   - events: The events to append, in order.
    ///   - escrowID: The escrow whose log they join.
    ///   - lastSequence: The sequence of the stored predecessor, 0 when the log is empty.
    ///   - previousHash: The hash of the stored predecessor, ``EventHash/genesis`` when the log is empty.
    public static func chaining(
        _ events: [NewEvent],
        to escrowID: EscrowID,
        after lastSequence: Int64,
        previousHash: String
    ) -> [RecordedEvent] {
        var link = previousHash
        var recorded: [RecordedEvent] = []
        recorded.reserveCapacity(events.count)
        for (offset, event) in events.enumerated() {
            let sequence = lastSequence + Int64(offset) + 1
            let milliseconds = event.recordedAt.millisecondsSince1970
            let hash = EventHash.compute(
                escrowID: escrowID,
                sequence: sequence,
                type: event.type,
                recordedAtMilliseconds: milliseconds,
                previousHash: link,
                payload: event.payload
            )
            recorded.append(
                RecordedEvent(
                    escrowID: escrowID,
                    sequence: sequence,
                    type: event.type,
                    payload: event.payload,
                    recordedAtMilliseconds: milliseconds,
                    previousHash: link,
                    hash: hash
                )
            )
            link = hash
        }
        return recorded
    }
}

extension Date {
    /// The date `milliseconds` after 1970-01-01T00:00:00Z.
    ///
    /// `Date` counts in floating-point seconds; this is the one place where the log's integer
    /// milliseconds cross into it.
    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }

    /// This date in whole milliseconds since 1970, rounded to the nearest millisecond.
    ///
    /// Rounding (rather than truncating) makes `Date(millisecondsSince1970: m)` give back
    /// exactly `m`, although `m / 1000` is seldom exact in binary floating point.
    var millisecondsSince1970: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }
}
