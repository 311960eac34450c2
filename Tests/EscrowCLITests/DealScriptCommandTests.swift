import EscrowCore
import Foundation
import Testing

/// `escrow demo --agreement FILE --script FILE`: a deal of another shape, written as data and
/// played end to end without code, citing its own agreement's sections.
@Suite("deal scripts on other agreements")
struct DealScriptCommandTests {
    static func example(_ name: String) -> String {
        EscrowExecutable.packageRoot.appendingPathComponent("examples/\(name)").path
    }

    @Test("earnest money, closing: the broker's 5(a) commission and the rest to the seller under 5(b), after a release refused for the buyer's missing signature")
    func earnestMoneyCloses() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.escrow([
            "demo", "--agreement", Self.example("earnest-money-2024.yaml"), "--script", Self.example("earnest-money-2024.closing.yaml"), "--db", "deal.db",
        ])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first == "Escrow maple-street-2024, script \(Self.example("earnest-money-2024.closing.yaml")) (database deal.db)")
        #expect(
            result.lines.contains(
                "#8 2024-03-14T09:00:00-05:00 [3] advised Harriet Lane, Samuel Okafor that USD 25,000.00 is received; every condition is in"),
            "\(result)")
        #expect(
            result.lines.contains(
                "#14 2024-03-14T15:00:00-05:00 [5, 5(b)] disbursed USD 25,000.00: USD 7,500.00 to Riverside Realty (5(a)); USD 17,500.00 to Harriet Lane (5(b))"),
            "\(result)")
        #expect(result.lines.contains("line 26, 2024-03-14T15:30:00Z: release refused: Settlement Statement lacks counterparts from Samuel Okafor (5, 4)"), "\(result)")
        #expect(result.lines.last == "ledger: deposited USD 25,000.00 = held USD 0.00 + paid out USD 25,000.00 + refunded USD 0.00 + with court USD 0.00")
        // Nothing of the 2005 reference deal's numbering leaks into this deal's lines.
        #expect(!result.stdout.contains("1.7") && !result.stdout.contains("1.2]") && !result.stdout.contains("Exhibit A"))
    }

    @Test("earnest money, financing fails: at 17:00 Chicago time on the 15th business day the deposit falls due back to the buyer, paid on its instructions (6)")
    func earnestMoneyFinancingFails() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.escrow([
            "demo", "--agreement", Self.example("earnest-money-2024.yaml"), "--script", Self.example("earnest-money-2024.financing-fails.yaml"), "--db", "deal.db",
        ])
        #expect(result.status == 0, "\(result)")
        #expect(
            result.lines.contains(
                "#5 2024-03-22T17:00:00-05:00 [6] financing-commitment not received by 2024-03-22 17:00 America/Chicago: release is no longer possible; funds go back"),
            "\(result)")
        #expect(result.lines.contains("#6 2024-03-22T17:00:00-05:00 [6] refund of USD 25,000.00 fell due: USD 25,000.00 to Samuel Okafor"), "\(result)")
        #expect(result.lines.contains("#8 2024-03-25T10:00:00-05:00 [6] refunded USD 25,000.00: USD 25,000.00 to Samuel Okafor"), "\(result)")
        #expect(result.lines.last == "ledger: deposited USD 25,000.00 = held USD 0.00 + paid out USD 0.00 + refunded USD 25,000.00 + with court USD 0.00")
    }

    @Test("earnest money, dispute: a hold on all funds for buyer and seller refuses the release, and the deposit goes to the court (11)")
    func earnestMoneyDisputeEndsInCourt() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.escrow([
            "demo", "--agreement", Self.example("earnest-money-2024.yaml"), "--script", Self.example("earnest-money-2024.dispute.yaml"), "--db", "deal.db",
        ])
        #expect(result.status == 0, "\(result)")
        #expect(
            result.lines.contains(
                "#8 2024-03-15T10:00:00-05:00 [11] hold H1 on all funds: Buyer refuses to close over undisclosed water damage; seller demands the earnest money"),
            "\(result)")
        #expect(result.lines.contains("line 14, 2024-03-15T16:00:00Z: release refused: a dispute hold covers all funds (11)"), "\(result)")
        #expect(
            result.lines.contains("#9 2024-04-01T09:00:00-05:00 [11] USD 25,000.00 delivered to Circuit Court of Cook County, Illinois (2024-CH-03117)"),
            "\(result)")
        #expect(result.lines.last == "ledger: deposited USD 25,000.00 = held USD 0.00 + paid out USD 0.00 + refunded USD 0.00 + with court USD 25,000.00")
    }

    @Test("a script with a mistake is refused with its line, and nothing is played")
    func badScriptRefused() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write(
            """
            steps:
              - {at: "2024-03-01T09:00:00-06:00", open: {}}
              - {at: "2024-03-04T11:00:00-06:00", deposit: {purchaser: buyer, amount: "25000.00"}}
            """, to: "bad.yaml")
        let result = try await workspace.escrow(["demo", "--agreement", Self.example("earnest-money-2024.yaml"), "--script", "bad.yaml", "--db", "deal.db"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("bad.yaml:3: steps[1].deposit.reference: missing required key 'reference'"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("deal.db")))
    }
}
