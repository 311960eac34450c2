import EscrowCore
import EscrowTesting
import Foundation
import Testing

@Suite("Bank details in written instructions are checked before they are relied on (1.6, 1.7)")
struct BankIdentifierTests {
    @Test("ABA routing numbers: the 3-7-1 check digit", arguments: [
        ("021000089", true), ("021000018", true), ("021000021", true), ("011000015", true), ("026009593", true),
        ("021000088", false), ("123456789", false), ("02100008", false), ("02100008x", false),
    ])
    func routing(_ number: String, _ valid: Bool) {
        #expect(BankIdentifiers.isValidRoutingNumber(number) == valid)
    }

    @Test("IBANs: mod 97 equals 1", arguments: [
        ("DE89370400440532013000", true), ("GB29NWBK60161331926819", true), ("FR1420041010050500013M02606", true),
        ("DE89370400440532013001", false), ("GB29NWBK6016133192681", false), ("de89370400440532013000", false), ("DE8937040044053201300", false),
    ])
    func iban(_ text: String, _ valid: Bool) {
        #expect(BankIdentifiers.isValidIBAN(text) == valid)
    }

    @Test("BICs: 8 or 11, institution and country in letters", arguments: [
        ("DEUTDEFF", true), ("DEUTDEFF500", true), ("NWBKGB2L", true), ("DEUTDEF", false), ("DEUT1EFF", false), ("deutdeff", false),
    ])
    func bic(_ text: String, _ valid: Bool) {
        #expect(BankIdentifiers.isValidBIC(text) == valid)
    }

    @Test("instructions with a routing number that fails its check digit are refused, citing 1.6")
    func routingChecksumRefused() throws {
        var deal = try BankDeal()
        try deal.play(through: .advised)
        let account = BankAccount(accountName: "ROO Group, Inc.", bank: "Citibank, N.A.", routingNumber: "021000088", accountNumber: "40012345")
        let lines = [InstructionLine(account: account, amount: nil)]
        let evidence = try deal.signature(.paymentInstructions(EventCoding.digest(of: lines)), by: "company")
        let refusal = deal.refusal(.giveInstructions(party: "company", lines: lines, evidence: evidence), at: august(24, 11))
        #expect(refusal?.cause == .bank(.routingNumberChecksum("021000088")))
        #expect(refusal?.description == "routing number '021000088' fails the ABA check digit (1.6)")
    }
}
