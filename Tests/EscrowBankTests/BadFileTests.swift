import EscrowBank
import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// The first statement's bytes as text, for tests that damage it.
let goodStatement = String(decoding: statement("STMT-0822", closing: "10550074.98", firstStatementEntries), as: UTF8.self)

/// The error `BankFile.read` gives for `text`, or `nil` when it reads.
func readError(_ text: String, bytesMax: Int = Limits.bankFileBytesMax) -> BankFileError? {
    do {
        _ = try BankFile.read(Array(text.utf8), bytesMax: bytesMax)
        return nil
    } catch {
        return error
    }
}

/// The line (from 1) of the first occurrence of `needle` in `text`.
func line(of needle: String, in text: String) -> Int {
    guard let range = text.range(of: needle) else { return 0 }
    return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
}

@Suite("Bad files: a clear error naming the element and line, and nothing imported")
struct BadFileTests {
    @Test("malformed XML: a tag closed by another names both and the line")
    func malformed() throws {
        let broken = goodStatement.replacingOccurrences(of: "<AcctSvcrRef>FW003</AcctSvcrRef>", with: "<AcctSvcrRef>FW003</AcctSvcrRf>")
        let error = try #require(readError(broken))
        #expect(error.element == "AcctSvcrRf")
        #expect(error.line == line(of: "FW003</AcctSvcrRf>", in: broken))
        #expect(error.message == "end tag </AcctSvcrRf> does not match start tag <AcctSvcrRef>")
        #expect(readError(String(goodStatement.prefix(goodStatement.count / 2)))?.message.hasPrefix("the document ends") == true)
    }

    @Test("the wrong message type or version is refused, naming what was sent")
    func wrongMessage() throws {
        let pain001 = goodStatement.replacingOccurrences(of: "camt.053.001.08", with: "pain.001.001.09")
        let error = try #require(readError(pain001))
        #expect(error.line == 2)
        #expect(error.element == "Document")
        #expect(error.message.hasPrefix("message type or version 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09' is not read here"))
        let older = goodStatement.replacingOccurrences(of: "camt.053.001.08", with: "camt.053.001.04")
        #expect(readError(older)?.message.contains("camt.053.001.04") == true)
    }

    @Test("a bad amount is refused with its element and line")
    func badAmount() throws {
        let bad = goodStatement.replacingOccurrences(of: "<Amt Ccy=\"USD\">999999.99</Amt>", with: "<Amt Ccy=\"USD\">999,999.99</Amt>")
        let error = try #require(readError(bad))
        #expect(error.element == "Amt")
        #expect(error.line == line(of: "999,999.99", in: bad))
        #expect(error.message.hasPrefix("bad amount"))
        let threeDecimals = goodStatement.replacingOccurrences(of: ">100.00<", with: ">100.001<")
        #expect(readError(threeDecimals)?.element == "Amt")
        let negative = goodStatement.replacingOccurrences(of: ">100.00<", with: ">-100.00<")
        #expect(readError(negative)?.message.contains("negative") == true)
    }

    @Test("an unknown currency is refused with its element and line")
    func unknownCurrency() throws {
        let bad = goodStatement.replacingOccurrences(of: "<Amt Ccy=\"USD\">50000.00</Amt>", with: "<Amt Ccy=\"XQQ\">50000.00</Amt>")
        let error = try #require(readError(bad))
        #expect(error.element == "Amt")
        #expect(error.line == line(of: "XQQ", in: bad))
        #expect(error.message == "unknown currency 'XQQ' (not an ISO 4217 code this engine knows)")
    }

    @Test("a file over the size limit is refused before it is read")
    func oversize() throws {
        let error = try #require(readError(goodStatement, bytesMax: 1_000))
        #expect(error.message == "the file is \(goodStatement.utf8.count) bytes, more than 1000 (limit bankFileBytesMax)")
        #expect(Limits.bankFileBytesMax == 128 * 1024 * 1024)
    }

    @Test("entity expansion (a billion laughs) is refused at the document type declaration")
    func entityExpansion() throws {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE Document [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            ]>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>&lol2;</BkToCstmrStmt></Document>
            """
        let error = try #require(readError(laughs))
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("a document type declaration is refused"))
    }

    @Test("an external entity (XXE) is refused, declared or merely referenced")
    func externalEntity() throws {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>&xxe;</MsgId></GrpHdr></BkToCstmrStmt></Document>
            """
        #expect(readError(xxe)?.line == 2)
        let undeclared = goodStatement.replacingOccurrences(of: "<MsgId>MSG-STMT-0822</MsgId>", with: "<MsgId>&xxe;</MsgId>")
        let error = try #require(readError(undeclared))
        #expect(error.element == "MsgId")
        #expect(error.message == "entity '&xxe;' is refused: only the five predefined XML entities are read")
    }

    @Test("a missing required element is named")
    func missingElement() throws {
        let noStatus = goodStatement.replacingOccurrences(of: "<Sts>\n          <Cd>BOOK</Cd>\n        </Sts>", with: "")
        let error = try #require(readError(noStatus))
        #expect(error.element == "Ntry")
        #expect(error.message == "the entry has no status <Sts>")
    }

    @Test("a file is taken whole or not at all: one foreign-currency entry and nothing is imported")
    func allOrNothing() throws {
        var deal = try BankDeal()
        try deal.play(through: .funded)
        let before = deal.log.count
        var entries = firstStatementEntries
        entries.append(
            BankEntry(
                reference: "EUR1", amount: Money(minorUnits: 100, try #require(Currency(code: "EUR"))), direction: .credit, isBooked: true,
                bookingDate: nil, endToEndID: nil, remittance: "purchaser-2", counterpartyName: nil, counterpartyAccount: nil, returnReason: nil))
        let refusal = try #require(try BankFile.read(statement("S", closing: "1.00", entries))).statementValue.map {
            deal.refusal(.importBankStatement($0), at: august(22, 18))
        }
        #expect(refusal??.cause == .bank(.entryCurrency(reference: "EUR1", currency: "EUR", escrow: "USD")))
        #expect(refusal??.description == "entry EUR1 is in EUR, the escrow is held in USD (1.3)")
        #expect(deal.log.count == before)
        #expect(deal.state.deposits.isEmpty)
    }

    @Test("the ISO 20022 samples read as the messages they are")
    func samplesRead() throws {
        for name in ["sample-camt.053.001.08.xml", "sample-camt.053.001.02.xml", "sample-camt.054.001.08.xml", "sample-camt.054.001.02.xml",
            "sample-camt.052.001.08.xml"]
        {
            let bytes = Array(try Data(contentsOf: schemaFolder.appendingPathComponent(name)))
            let read = try #require(try BankFile.read(bytes).statementValue, "\(name)")
            #expect(read.accountID == "000123456789")
            let wire = try #require(read.entries.first)
            #expect(wire.reference == "FW20050819000042")
            #expect(wire.amount == usd("1250000.00"))
            #expect(wire.counterpartyName == "Example Buyer Corp")
            #expect(wire.endToEndID == "BUYER-DEPOSIT-0001")
        }
        let report = Array(try Data(contentsOf: schemaFolder.appendingPathComponent("sample-pain.002.001.10.xml")))
        guard case .statusReport(let status) = try BankFile.read(report) else { Issue.record("not a status report"); return }
        #expect(status.originalFileID == "ESCROW-roo-group-2005-0001")
        #expect(status.transactions.map(\.statusCode) == ["ACSC", "RJCT"])
        #expect(status.transactions.map(\.reasonCode) == [nil, "AC04"])
    }
}
