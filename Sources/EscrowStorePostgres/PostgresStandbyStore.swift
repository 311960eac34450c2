public import EscrowCore
public import EscrowStore
import PostgresNIO
public import ServiceLifecycle

/// The event log as a streaming standby of the primary holds it (a hot standby made with
/// `pg_basebackup -R`, or a pg_auto_failover or Patroni secondary): reads only, and a measure
/// of how far behind the primary the standby may be.
///
/// Its connection pool works while ``run()`` runs (a `Service` of the server's group). It never
/// migrates: the schema comes from the primary through replication. Appends are refused here,
/// before anything is sent, and the standby would refuse them too (read-only transaction).
public final class PostgresStandbyStore: StandbyEventStore, Service {
    /// The standby's URL, without the password.
    public var url: PostgresURL { reader.url }
    /// Reads through the same queries as the primary's store, on the standby's pool.
    let reader: PostgresEventStore

    /// A store on the standby at `url` (one host), not connected until ``run()`` runs.
    ///
    /// Fails when `url` names several hosts: a server reads from one standby; give each
    /// server its own, or a load balancer's address.
    public init(url: PostgresURL, maximumConnections: Int = 10) throws(StoreError) {
        guard url.endpoints.count == 1 else {
            throw .unavailable("A read replica URL names one host (a standby); \(url) names \(url.endpoints.count).")
        }
        reader = PostgresEventStore(url: url, maximumConnections: maximumConnections)
    }

    /// Runs the standby's connection pool until the task is cancelled or the service group
    /// shuts down.
    public func run() async {
        await reader.run()
    }

    /// How far behind its primary the standby may be, measured on the standby in one query:
    ///
    /// - a server that is not in recovery is a primary (a promoted standby): zero;
    /// - a standby that has replayed all the write-ahead log it received, over a replication
    ///   connection that is streaming: zero (what the primary committed is streamed as it is
    ///   flushed; see `docs/operations.md` for what this leaves out);
    /// - otherwise the age of the last transaction it replayed (`pg_last_xact_replay_timestamp()`),
    ///   since every commit after it is missing; `nil` when it has replayed none since it started.
    ///
    /// The streaming state is visible only to roles with `pg_read_all_stats`; without it a
    /// standby is measured by the age of its last replayed transaction, which over-states the
    /// lag when the primary is quiet (reads then go to the primary more often, never staler).
    public func staleness() async throws(StoreError) -> Duration? {
        try await reader.run { connection, logger in
            let rows = try await connection.query(
                """
                SELECT CASE
                    WHEN NOT pg_is_in_recovery() THEN 0::bigint
                    WHEN pg_last_wal_replay_lsn() >= pg_last_wal_receive_lsn()
                        AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0::bigint
                    ELSE greatest(0, (extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000))::bigint
                END
                """, logger: logger)
            for try await milliseconds in rows.decode(Int64?.self) {
                return milliseconds.map { Duration.milliseconds($0) }
            }
            return nil
        }
    }

    // MARK: - EventStore

    /// Refused: writes go to the primary.
    public func append(
        _ events: [NewEvent], to escrowID: EscrowID, expectedLastSequence: Int64, idempotency: IdempotencyKey?
    ) async throws(StoreError) -> AppendOutcome {
        throw Self.writeRefused
    }

    /// Refused, every append of the batch: writes go to the primary.
    public func appendBatch(_ requests: [AppendRequest]) async -> [Result<AppendResult, StoreError>] {
        requests.map { _ in .failure(Self.writeRefused) }
    }

    static let writeRefused = StoreError.unavailable("A read replica takes no writes; every write goes to the primary.")

    /// See ``EventStore/idempotencyRecord(escrowID:key:)``, as the standby has replayed it.
    public func idempotencyRecord(escrowID: EscrowID, key: String) async throws(StoreError) -> IdempotencyRecord? {
        try await reader.idempotencyRecord(escrowID: escrowID, key: key)
    }

    /// See ``EventStore/events(of:after:)``, as the standby has replayed them.
    public func events(of escrowID: EscrowID, after sequence: Int64) async throws(StoreError) -> [RecordedEvent] {
        try await reader.events(of: escrowID, after: sequence)
    }

    /// See ``EventStore/lastSequence(of:)``, as the standby has replayed it.
    public func lastSequence(of escrowID: EscrowID) async throws(StoreError) -> Int64 {
        try await reader.lastSequence(of: escrowID)
    }

    /// See ``EventStore/escrowIDs()``, as the standby has replayed them.
    public func escrowIDs() async throws(StoreError) -> [EscrowID] {
        try await reader.escrowIDs()
    }
}
