import EscrowBank
import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// The reference deal's wires as the bank reports them: every purchaser paying, one short,
/// one twice, one with no reference, a stranger's payment, one that fits two purchasers, a
/// pending credit and a bank fee.
let firstStatementEntries: [BankEntry] = [
    credit("FW001", "3000000.00", from: "Purchaser 1", remittance: "Roo Group, Inc. purchaser-1"),
    credit("FW002", "2499999.99", from: "Purchaser 2", remittance: "Roo Group, Inc. / purchaser-2"),
    credit("FW003", "1000000.00", from: "Purchaser 3", remittance: "Roo Group purchaser-3 first part"),
    credit("FW004", "999999.99", from: "PURCHASER 4", remittance: nil),
    credit("FW005", "50000.00", from: "Stranger Holdings Ltd", remittance: "invoice 77", account: "99887766"),
    credit("FW006", "3000000.00", from: "Purchaser 1", remittance: "purchaser-1 subscription"),
    credit("FW007", "10.00", from: "Purchaser 2", remittance: "purchaser-2", booked: false),
    debit("FEE01", "25.00", to: "Citibank, N.A."),
    credit("FW008", "100.00", from: "A. Nominee", remittance: "for purchaser-2 / purchaser-4"),
]

/// Deposits, exceptions and the alarm the first statement leads to, on the reference deal funded by it.
func fundedByStatement() throws -> BankDeal {
    var deal = try BankDeal()
    try deal.play(through: .funded)
    try deal.importFile(statement("STMT-0822", closing: "10550074.98", firstStatementEntries), at: august(22, 18))
    return deal
}

@Suite("Statements in: each credit matched by remittance reference, then ordering party and amount (1.1, 1.3)")
struct StatementMatchingTests {
    @Test("the statement written for these tests is a valid camt.053.001.08")
    func fixtureValidates() throws {
        #expect(try schemaComplaint(statement("STMT-0822", closing: "10550074.98", firstStatementEntries), schema: "camt.053.001.08.xsd") == nil)
    }

    @Test("every purchaser's wire becomes its deposit, keyed by the bank's entry reference")
    func depositsByEntryReference() throws {
        let deal = try fundedByStatement()
        let deposits = deal.state.deposits.map { ($0.depositID.rawValue, $0.bankReference, $0.purchaser?.rawValue, $0.amount) }
        #expect(deposits.map(\.0) == ["D1", "D2", "D3", "D4", "D5"])
        #expect(deposits.map(\.1) == ["FW001", "FW002", "FW003", "FW004", "FW006"])
        #expect(deposits.map(\.2) == ["purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4", "purchaser-1"])
        #expect(deposits.map(\.3) == [usd("3000000.00"), usd("2499999.99"), usd("1000000.00"), usd("999999.99"), usd("3000000.00")])
        #expect(deal.state.ledger.held == usd("10499999.98"))
    }

    @Test("a wire with no reference matches by ordering party and the amount still owed")
    func orderingPartyAndAmount() throws {
        let deal = try fundedByStatement()
        let entry = credit("X", "999999.99", from: "Purchaser 4")
        var before = try BankDeal()
        try before.play(through: .funded)
        #expect(BankMatching.match(entry, before.state) == .purchaser("purchaser-4", by: .orderingPartyAndAmount))
        #expect(BankMatching.match(credit("X", "999999.98", from: "Purchaser 4"), before.state) == .ambiguous(["purchaser-4"]))
        #expect(deal.state.deposited(by: "purchaser-4") == usd("999999.99"))
    }

    @Test("short, twice, stranger's and ambiguous wires go to the exceptions list, in order of the statement")
    func exceptionsList() throws {
        let deal = try fundedByStatement()
        let list = deal.state.bank.exceptions.map { ($0.exceptionID, $0.kind, $0.entry.reference, $0.entry.amount, $0.candidates, $0.depositID) }
        #expect(list.map(\.0) == ["X1", "X2", "X3", "X4"])
        #expect(list.map(\.1) == [.underpaid, .unmatched, .overpaid, .ambiguous])
        #expect(list.map(\.2) == ["FW003", "FW005", "FW006", "FW008"])
        #expect(list.map(\.3) == [usd("1000000.00"), usd("50000.00"), usd("3000000.00"), usd("100.00")])
        #expect(list.map(\.4) == [["purchaser-3"], [], ["purchaser-1"], ["purchaser-2", "purchaser-4"]])
        #expect(list.map(\.5) == ["D3", nil, "D5", nil])
    }

    @Test("a debit the escrow never ordered raises an alarm; a pending credit waits")
    func unorderedDebitAlarm() throws {
        let deal = try fundedByStatement()
        let alarms = deal.state.bank.alarms
        #expect(alarms.map(\.kind) == [.unorderedDebit])
        #expect(alarms.first?.reference == "FEE01")
        #expect(alarms.first?.amount == usd("25.00"))
        let imported = deal.state.bank.statements.first
        #expect(imported?.entriesCounted == 8)
        #expect(imported?.entriesPending == 1)
        #expect(imported?.closingBooked?.amount == usd("10550074.98"))
    }

