import EscrowBank
import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// One transaction of a batch booking, as `NtryDtls/TxDtls` carries it.
struct BatchPart {
    var amount: String
    var sender: String
    var remittance: String?
    var reference: String? = nil
}

/// A booked credit entry of several transactions (a batch booking); `stated` is the
/// `NtryDtls/Btch/NbOfTxs` the bank writes, when it does.
func batchEntry(_ reference: String, total: String, _ parts: [BatchPart], stated: Int? = nil) -> String {
    var xml = """
              <Ntry>
                <Amt Ccy="USD">\(total)</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts>
                  <Cd>BOOK</Cd>
                </Sts>
                <BookgDt>
                  <Dt>2005-08-22</Dt>
                </BookgDt>
                <AcctSvcrRef>\(reference)</AcctSvcrRef>
                <BkTxCd>
                  <Domn>
                    <Cd>PMNT</Cd>
                    <Fmly>
                      <Cd>RCDT</Cd>
                      <SubFmlyCd>DMCT</SubFmlyCd>
                    </Fmly>
                  </Domn>
                </BkTxCd>
                <NtryDtls>

        """
    if let stated {
        xml += """
                      <Btch>
                        <NbOfTxs>\(stated)</NbOfTxs>
                      </Btch>

            """
    }
    for part in parts {
        let own = part.reference.map { "<AcctSvcrRef>\($0)</AcctSvcrRef>" } ?? ""
        let remittance = part.remittance.map { "<RmtInf><Ustrd>\($0)</Ustrd></RmtInf>" } ?? ""
        xml += """
                      <TxDtls>
                        <Refs>\(own)<EndToEndId>NOTPROVIDED</EndToEndId></Refs>
                        <Amt Ccy="USD">\(part.amount)</Amt>
                        <CdtDbtInd>CRDT</CdtDbtInd>
                        <RltdPties><Dbtr><Pty><Nm>\(part.sender)</Nm></Pty></Dbtr></RltdPties>
                        \(remittance)
                      </TxDtls>

            """
    }
    xml += """
                </NtryDtls>
              </Ntry>

        """
    return xml
}

/// A camt.053 of the escrow account holding `entries` (raw `Ntry` elements) after `single`.
func statementWithBatches(_ id: String, closing: String, single: [BankEntry] = [], _ entries: [String]) -> String {
    let text = String(decoding: statement(id, closing: closing, single), as: UTF8.self)
    guard let end = text.range(of: "</Stmt>") else { return text }
    let before = text[..<end.lowerBound]
    let trimmed = before.hasSuffix("    ") ? String(before.dropLast(4)) : String(before)
    return trimmed + entries.joined() + "    " + text[end.lowerBound...]
}

/// Purchaser 1 by its remittance reference, Purchaser 4 by name and the amount it owes, and a
/// stranger, all wired in one batch booked as a single entry.
let threeWires = [
    BatchPart(amount: "3000000.00", sender: "Purchaser 1", remittance: "Roo Group, Inc. purchaser-1"),
    BatchPart(amount: "999999.99", sender: "Purchaser 4", remittance: nil),
    BatchPart(amount: "50000.00", sender: "Stranger Holdings Ltd", remittance: "invoice 77"),
]

@Suite("Batch entries: one credit per transaction of a batch booking, matched on its own (1.1, 1.3)")
struct BatchEntryTests {
    @Test("a statement with a batch entry is a valid camt.053.001.08")
    func batchValidates() throws {
        let text = statementWithBatches("B", closing: "4049999.99", [batchEntry("BATCH1", total: "4049999.99", threeWires, stated: 3)])
        #expect(try schemaComplaint(Array(text.utf8), schema: "camt.053.001.08.xsd") == nil)
    }

    @Test("each transaction of a batch becomes its own credit, counted by the entry's reference and its place in the batch")
    func onePerTransaction() throws {
        let text = statementWithBatches("B", closing: "4049999.99", [batchEntry("BATCH1", total: "4049999.99", threeWires, stated: 3)])
        let read = try #require(try BankFile.read(Array(text.utf8)).statementValue)
        #expect(read.entries.map(\.reference) == ["BATCH1/1", "BATCH1/2", "BATCH1/3"])
        #expect(read.entries.map(\.amount) == [usd("3000000.00"), usd("999999.99"), usd("50000.00")])
        #expect(read.entries.map(\.counterpartyName) == ["Purchaser 1", "Purchaser 4", "Stranger Holdings Ltd"])
        #expect(read.entries.map(\.remittance) == ["Roo Group, Inc. purchaser-1", nil, "invoice 77"])
        #expect(read.entries.allSatisfy { $0.direction == .credit && $0.isBooked && $0.bookingDate == "2005-08-22" })
    }

