import EscrowCore
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the built `escrow` executable that these tests run as a subprocess.
///
/// SwiftPM builds every product of the package into one products directory (`.build/debug`,
/// a link to `.build/<triple>/debug`), and the test bundle lives in that same directory;
/// `swift build --build-tests` builds `escrow` too. The executable is looked for, in order:
///
/// 1. at the path in the environment variable `ESCROW_EXECUTABLE`, for unusual layouts;
/// 2. beside any loaded `.xctest` bundle (macOS, where the bundle is a directory loaded by `xctest`);
/// 3. beside the running executable (Linux, where the `.xctest` file is itself the executable);
/// 4. in `.build/debug` of the package that holds this source file.
enum EscrowExecutable {
    static let name = "escrow"

    static var candidates: [URL] {
        var urls: [URL] = []
        if let override = ProcessInfo.processInfo.environment["ESCROW_EXECUTABLE"] {
            urls.append(URL(fileURLWithPath: override))
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            urls.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
        }
        if let executable = Bundle.main.executableURL {
            urls.append(executable.deletingLastPathComponent().appendingPathComponent(name))
        }
        urls.append(packageRoot.appendingPathComponent(".build/debug").appendingPathComponent(name))
        return urls
    }

    /// The first candidate that is an executable file.
    static var url: URL? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The executable, or a test failure saying how to build it.
    static func required() throws -> URL {
        try #require(url, "Build escrow first (swift build --build-tests); looked in \(candidates.map(\.path))")
    }

    /// The root of the package that holds this source file.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EscrowCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
}

/// What one run of `escrow` printed and how it ended.
struct EscrowResult: Sendable, CustomStringConvertible {
    /// The program's file name: `escrow`, or `sqlite3` for the tamper test.
    var program: String
    var arguments: [String]
    /// The exit status, or the signal number when ``killedBySignal``.
    var status: Int32
    var killedBySignal: Bool
    var stdout: String
    var stderr: String

    /// Standard output split into lines, without the empty string after the last newline.
    var lines: [String] { Self.lines(of: stdout) }

    /// Standard error split into lines, without the empty string after the last newline.
    var errorLines: [String] { Self.lines(of: stderr) }

    static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Standard output decoded as JSON.
    func json<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: Data(stdout.utf8))
    }

    /// The command line and everything it printed, for failure messages.
    var description: String {
        "\(program) \(arguments.joined(separator: " ")) -> \(killedBySignal ? "signal" : "status") \(status)\n"
            + "stdout:\n\(stdout)stderr:\n\(stderr)"
    }
}

/// An `escrow` (or other) process that was started and not yet waited for.
///
/// Output goes to files rather than pipes, so a process that prints a lot cannot block on a
/// full pipe, and what a killed process printed before it died is still there to read.
struct EscrowLaunch {
    let arguments: [String]
    let process: Process
    let outputURL: URL
    let errorURL: URL
    let exited: AsyncStream<Void>

    /// Starts `escrow arguments` (or `executable arguments`) with `directory` as its working directory.
    init(_ arguments: [String], in directory: URL, executable: URL? = nil) throws {
        self.arguments = arguments
        let id = UUID().uuidString
        outputURL = directory.appendingPathComponent(".run-\(id).out")
        errorURL = directory.appendingPathComponent(".run-\(id).err")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let output = try FileHandle(forWritingTo: outputURL)
        let errorOutput = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? errorOutput.close()
        }
        process = Process()
        process.executableURL = try executable ?? EscrowExecutable.required()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errorOutput
        let (exited, exit) = AsyncStream<Void>.makeStream()
        self.exited = exited
        process.terminationHandler = { _ in exit.finish() }
        try process.run()
    }

    /// Sends SIGKILL: the process dies at once, wherever it is.
    func killNow() {
        _ = kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the process to end and collects what it printed.
    func finish() async throws -> EscrowResult {
        for await _ in exited {}
        let result = EscrowResult(
            program: process.executableURL?.lastPathComponent ?? "",
            arguments: arguments,
            status: process.terminationStatus,
            killedBySignal: process.terminationReason == .uncaughtSignal,
            stdout: try String(contentsOf: outputURL, encoding: .utf8),
            stderr: try String(contentsOf: errorURL, encoding: .utf8))
        try? FileManager.default.removeItem(at: outputURL)
        try? FileManager.default.removeItem(at: errorURL)
        return result
    }
}

