import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// One status view and one ledger view, cut by the same rules whoever renders them.
@Suite("Status and ledger views")
struct StatusViewTests {
    @Test("the agent sees the whole deal: funds, every party, the deadline met, the next step")
    func agentSeesEverything() throws {
        let harness = try Harness.readyToRelease()
        let view = StatusView(harness.state, viewer: .agent(userID: "alice"), now: newYork(2005, 8, 25, 14))
        #expect(view.viewer == "agent user alice")
        #expect(view.funds?.heldMinorUnits == 799_999_998)
        #expect(view.subscriptions.map(\.purchaser) == ["purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4"])
        #expect(view.deposits.map(\.bankReference) == ["FW20050822001", "FW20050822002", "FW20050822003", "FW20050822004"])
        #expect(view.releaseNotice.effective)
        #expect(view.releaseNotice.awaitingCount == 0)
        #expect(view.deadlines.map(\.status) == ["met on 2005-08-24"])
        #expect(view.deadlines.first?.businessDaysLeft == 6)
        #expect(view.name("nir-group") == "NIR Group")
        #expect(view.nextStep == "release the funds (1.5, 1.6)")
        #expect(view.depositInstructions.accountNumber == "37317968")
    }

    @Test("1.7: status shows each refund owed until its purchaser's instructions are in; a purchaser sees only its own")
    func refundsOwedInStatus() throws {
        var harness = Harness()
        try harness.registerKeys()
        try harness.depositAll()
        try harness.run(.tick, at: newYork(2005, 9, 3, 9))
        let agent = StatusView(harness.state, viewer: .agent(userID: "alice"), now: newYork(2005, 9, 6, 9))
        #expect(agent.refundsOwed.map(\.payee) == ["purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4"])
        #expect(agent.refundsOwed.map(\.amountMinorUnits) == [300_000_000, 249_999_999, 150_000_000, 99_999_999])
        #expect(agent.clauses["refund"] == "1.7")
        #expect(agent.releaseNotice.clause == "1.4, Exhibit A")
        let purchaser = StatusView(harness.state, viewer: .party("purchaser-4", .purchaser), now: newYork(2005, 9, 6, 9))
        #expect(purchaser.refundsOwed.map(\.amountMinorUnits) == [99_999_999])
        let account = BankAccount(accountName: "Purchaser 4", bank: "Citibank, N.A.", routingNumber: "021000089", accountNumber: "400044448888")
        try harness.instruct("purchaser-4", lines: [InstructionLine(account: account, amount: nil)], at: newYork(2005, 9, 6, 12))
        let after = StatusView(harness.state, viewer: .party("purchaser-4", .purchaser), now: newYork(2005, 9, 6, 13))
        #expect(after.refundsOwed.isEmpty)
        #expect(after.payments.map(\.amountMinorUnits) == [99_999_999])
        #expect(after.payments.map(\.destination) == [account.description])
    }

    @Test("a purchaser sees its own subscription and wire and the aggregate advised, nothing of another purchaser")
    func purchaserSeesItsOwn() throws {
        let harness = try Harness.readyToRelease()
        let view = StatusView(harness.state, viewer: .party("purchaser-2", .purchaser), now: newYork(2005, 8, 25, 14))
        #expect(view.funds == nil)
        #expect(view.advisedMinorUnits == 799_999_998)
        #expect(view.subscriptions.map(\.purchaser) == ["purchaser-2"])
        #expect(view.deposits.map(\.bankReference) == ["FW20050822002"])
        #expect(view.documents.map(\.from) == ["purchaser-2"])
        #expect(view.releaseNotice.signed == ["purchaser-2"])
        #expect(view.names == ["purchaser-2": "Purchaser 2"])
        #expect(view.nextStep == nil)
        // The deposit instructions of 1.3 are shown to every purchaser.
        #expect(view.depositInstructions.reference == "Roo Group, Inc.")
    }

    @Test("the ledger is open to the agent and the company, not to a purchaser or a fee payee")
    func ledgerScope() throws {
        let harness = try Harness.readyToRelease()
        let ledger = harness.state.ledger
        #expect(LedgerView(ledger, viewer: .agent(userID: "alice"))?.heldMinorUnits == 799_999_998)
        #expect(LedgerView(ledger, viewer: .party("company", .company))?.postings.count == 4)
        #expect(LedgerView(ledger, viewer: .party("purchaser-2", .purchaser)) == nil)
        #expect(LedgerView(ledger, viewer: .party("sichenzia", .feePayee)) == nil)
    }
}
