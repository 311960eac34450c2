import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// Retried commands: an idempotency key or the bank's reference makes a wire reported
/// twice one deposit, and a key reused for another command is refused.
@Suite("idempotency")
struct IdempotencyCommandTests {
    static let wireLine = "#2 2005-08-22T11:00:00-04:00 [1.1, 1.3] deposit D1 of USD 3,000,000.00 from Purchaser 1, wire FW20050822001"

    /// A freshly created reference escrow: one event, no deposits.
    func createdEscrow() async throws -> Workspace {
        let workspace = try Workspace()
        try await workspace.createReferenceEscrow().succeeded()
        return workspace
    }

    /// `escrow deposit` of Purchaser 1's wire, optionally under an idempotency key.
    func deposit(
        _ workspace: Workspace, amount: String = "3000000.00", key: String? = nil, now: String = "2005-08-22T11:00:00-04:00"
    ) async throws -> EscrowResult {
        try await workspace.escrow(
            ["deposit", "--from", "purchaser-1", "--amount", amount, "--reference", "FW20050822001"]
                + (key.map { ["--idempotency-key", $0] } ?? []),
            now: now)
    }

    /// The deposits in the log, by their timeline lines.
    func depositEvents(_ workspace: Workspace) async throws -> [TimelineEntry] {
        try await workspace.timeline().filter { $0.type == "depositReceived" }
    }

    @Test("the same deposit under the same idempotency key twice records one deposit; the retry says it was already applied")
    func sameKeyTwice() async throws {
        let workspace = try await createdEscrow()
        defer { workspace.remove() }
        let first = try await deposit(workspace, key: "wire-FW20050822001")
        #expect(first.status == 0, "\(first)")
        #expect(first.lines == [Self.wireLine])

        // The retry comes an hour later; it is answered with what was recorded then.
        let retry = try await deposit(workspace, key: "wire-FW20050822001", now: "2005-08-22T12:00:00-04:00")
        #expect(retry.status == 0, "\(retry)")
        #expect(retry.lines == ["deposit: already applied under this idempotency key; recorded then:", Self.wireLine])
        #expect(retry.stderr == "")

        #expect(try await depositEvents(workspace).map(\.summary) == ["deposit D1 of USD 3,000,000.00 from Purchaser 1, wire FW20050822001"])
        let ledger = try await workspace.inspect("ledger", "--json").json(LedgerJSON.self)
        #expect(ledger.depositedMinorUnits == 300_000_000)
    }

    @Test("the same idempotency key with a different amount is refused and records nothing")
    func sameKeyDifferentAmount() async throws {
        let workspace = try await createdEscrow()
        defer { workspace.remove() }
        try await deposit(workspace, key: "wire-FW20050822001").succeeded()
        let before = try await workspace.timeline()

        let reused = try await deposit(workspace, amount: "3000000.01", key: "wire-FW20050822001")
        #expect(reused.status == 2, "\(reused)")
        #expect(reused.stdout == "")
        #expect(reused.errorLines == ["deposit refused: Idempotency key wire-FW20050822001 was already used for a different command."])
        #expect(try await workspace.timeline() == before)
    }

    @Test("1.3: the same bank reference twice without a key is one deposit")
    func sameBankReferenceTwice() async throws {
        let workspace = try await createdEscrow()
        defer { workspace.remove() }
        #expect(try await deposit(workspace).lines == [Self.wireLine])

        let again = try await deposit(workspace, now: "2005-08-22T12:00:00-04:00")
        #expect(again.status == 0, "\(again)")
        #expect(again.lines == ["deposit: nothing to record"])

        #expect(try await depositEvents(workspace).count == 1)
        let ledger = try await workspace.inspect("ledger", "--json").json(LedgerJSON.self)
        #expect(ledger.depositedMinorUnits == 300_000_000)
        #expect(ledger.heldMinorUnits == 300_000_000)
    }

    @Test("1.3: the same bank reference with another amount is refused: a different wire needs its own reference")
    func sameBankReferenceDifferentAmount() async throws {
        let workspace = try await createdEscrow()
        defer { workspace.remove() }
        try await deposit(workspace).succeeded()
        let before = try await workspace.timeline()

        let other = try await deposit(workspace, amount: "3000000.01", now: "2005-08-22T12:00:00-04:00")
        #expect(other.status == 2, "\(other)")
        #expect(other.stdout == "")
        #expect(
            other.errorLines == [
                "deposit refused: bank reference FW20050822001 is already recorded as D1 for USD 3,000,000.00; a different wire needs its own reference (1.3)"
            ])
        #expect(try await workspace.timeline() == before)
    }

    @Test("release retried under its idempotency key is answered with the one disbursement")
    func releaseRetriedUnderItsKey() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .readyToRelease)
        defer { deal.remove() }
        let first = try await deal.release(idempotencyKey: "release-2005-08-25")
        #expect(first.lines == [ReferenceOutcome.disbursedLine], "\(first)")
        let retry = try await deal.release(now: "2005-08-25T15:05:00-04:00", idempotencyKey: "release-2005-08-25")
        #expect(retry.status == 0, "\(retry)")
        #expect(retry.lines == ["release: already applied under this idempotency key; recorded then:", ReferenceOutcome.disbursedLine])
        #expect(try await deal.timeline().filter { $0.type == "disbursed" }.count == 1)
    }
}
