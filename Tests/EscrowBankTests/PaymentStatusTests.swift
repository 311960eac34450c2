import EscrowBank
import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// A pain.002.001.10 status report on `file`: one status per end-to-end id.
func statusReport(_ id: String, on file: String, group: String? = nil, _ statuses: [(String, String, String?)]) -> [UInt8] {
    var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10">
          <CstmrPmtStsRpt>
            <GrpHdr><MsgId>\(id)</MsgId><CreDtTm>2005-08-26T09:00:00-04:00</CreDtTm></GrpHdr>
            <OrgnlGrpInfAndSts><OrgnlMsgId>\(file)</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>\(group.map { "<GrpSts>\($0)</GrpSts>" } ?? "")</OrgnlGrpInfAndSts>

        """
    if !statuses.isEmpty {
        xml += "    <OrgnlPmtInfAndSts><OrgnlPmtInfId>\(file)-B1</OrgnlPmtInfId>\n"
        for (endToEnd, status, reason) in statuses {
            let why = reason.map { "<StsRsnInf><Rsn><Cd>\($0)</Cd></Rsn></StsRsnInf>" } ?? ""
            xml += "      <TxInfAndSts><OrgnlEndToEndId>\(endToEnd)</OrgnlEndToEndId><TxSts>\(status)</TxSts>\(why)</TxInfAndSts>\n"
        }
        xml += "    </OrgnlPmtInfAndSts>\n"
    }
    xml += "  </CstmrPmtStsRpt>\n</Document>\n"
    return Array(xml.utf8)
}

/// The released deal with its first payment file exported.
func exportedDeal() throws -> (BankDeal, BankFileExported) {
    var deal = try releasedDeal()
    try deal.run(.exportBankPayments, at: ReferenceDeal.Instant(day: 25, hour: 16).date)
    return (deal, try #require(deal.state.bank.files.first))
}

@Suite("Payment status in: pain.002 reports and statement debits (1.5, 1.6, 1.7)")
struct PaymentStatusTests {
    @Test("the status reports written for these tests are valid pain.002.001.10")
    func fixtureValidates() throws {
        let bytes = statusReport("STS-1", on: "roo-group-2005-PAY-1", group: "PART", [("a", "ACSC", nil), ("b", "RJCT", "AC04")])
        #expect(try schemaComplaint(bytes, schema: "pain.002.001.10.xsd") == nil)
    }

    @Test("an accepted payment is marked so; a rejected one is held again, owed to the same payee, with an alarm")
    func acceptedAndRejected() throws {
        var (deal, file) = try exportedDeal()
        let ids = file.transfers.map(\.endToEndID)
        let heldBefore = deal.state.ledger.held
        try deal.importFile(statusReport("STS-1", on: file.fileID, group: "PART", [(ids[4], "ACSC", nil), (ids[5], "RJCT", "AC04")]), at: august(26, 9))
        #expect(deal.state.bank.order(ids[4])?.status == .accepted(fileID: file.fileID))
        #expect(deal.state.bank.order(ids[5])?.status == .failed(.rejected, reason: "AC04"))
        #expect(deal.state.ledger.held == (try heldBefore.adding(usd("4016499.98"))))
        let alarm = try #require(deal.state.bank.alarms.last)
        #expect(alarm.kind == .paymentRejected)
        #expect(alarm.reference == ids[5])
        let correction = try #require(deal.state.bank.orders.last)
        #expect(correction.reissueOf == ids[5])
        #expect(correction.payment.amount == usd("4016499.98"))
        #expect(correction.payment.payee == .party("company"))
    }

    @Test("the same report read twice changes nothing the second time")
    func reportReadOnce() throws {
        var (deal, file) = try exportedDeal()
        let report = statusReport("STS-1", on: file.fileID, [(file.transfers[5].endToEndID, "RJCT", "AC04")])
        try deal.importFile(report, at: august(26, 9))
        let held = deal.state.ledger.held
        #expect(try deal.importFile(report, at: august(26, 10)).isEmpty)
        #expect(deal.state.ledger.held == held)
    }

    @Test("nothing is paid twice: the corrected payment goes out once, to details given after the rejection")
    func correctedPaymentOnce() throws {
        var (deal, file) = try exportedDeal()
        let rejected = file.transfers[5].endToEndID
        try deal.importFile(statusReport("STS-1", on: file.fileID, [(rejected, "RJCT", "AC04")]), at: august(26, 9))
        // Until the company gives new signed details, nothing can go out again.
        #expect(deal.refusal(.exportBankPayments, at: august(26, 10))?.cause == .bank(.nothingToExport(waiting: 3)))
        let account = BankAccount(accountName: "ROO Group, Inc.", bank: "JPMorgan Chase Bank, N.A.", routingNumber: "021000021", accountNumber: "70077007")
        let prepayment = InstructionLine(account: ReferenceDeal.companyAccounts[0].bankAccount, amount: usd("3400000.00"))
        try deal.instruct("company", [prepayment, InstructionLine(account: account, amount: nil)], at: august(26, 11))
        try deal.run(.exportBankPayments, at: august(26, 12))
        let second = try #require(deal.state.bank.files.last)
        #expect(transfers(second).map(\.2) == [usd("4016499.98")])
        #expect(transfers(second).map(\.3) == ["70077007"])
        #expect(second.transfers.first?.isReissue == true)
        #expect(second.transfers.first?.endToEndID.hasSuffix("/R1") == true)
        #expect(!second.transfers.map(\.endToEndID).contains(rejected))
        // The company's ledger account shows the prepayment and the remainder once each.
        #expect(deal.state.ledger.balance(.paidOut(.party("company"))) == usd("7416499.98"))
        #expect(try schemaComplaint(Pain001Writer.write(second, timeZoneIdentifier: "America/New_York"), schema: "pain.001.001.09.xsd") == nil)
    }

    @Test("a whole file rejected by its group status puts every payment in it back")
    func groupRejection() throws {
        var (deal, file) = try exportedDeal()
        let held = deal.state.ledger.held
        try deal.importFile(statusReport("STS-9", on: file.fileID, group: "RJCT", []), at: august(26, 9))
        #expect(deal.state.ledger.held == (try held.adding(file.controlSum)))
        #expect(deal.state.bank.alarms.filter { $0.kind == .paymentRejected }.count == 6)
    }

    @Test("a report on an unknown file, or naming a payment not in the file, is refused whole")
    func unknownReportsRefused() throws {
        var (deal, file) = try exportedDeal()
        let before = deal.log.count
        #expect(throws: EscrowRefusal.self) { try deal.importFile(statusReport("S", on: "OTHER-FILE", [("x", "RJCT", nil)]), at: august(26, 9)) }
        let mixed = statusReport("S", on: file.fileID, [(file.transfers[0].endToEndID, "RJCT", nil), ("roo-group-2005/E99/P1/1.5", "RJCT", nil)])
        guard case .statusReport(let report) = try BankFile.read(mixed) else { Issue.record("not a status report"); return }
        #expect(
            deal.refusal(.recordBankPaymentStatus(report), at: august(26, 9))?.cause
                == .bank(.unknownPayment(endToEndID: "roo-group-2005/E99/P1/1.5", file: file.fileID)))
        #expect(deal.log.count == before)
    }

    @Test("a statement debit with our end-to-end id marks the payment executed")
    func executedByStatement() throws {
        var (deal, file) = try exportedDeal()
        let entries = file.transfers.enumerated().map { index, transfer in
            debit("OUT\(index)", transfer.amount.decimalString, to: transfer.creditor.name, endToEndID: transfer.endToEndID)
        }
        try deal.importFile(statement("STMT-0826", closing: "3000100.00", entries), at: august(26, 18))
        #expect(deal.state.bank.orders.filter { if case .executed = $0.status { true } else { false } }.count == 6)
        #expect(deal.state.bank.alarms.map(\.kind) == [.unorderedDebit])
    }
}

@Suite("A returned refund (1.7): the money comes back, is held again and goes out once to corrected details")
struct ReturnedRefundTests {
    @Test("purchaser 2's refund is debited, returned by its bank, held again, and paid once more after new instructions")
    func returnedRefund() throws {
        var deal = try BankDeal()
        try deal.play(through: .funded)
        let exact = Array(firstStatementEntries[0...1]) + [
            credit("FW003", "1500000.00", from: "Purchaser 3", remittance: "purchaser-3"), firstStatementEntries[3],
        ]
        try deal.importFile(statement("S1", closing: "7999999.98", exact), at: august(22, 18))
        try deal.play(through: .refunded, from: ReferenceDeal.Instant(day: 23, hour: 0))
        let afterDeadline = ReferenceDeal.afterRefundDeadline.date
        try deal.run(.exportBankPayments, at: afterDeadline)
        let refund = try #require(deal.state.bank.files.first?.transfers.first)
        #expect(refund.amount == usd("2499999.99"))
        let sept6 = newYork(2005, 9, 6, 18)
        try deal.importFile(statement("S2", closing: "5500000.00", [debit("OUT1", "2499999.99", to: "Purchaser 2", endToEndID: refund.endToEndID)]), at: sept6)
        #expect(deal.state.bank.order(refund.endToEndID)?.status == .executed(entryReference: "OUT1"))
        // Only Purchaser 2 had given written wire instructions; the others' refunds are owed (1.7).
        #expect(deal.state.ledger.held == usd("5499999.99"))
        let back = credit("RET1", "2499999.99", from: "JPMorgan Chase Bank, N.A.", endToEndID: refund.endToEndID, returnReason: "AC04")
        try deal.importFile(statement("S3", closing: "7999999.98", [back]), at: newYork(2005, 9, 7, 18))
        #expect(deal.state.bank.order(refund.endToEndID)?.status == .failed(.returned, reason: "AC04"))
        #expect(deal.state.ledger.held == usd("7999999.98"))
        #expect(deal.state.deposits.count == 4)
        #expect(deal.state.bank.alarms.last?.kind == .paymentReturned)
        // The corrected refund waits for new signed instructions, then goes out once.
        #expect(deal.refusal(.exportBankPayments, at: newYork(2005, 9, 7, 19))?.cause == .bank(.nothingToExport(waiting: 1)))
        let corrected = BankAccount(accountName: "Purchaser 2", bank: "JPMorgan Chase Bank, N.A.", routingNumber: "021000021", accountNumber: "987654321")
        try deal.instruct("purchaser-2", [InstructionLine(account: corrected, amount: nil)], at: newYork(2005, 9, 8, 10))
        try deal.run(.exportBankPayments, at: newYork(2005, 9, 8, 11))
        let second = try #require(deal.state.bank.files.last)
        #expect(transfers(second).map(\.2) == [usd("2499999.99")])
        #expect(transfers(second).map(\.3) == ["987654321"])
        #expect(deal.state.ledger.held == usd("5499999.99"))
        #expect(deal.state.ledger.balance(.refunded(.party("purchaser-2"))) == usd("2499999.99"))
    }
}