    @Test("the same statement imported twice, or an overlapping one, counts each entry once")
    func overlappingStatementsCountOnce() throws {
        var deal = try fundedByStatement()
        let logLength = deal.log.count
        let again = try deal.importFile(statement("STMT-0822", closing: "10550074.98", firstStatementEntries), at: august(22, 19))
        #expect(again.isEmpty)
        #expect(deal.log.count == logLength)
        let overlap = [firstStatementEntries[1], credit("FW009", "500000.00", from: "Purchaser 3", remittance: "purchaser-3 balance")]
        try deal.importFile(statement("STMT-0823", closing: "11050074.98", overlap), at: august(23, 9))
        #expect(deal.state.deposits.count == 6)
        #expect(deal.state.deposited(by: "purchaser-2") == usd("2499999.99"))
        #expect(deal.state.deposited(by: "purchaser-3") == usd("1500000.00"))
        #expect(deal.state.bank.statements.last?.entriesAlreadyCounted == 1)
    }

    @Test("a wire recorded by hand and then reported on a statement under its reference counts once")
    func handRecordedWireCountsOnce() throws {
        var deal = try BankDeal()
        try deal.play(through: .funded)
        try deal.run(.recordDeposit(bankReference: "FW001", purchaser: "purchaser-1", senderName: nil, amount: usd("3000000.00")), at: august(22, 11))
        try deal.importFile(statement("S", closing: "3000000.00", [firstStatementEntries[0]]), at: august(22, 18))
        #expect(deal.state.deposits.count == 1)
        #expect(deal.state.ledger.held == usd("3000000.00"))
    }

    @Test("an agent user resolves each exception by hand; the choice and who made it are in the log")
    func resolvingExceptions() throws {
        var deal = try fundedByStatement()
        let at = august(23, 9)
        try deal.run(.resolveBankException(id: "X2", resolution: .holdForSender, by: "alice", note: "stranger; return on release"), at: at)
        try deal.run(.resolveBankException(id: "X4", resolution: .attribute("purchaser-4"), by: "bob", note: "nominee confirmed by phone"), at: at)
        try deal.run(.resolveBankException(id: "X1", resolution: .accept, by: "alice", note: nil), at: at)
        let resolved = deal.state.bank.resolutions
        #expect(resolved["X2"]?.resolvedBy == "alice")
        #expect(resolved["X2"]?.depositID == "D6")
        #expect(resolved["X4"]?.resolvedBy == "bob")
        #expect(resolved["X4"]?.depositID == "D7")
        #expect(deal.state.deposit(withBankReference: "FW005")?.purchaser == nil)
        #expect(deal.state.deposit(withBankReference: "FW008")?.purchaser == "purchaser-4")
        #expect(deal.state.bank.openExceptions.map(\.exceptionID) == ["X3"])
        let line = deal.log.last.map { $0.summary(in: deal.state) }
        #expect(line == "exception X1 resolved by agent user alice: accepted as recorded")
    }

    @Test("a resolution that does not fit, a second one, or a stranger named as purchaser is refused")
    func resolutionRefusals() throws {
        var deal = try fundedByStatement()
        let at = august(23, 9)
        #expect(deal.refusal(.resolveBankException(id: "X9", resolution: .accept, by: "alice", note: nil), at: at)?.cause == .bank(.noSuchException("X9")))
        #expect(
            deal.refusal(.resolveBankException(id: "X2", resolution: .accept, by: "alice", note: nil), at: at)?.cause
                == .bank(.resolutionDoesNotFit("X2", kind: .unmatched)))
        #expect(
            deal.refusal(.resolveBankException(id: "X1", resolution: .attribute("purchaser-3"), by: "alice", note: nil), at: at)?.cause
                == .bank(.resolutionDoesNotFit("X1", kind: .underpaid)))
        #expect(
            deal.refusal(.resolveBankException(id: "X2", resolution: .attribute("company"), by: "alice", note: nil), at: at)?.cause
                == .bank(.notAPurchaser("company")))
        try deal.run(.resolveBankException(id: "X2", resolution: .holdForSender, by: "alice", note: nil), at: at)
        let twice = deal.refusal(.resolveBankException(id: "X2", resolution: .holdForSender, by: "bob", note: nil), at: at)
        #expect(twice?.cause == .bank(.exceptionAlreadyResolved("X2", by: "alice")))
        #expect(twice?.description == "exception X2 was already resolved by agent user alice (1.3)")
    }

    @Test("a statement for another account is refused whole")
    func otherAccountRefused() throws {
        var deal = try BankDeal()
        try deal.play(through: .funded)
        let bytes = statement("S", closing: "1.00", [credit("A", "1.00", from: "Purchaser 1")], account: "99999999")
        let refusal = try #require(try BankFile.read(bytes)).statementValue.map { deal.refusal(.importBankStatement($0), at: august(22, 18)) }
        #expect(refusal??.cause == .bank(.statementForOtherAccount(statement: "99999999", escrow: "37317968")))
        #expect(deal.state.deposits.isEmpty)
    }
}

extension BankFile {
    var statementValue: BankStatement? { if case .statement(let s) = self { s } else { nil } }
}
