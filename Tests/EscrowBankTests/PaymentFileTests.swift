import EscrowBank
import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// The reference deal funded by statements, every exception resolved, then released (1.5, 1.6).
func releasedDeal() throws -> BankDeal {
    var deal = try fundedByStatement()
    let rest = [credit("FW009", "500000.00", from: "Purchaser 3", remittance: "purchaser-3 balance")]
    try deal.importFile(statement("STMT-0823", closing: "11050074.98", rest), at: august(23, 9))
    try deal.run(.resolveBankException(id: "X1", resolution: .accept, by: "alice", note: "balance arrived as FW009"), at: august(23, 9))
    try deal.run(.resolveBankException(id: "X2", resolution: .holdForSender, by: "alice", note: nil), at: august(23, 9))
    try deal.run(.resolveBankException(id: "X3", resolution: .accept, by: "bob", note: "excess goes back at release"), at: august(23, 9))
    try deal.run(.resolveBankException(id: "X4", resolution: .holdForSender, by: "bob", note: nil), at: august(23, 9))
    try deal.play(through: .released, from: ReferenceDeal.Instant(day: 23, hour: 0))
    return deal
}

/// The transfers of a payment file as (end-to-end id, payee, amount, account, routing).
func transfers(_ file: BankFileExported) -> [(String, String, Money, String?, String?)] {
    file.transfers.map { ($0.endToEndID, $0.payee, $0.amount, $0.creditor.accountNumber ?? $0.creditor.iban, $0.creditor.routingNumber) }
}

