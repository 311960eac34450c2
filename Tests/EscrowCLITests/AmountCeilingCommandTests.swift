import EscrowCore
import Foundation
import Testing

/// An amount past the engine's ceiling is a one-line refusal with exit 2, never a trap, and
/// the log is the same event for event afterwards.
@Suite("amount ceilings")
struct AmountCeilingCommandTests {
    static let int64MaxCents = "92233720368547758.07"

    func expectOneLineRefusal(_ result: EscrowResult, before: [TimelineEntry], in workspace: Workspace) async throws {
        #expect(result.status == 2, "\(result)")
        #expect(result.errorLines.count == 1, "\(result)")
        #expect(result.errorLines.first?.contains("above the largest amount accepted in USD, USD 1,000,000,000,000.00") == true, "\(result)")
        #expect(result.stdout == "")
        #expect(try await workspace.timeline() == before)
    }

    @Test("1.1: after a wire of 1.00, a wire of 92,233,720,368,547,758.07 is refused in one line, exit 2")
    func depositAtInt64Limit() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await workspace.createReferenceEscrow().succeeded()
        try await workspace.escrow(
            ["deposit", "--from", "purchaser-1", "--amount", "1.00", "--reference", "W1"], now: "2005-08-22T11:00:00-04:00"
        ).succeeded()
        let before = try await workspace.timeline()
        let result = try await workspace.escrow(
            ["deposit", "--from", "purchaser-2", "--amount", Self.int64MaxCents, "--reference", "W2"], now: "2005-08-22T11:05:00-04:00")
        try await expectOneLineRefusal(result, before: before, in: workspace)
        #expect(result.errorLines.first?.hasPrefix("deposit refused: --amount: ") == true, "\(result)")
        #expect(result.errorLines.first?.hasSuffix("(1.1)") == true, "\(result)")
        let verify = try await workspace.inspect("verify")
        #expect(verify.status == 0, "\(verify)")
    }

    @Test("1.6: written instructions with two lines of 92,233,720,368,547,758.07 are refused in one line, exit 2")
    func instructionsAtInt64Limit() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingPurchaser3)
        defer { deal.remove() }
        let before = try await deal.timeline()
        let result = try await deal.escrow(
            [
                "instruct", "--party", "company", "--key", CommandLineDeal.keyFile("company"),
                "--account", "AJW Offshore, Ltd.|Bank of New York|021000018|8900112233|\(Self.int64MaxCents)",
                "--account", "ROO Group, Inc.|Citibank, N.A.|021000089|40012345|\(Self.int64MaxCents)",
            ],
            now: "2005-08-25T12:30:00-04:00")
        try await expectOneLineRefusal(result, before: before, in: deal)
    }

    @Test("--now outside the calendar's years is refused in one line, exit 2")
    func nowOutsideCalendar() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await workspace.createReferenceEscrow().succeeded()
        let result = try await workspace.escrow(["status"], now: "2150-01-01T00:00:00Z")
        #expect(result.status == 2, "\(result)")
        #expect(result.errorLines == ["--now '2150-01-01T00:00:00Z' is outside the years the business calendar covers, 1990 to 2100"], "\(result)")
    }
}
