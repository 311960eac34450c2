import ArgumentParser
import EscrowCore
import EscrowServer
import EscrowStore
import EscrowStorePostgres
import EscrowStoreSQLite
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

    /// Reads an amount in the escrow's own currency, refusing it in the command's words.
    func amount(_ text: String, option: String, verb: String, rule: Rule) async throws -> Money {
        let (state, _) = try await loadEscrow(verb: verb)
        do { return try Money.parse(text, state.currency) } catch {
            throw CLIFailure(.invalid, "\(verb) refused: \(option): \(error) (\(state.terms.citation(of: rule)))")
        }
    }

    /// The chosen store: `--database`, else `ESCROW_DATABASE_URL`, else the SQLite file at `--db`.
    var selection: StoreSelection {
        StoreSelection(database: database, environment: ProcessInfo.processInfo.environment, sqlitePath: db)
    }

    /// Opens the chosen store.
    func service() async throws -> EscrowService {
        EscrowService(store: try await selection.open())
    }

    /// The escrow named by `--escrow`, or the only one in the database.
    func escrowID(_ service: EscrowService) async throws -> EscrowID {
        if let escrow { return EscrowID(escrow) }
        let ids: [EscrowID]
        do { ids = try await service.store.escrowIDs() } catch { throw CLIFailure(.store, "\(error)") }
        guard ids.count == 1, let only = ids.first else {
            throw CLIFailure(
                .invalid,
                ids.isEmpty
                    ? "no escrow in \(selection); create one with `escrow create --agreement FILE`"
                    : "\(selection) holds \(ids.count) escrows; name one with --escrow")
        }
        return only
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

    /// Opens the store, or fails with a storage error naming the database.
    func open() async throws -> any EventStore {
        switch self {
        case .sqlite(let path):
            do { return try SQLiteEventStore(path: path) } catch {
                throw CLIFailure(.store, "cannot open database \(path): \(error)")
            }
        case .postgres(let text):
            return try await Self.connect(try Self.parse(text))
        }
    }

    /// Opens the store and, beside it, the server's users: both in the SQLite file, or both in
    /// the PostgreSQL database on one connection pool, so servers sharing it share users,
    /// tokens and approvals. A token is remembered for `tokenMemory` (see ``UserDirectory``).
    func openWithUsers(tokenMemory: Duration) async throws -> (events: any EventStore, users: any UserDirectory) {
        switch self {
        case .sqlite(let path):
            let events = try await open()
            do { return (events, try UserStore(path: path, tokenMemory: tokenMemory)) } catch {
                throw CLIFailure(.store, "cannot open users in \(path): \(error)")
            }
        case .postgres(let text):
            let events = try await Self.connect(try Self.parse(text))
            return (events, try await Self.users(beside: events, tokenMemory: tokenMemory))
        }
    }

    /// Opens only the server's users (`escrow users`); in PostgreSQL the event log's tables
    /// are created too, as by any command given the database.
    func openUsers() async throws -> any UserDirectory {
        switch self {
        case .sqlite(let path):
            do { return try UserStore(path: path) } catch { throw CLIFailure(.store, "cannot open users in \(path): \(error)") }
        case .postgres(let text):
            return try await Self.users(beside: try await Self.connect(try Self.parse(text)), tokenMemory: .zero)
        }
    }

    /// The URL read, or an invalid-input failure that says why it is not one.
    private static func parse(_ text: String) throws -> PostgresURL {
        do { return try PostgresURL(text) } catch {
            let reason = if case .unavailable(let reason) = error { reason } else { error.description }
            throw CLIFailure(.invalid, "invalid PostgreSQL URL (--database or \(environmentVariable)): \(reason)")
        }
    }

    private static func connect(_ url: PostgresURL) async throws -> PostgresEventStore {
        do { return try await PostgresEventStore.connect(url: url) } catch {
            throw CLIFailure(.store, "cannot open database \(url): \(error)")
        }
    }

    private static func users(beside events: PostgresEventStore, tokenMemory: Duration) async throws -> any UserDirectory {
        do { return try await PostgresUserStore.open(beside: events, tokenMemory: tokenMemory) } catch {
            throw CLIFailure(.store, "cannot open users in \(events.url): \(error)")
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
    static let documentBytesMax = 64 * 1024 * 1024

    /// Reads the file whole; `limit` is the largest size accepted (`nil`: no limit).
    static func read(_ path: String, what: String, limit: Int? = documentBytesMax) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure(.invalid, "cannot read \(what) '\(path)'")
        }
        if let limit, data.count > limit {
            throw CLIFailure(.invalid, "\(what) '\(path)' is larger than the limit of \(limit) bytes")
        }
        return data
    }
}
