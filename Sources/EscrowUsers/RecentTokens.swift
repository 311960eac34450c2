import Synchronization

/// Tokens that authenticated recently, by the SHA-256 of their secret, each kept for a
/// short lifetime. Only tokens that were found are kept, so unknown secrets cannot fill it.
package final class RecentTokens: Sendable {
    /// What a token stands for, as read from the user tables.
    package struct Entry: Sendable {
        /// The token's user.
        package var principal: Principal
        /// The token's own expiry, checked on every use.
        package var expiresAtMilliseconds: Int64?

        /// An entry for `principal`, whose token expires at `expiresAtMilliseconds` (never when `nil`).
        package init(principal: Principal, expiresAtMilliseconds: Int64?) {
            self.principal = principal
            self.expiresAtMilliseconds = expiresAtMilliseconds
        }
    }

    /// Beyond this many tokens, all are forgotten at once.
    static let capacity = 10_000

    private let lifetime: Duration
    private let uptime: @Sendable () -> ContinuousClock.Instant
    private struct Memory {
        var entries: [String: (entry: Entry, at: ContinuousClock.Instant)] = [:]
        /// Counts the changes to users and tokens, so a read that raced a change is not kept.
        var generation = 0
    }

    private let memory = Mutex(Memory())

    /// A memory that keeps each token for `lifetime`, as measured by `uptime`.
    package init(lifetime: Duration, uptime: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.lifetime = lifetime
        self.uptime = uptime
    }

    /// The remembered entry for a secret's hash, unless it is older than the lifetime.
    func principal(_ secretHash: String) -> Entry? {
        let now = uptime()
        return memory.withLock { memory in
            guard let remembered = memory.entries[secretHash] else { return nil }
            guard now - remembered.at < lifetime else {
                memory.entries[secretHash] = nil
                return nil
            }
            return remembered.entry
        }
    }

    /// The generation to pass to ``remember(_:_:readAt:)`` for a read that starts now.
    var generation: Int { memory.withLock { $0.generation } }

    /// Keeps what a read found, unless users or tokens changed since it started.
    func remember(_ secretHash: String, _ entry: Entry, readAt generation: Int) {
        guard lifetime > .zero else { return }
        let now = uptime()
        memory.withLock { memory in
            guard memory.generation == generation else { return }
            if memory.entries.count >= Self.capacity { memory.entries.removeAll() }
            memory.entries[secretHash] = (entry, now)
        }
    }

    /// The principal a secret's hash stands for at `nowMilliseconds`: the remembered one while
    /// it is fresh, otherwise what `read` finds (kept unless users or tokens changed meanwhile).
    package func principal(
        _ secretHash: String, atMilliseconds nowMilliseconds: Int64, read: () async throws(UserStoreError) -> Entry?
    ) async throws(UserStoreError) -> Principal? {
        if let known = principal(secretHash) {
            return known.expiresAtMilliseconds.map { $0 > nowMilliseconds } ?? true ? known.principal : nil
        }
        let generation = self.generation
        guard let found = try await read() else { return nil }
        remember(secretHash, found, readAt: generation)
        return found.principal
    }

    /// Forgets every token, after a change to users or tokens.
    package func forgetAll() {
        memory.withLock { memory in
            memory.entries.removeAll()
            memory.generation += 1
        }
    }
}
