import EscrowBank
import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// The reference deal funded to the cent by one statement.
private func fundedExactly() throws -> BankDeal {
    var deal = try BankDeal()
    try deal.play(through: .funded)
    let exact = Array(firstStatementEntries[0...1]) + [
        credit("FW003", "1500000.00", from: "Purchaser 3", remittance: "purchaser-3"), firstStatementEntries[3],
    ]
    try deal.importFile(statement("S1", closing: "7999999.98", exact), at: august(22, 18))
    return deal
}

/// The clerk's account for funds paid into court, as a court's order would give it.
private let clerkAccount = BankAccount(
    accountName: "New York County Clerk", bank: "JPMorgan Chase Bank, N.A.", routingNumber: "021000021", accountNumber: "600123200500")

@Suite("Payments to a court, and court-ordered payments to payees outside the agreement, go out in pain.001 (2.9, 2.14)")
struct CourtPaymentFileTests {
    @Test("funds delivered to the court wait for the court's account, then go out in one credit transfer validated against the schema")
    func courtDeposit() throws {
        var deal = try fundedExactly()
        try deal.run(.depositWithCourt(court: "New York County Clerk", docket: "600123/2005"), at: august(24, 10))
        #expect(deal.refusal(.exportBankPayments, at: august(24, 11))?.cause == .bank(.nothingToExport(waiting: 1)))
        let waiting = BankExport.waiting(deal.state)
        #expect(waiting.map(\.reason) == ["waits for the payee's bank details (escrow bank payee-account)"])

        let wrongDigit = BankAccount(accountName: "x", bank: "y", routingNumber: "021000022", accountNumber: "600123200500")
        #expect(
            deal.refusal(.giveBankPayeeAccount(payee: "New York County Clerk", account: wrongDigit, by: "alice"), at: august(24, 11))?.cause
                == .bank(.routingNumberChecksum("021000022")))
        let party = deal.refusal(.giveBankPayeeAccount(payee: "purchaser-1", account: clerkAccount, by: "alice"), at: august(24, 11))
        #expect(party?.cause == .bank(.noPaymentWaitsFor("purchaser-1")))
        #expect(party?.description.hasPrefix("no payment waits for bank details of 'purchaser-1'") == true)

        let given = try deal.run(.giveBankPayeeAccount(payee: "New York County Clerk", account: clerkAccount, by: "alice"), at: august(24, 11))
        guard case .bank(let event)? = given.first, case .payeeAccountGiven(let recorded) = event else {
            Issue.record("no bankPayeeAccountGiven event: \(given)")
            return
        }
        #expect(given.count == 1)
        #expect(recorded.givenBy == "alice")
        #expect(recorded.clause == "2.14")
        #expect(
            event.summary
                == "bank details of New York County Clerk given by agent user alice: New York County Clerk, JPMorgan Chase Bank, N.A., ABA 021000021, acct 600123200500")
        try deal.run(.exportBankPayments, at: august(24, 12))
        let file = try #require(deal.state.bank.files.first)
        #expect(file.transfers.map(\.amount) == [usd("7999999.98")])
        #expect(file.transfers.map(\.creditor.accountNumber) == ["600123200500"])
        #expect(file.transfers.map(\.creditor.routingNumber) == ["021000021"])
        #expect(file.transfers.map(\.payee) == ["New York County Clerk"])
        #expect(file.controlSum == usd("7999999.98"))
        #expect(file.transfers.first?.endToEndID.hasSuffix("/2.14") == true)
        #expect(try schemaComplaint(Pain001Writer.write(file, timeZoneIdentifier: "America/New_York"), schema: "pain.001.001.09.xsd") == nil)
    }

    @Test("a court-ordered payment to someone outside the agreement goes out to the account given for it")
    func courtOrderedPayment() throws {
        var deal = try fundedExactly()
        let award = Payment(
            payee: .outside("Roe & Partners LLP"), amount: usd("125000.00"), destination: "per the order of 2005-08-24", purpose: "court-ordered award",
            clause: "2.9")
        try deal.run(
            .recordCourtOrder(
                docket: "600124/2005", court: "Supreme Court of the State of New York, New York County", isFinal: true, directive: .pay([award]),
                documentSHA256: String(repeating: "b", count: 64)), at: august(24, 10))
        let account = BankAccount(accountName: "Roe & Partners LLP IOLA", bank: "Citibank, N.A.", routingNumber: "021000089", accountNumber: "40012399")
        try deal.run(.giveBankPayeeAccount(payee: "Roe & Partners LLP", account: account, by: "bob"), at: august(24, 11))
        try deal.run(.exportBankPayments, at: august(24, 12))
        let file = try #require(deal.state.bank.files.first)
        #expect(file.transfers.map(\.amount) == [usd("125000.00")])
        #expect(file.transfers.map(\.creditor.name) == ["Roe & Partners LLP IOLA"])
        #expect(file.transfers.map(\.creditor.accountNumber) == ["40012399"])
        #expect(try schemaComplaint(Pain001Writer.write(file, timeZoneIdentifier: "America/New_York"), schema: "pain.001.001.09.xsd") == nil)
    }
}
