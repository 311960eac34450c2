public import EscrowCore

extension EscrowService {
    /// The last sequence this service has seen of the escrow (read or written), without asking
    /// the store; `nil` when the escrow is not among its cached states. A read served from a
    /// copy of the log that lags behind must reach at least this far, so an answer is never
    /// older than one this service already gave.
    public func cachedLastSequence(of escrowID: EscrowID) -> Int64? {
        cache.entry(escrowID)?.lastSequence
    }

    /// As ``head(of:)``, but looking at the store for newer events whatever
    /// ``externalWritesLag`` allows: what a reader that must see a given sequence needs when the
    /// cached state is behind it.
    public func freshHead(of escrowID: EscrowID) async throws(ServiceError) -> (state: EscrowState, lastSequence: Int64, lastHash: String) {
        let entry = try await current(escrowID, lag: .zero).entry
        return (entry.state, entry.lastSequence, entry.lastHash)
    }
}
