import EscrowStore
import Foundation
import PostgresNIO
import Synchronization

extension PostgresEventStore {
    /// How long a call waits for a primary when the one it used is lost (a URL with several
    /// hosts): long enough for pg_auto_failover or Patroni to promote a standby (about 20 s
    /// with tuned timeouts, 50 s with pg_auto_failover's defaults).
    static let failoverWaitMax: Duration = .seconds(90)
    /// How long one host may take to answer whether it is the primary.
    static let probeTimeout: Duration = .seconds(2)
    /// The pause between two rounds of asking every host.
    static let probePause: Duration = .milliseconds(250)
    /// How long a call waits for a connection to the host taken for the primary before it
    /// takes that host for lost. (The pool itself keeps a request waiting for a minute while
    /// it fails to connect.)
    static let acquireTimeout: Duration = .seconds(4)

    /// Runs `body` on a connection to the primary and returns what it returns; its errors are
    /// passed on as thrown.
    ///
    /// With one host this is the pool's connection. With several (a replicated cluster), a
    /// call that fails because the primary went away (the connection broke or could not be
    /// made, or the server answered that it is read-only, shutting down or starting) looks
    /// for the host that now accepts writes, as libpq's `target_session_attrs=read-write`
    /// does (`SELECT pg_is_in_recovery()` false), and runs `body` again there, from the
    /// start, until ``failoverWaitMax`` has passed. `body` must therefore be one transaction
    /// (or one statement) that is safe to run again: an append whose commit got no answer is
    /// found, on the second run, by its idempotency key or its expected last sequence, so it
    /// is never applied twice.
    func withPrimaryConnection<T: Sendable>(
        _ body: (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        let logger = logger
        guard clients.count > 1 else {
            return try await client.withConnection { connection in try await body(connection, logger) }
        }
        let deadline = ContinuousClock.now + Self.failoverWaitMax
        while true {
            let current = primary.withLock { $0 }
            do {
                return try await withConnection(on: clients[current], acquiringWithin: Self.acquireTimeout, body)
            } catch where Self.primaryLost(error) && ContinuousClock.now < deadline {
                logger.warning("the primary is lost, looking for the new one", metadata: ["error": "\(String(describing: error))"])
                try await findPrimary(after: current, until: deadline)
            }
        }
    }

    /// Runs `body` on a connection of `client`, failing with ``NoConnection`` (and cancelling
    /// the wait) when none is handed over within `limit`.
    private func withConnection<T: Sendable>(
        on client: PostgresClient, acquiringWithin limit: Duration, _ body: (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        let logger = logger
        // `body` runs only inside the task group below, which is awaited before this returns.
        return try await withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            let acquired = AcquiredFlag()
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        acquired.set()
                        return try await work.value(connection, logger)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: limit)
                    if !acquired.isSet { throw NoConnection(limit: limit) }
                    return nil
                }
                while let next = try await group.next() {
                    if let value = next {
                        group.cancelAll()
                        return value
                    }
                }
                throw NoConnection(limit: limit)
            }
        }
    }

    /// No connection to the host taken for the primary was handed over in time.
    struct NoConnection: Error, CustomStringConvertible {
        var limit: Duration
        var description: String { "no connection to the primary within \(limit)" }
    }

    /// Whether `error` says the host no longer serves as primary, rather than that the
    /// request itself was refused.
    static func primaryLost(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            if let state = error.serverInfo?[.sqlState] {
                // 25006: read-only transaction (a standby, or a demoted primary); 57P0x: the
                // server is shutting down or starting; 08xxx: the connection failed.
                return state == "25006" || state.hasPrefix("57P") || state.hasPrefix("08")
            }
            return [.serverClosedConnection, .connectionError, .uncleanShutdown, .sslUnsupported].contains(error.code)
        case is StoreError, is PostgresDecodingError, is CancellationError:
            return false
        default:
            // The pool's own errors, such as no connection made within the connect timeout.
            return true
        }
    }

    /// Asks every host in turn, starting after `current`, whether it is the primary, until one
    /// is or `deadline` passes; takes that host for every call that follows. Answers whether
    /// one was found.
    @discardableResult
    func findPrimary(after current: Int, until deadline: ContinuousClock.Instant) async throws -> Bool {
        while ContinuousClock.now < deadline {
            try Task.checkCancellation()
            for step in 1...clients.count {
                let index = (current + step) % clients.count
                if await isPrimary(clients[index]) {
                    primary.withLock { $0 = index }
                    logger.warning("took \(url.endpoints[index]) for the primary")
                    return true
                }
            }
            try await Task.sleep(for: Self.probePause)
        }
        return false
    }

    /// Whether the host of `client` answers, within ``probeTimeout``, that it is not in recovery.
    private func isPrimary(_ client: PostgresClient) async -> Bool {
        let logger = logger
        return await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                do {
                    return try await client.withConnection { connection in
                        for try await inRecovery in try await connection.query("SELECT pg_is_in_recovery()", logger: logger).decode(Bool.self) {
                            return !inRecovery
                        }
                        return false
                    }
                } catch {
                    return false
                }
            }
            group.addTask {
                try? await Task.sleep(for: Self.probeTimeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? false
        }
    }
}

/// A value handed to a child task that the caller awaits before the value's scope ends.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Set once a connection has been handed over.
private final class AcquiredFlag: Sendable {
    private let flag = Mutex(false)
    func set() { flag.withLock { $0 = true } }
    var isSet: Bool { flag.withLock { $0 } }
}
