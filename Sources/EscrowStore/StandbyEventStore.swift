/// A read-only copy of the event log that may be behind its primary: a streaming standby.
///
/// Reads (``EventStore/events(of:after:)`` and the rest) answer from the copy as far as it has
/// replayed; appends are refused with ``StoreError/unavailable(_:)``, since every write goes to
/// the primary. ``staleness()`` says how far behind the copy may be, so a reader can decide
/// whether to use it.
public protocol StandbyEventStore: EventStore {
    /// An upper bound on how old the copy is now: every commit made on the primary more than
    /// this long ago is in it. `nil` when the copy cannot tell (it has lost its primary, or has
    /// replayed nothing yet); a reader then goes to the primary.
    func staleness() async throws(StoreError) -> Duration?
}
