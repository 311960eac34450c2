import EscrowCore
import Foundation
import Testing

/// The `sqlite3` command-line shell, used to edit a database behind the engine's back.
enum SQLiteShell {
    /// The first `sqlite3` on `PATH` (or in the usual places), if any.
    static let url: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        return folders.map { URL(fileURLWithPath: $0).appendingPathComponent("sqlite3") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `sql` on the database file `db` of `workspace`.
    static func run(_ sql: String, on workspace: Workspace) async throws -> EscrowResult {
        let shell = try #require(url, "sqlite3 is not installed")
        return try await EscrowLaunch([workspace.db, sql], in: workspace.url, executable: shell).finish()
    }
}

/// The log as evidence: an edit behind the store's back is found and named, and a release
/// killed at any moment and retried pays once.
@Suite("log integrity")
struct LogIntegrityCommandTests {
    @Test(
        "a payload byte altered at event 5, after dropping the append-only triggers, is named by verify",
        .enabled(if: SQLiteShell.url != nil, "needs the sqlite3 command-line shell"))
    func alteredPayloadIsNamed() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .readyToRelease)
        defer { deal.remove() }
        try await deal.release().succeeded()
        let intact = try await deal.inspect("verify")
        #expect(intact.status == 0, "\(intact)")

        // The schema refuses the edit while its triggers stand.
        let triggers = try await SQLiteShell.run("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name;", on: deal)
        #expect(triggers.lines == ["event_no_delete", "event_no_update", "idempotency_no_delete", "idempotency_no_update"])
        let refused = try await SQLiteShell.run("UPDATE event SET payload = payload WHERE sequence = 5;", on: deal)
        #expect(refused.status != 0, "\(refused)")
        #expect(refused.stderr.contains("the event log is append-only: events cannot be updated"), "\(refused)")

        // Someone with the file drops them and changes one byte of event 5's payload.
        let before = try await SQLiteShell.run("SELECT hex(payload) FROM event WHERE sequence = 5;", on: deal)
        let drops = triggers.lines.map { "DROP TRIGGER \($0);" }.joined(separator: " ")
        let altered = try await SQLiteShell.run(
            drops + """
                 UPDATE event SET payload = CAST(substr(payload, 1, 9)
                     || CASE WHEN substr(payload, 10, 1) = X'34' THEN X'35' ELSE X'34' END
                     || substr(payload, 11) AS BLOB)
                 WHERE escrow_id = 'roo-group-2005' AND sequence = 5;
                 SELECT changes();
                """, on: deal)
        #expect(altered.status == 0, "\(altered)")
        #expect(altered.lines == ["1"])
        let after = try await SQLiteShell.run("SELECT hex(payload) FROM event WHERE sequence = 5;", on: deal)
        #expect(Self.differingBytes(before.stdout, after.stdout) == 1, "exactly one payload byte differs")

        let verified = try await deal.inspect("verify")
        #expect(verified.status == 5, "\(verified)")
        #expect(verified.lines.count == 1, "\(verified)")
        #expect(verified.lines.first?.hasPrefix("roo-group-2005: ALTERED at event 5: ") == true, "\(verified)")
        // The reason is ChainBreak's plain sentence, not a case name.
        #expect(verified.stdout.contains("does not match its own hash"), "\(verified)")

