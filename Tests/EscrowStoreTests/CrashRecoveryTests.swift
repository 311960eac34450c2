import EscrowCore
import EscrowStore
import EscrowStorePostgres
import EscrowStoreSQLite
import EscrowTesting
import Foundation
import GRDB
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the `EscrowStoreWriter` executable that the crash test runs as a separate process.
///
/// The test target does not depend on the writer (an executable cannot be linked into a test
/// bundle, and a dependency would not put it anywhere more useful): SwiftPM builds every
/// product of the package into one products directory (`.build/debug` here, or
/// `.build/<triple>/debug`), and the test bundle lives in that same directory. So the writer is
/// looked for, in order:
///
/// 1. at the path in the environment variable `ESCROW_STORE_WRITER`, for unusual layouts;
/// 2. beside any loaded `.xctest` bundle (macOS, where the bundle is a directory loaded by `xctest`);
/// 3. beside the running executable (Linux, where the `.xctest` file is itself the executable);
/// 4. in `.build/debug` of the package that holds this source file.
///
/// `swift build --build-tests` and `swift test` both build it.
enum WriterExecutable {
    static let name = "EscrowStoreWriter"

    static var candidates: [URL] {
        var urls: [URL] = []
        if let override = ProcessInfo.processInfo.environment["ESCROW_STORE_WRITER"] {
            urls.append(URL(fileURLWithPath: override))
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            urls.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
        }
        if let executable = Bundle.main.executableURL {
            urls.append(executable.deletingLastPathComponent().appendingPathComponent(name))
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // EscrowStoreTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
        urls.append(packageRoot.appendingPathComponent(".build/debug").appendingPathComponent(name))
        return urls
    }

    static var url: URL? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// One idempotency row as stored.
struct KeyRecord: Hashable {
    var key: String
    var firstSequence: Int64?
    var lastSequence: Int64?
}

/// What one run of the writer printed and how it ended.
struct WriterRun {
    var acknowledged: [Int64] = []
    var replayed: [Int64] = []
    var killed: Bool
    var exitStatus: Int32
    var standardError: String
}

@Suite("Crash recovery")
struct CrashRecoveryTests {
    static let runs = 25
    /// Long enough for most runs to open the file and append a few dozen events (a debug
    /// writer starts in about 20 ms here), short enough that some die while starting up.
    static let killDelayMilliseconds = 10...60

    /// Runs the writer on `databasePath` and kills it with SIGKILL after `delayMilliseconds`.
    static func runWriter(
        _ writer: URL,
        databasePath: String,
        batch: Int,
        delayMilliseconds: Int,
        outputDirectory: ScratchDirectory,
        run: Int
    ) async throws -> WriterRun {
        // Output goes to files rather than pipes: a line the writer wrote before it was killed
        // is in the file, and no pipe can fill up and block it.
        let outputPath = outputDirectory.path("run-\(run).out")
        let errorPath = outputDirectory.path("run-\(run).err")
        try Data().write(to: URL(fileURLWithPath: outputPath))
        try Data().write(to: URL(fileURLWithPath: errorPath))
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errorOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer {
            try? output.close()
            try? errorOutput.close()
        }

        let process = Process()
        process.executableURL = writer
        process.arguments = [databasePath] + (batch > 1 ? ["--batch", String(batch)] : [])
        process.standardOutput = output
        process.standardError = errorOutput
        let (exited, exit) = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in exit.finish() }
        try process.run()
        try await Task.sleep(for: .milliseconds(delayMilliseconds))
        kill(process.processIdentifier, SIGKILL)
        for await _ in exited {}

        var result = WriterRun(
            killed: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
            exitStatus: process.terminationStatus,
            standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        )
        let lines = try String(contentsOfFile: outputPath, encoding: .utf8).split(separator: "\n")
        for line in lines {
            let words = line.split(separator: " ")
            guard words.count == 2, let sequence = Int64(words[1]) else {
                Issue.record("run \(run) printed an unexpected line: \(line)")
                continue
            }
            switch words[0] {
            case "ack": result.acknowledged.append(sequence)
            case "replay": result.replayed.append(sequence)
            default: Issue.record("run \(run) printed an unexpected line: \(line)")
            }
        }
        return result
    }

    @Test(
        "a writer killed with SIGKILL 25 times loses no acknowledged event and applies no key twice, one append or a batch of 8 per commit",
        .timeLimit(.minutes(2)),
        arguments: StoreFactory.durable, [1, 8]
    )
    func killedWriter(_ factory: StoreFactory, batch: Int) async throws {
        let writer = try #require(
            WriterExecutable.url,
            "Build the writer first (swift build --build-tests); looked in \(WriterExecutable.candidates.map(\.path))")
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        // The writer opens the log itself: an SQLite file here, or a scratch PostgreSQL database.
        try await factory.with(directory.url) { scratchStore in
            let postgres = scratchStore as? PostgresEventStore
            let databasePath = postgres?.url.connectionString ?? directory.path("crash.sqlite")
            // A PostgreSQL writer first connects and migrates, so it is given longer before the kill;
            // a batch of 8 takes longer than one append before its first acknowledgement.
            let delays =
                switch (postgres == nil, batch > 1) {
                case (true, false): Self.killDelayMilliseconds
                case (true, true): 15...100
                case (false, false): 40...200
                case (false, true): 100...500
                }

            var acknowledged: Set<Int64> = []
            var replays = 0
            for run in 1...Self.runs {
                // While no run has lived to its first acknowledgement (a loaded machine starts the
                // writer slowly), each run waits longer before the kill: up to 16 times the range.
                let patience = acknowledged.isEmpty ? min(1 << (run / 3), 16) : 1
                let delay = Int.random(in: delays) * patience
                let result = try await Self.runWriter(
                    writer, databasePath: databasePath, batch: batch, delayMilliseconds: delay, outputDirectory: directory, run: run)
                let ending = "status \(result.exitStatus): \(result.standardError)"
                #expect(result.killed, "run \(run), to be killed after \(delay) ms, ended by itself with \(ending)")
                // Each run resumes after the last stored event, so its acknowledgements continue
                // the log without overlapping those of earlier runs.
                #expect(acknowledged.isDisjoint(with: result.acknowledged), "run \(run) acknowledged a sequence twice")
                acknowledged.formUnion(result.acknowledged)
                replays += result.replayed.count
            }
            #expect(!acknowledged.isEmpty, "no run lived long enough to append")
            #expect(replays > 0, "no run resumed with a replay")

            if let postgres {
                // Read back through a pool of its own, as a server started after the crashes would.
                try await PostgresEventStore.withStore(url: postgres.url) { store in
                    _ = try await Self.checkLog(store, escrowID: Self.escrowID, acknowledged: acknowledged)
                }
                return
            }
            let store = try SQLiteEventStore(path: databasePath)
            let events = try await Self.checkLog(store, escrowID: Self.escrowID, acknowledged: acknowledged)
            try store.close()

            // And no other key was recorded.
            let raw = try DatabaseQueue(path: databasePath)
            let keys = try await raw.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT key, first_sequence, last_sequence FROM idempotency WHERE escrow_id = ?",
                    arguments: [Self.escrowID.rawValue]
                ).map { row in
                    KeyRecord(key: row["key"], firstSequence: row["first_sequence"], lastSequence: row["last_sequence"])
                }
            }
            try raw.close()
            let sequences = events.map(\.sequence)
            #expect(keys.count == events.count)
            #expect(Set(keys) == Set(sequences.map { KeyRecord(key: "k-\($0)", firstSequence: $0, lastSequence: $0) }))
        }
    }

    /// The escrow the writer appends to.
    static let escrowID: EscrowID = "crash-test"

    /// Checks the log after the crashes: it verifies, is gapless, holds every acknowledged
    /// event as the command sent under its key, and each key names exactly its one event.
    static func checkLog(_ store: any EventStore, escrowID: EscrowID, acknowledged: Set<Int64>) async throws -> [RecordedEvent] {
        let events = try await store.events(of: escrowID, after: 0)
        let report = ChainVerifier.verify(events)
        #expect(report.isIntact, "\(String(describing: report.firstBroken))")
        let sequences = events.map(\.sequence)
        #expect(sequences == (0..<Int64(events.count)).map { $0 + 1 }, "the log has a gap or a duplicate")
        #expect(
            acknowledged.isSubset(of: Set(sequences)),
            "acknowledged but missing: \(acknowledged.subtracting(sequences).sorted())")
        for event in events {
            #expect(
                event.payload == Data(#"{"key":"k-\#(event.sequence)","sequence":\#(event.sequence)}"#.utf8),
                "event \(event.sequence) is not the command sent under k-\(event.sequence)")
        }
        // Every key was recorded for exactly the one event it produced.
        for sequence in sequences {
            #expect(
                try await store.idempotencyRecord(escrowID: escrowID, key: "k-\(sequence)")
                    == IdempotencyRecord(commandDigest: "append k-\(sequence)", sequences: sequence...sequence))
        }
        return events
    }
}
