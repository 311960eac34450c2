import PostgresNIO

/// The schema of the PostgreSQL event log, as named migrations of plain SQL.
///
/// Each migration is a name and a list of SQL statements (sent one by one, because the
/// extended query protocol takes one statement at a time), without application types, so what a database
/// holds never depends on today's Swift code. A migration that has shipped is never edited:
/// a change of schema is a new migration appended to ``all``. They are applied on start, in
/// order, each recorded in `schema_migrations`, inside one transaction that holds a
/// transaction-level advisory lock, so servers starting at the same moment apply each
/// migration once. The server's user tables (``PostgresUserMigrations``) are applied with
/// ``apply(_:connection:logger:)`` under the same lock.
enum PostgresMigrations {
    /// A named schema change: SQL statements sent one by one, recorded by name once applied.
    typealias Migration = (name: String, statements: [String])

    /// The key of the advisory lock that serializes migrations (any fixed 64-bit number).
    static let advisoryLockKey: Int64 = 0x6573_6372_6f77_0001

    /// Every migration, in the order it is applied.
    static let all: [Migration] = [
        ("v1-event-log", v1EventLog),
        ("v2-append-batch-function", PostgresAppendFunction.migration),
    ]

    /// Applies, in the caller's transaction, the migrations of `migrations` the database has
    /// not recorded, in order, after taking the advisory lock that every migrating server takes.
    static func apply(_ migrations: [Migration], connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(advisoryLockKey))", logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: bookkeeping), logger: logger)
        var applied: Set<String> = []
        for try await name in try await connection.query("SELECT name FROM schema_migrations", logger: logger).decode(String.self) {
            applied.insert(name)
        }
        for migration in migrations where !applied.contains(migration.name) {
            for statement in migration.statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.query("INSERT INTO schema_migrations (name) VALUES (\(migration.name))", logger: logger)
        }
    }

    /// Creates the bookkeeping table, if missing; safe to run on every start.
    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            name TEXT PRIMARY KEY,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """

    /// The event log, the head of each escrow's log, the idempotency keys, and the
    /// triggers that make the log and the keys append-only.
    ///
    /// The schema repeats the store's rules so a bug or a hand edit cannot break them
    /// silently: sequences are positive and unique per escrow, hashes are 64 characters, a
    /// key's range is either absent or a proper range, and rows of `event` and
    /// `idempotency` cannot be changed or removed. `escrow_head` holds one row per escrow
    /// (its last sequence and hash); an append locks that row, which serializes writers of
    /// one escrow and leaves other escrows free.
    static let v1EventLog: [String] = [
        """
        CREATE TABLE event (
            escrow_id TEXT NOT NULL,
            sequence BIGINT NOT NULL CHECK (sequence > 0),
            type TEXT NOT NULL,
            payload BYTEA NOT NULL,
            recorded_at_ms BIGINT NOT NULL,
            previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64),
            PRIMARY KEY (escrow_id, sequence)
        )
        """,
        """
        CREATE TABLE escrow_head (
            escrow_id TEXT PRIMARY KEY,
            last_sequence BIGINT NOT NULL CHECK (last_sequence >= 0),
            last_hash TEXT NOT NULL CHECK (length(last_hash) = 64)
        )
        """,
        """
        CREATE TABLE idempotency (
            escrow_id TEXT NOT NULL,
            key TEXT NOT NULL,
            command_digest TEXT NOT NULL,
            first_sequence BIGINT,
            last_sequence BIGINT,
            PRIMARY KEY (escrow_id, key),
            CHECK ((first_sequence IS NULL AND last_sequence IS NULL)
                OR (first_sequence > 0 AND last_sequence >= first_sequence))
        )
        """,
        """
        CREATE FUNCTION escrow_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '%', TG_ARGV[0];
        END;
        $$
        """,
        """
        CREATE TRIGGER event_no_update BEFORE UPDATE ON event FOR EACH ROW
            EXECUTE FUNCTION escrow_refuse_change('the event log is append-only: events cannot be updated')
        """,
        """
        CREATE TRIGGER event_no_delete BEFORE DELETE ON event FOR EACH ROW
            EXECUTE FUNCTION escrow_refuse_change('the event log is append-only: events cannot be deleted')
        """,
        """
        CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event FOR EACH STATEMENT
            EXECUTE FUNCTION escrow_refuse_change('the event log is append-only: events cannot be deleted')
        """,
        """
        CREATE TRIGGER idempotency_no_update BEFORE UPDATE ON idempotency FOR EACH ROW
            EXECUTE FUNCTION escrow_refuse_change('idempotency keys are append-only: they cannot be updated')
        """,
        """
        CREATE TRIGGER idempotency_no_delete BEFORE DELETE ON idempotency FOR EACH ROW
            EXECUTE FUNCTION escrow_refuse_change('idempotency keys are append-only: they cannot be deleted')
        """,
        """
        CREATE TRIGGER idempotency_no_truncate BEFORE TRUNCATE ON idempotency FOR EACH STATEMENT
            EXECUTE FUNCTION escrow_refuse_change('idempotency keys are append-only: they cannot be deleted')
        """,
    ]
}
