import ArgumentParser
import EscrowCore
import EscrowServer
import EscrowStore
import Foundation
import Hummingbird
import Logging

/// `escrow serve`: the HTTP server over the same engine and log as the command line.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the escrow server: JSON API, bearer-token users, per-party views, deadline scheduler.",
        discussion: "Users and tokens are managed with `escrow users`. The API is described at /openapi.json (Sources/EscrowServer/Resources/openapi.json in the repository).")

    @Option(name: .long, help: "SQLite database file: the event log, users and tokens, unless --database is given.") var db: String = "escrow.db"
    @Option(
        name: .long,
        help: "PostgreSQL URL for the event log, users and tokens (postgres://user@host:port/db); also read from ESCROW_DATABASE_URL. Several servers may share it.")
    var database: String?
    @Option(name: .long, help: "TCP port.") var port: Int = 8080
    @Option(name: .long, help: "Address to bind.") var hostname: String = "127.0.0.1"
    @Option(name: .long, help: "Folder for uploaded documents (default: DB.documents beside the database).") var documents: String?
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel: String = "info"
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Milliseconds within which writes by other processes (the command line, another server) show in reads and token checks.",
            discussion: "The server's own writes show at once. 0 looks at the database on every request."))
    var externalWritesLagMs: Int = 50
    @Flag(
        help: "Start on a fresh temporary database holding the reference deal part-way, with demo users and a deal clock the web desk can move (see the README).")
    var demo = false
    @Option(
        name: .long,
        help: "The agent's checkpoint key file (default: DB.agent-key beside the database, or ESCROW_AGENT_KEY); created when missing.")
    var agentKey: String?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "PostgreSQL URL of a streaming standby of --database, for status, ledger and timeline reads that accept its lag.",
            discussion: "A request states the lag it accepts (Escrow-Max-Staleness: 5s); without it, and for every write, the primary answers (docs/operations.md)."))
    var readReplica: String?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds a connection may stay idle before the server closes it (0: never).",
            discussion: "Idle: no request being read and no answer being written; a client trickling its request head is idle, an open /events stream is not."))
    var idleTimeout: Int = Int(Limits.idleConnectionDurationMax.components.seconds)
    @Option(name: .long, help: "Seconds between heartbeat comment lines on a quiet /events stream.")
    var heartbeat: Int = Int(Limits.eventStreamHeartbeatDuration.components.seconds)
    @Option(name: .long, help: "Most connections held open at once; further clients wait to be accepted.")
    var connectionsMax: Int = Limits.connectionsMax

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level '\(logLevel)' is not a log level") }
        guard (0...60_000).contains(externalWritesLagMs) else { throw ValidationError("--external-writes-lag-ms must be between 0 and 60000") }
        if readReplica != nil, demo { throw ValidationError("--read-replica needs a PostgreSQL --database, not --demo") }
        guard (0...86_400).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be between 0 and 86400 seconds") }
        guard (1...3_600).contains(heartbeat) else { throw ValidationError("--heartbeat must be between 1 and 3600 seconds") }
        guard (1...1_000_000).contains(connectionsMax) else { throw ValidationError("--connections-max must be between 1 and 1000000") }
    }

    func run() async throws {
        if demo { return try await runDemo() }
        try await reporting {
            let lag = Duration.milliseconds(externalWritesLagMs)
            let selection = StoreSelection(database: database, environment: ProcessInfo.processInfo.environment, sqlitePath: db)
            // One connection pool for the event log and the users; on PostgreSQL it runs in the
            // server's service group and the schema is migrated before the first request.
            let (store, users, primaryStores) = try selection.serverStores(tokenMemory: lag)
            var stores = primaryStores
            var standby: StandbyReads?
            if let readReplica {
                guard case .postgres = selection else { throw CLIFailure(.invalid, "--read-replica needs a PostgreSQL --database (or ESCROW_DATABASE_URL)") }
                (standby, stores) = try ReadReplica.configure(readReplica, stores)
            }
            var logger = Logger(label: "escrow.server")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            var configuration = ServerConfiguration(hostname: hostname, port: port, documentsDirectory: documents ?? db + ".documents")
            connectionLimits(&configuration)
            configuration.checkpointSigner = try selection.checkpointSigner(agentKey)
            let app = buildApplication(
                configuration: configuration, service: EscrowService(store: store, externalWritesLag: lag), users: users, stores: stores, logger: logger,
                standby: standby)
            do { try await app.runService() } catch let failure as CLIFailure { throw failure } catch {
                throw CLIFailure(.general, "serve failed: \(error)")
            }
        }
    }

    /// The idle timeout, heartbeat and connection cap from the options.
    func connectionLimits(_ configuration: inout ServerConfiguration) {
        configuration.idleConnectionDurationMax = idleTimeout == 0 ? nil : .seconds(idleTimeout)
        configuration.eventStreamHeartbeatDuration = .seconds(heartbeat)
        configuration.connectionsMax = connectionsMax
    }

    /// `--demo`: the reference deal part-way on a fresh database, its users printed at start.
    func runDemo() async throws {
        try await reporting {
            let demo = try await DeskDemo.prepare()
            var logger = Logger(label: "escrow.server")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            var configuration = ServerConfiguration(
                hostname: hostname, port: port, documentsDirectory: demo.folder.appendingPathComponent("documents").path)
            connectionLimits(&configuration)
            configuration.demo = WebDemo(clock: demo.clock, escrowIDs: [ReferenceDeal.escrowID], timeZoneIdentifier: "America/New_York")
            let link = try await DeskSignIn.link(users: demo.users, user: "alice", at: Date(), baseURL: "http://127.0.0.1:\(port)")
            // Written unbuffered, so a script reading the log sees it before the server stops.
            FileHandle.standardOutput.write(Data((demo.banner(port: port, link: link) + "\n").utf8))
            let app = buildApplication(
                configuration: configuration, service: EscrowService(store: demo.store), users: demo.users, clock: demo.clock, logger: logger)
            do { try await app.runService() } catch let failure as CLIFailure { throw failure } catch {
                throw CLIFailure(.general, "serve failed: \(error)")
            }
        }
    }
}
