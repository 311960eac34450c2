import EscrowCore
import Foundation
import Testing

/// `escrow checkpoint` and `escrow verify --checkpoint` (issue 11, item 4): whoever keeps an
/// earlier checkpoint catches a log cut short behind the agent's back.
@Suite("signed checkpoints from the command line")
struct CheckpointCommandTests {
    /// The fields of a checkpoint file this test reads.
    struct CheckpointFile: Decodable {
        var escrow: String
        var sequence: Int64
        var hash: String
        var publicKeyBase64: String
    }

    @Test(
        "deleting the last events (triggers dropped) passes verify but fails verify --checkpoint, naming the first missing sequence",
        .enabled(if: SQLiteShell.url != nil, "needs the sqlite3 command-line shell"))
    func truncatedLogIsCaught() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .readyToRelease)
        defer { deal.remove() }
        try await deal.release().succeeded()
        let taken = try await deal.inspect("checkpoint", "--out", "head.json")
        #expect(taken.status == 0, "\(taken)")
        let checkpoint = try JSONDecoder().decode(CheckpointFile.self, from: Data(try deal.read("head.json").utf8))
        #expect(checkpoint.escrow == "roo-group-2005")
        // The release's 32 events, then the agent's key recorded before the first checkpoint.
        #expect(checkpoint.sequence == 33)
        let key = try deal.read("escrow.db.agent-key").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(SignatureKeys.publicKey(ofPrivateKeyBase64: key) == checkpoint.publicKeyBase64)
        let timeline = try await deal.timeline()
        #expect(timeline.last?.type == "checkpointKeyRecorded")
        #expect(timeline.last?.hash == checkpoint.hash)

        let holds = try await deal.inspect("verify", "--checkpoint", "head.json")
        #expect(holds.status == 0, "\(holds)")
        #expect(holds.lines == ["roo-group-2005: the log holds every event up to checkpoint 33 unchanged (log now at 33)"])

        let deleted = try await SQLiteShell.run(
            "DROP TRIGGER event_no_delete; DELETE FROM event WHERE escrow_id = 'roo-group-2005' AND sequence >= 32; SELECT changes();", on: deal)
        #expect(deleted.lines == ["2"], "\(deleted)")
        let chain = try await deal.inspect("verify")
        #expect(chain.status == 0, "the chain alone cannot see a cut tail: \(chain)")

        let caught = try await deal.inspect("verify", "--checkpoint", "head.json")
        #expect(caught.status == 5, "\(caught)")
        #expect(
            caught.lines == [
                "roo-group-2005: checkpoint 33 does not hold: the log ends at event 31 but the checkpoint covers 33: events 32 to 33 are missing"
            ])
        let json = try await deal.inspect("verify", "--checkpoint", "head.json", "--json")
        #expect(json.stdout.contains("\"firstMissingSequence\" : 32") || json.stdout.contains("\"firstMissingSequence\":32"), "\(json)")
    }

    @Test("status and notices end with the latest checkpoint; --json carries it as an object")
    func statusCarriesTheCheckpoint() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .readyToRelease)
        defer { deal.remove() }
        let status = try await deal.inspect("status")
        #expect(status.status == 0, "\(status)")
        #expect(status.lines.last?.hasPrefix("Checkpoint: event 31 of roo-group-2005, hash ") == true, "\(status)")
        let notices = try await deal.inspect("notices")
        #expect(notices.lines.last?.hasPrefix("Checkpoint: event 31 of roo-group-2005") == true, "\(notices)")
        let json = try await deal.inspect("status", "--json")
        struct WithCheckpoint: Decodable { var escrow: String; var checkpoint: CheckpointFile }
        let decoded = try JSONDecoder().decode(WithCheckpoint.self, from: Data(json.stdout.utf8))
        #expect(decoded.checkpoint.sequence == 31)
        #expect(decoded.escrow == "roo-group-2005")
    }

    @Test("a file that is not a checkpoint is refused in one line with exit 2")
    func notACheckpoint() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .readyToRelease)
        defer { deal.remove() }
        try deal.write("{\"escrow\": 1}", to: "bad.json")
        let refused = try await deal.inspect("verify", "--checkpoint", "bad.json")
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.errorLines == ["--checkpoint bad.json is not a checkpoint written by `escrow checkpoint`"])
    }
}