    @Test("a transaction with its own bank reference is counted by it")
    func ownReference() throws {
        var parts = threeWires
        parts[1].reference = "FW-P4-0822"
        let text = statementWithBatches("B", closing: "4049999.99", [batchEntry("BATCH1", total: "4049999.99", parts)])
        let read = try #require(try BankFile.read(Array(text.utf8)).statementValue)
        #expect(read.entries.map(\.reference) == ["BATCH1/1", "FW-P4-0822", "BATCH1/3"])
    }

    @Test("each credit of a batch is matched on its own: two deposits and an exception")
    func matchedEach() throws {
        var deal = try BankDeal()
        try deal.play(through: .funded)
        let text = statementWithBatches("B", closing: "4049999.99", [batchEntry("BATCH1", total: "4049999.99", threeWires)])
        try deal.importFile(Array(text.utf8), at: august(22, 18))
        #expect(deal.state.deposits.map(\.bankReference) == ["BATCH1/1", "BATCH1/2"])
        #expect(deal.state.deposits.map(\.purchaser) == ["purchaser-1", "purchaser-4"])
        #expect(deal.state.deposited(by: "purchaser-4") == usd("999999.99"))
        #expect(deal.state.bank.exceptions.map(\.entry.reference) == ["BATCH1/3"])
        #expect(deal.state.bank.exceptions.map(\.kind) == [.unmatched])
        #expect(deal.state.ledger.held == usd("3999999.99"))
        #expect(deal.state.bank.statements.last?.entriesCounted == 3)
    }

    @Test("a batch imported again, or repeated by a camt.054 notification, counts once")
    func countsOnce() throws {
        var deal = try BankDeal()
        try deal.play(through: .funded)
        let text = statementWithBatches("B", closing: "4049999.99", [batchEntry("BATCH1", total: "4049999.99", threeWires)])
        try deal.importFile(Array(text.utf8), at: august(22, 18))
        let after = deal.log.count
        #expect(try deal.importFile(Array(text.utf8), at: august(22, 19)).isEmpty)
        let notification = text.replacingOccurrences(of: "camt.053.001.08", with: "camt.054.001.08")
            .replacingOccurrences(of: "BkToCstmrStmt", with: "BkToCstmrDbtCdtNtfctn").replacingOccurrences(of: "<Stmt>", with: "<Ntfctn>")
            .replacingOccurrences(of: "</Stmt>", with: "</Ntfctn>").replacingOccurrences(of: "MSG-B", with: "NTF-B")
        let repeated = try deal.importFile(Array(notification.utf8), at: august(22, 20))
        #expect(repeated.count == 1)
        #expect(deal.log.count == after + 1)
        #expect(deal.state.bank.statements.last?.entriesAlreadyCounted == 3)
        #expect(deal.state.deposits.count == 2)
    }

    @Test("transactions that do not add up to the entry's amount refuse the file, naming the entry and its line")
    func mustAddUp() throws {
        let text = statementWithBatches("B", closing: "4049999.98", [batchEntry("BATCH1", total: "4049999.98", threeWires)])
        let error = try #require(readError(text))
        #expect(error.element == "Ntry")
        #expect(error.line == line(of: "<Ntry>", in: text))
        #expect(error.message == "batch entry BATCH1 is USD 4,049,999.98 but its 3 transactions add up to USD 4,049,999.99")
    }

    @Test("a batch whose stated number of transactions differs from its details is refused")
    func statedCount() throws {
        let text = statementWithBatches("B", closing: "4049999.99", [batchEntry("BATCH1", total: "4049999.99", threeWires, stated: 4)])
        let error = try #require(readError(text))
        #expect(error.element == "Ntry")
        #expect(error.message == "batch entry BATCH1 states 4 transactions (<NbOfTxs>) but details 3 (<TxDtls>)")
    }

    @Test("a transaction of a batch without an amount is refused, naming it and its line")
    func partWithoutAmount() throws {
        let good = statementWithBatches("B", closing: "4049999.99", [batchEntry("BATCH1", total: "4049999.99", threeWires)])
        let text = good.replacingOccurrences(of: "<Amt Ccy=\"USD\">999999.99</Amt>", with: "")
        let error = try #require(readError(text))
        #expect(error.element == "TxDtls")
        #expect(error.message == "transaction 2 of batch entry BATCH1 has no amount (<Amt> or <AmtDtls><TxAmt>)")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[error.line - 1].contains("<TxDtls>"))
    }
}