@Suite("Payment instructions out: pain.001.001.09 files (1.5, 1.6, 1.7)")
struct PaymentFileTests {
    @Test("the release goes out as credit transfers to each payee's signed account, the control sum to the cent")
    func releaseExported() throws {
        var deal = try releasedDeal()
        #expect(deal.state.phase == .released)
        try deal.run(.exportBankPayments, at: ReferenceDeal.Instant(day: 25, hour: 16).date)
        let file = try #require(deal.state.bank.files.first)
        #expect(file.fileID == "roo-group-2005-PAY-1")
        let sent = transfers(file)
        // Each 1.5 fee goes to its payee's own signed account; the NIR Group's prepayment is the
        // company's money, paid to the account the company named (1.6).
        #expect(
            sent.map(\.1) == [
                "Stranger Holdings Ltd", "Kramer Levin Naftalis & Frankel LLP", "Sichenzia Ross Friedman Ference LLP",
                "Burnham Hill Partners, a division of Pali Capital, Inc.", "ROO Group, Inc.", "ROO Group, Inc.",
            ])
        #expect(
            file.transfers.map(\.creditor.name) == [
                "Stranger Holdings Ltd", "Kramer Levin Naftalis & Frankel LLP", "Sichenzia Ross Friedman Ference LLP", "Pali Capital, Inc.",
                "AJW Offshore, Ltd. for the NIR Group", "ROO Group, Inc.",
            ])
        #expect(sent.map(\.2) == [usd("50000.00"), usd("15000.00"), usd("48500.00"), usd("520000.00"), usd("3400000.00"), usd("4016499.98")])
        #expect(sent.map(\.3) == ["99887766", "50066677", "600077788", "7100223344", "8900112233", "40012345"])
        #expect(sent.map(\.4) == [nil, "021000089", "021000021", "021000018", "021000018", "021000089"])
        #expect(file.controlSum == usd("8049999.98"))
        #expect(file.requestedExecutionDate == "2005-08-25")
        #expect(file.debtor.accountNumber == "37317968")
        #expect(file.debtor.routingNumber == "021000089")
        let ids = sent.map(\.0)
        #expect(ids.allSatisfy { $0.hasPrefix("roo-group-2005/E") && $0.count <= 35 })
        #expect(ids.contains { $0.hasSuffix("/1.6") })
    }

    @Test("payments without signed bank details wait, each with its reason, and go into no file")
    func waitingPayments() throws {
        var deal = try releasedDeal()
        try deal.run(.exportBankPayments, at: ReferenceDeal.Instant(day: 25, hour: 16).date)
        let waiting = BankExport.waiting(deal.state).map { ($0.order.payment.payee.description, $0.order.payment.amount, $0.reason) }
        #expect(waiting.map(\.1) == [usd("3000000.00"), usd("100.00")])
        // The nominee's wire goes back to its sender, whose account the statement did not give;
        // the parties give their own signed instructions.
        let signed = "waits for the payee's signed bank details"
        #expect(waiting.map(\.2) == [signed, "waits for the payee's bank details (escrow bank payee-account)"])
    }

    @Test("every payment goes into exactly one file: a second export takes only what is new")
    func exactlyOneFile() throws {
        var deal = try releasedDeal()
        try deal.run(.exportBankPayments, at: ReferenceDeal.Instant(day: 25, hour: 16).date)
        let nothing = deal.refusal(.exportBankPayments, at: ReferenceDeal.Instant(day: 25, hour: 17).date)
        #expect(nothing?.cause == .bank(.nothingToExport(waiting: 2)))
        // The purchaser whose excess wire goes back gives its signed bank details; only that
        // return goes into the second file.
        let excess = try #require(BankExport.waiting(deal.state).first?.order.payment)
        guard case .party(let purchaser) = excess.payee else { Issue.record("the excess is a purchaser's"); return }
        let account = BankAccount(accountName: "Returning purchaser", bank: "Citibank, N.A.", routingNumber: "021000089", accountNumber: "55501234")
        try deal.instruct(purchaser, [InstructionLine(account: account, amount: nil)], at: august(26, 10))
        try deal.run(.exportBankPayments, at: august(26, 11))
        let second = try #require(deal.state.bank.files.last)
        #expect(second.fileID == "roo-group-2005-PAY-2")
        #expect(transfers(second).map(\.2) == [usd("3000000.00")])
        let all = deal.state.bank.files.flatMap { $0.transfers.map(\.endToEndID) }
        #expect(Set(all).count == all.count)
    }

    @Test("each file validates against pain.001.001.09.xsd, and writing it again gives the same bytes")
    func schemaValidAndDeterministic() throws {
        var deal = try releasedDeal()
        try deal.run(.exportBankPayments, at: ReferenceDeal.Instant(day: 25, hour: 16).date)
        let file = try #require(deal.state.bank.files.first)
        let bytes = Pain001Writer.write(file, timeZoneIdentifier: "America/New_York")
        #expect(try schemaComplaint(bytes, schema: "pain.001.001.09.xsd") == nil)
        #expect(Pain001Writer.write(file, timeZoneIdentifier: "America/New_York") == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<CtrlSum>8049999.98</CtrlSum>"))
        #expect(text.contains("<NbOfTxs>6</NbOfTxs>"))
        #expect(text.contains("<InstdAmt Ccy=\"USD\">4016499.98</InstdAmt>"))
        #expect(text.contains("<CreDtTm>2005-08-25T16:00:00-04:00</CreDtTm>"))
        #expect(text.contains("<MmbId>021000018</MmbId>"))
    }

    @Test("a court's delivery and a refund without bank details wait; the refund to signed instructions goes out")
    func refundExported() throws {
        var deal = try BankDeal()
        try deal.play(through: .funded)
        let exact = Array(firstStatementEntries[0...1]) + [
            credit("FW003", "1500000.00", from: "Purchaser 3", remittance: "purchaser-3"), firstStatementEntries[3],
        ]
        try deal.importFile(statement("S1", closing: "7999999.98", exact), at: august(22, 18))
        try deal.play(through: .refunded, from: ReferenceDeal.Instant(day: 23, hour: 0))
        #expect(deal.state.phase == .refunded)
        try deal.run(.exportBankPayments, at: ReferenceDeal.afterRefundDeadline.date)
        let file = try #require(deal.state.bank.files.first)
        #expect(transfers(file).map(\.2) == [usd("2499999.99")])
        #expect(transfers(file).map(\.3) == ["123456789"])
        #expect(try schemaComplaint(Pain001Writer.write(file, timeZoneIdentifier: "America/New_York"), schema: "pain.001.001.09.xsd") == nil)
    }
}
