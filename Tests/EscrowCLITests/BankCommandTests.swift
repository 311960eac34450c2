import EscrowCore
import Foundation
import Testing

@Suite("escrow bank: payment files out, bank files in, from the command line")
struct BankCommandTests {
    @Test("bank export writes the released payments once; exporting again writes the same bytes")
    func exportTwiceSameBytes() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .readyToRelease)
        defer { deal.remove() }
        let release = try await deal.escrow(["release"], now: CommandLineDeal.releaseInstant)
        #expect(release.status == 0, "\(release)")
        let first = try await deal.escrow(["bank", "export", "--out", "pay1.xml"], now: "2005-08-25T16:00:00-04:00")
        #expect(first.status == 0, "\(first)")
        #expect(first.lines.contains { $0.hasPrefix("pay1.xml: roo-group-2005-PAY-1, 5 credit transfer(s), control sum USD 7,999,999.98") })
        let second = try await deal.escrow(["bank", "export", "--out", "pay2.xml"], now: "2005-08-25T17:00:00-04:00")
        #expect(second.status == 0, "\(second)")
        #expect(second.lines.first == "no new payment to send; payment file roo-group-2005-PAY-1 written again, byte for byte")
        #expect(try deal.read("pay1.xml") == (try deal.read("pay2.xml")))
        let status = try await deal.escrow(["bank", "status", "--db", deal.db])
        #expect(status.lines.contains { $0.contains("exported in roo-group-2005-PAY-1") })
    }

    @Test("a bank file with an external entity is refused with its line, exit 2, and nothing imported")
    func badFileRefused() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingWaiver)
        defer { deal.remove() }
        let file = try deal.write(
            """
            <?xml version="1.0"?>
            <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt/></Document>
            """, to: "evil.xml")
        let before = try await deal.escrow(["timeline", "--db", deal.db])
        let result = try await deal.escrow(["bank", "import", file], now: "2005-08-23T18:00:00-04:00")
        #expect(result.status == 2)
        #expect(result.errorLines.first?.hasPrefix("bank import refused: evil.xml: line 2: a document type declaration is refused") == true)
        let after = try await deal.escrow(["timeline", "--db", deal.db])
        #expect(after.lines == before.lines)
    }
}
