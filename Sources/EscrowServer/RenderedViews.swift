import EscrowCore
import Foundation
import Hummingbird
import Synchronization

/// Status answers already encoded, per escrow and viewer, so a status read that finds the
/// escrow unchanged sends the bytes it sent last time instead of building and encoding the
/// view again.
///
/// An answer is kept only while it is still right: until the escrow's log moves past the
/// event it was built from, and until the next deadline in it closes (the view says which
/// deadlines are missed).
final class RenderedViews: Sendable {
    struct Key: Hashable, Sendable {
        var escrowID: EscrowID
        /// ``Viewer/label``: who is looking decides what the view holds.
        var viewer: String
    }

    private struct Rendered {
        var lastSequence: Int64
        var validUntil: Date?
        var body: ByteBuffer
    }

    /// Beyond this many answers, all are dropped at once.
    static let capacity = 4_096

    private let rendered = Mutex<[Key: Rendered]>([:])

    init() {}

    /// The answer kept for `key`, if it was built from the log ending at `lastSequence` and
    /// is still right at `now`.
    func body(for key: Key, lastSequence: Int64, at now: Date) -> ByteBuffer? {
        rendered.withLock { rendered in
            guard let kept = rendered[key], kept.lastSequence == lastSequence, kept.validUntil.map({ now < $0 }) ?? true else { return nil }
            return kept.body
        }
    }

    /// Keeps an answer built from the log ending at `lastSequence`, right until `validUntil`.
    func keep(_ body: ByteBuffer, for key: Key, lastSequence: Int64, validUntil: Date?) {
        rendered.withLock { rendered in
            if let kept = rendered[key], kept.lastSequence > lastSequence { return }
            if rendered.count >= Self.capacity { rendered.removeAll() }
            rendered[key] = Rendered(lastSequence: lastSequence, validUntil: validUntil, body: body)
        }
    }
}
