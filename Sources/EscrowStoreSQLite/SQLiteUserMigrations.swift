import GRDB

/// The server's user tables in SQLite, as GRDB migrations of plain SQL, in the event log's file.
///
/// The same four tables as `PostgresUserMigrations` creates in PostgreSQL. Names start with
/// `users-` so they never collide with the event log's (``EventLogMigrations``). A migration
/// that has shipped is never edited: a change is a new migration.
enum SQLiteUserMigrations {
    /// Every migration of the user tables, in the order it is applied.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // Migration names start with `users-` so they never collide with the event log's.
        migrator.registerMigration("users-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE server_user (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('agent', 'party')),
                        created_at_ms INTEGER NOT NULL
                    );
                    CREATE TABLE server_user_party (
                        user_id TEXT NOT NULL REFERENCES server_user(id),
                        escrow_id TEXT NOT NULL,
                        party_id TEXT NOT NULL,
                        PRIMARY KEY (user_id, escrow_id)
                    );
                    CREATE TABLE server_token (
                        id TEXT PRIMARY KEY NOT NULL,
                        user_id TEXT NOT NULL REFERENCES server_user(id),
                        secret_sha256 TEXT NOT NULL UNIQUE,
                        created_at_ms INTEGER NOT NULL,
                        expires_at_ms INTEGER,
                        revoked_at_ms INTEGER
                    );
                    CREATE TABLE server_approval (
                        id TEXT PRIMARY KEY NOT NULL,
                        escrow_id TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('disbursement', 'callback')),
                        command BLOB NOT NULL,
                        maker TEXT NOT NULL,
                        made_at_ms INTEGER NOT NULL,
                        idempotency_key TEXT,
                        checker TEXT,
                        checked_at_ms INTEGER,
                        note TEXT,
                        CHECK (checker IS NULL OR checker <> maker),
                        UNIQUE (escrow_id, maker, idempotency_key)
                    );
                    """)
        }
        // The web desk's sign-in: a PBKDF2 hash of each user's password, when it has one.
        migrator.registerMigration("users-v2-password") { db in
            try db.execute(sql: "ALTER TABLE server_user ADD COLUMN password_hash TEXT")
        }
        return migrator
    }
}
