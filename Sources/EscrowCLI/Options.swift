import ArgumentParser
import EscrowCore
import EscrowServer
import EscrowStore
import EscrowStorePostgres
import EscrowStoreSQLite
import EscrowUsers
import Foundation

/// Options every escrow subcommand shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (used unless a PostgreSQL URL is given).")
    var db: String = "escrow.db"

    @Option(
        name: .long,
        help: "PostgreSQL URL, e.g. postgres://user@host:5432/escrow or postgres:///escrow?host=/run/postgresql; also read from ESCROW_DATABASE_URL.")
    var database: String?

    @Option(name: .long, help: "Escrow id (may be left out when the database holds one escrow).")
    var escrow: String?

    @Option(name: .long, help: "The instant the command happens, ISO 8601 (e.g. 2005-08-22T10:00:00-04:00). Defaults to now.")
    var now: String?

    @Option(name: .long, help: "Idempotency key: a retried command with the same key is answered, not applied twice.")
    var idempotencyKey: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of text.")
    var json = false

    /// Store options for another command's database, parsed as if given on the command line
    /// (a default-constructed value would leave its options undecoded).
    static func forDatabase(_ db: String, escrow: String?, now: String? = nil) throws -> StoreOptions {
        var arguments = ["--db", db]
        if let escrow { arguments += ["--escrow", escrow] }
        if let now { arguments += ["--now", now] }
        return try StoreOptions.parse(arguments)
    }

    /// The command's instant: `--now`, or the system clock, in whole milliseconds.
    func instant() throws -> Date {
        guard let now else { return Instants.wholeMilliseconds(Date()) }
        guard let parsed = Instants.parse(now) else {
            throw CLIFailure(.invalid, "--now '\(now)' is not an ISO 8601 instant such as 2005-08-22T10:00:00-04:00")
        }
        let years = BusinessCalendar.supportedYears
        guard years.contains(CivilDate(instant: parsed, timeZoneIdentifier: "UTC").year) else {
            throw CLIFailure(.invalid, "--now '\(now)' is outside the years the business calendar covers, \(years.lowerBound) to \(years.upperBound)")
        }
        return Instants.wholeMilliseconds(parsed)
    }

    /// The chosen store: `--database`, else `ESCROW_DATABASE_URL`, else the SQLite file at `--db`.
    var selection: StoreSelection {
        StoreSelection(database: database, environment: ProcessInfo.processInfo.environment, sqlitePath: db)
    }

    /// Runs `body` with a service over the chosen store, opened once for the whole command
    /// (one connection pool) and closed when `body` returns.
    func withService<Result>(_ body: (EscrowService) async throws -> Result) async throws -> Result {
        try await selection.withStore { store in try await body(EscrowService(store: store)) }
    }

    /// Runs `body` with a session on the chosen store: the store opened once, and the escrow
    /// read, verified and folded at most once, for the whole command.
    func withSession<Result>(_ body: (CommandSession) async throws -> Result) async throws -> Result {
        try await withService { service in try await body(CommandSession(options: self, service: service)) }
    }
}

/// Which database a command uses for the event log (and, for the server, users): SQLite
/// (the embedded default) or PostgreSQL (shared).
enum StoreSelection: CustomStringConvertible {
    /// The variable read when `--database` is not given.
    static let environmentVariable = "ESCROW_DATABASE_URL"

    case sqlite(path: String)
    case postgres(url: String)

    /// `--database` wins, then a non-empty `ESCROW_DATABASE_URL`, then the SQLite file.
    init(database: String?, environment: [String: String], sqlitePath: String) {
        if let database, !database.isEmpty {
            self = .postgres(url: database)
        } else if let url = environment[Self.environmentVariable], !url.isEmpty {
            self = .postgres(url: url)
        } else {
            self = .sqlite(path: sqlitePath)
        }
    }

    /// Opens the store for the duration of `body` and closes it after: an SQLite file, or a
    /// PostgreSQL connection pool that runs only while `body` does. Fails with a storage error
    /// naming the database when it cannot be opened.
    func withStore<Result>(_ body: (any EventStore) async throws -> Result) async throws -> Result {
        switch self {
        case .sqlite(let path):
            let store = try Self.openSQLite(path)
            // Closing only releases the file: every append that returned is on disk already.
            defer { try? store.close() }
            return try await body(store)
        case .postgres(let text):
            return try await Self.withPostgres(try Self.parse(text), body)
        }
    }

    /// Opens the server's users for the duration of `body` (`escrow users`), on the event
    /// log's connection pool; its tables are created too, as by any command given the database.
    func withUsers<Result>(_ body: (any UserDirectory) async throws -> Result) async throws -> Result {
        switch self {
        case .sqlite(let path):
            let events = try Self.openSQLite(path)
            defer { try? events.close() }
            let users: SQLiteUserStore
            do { users = try SQLiteUserStore(beside: events) } catch { throw CLIFailure(.store, "cannot open users in \(path): \(error)") }
            return try await body(users)
        case .postgres(let text):
            return try await Self.withPostgres(try Self.parse(text)) { events in
                let users: PostgresUserStore
                do { users = try await PostgresUserStore.open(beside: events) } catch {
                    throw CLIFailure(.store, "cannot open users in \(events.url): \(error)")
                }
                return try await body(users)
            }
        }
    }

