/// What makes a command safe to send twice: a key the client chose, plus a digest of the
/// command it names.
///
/// A client that does not know whether its command was applied (a timeout, a crash) sends
/// it again under the same key. The store answers with the first outcome instead of
/// applying it twice. The digest tells a true retry from a different command that reuses
/// the key by mistake, which is refused rather than answered with the wrong outcome.
/// Keys are scoped to one escrow.
public struct IdempotencyKey: Hashable, Sendable {
    /// The client-chosen key, unique per escrow for as long as the log lives.
    public var key: String
    /// A digest of the command the key names, computed by the caller (e.g. SHA-256 of its
    /// canonical encoding); compared for equality only.
    public var commandDigest: String

    /// Creates an idempotency key for one command.
    public init(key: String, commandDigest: String) {
        self.key = key
        self.commandDigest = commandDigest
    }
}

/// What the store recorded for an idempotency key, so a caller can answer a retried
/// command before deciding anything again.
public struct IdempotencyRecord: Hashable, Sendable {
    /// The digest of the command first sent under the key.
    public var commandDigest: String
    /// The sequences that command appended, `nil` when it produced no events.
    public var sequences: ClosedRange<Int64>?

    /// Creates a record as a store reads it back.
    public init(commandDigest: String, sequences: ClosedRange<Int64>?) {
        self.commandDigest = commandDigest
        self.sequences = sequences
    }
}

/// The answer to an append, telling a first application from a replay so the caller can
/// skip side effects (notices, payment files) it already performed.
public enum AppendOutcome: Hashable, Sendable {
    /// The events were written now, at these sequences; `nil` when the command produced no
    /// events (its key, if any, is recorded all the same).
    case appended(ClosedRange<Int64>?)
    /// The key was seen before with the same digest: nothing was written, and this is the
    /// range the first append answered.
    case replayed(ClosedRange<Int64>?)

    /// The sequences concerned, whether appended now or before.
    public var sequences: ClosedRange<Int64>? {
        switch self {
        case .appended(let sequences): sequences
        case .replayed(let sequences): sequences
        }
    }
}
