/// The server's user tables in PostgreSQL, as named migrations of plain SQL.
///
/// The same four tables as `SQLiteUserStore` keeps in SQLite, in the event log's database and
/// its `schema_migrations`; names start with `users-` so they never collide with the event
/// log's. A migration that has shipped is never edited: a change is a new migration.
enum PostgresUserMigrations {
    /// Every migration, in the order it is applied.
    static let all: [PostgresMigrations.Migration] = [
        ("users-v1", v1Users),
        ("users-v2-password", v2Password),
    ]

    /// The web desk's sign-in: a PBKDF2 hash of each user's password, when it has one.
    static let v2Password: [String] = [
        "ALTER TABLE server_user ADD COLUMN password_hash TEXT"
    ]

    /// Users, their ties to parties, their tokens (only the SHA-256 of each secret) and the
    /// approvals that wait for a second agent user. The schema repeats the rules: a role is
    /// agent or party, a hash is 64 characters, a checker is never the maker, and a maker's
    /// idempotency key names one approval per escrow.
    static let v1Users: [String] = [
        """
        CREATE TABLE server_user (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('agent', 'party')),
            created_at_ms BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE server_user_party (
            user_id TEXT NOT NULL REFERENCES server_user (id),
            escrow_id TEXT NOT NULL,
            party_id TEXT NOT NULL,
            PRIMARY KEY (user_id, escrow_id)
        )
        """,
        """
        CREATE TABLE server_token (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES server_user (id),
            secret_sha256 TEXT NOT NULL UNIQUE CHECK (length(secret_sha256) = 64),
            created_at_ms BIGINT NOT NULL,
            expires_at_ms BIGINT,
            revoked_at_ms BIGINT
        )
        """,
        """
        CREATE TABLE server_approval (
            id TEXT PRIMARY KEY,
            escrow_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('disbursement', 'callback')),
            command BYTEA NOT NULL,
            maker TEXT NOT NULL,
            made_at_ms BIGINT NOT NULL,
            idempotency_key TEXT,
            checker TEXT,
            checked_at_ms BIGINT,
            note TEXT,
            CHECK (checker IS NULL OR checker <> maker),
            UNIQUE (escrow_id, maker, idempotency_key)
        )
        """,
        "CREATE INDEX server_approval_by_escrow ON server_approval (escrow_id, made_at_ms)",
    ]
}