    /// The event log and, beside it, the server's users, for `escrow serve`: both in the SQLite
    /// file on one connection pool, or both in the PostgreSQL database on one connection pool,
    /// which runs in the server's service group (``StoreServices``) and is migrated before the
    /// server starts. Servers sharing a database share users, tokens and approvals. A token is
    /// remembered for `tokenMemory` (see ``UserDirectory``).
    func serverStores(tokenMemory: Duration) throws -> (events: any EventStore, users: any UserDirectory, services: StoreServices) {
        switch self {
        case .sqlite(let path):
            let events = try Self.openSQLite(path)
            do { return (events, try SQLiteUserStore(beside: events, tokenMemory: tokenMemory), .ready) } catch {
                throw CLIFailure(.store, "cannot open users in \(path): \(error)")
            }
        case .postgres(let text):
            let url = try Self.parse(text)
            let events = PostgresEventStore(url: url)
            let users = PostgresUserStore(beside: events, tokenMemory: tokenMemory)
            let services = StoreServices(services: [events]) {
                do { try await events.migrate() } catch { throw CLIFailure(.store, "cannot open database \(url): \(error)") }
                do { try await users.migrate() } catch { throw CLIFailure(.store, "cannot open users in \(url): \(error)") }
            }
            return (events, users, services)
        }
    }

    private static func openSQLite(_ path: String) throws -> SQLiteEventStore {
        do { return try SQLiteEventStore(path: path) } catch {
            throw CLIFailure(.store, "cannot open database \(path): \(error)")
        }
    }

    /// Runs `body` with a store on `url` whose pool runs only while `body` does; a failure to
    /// connect is reported as a storage error naming the database.
    private static func withPostgres<Result>(_ url: PostgresURL, _ body: (PostgresEventStore) async throws -> Result) async throws -> Result {
        var connected = false
        do {
            return try await PostgresEventStore.withStore(url: url) { store in
                connected = true
                return try await body(store)
            }
        } catch where !connected {
            throw CLIFailure(.store, "cannot open database \(url): \(error)")
        }
    }

    /// The URL read, or an invalid-input failure that says why it is not one.
    private static func parse(_ text: String) throws -> PostgresURL {
        do { return try PostgresURL(text) } catch {
            let reason = if case .unavailable(let reason) = error { reason } else { error.description }
            throw CLIFailure(.invalid, "invalid PostgreSQL URL (--database or \(environmentVariable)): \(reason)")
        }
    }

    /// The database, named without any password.
    var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): (try? PostgresURL(url))?.description ?? "the PostgreSQL URL given"
        }
    }
}

/// Parses and normalises instants at the command-line boundary.
enum Instants {
    static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }

    /// Events keep instants to the millisecond; trimming here keeps hashes reproducible.
    static func wholeMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    /// `2005-08-22T10:00:00-04:00` in the escrow's zone.
    static func format(_ date: Date, timeZoneIdentifier: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: timeZoneIdentifier) ?? .gmt
        return formatter.string(from: date)
    }
}

/// A failure at the command line: a class (for the exit code) and one line of reason.
struct CLIFailure: Error, CustomStringConvertible {
    enum Class: Int32 {
        case general = 1
        case invalid = 2
        case refused = 3
        case notFound = 4
        case store = 5
    }

    var failureClass: Class
    var message: String

    init(_ failureClass: Class, _ message: String) {
        self.failureClass = failureClass
        self.message = message
    }

    var description: String { message }

    /// Maps a service error to a one-line reason, e.g. `release refused: … (1.5, Exhibit A)`.
    init(verb: String, _ failure: any Error) {
        if let already = failure as? CLIFailure {
            self = already
            return
        }
        guard let error = failure as? ServiceError else {
            self.init(.general, "\(verb) failed: \(failure)")
            return
        }
        switch error {
        case .refused(let refusal):
            let failureClass: Class =
                switch refusal.kind {
                case .invalid: .invalid
                case .notFound: .notFound
                case .forbidden, .alreadyDone: .refused
                }
            self.init(failureClass, "\(verb) refused: \(refusal)")
        case .notFound: self.init(.notFound, "\(verb) refused: \(error)")
        case .store(.idempotencyKeyReused): self.init(.invalid, "\(verb) refused: \(error)")
        case .store, .corrupt: self.init(.store, "\(verb) failed: \(error)")
        }
    }
}

/// Reads a file given on the command line, with a clear error.
enum Files {
    /// Reads the file whole; `limit` is the largest size accepted (`nil`: no limit).
    static func read(_ path: String, what: String, limit: Int? = Limits.documentBytesMax) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure(.invalid, "cannot read \(what) '\(path)'")
        }
        if let limit, data.count > limit {
            throw CLIFailure(.invalid, "\(what) '\(path)' is larger than the limit of \(limit) bytes")
        }
        return data
    }
}
