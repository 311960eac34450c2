import GRDB

/// The schema of the SQLite event log, as GRDB migrations.
///
/// Each migration is a name and plain SQL, without application types, so what a
/// database file contains never depends on today's Swift code. A migration that has
/// shipped is never edited: a change of schema is a new migration appended here.
enum EventLogMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-event-log") { db in
            try db.execute(sql: v1EventLog)
        }
        return migrator
    }

    /// The event log, the idempotency keys, and the triggers that make both append-only.
    ///
    /// The schema repeats the store's rules so a bug or a hand edit cannot break them
    /// silently: sequences are positive and unique per escrow, hashes are 64 characters,
    /// a key's range is either absent or a proper range, and rows cannot be changed or removed.
    static let v1EventLog = """
        CREATE TABLE event (
            escrow_id TEXT NOT NULL,
            sequence INTEGER NOT NULL CHECK (sequence > 0),
            type TEXT NOT NULL,
            payload BLOB NOT NULL,
            recorded_at_ms INTEGER NOT NULL,
            previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64),
            PRIMARY KEY (escrow_id, sequence)
        ) STRICT;

        CREATE TABLE idempotency (
            escrow_id TEXT NOT NULL,
            key TEXT NOT NULL,
            command_digest TEXT NOT NULL,
            first_sequence INTEGER,
            last_sequence INTEGER,
            PRIMARY KEY (escrow_id, key),
            CHECK ((first_sequence IS NULL AND last_sequence IS NULL)
                OR (first_sequence > 0 AND last_sequence >= first_sequence))
        ) STRICT;

        CREATE TRIGGER event_no_update BEFORE UPDATE ON event
        BEGIN
            SELECT RAISE(ABORT, 'the event log is append-only: events cannot be updated');
        END;

        CREATE TRIGGER event_no_delete BEFORE DELETE ON event
        BEGIN
            SELECT RAISE(ABORT, 'the event log is append-only: events cannot be deleted');
        END;

        CREATE TRIGGER idempotency_no_update BEFORE UPDATE ON idempotency
        BEGIN
            SELECT RAISE(ABORT, 'idempotency keys are append-only: they cannot be updated');
        END;

        CREATE TRIGGER idempotency_no_delete BEFORE DELETE ON idempotency
        BEGIN
            SELECT RAISE(ABORT, 'idempotency keys are append-only: they cannot be deleted');
        END;
        """
}
