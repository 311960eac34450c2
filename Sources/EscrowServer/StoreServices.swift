public import ServiceLifecycle

/// What the server's stores need from its service group: the services that keep them open
/// (a PostgreSQL connection pool) and the step that readies them once those run (schema
/// migrations).
///
/// ``buildApplication(configuration:service:users:stores:clock:logger:metrics:runsScheduler:standby:)``
/// puts the services first in the group, so they start before the HTTP server and the
/// deadline scheduler and stop after them, and runs ``prepare`` before the server accepts a
/// request or the scheduler reads the log. A failure of ``prepare`` stops the server.
public struct StoreServices: Sendable {
    /// Services that keep the stores open, run for as long as the server runs.
    public var services: [any Service]
    /// Readies the stores once ``services`` run.
    public var prepare: @Sendable () async throws -> Void

    /// Stores that need the given services running and, once they run, `prepare`.
    public init(services: [any Service] = [], prepare: @escaping @Sendable () async throws -> Void = {}) {
        self.services = services
        self.prepare = prepare
    }

    /// Stores that are open and ready already (SQLite, in memory).
    public static var ready: StoreServices { StoreServices() }
}