/// A scratch directory for one test: its own database, key files and documents.
///
/// Commands run with the directory as their working directory, so relative file names in
/// arguments (`company.key`, `waiver.txt`) land here and nowhere else.
struct Workspace: Sendable {
    let url: URL

    /// Creates an empty directory in `parent` (the system's temporary folder by default).
    init(in parent: URL = FileManager.default.temporaryDirectory) throws {
        url = parent.appendingPathComponent("escrow-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Creates a copy of `template` in `parent`: the database (with its -wal and -shm files,
    /// if any), keys and documents, so a test can start from a prepared escrow and change it freely.
    init(copying template: Workspace, in parent: URL = FileManager.default.temporaryDirectory) throws {
        url = parent.appendingPathComponent("escrow-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.copyItem(at: template.url, to: url)
    }

    /// The database every command of the test uses.
    var db: String { path("escrow.db") }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes a file into the workspace and returns its name, ready to pass as an argument.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return name
    }

    /// Reads a file of the workspace as text.
    func read(_ name: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Runs `escrow arguments` here, exactly as given, and waits for it.
    func escrow(_ arguments: [String]) async throws -> EscrowResult {
        try await EscrowLaunch(arguments, in: url).finish()
    }

    /// Runs `escrow arguments --db <this workspace's db> --now <now>` and waits for it.
    func escrow(_ arguments: [String], now: String) async throws -> EscrowResult {
        try await escrow(arguments + ["--db", db, "--now", now])
    }

    /// Runs a read-only command (`timeline`, `status`, `ledger`, `verify`, `list`) on this
    /// workspace's db, as of 2005-09-30, after every instant the tests record at.
    func inspect(_ arguments: String...) async throws -> EscrowResult {
        try await escrow(arguments + ["--db", db, "--now", "2005-09-30T12:00:00-04:00"])
    }

    /// The recorded events, from `escrow timeline --json`.
    func timeline() async throws -> [TimelineEntry] {
        let result = try await inspect("timeline", "--json")
        try #require(result.status == 0, "\(result)")
        return try result.json([TimelineEntry].self)
    }
}

/// One line of `escrow timeline --json` (and of `escrow demo --json`).
struct TimelineEntry: Decodable, Equatable, Sendable {
    var sequence: Int64
    var at: String
    var clause: String
    var type: String
    var summary: String
    var hash: String
}

/// The fields of `escrow ledger --json` the tests read.
struct LedgerJSON: Decodable, Sendable {
    struct Posting: Decodable, Sendable {
        var debit: String
        var credit: String
        var amountMinorUnits: Int64
        var amount: String
        var clause: String
    }

    var currency: String
    var depositedMinorUnits: Int64
    var heldMinorUnits: Int64
    var paidOutMinorUnits: Int64
    var refundedMinorUnits: Int64
    var depositedWithCourtMinorUnits: Int64
    var postings: [Posting]
}

/// The fields of `escrow status --json` the tests read.
struct StatusJSON: Decodable, Sendable {
    struct Funds: Decodable, Sendable {
        var depositedMinorUnits: Int64
        var heldMinorUnits: Int64
        var paidOutMinorUnits: Int64
        var refundedMinorUnits: Int64
    }
    struct ReleaseNotice: Decodable, Sendable {
        var signed: [String]
        var awaiting: [String]
    }
    var escrow: String
    var phase: String
    var funds: Funds
    var releaseNotice: ReleaseNotice
    var nextStep: String
}

/// A step of a prepared deal failed, so the tests built on it cannot start.
struct StepFailed: Error, CustomStringConvertible {
    var result: EscrowResult
    var description: String { "a preparation step failed: \(result)" }
}

extension EscrowResult {
    /// Throws unless the command exited 0; for preparation steps whose output is pinned elsewhere.
    @discardableResult
    func succeeded() throws -> EscrowResult {
        guard status == 0, !killedBySignal else { throw StepFailed(result: self) }
        return self
    }
}