        // Nothing is read from, or built on, an altered log.
        let status = try await deal.inspect("status")
        #expect(status.status == 5, "\(status)")
        #expect(status.errorLines.first?.hasPrefix("status failed: event 5 of roo-group-2005 fails verification") == true, "\(status)")
        let deposit = try await deal.escrow(
            ["deposit", "--from", "purchaser-1", "--amount", "1.00", "--reference", "FW20050826001"], now: "2005-08-26T10:00:00-04:00")
        #expect(deposit.status != 0, "\(deposit)")
        #expect(deposit.errorLines.first?.contains("event 5 of roo-group-2005 fails verification") == true, "\(deposit)")
        let count = try await SQLiteShell.run("SELECT count(*) FROM event;", on: deal)
        #expect(count.lines == ["32"])
    }

    /// Bytes that differ between two hex dumps of equal length (`nil` when the lengths differ).
    static func differingBytes(_ a: String, _ b: String) -> Int? {
        let a = Array(a.trimmingCharacters(in: .whitespacesAndNewlines))
        let b = Array(b.trimmingCharacters(in: .whitespacesAndNewlines))
        guard a.count == b.count, a.count % 2 == 0 else { return nil }
        return stride(from: 0, to: a.count, by: 2).filter { a[$0..<$0 + 2] != b[$0..<$0 + 2] }.count
    }

    static let rounds = 15
    static let releaseKey = "release-2005-08-25"

    /// The kill delay of each round: at least 0-40 ms, stretched over the lifetime of an
    /// uninterrupted release, one slice per round with a random moment inside it.
    ///
    /// A debug `escrow release` lives about 100-250 ms on a two-core machine, depending on load
    /// (start-up, opening the file, loading 25 events, deciding, one `IMMEDIATE` transaction
    /// with a full fsync, printing), so delays of 0-40 ms alone would only ever kill it before
    /// it writes. Spreading the rounds over
    /// the whole lifetime also kills it inside the append and after the commit, before it
    /// prints its answer: the case an idempotency key exists for.
    static func killDelays(lifetimeMilliseconds: Int) -> [Int] {
        let span = max(40, lifetimeMilliseconds + 10)
        return (0..<rounds).map { round in
            Int.random(in: (round * span / rounds)...((round + 1) * span / rounds))
        }
    }

    @Test(
        "1.5, 1.6: a release killed with SIGKILL at a random moment and retried under its key pays once, 15 times over",
        .timeLimit(.minutes(2)))
    func killedReleaseRetriedPaysOnce() async throws {
        let template = try await PreparedDeals.shared.workspace(at: .readyToRelease)
        defer { template.remove() }
        func releaseArguments(_ deal: Workspace) -> [String] {
            ["release", "--idempotency-key", Self.releaseKey, "--db", deal.db, "--now", CommandLineDeal.releaseInstant]
        }

        // How long a release lives when nobody kills it.
        let timed = try Workspace(copying: template)
        defer { timed.remove() }
        let clock = ContinuousClock()
        let launch = try EscrowLaunch(releaseArguments(timed), in: timed.url)
        let started = clock.now
        let uninterrupted = try await launch.finish()
        let lifetime = clock.now - started
        #expect(uninterrupted.lines == [ReferenceOutcome.disbursedLine], "\(uninterrupted)")
        let lifetimeMilliseconds = Int(lifetime.components.seconds * 1000 + lifetime.components.attoseconds / 1_000_000_000_000_000)

        for (round, delay) in Self.killDelays(lifetimeMilliseconds: lifetimeMilliseconds).enumerated() {
            // Each round starts from the prepared escrow: every kill lands on a first release.
            let deal = try Workspace(copying: template)
            defer { deal.remove() }
            let arguments = releaseArguments(deal)
            let launch = try EscrowLaunch(arguments, in: deal.url)
            try await Task.sleep(for: .milliseconds(delay))
            launch.killNow()
            let killed = try await launch.finish()

            // The same command under the same key, run to completion: it records the
            // disbursement, or answers with the one the killed run committed.
            let retry = try await deal.escrow(arguments)
            let context = "round \(round + 1), killed after \(delay) ms of ~\(lifetimeMilliseconds): \(killed)\nretry: \(retry)"
            #expect(retry.status == 0, "\(context)")
            #expect(retry.lines.last == ReferenceOutcome.disbursedLine, "\(context)")

            let events = try await deal.timeline()
            #expect(events.count == 32, "\(context)")
            #expect(events.filter { $0.type == "disbursed" }.count == 1, "\(context)")
            let ledger = try await deal.inspect("ledger", "--json").json(LedgerJSON.self)
            #expect(ledger.paidOutMinorUnits == 799_999_998, "\(context)")
            #expect(ledger.heldMinorUnits == 0, "\(context)")
            #expect(ledger.postings.filter { $0.debit.hasPrefix("paid-out:") }.count == 5, "\(context)")
            let verified = try await deal.inspect("verify")
            #expect(verified.status == 0, "\(context)\nverify: \(verified)")
        }
    }
}
