import EscrowBank
import EscrowCore
import EscrowTesting
import Foundation
import Testing

@Suite("Reconciliation: the ledger's held balance against the bank's closing booked balance (1.1)")
struct ReconciliationTests {
    @Test("every difference is named by entry and together they explain the gap to the cent")
    func differencesByEntry() throws {
        var deal = try fundedByStatement()
        try deal.run(.reconcileBank, at: august(22, 19))
        let result = try #require(deal.state.bank.lastReconciliation)
        #expect(result.ledgerHeld == usd("10499999.98"))
        #expect(result.bankBalance.amount == usd("10550074.98"))
        let items = result.items.map { ($0.reference, $0.amount, $0.bankHoldsMore) }
        #expect(items.map(\.0) == ["FW005", "FW008", "FEE01"])
        #expect(items.map(\.1) == [usd("50000.00"), usd("100.00"), usd("25.00")])
        #expect(items.map(\.2) == [true, true, false])
        #expect(result.unexplained == usd("0.00"))
    }

    @Test("payments released but not yet debited are named by end-to-end id")
    func paymentsInFlight() throws {
        var (deal, file) = try exportedDeal()
        try deal.run(.reconcileBank, at: august(25, 17))
        let result = try #require(deal.state.bank.lastReconciliation)
        let inFile = result.items.filter { $0.explanation.contains("in payment file \(file.fileID)") }
        #expect(inFile.map(\.reference) == file.transfers.map(\.endToEndID))
        #expect(result.items.filter { $0.explanation.contains("not yet sent") }.count == 2)
    }

    @Test("an unexplained difference is reported with its size")
    func unexplainedDifference() throws {
        var deal = try BankDeal()
        try deal.play(through: .funded)
        try deal.importFile(statement("S", closing: "3000001.00", [firstStatementEntries[0]]), at: august(22, 18))
        try deal.run(.reconcileBank, at: august(22, 19))
        let result = try #require(deal.state.bank.lastReconciliation)
        #expect(result.items.isEmpty)
        #expect(result.unexplained == usd("1.00"))
        #expect(result.unexplainedLedgerHoldsMore == false)
        #expect(BankStatusView(deal.state).lastReconciliation?.unexplainedMinorUnits == -100)
    }

    @Test("reconciling before any statement is refused")
    func noStatement() throws {
        var deal = try BankDeal()
        #expect(deal.refusal(.reconcileBank, at: august(22, 19))?.cause == .bank(.noClosingBalance))
    }

    @Test("old logs and new bank events load and hash the same after a round trip through storage")
    func storedRoundTrip() throws {
        let (deal, _) = try exportedDeal()
        for event in deal.log {
            let decoded = try EscrowEvent.decode(type: event.type, payload: try event.payload())
            #expect(decoded == event)
            #expect(try decoded.payload() == event.payload())
        }
        #expect(try EscrowState.fold(deal.log)?.bank.files.count == 1)
    }
}
