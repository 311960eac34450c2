import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// The agreement file is where an escrow's money rules come from, so these tests pin both
/// what the reference deal reads as and that each kind of mistake is refused at its line.
@Suite("Agreement file")
struct AgreementFileTests {
    // MARK: The reference deal

    @Test("the reference agreement parses to the deal's exact terms")
    func referenceAgreement() throws {
        let terms = try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "roo-group-2005.yaml")

        #expect(terms.id == "roo-group-2005")
        #expect(terms.title == "Escrow Agreement")
        #expect(terms.dated == CivilDate(year: 2005, month: 8, day: 19))
        #expect(terms.currency == .usd)
        #expect(terms.calendar == CalendarTerms(timeZoneIdentifier: "America/New_York", cutoff: nil, extraClosures: []))

        #expect(terms.company?.id == "company")
        #expect(terms.company?.name == "ROO Group, Inc.")
        #expect(terms.escrowAgent?.id == "escrow-agent")
        #expect(terms.escrowAgent?.name == "Kramer Levin Naftalis & Frankel LLP")
        #expect(terms.escrowAgent?.address == "1177 Avenue of the Americas, New York, New York 10036")
        #expect(terms.party("sichenzia")?.role == .feePayee)
        #expect(terms.party("burnham-hill")?.name == "Burnham Hill Partners, a division of Pali Capital, Inc.")
        #expect(terms.party("nir-group")?.role == .thirdParty)
        #expect(terms.purchasers.map(\.id) == ["purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4"])
        #expect(terms.purchasers.map(\.name) == ["Purchaser 1", "Purchaser 2", "Purchaser 3", "Purchaser 4"])

        let offering = try #require(terms.offering)
        #expect(offering.shares == 266_666_666)
        #expect(offering.pricePerShare == Money(minorUnits: 3, .usd))
        #expect(offering.total == Money(minorUnits: 799_999_998, .usd))

        #expect(terms.subscriptions.map(\.shares) == [100_000_000, 83_333_333, 50_000_000, 33_333_333])
        #expect(
            terms.subscriptions.map(\.amount.amountMinorUnits) == [300_000_000, 249_999_999, 150_000_000, 99_999_999])
        #expect(terms.aggregateSubscription == Money(minorUnits: 799_999_998, .usd))
        #expect(terms.aggregateSubscription.description == "USD 7,999,999.98")

        #expect(
            terms.depositInstructions
                == DepositInstructions(
                    bank: "Citibank, N.A.", bankAddress: "666 Fifth Avenue, New York, NY 10103",
                    routingNumber: "021000089", accountName: "Kramer Levin Naftalis & Frankel LLP IOLA Account",
                    accountNumber: "37317968", reference: "Roo Group, Inc."))

        #expect(
            terms.conditions.map(\.id)
                == ["subscription-funds", "nir-waiver", "counterpart-signature-pages", "closing-documents"])
        #expect(terms.conditions.map(\.kind) == [.subscriptionFunds, .document, .counterparts, .document])
        #expect(terms.conditions[1].from == [.party("nir-group")])
        #expect(terms.conditions[2].from == [.party("company"), .everyPurchaser])
        #expect(terms.conditions.allSatisfy { $0.clause == "1.2" })

        let release = terms.releaseInstrument
        #expect(release.title == "Release Notice")
        #expect(release.clause == "1.4, Exhibit A")
        #expect(release.signers == [.party("company"), .everyPurchaser])
        #expect(
            terms.expand(release.signers) == ["company", "purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4"])
        #expect(
            release.text.hasPrefix("The UNDERSIGNED, pursuant to the Escrow Agreement, dated as of August 19, 2005"))
        #expect(release.text.contains("shall not be effective until executed by the Company and the Purchasers.\n"))
        #expect(release.text.hasSuffix("each of which shall be deemed an original."))
        #expect(!release.text.contains("  "))

        let payments = terms.disbursement.fixedPayments
        #expect(payments.map(\.payee) == ["escrow-agent", "sichenzia", "burnham-hill"])
        #expect(payments.map(\.amount.amountMinorUnits) == [1_500_000, 4_850_000, 52_000_000])
        #expect(payments.allSatisfy { $0.amount.currency == .usd && $0.clause == "1.5" })
        #expect(terms.disbursement.remainderPayee == "company")
        #expect(terms.disbursement.remainderClause == "1.6")

        #expect(
            terms.refund
                == RefundTerms(unlessCondition: "nir-waiver", businessDaysAfterAgreementDate: 10, clause: "1.7"))
    }

    @Test("the example file and the library's copy of the reference agreement are identical")
    func exampleFileMatchesLibraryCopy() throws {
        let example = try String(
            contentsOf: Self.packageRoot.appendingPathComponent("examples/roo-group-2005.yaml"), encoding: .utf8)
        #expect(example == ReferenceAgreement.yaml)
    }

    /// The package's root folder, found from this file's path so tests run from anywhere.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    // MARK: A small agreement and the ways to get it wrong

    /// A minimal valid agreement; each refusal case replaces one line (numbered from 1).
    static let baseLines: [String] = [
        /* 1 */ "agreement:",
        /* 2 */ "  id: test-deal",
        /* 3 */ "  title: Test Escrow",
        /* 4 */ "  dated: 2005-08-19",
        /* 5 */ "  currency: USD",
        /* 6 */ "calendar:",
        /* 7 */ "  timeZone: America/New_York",
        /* 8 */ "parties:",
        /* 9 */ #"  - {id: company, name: "Issuer, Inc.", role: company}"#,
        /* 10 */ "  - {id: agent, name: Agent LLP, role: escrowAgent}",
        /* 11 */ "  - {id: buyer-1, name: Buyer 1, role: purchaser}",
        /* 12 */ "  - {id: buyer-2, name: Buyer 2, role: purchaser}",
        /* 13 */ "offering:",
        /* 14 */ "  security: common stock",
        /* 15 */ "  shares: 300",
        /* 16 */ #"  pricePerShare: "0.50""#,
        /* 17 */ #"  total: "150.00""#,
        /* 18 */ "subscriptions:",
        /* 19 */ "  - purchaser: buyer-1",
        /* 20 */ "    shares: 100",
        /* 21 */ #"    amount: "50.00""#,
        /* 22 */ "  - purchaser: buyer-2",
        /* 23 */ #"    amount: "100.00""#,
        /* 24 */ #"depositInstructions: {bank: B, routingNumber: "0", accountName: E, accountNumber: "1", reference: T}"#,
        /* 25 */ "conditions:",
        /* 26 */ #"  - {id: funds, kind: subscriptionFunds, title: Funds, clause: "1.2"}"#,
        /* 27 */ #"  - {id: waiver, kind: document, title: Waiver, from: [company], clause: "1.2"}"#,
        /* 28 */ "releaseInstrument:",
        /* 29 */ "  title: Release Notice",
        /* 30 */ #"  clause: "1.4""#,
        /* 31 */ "  signers: [company, purchasers]",
        /* 32 */ "  text: Release the funds.",
        /* 33 */ "disbursement:",
        /* 34 */ "  fixedPayments:",
        /* 35 */ #"    - {payee: agent, amount: "10.00", purpose: fee, clause: "1.5"}"#,
        /* 36 */ #"  remainder: {payee: company, clause: "1.6"}"#,
        /* 37 */ #"refund: {unless: waiver, businessDaysAfterAgreementDate: 10, clause: "1.7"}"#,
    ]

    static var base: String { baseLines.joined(separator: "\n") + "\n" }

    @Test("the small agreement is valid as it stands")
    func baseIsValid() throws {
        let terms = try AgreementFile.parse(Self.base, sourceName: "test.yaml")
        #expect(terms.aggregateSubscription == Money(minorUnits: 15_000, .usd))
        #expect(terms.expand(terms.releaseInstrument.signers) == ["company", "buyer-1", "buyer-2"])
    }

    /// One mistake: which line it replaces, and the field and line the refusal must name.
    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var replacing: Int
        var with: String
        var field: String
        var line: Int

        var testDescription: String { name }

        var document: String {
            var lines = AgreementFileTests.baseLines
            lines[replacing - 1] = with
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static let refusals: [Refusal] = [
        // The cases every format change must keep refusing.
        Refusal(
            name: "unknown party", replacing: 22, with: "  - purchaser: buyer-9",
            field: "subscriptions[1].purchaser", line: 22),
        Refusal(
            name: "subscriptions that do not sum to the offering total", replacing: 23,
            with: #"    amount: "99.00""#, field: "offering.total", line: 17),
        Refusal(
            name: "negative amount", replacing: 21, with: #"    amount: "-50.00""#,
            field: "subscriptions[0].amount", line: 21),
        Refusal(
            name: "too many decimals", replacing: 35,
            with: #"    - {payee: agent, amount: "0.001", purpose: fee, clause: "1.5"}"#,
            field: "disbursement.fixedPayments[0].amount", line: 35),
        Refusal(
            name: "missing signer", replacing: 31, with: "  signers: []", field: "releaseInstrument.signers", line: 31),
        Refusal(
            name: "unknown key", replacing: 14, with: "  securty: common stock", field: "offering.securty", line: 14),
        Refusal(
            name: "duplicate party id", replacing: 12, with: "  - {id: buyer-1, name: Buyer 2, role: purchaser}",
            field: "parties[3].id", line: 12),
        Refusal(name: "invalid date", replacing: 4, with: "  dated: 2005-02-30", field: "agreement.dated", line: 4),
        Refusal(
            name: "unknown time zone", replacing: 7, with: "  timeZone: America/Gotham", field: "calendar.timeZone",
            line: 7),
        Refusal(name: "YAML syntax error", replacing: 29, with: "  title: Release: Notice", field: "", line: 29),

        // Further rules.
        Refusal(
            name: "missing required key", replacing: 29, with: "  # no title", field: "releaseInstrument.title",
            line: 28),
        Refusal(
            name: "text where a number belongs", replacing: 15, with: "  shares: lots", field: "offering.shares",
            line: 15),
        Refusal(
            name: "a name where a list belongs", replacing: 31, with: "  signers: company",
            field: "releaseInstrument.signers", line: 31),
        Refusal(name: "unknown currency", replacing: 5, with: "  currency: XYZ", field: "agreement.currency", line: 5),
        Refusal(
            name: "amount beyond Int64", replacing: 23, with: #"    amount: "99999999999999999999""#,
            field: "subscriptions[1].amount", line: 23),
        Refusal(name: "zero amount", replacing: 23, with: "    amount: 0", field: "subscriptions[1].amount", line: 23),
        Refusal(
            name: "amount with a thousands separator", replacing: 23, with: #"    amount: "1,000.00""#,
            field: "subscriptions[1].amount", line: 23),
        Refusal(
            name: "subscription by a party that is not a purchaser", replacing: 22, with: "  - purchaser: agent",
            field: "subscriptions[1].purchaser", line: 22),
        Refusal(
            name: "purchaser with no subscription", replacing: 12,
            with:
                "  - {id: buyer-2, name: Buyer 2, role: purchaser}\n  - {id: buyer-3, name: Buyer 3, role: purchaser}",
            field: "parties[4].id", line: 13),
        Refusal(
            name: "purchaser with two subscriptions", replacing: 22, with: "  - purchaser: buyer-1",
            field: "subscriptions[1].purchaser", line: 22),
        Refusal(
            name: "shares times price is not the amount", replacing: 20, with: "    shares: 99",
            field: "subscriptions[0].amount", line: 21),
        Refusal(
            name: "offering shares times price is not the total", replacing: 15, with: "  shares: 301",
            field: "offering.total", line: 17),
        Refusal(
            name: "no company", replacing: 9, with: "  - {id: company, name: Issuer, role: feePayee}",
            field: "parties", line: 8),
        Refusal(
            name: "two escrow agents", replacing: 11, with: "  - {id: buyer-1, name: Buyer 1, role: escrowAgent}",
            field: "parties[2].role", line: 11),
        Refusal(
            name: "unknown role", replacing: 10, with: "  - {id: agent, name: Agent LLP, role: agent}",
            field: "parties[1].role", line: 10),
        Refusal(
            name: "reserved party id", replacing: 12, with: "  - {id: purchasers, name: Buyer 2, role: purchaser}",
            field: "parties[3].id", line: 12),
        Refusal(
            name: "fixed payments exceed the aggregate subscription", replacing: 35,
            with: #"    - {payee: agent, amount: "150.01", purpose: fee, clause: "1.5"}"#,
            field: "disbursement.fixedPayments", line: 34),
        Refusal(
            name: "condition from an unknown party", replacing: 27,
            with: #"  - {id: waiver, kind: document, title: Waiver, from: [nobody], clause: "1.2"}"#,
            field: "conditions[1].from[0]", line: 27),
        Refusal(
            name: "duplicate condition id", replacing: 27,
            with: #"  - {id: funds, kind: document, title: Waiver, from: [company], clause: "1.2"}"#,
            field: "conditions[1].id", line: 27),
        Refusal(
            name: "document condition with nobody to deliver it", replacing: 27,
            with: #"  - {id: waiver, kind: document, title: Waiver, clause: "1.2"}"#,
            field: "conditions[1].from", line: 27),
        Refusal(
            name: "unknown signer", replacing: 31, with: "  signers: [company, ceo]",
            field: "releaseInstrument.signers[1]", line: 31),
        Refusal(
            name: "unknown remainder payee", replacing: 36, with: #"  remainder: {payee: issuer, clause: "1.6"}"#,
            field: "disbursement.remainder.payee", line: 36),
        Refusal(
            name: "refund unless a condition that does not exist", replacing: 37,
            with: #"refund: {unless: waivr, businessDaysAfterAgreementDate: 10, clause: "1.7"}"#,
            field: "refund.unless", line: 37),
        Refusal(
            name: "negative business days", replacing: 37,
            with: #"refund: {unless: waiver, businessDaysAfterAgreementDate: -1, clause: "1.7"}"#,
            field: "refund.businessDaysAfterAgreementDate", line: 37),
        Refusal(
            name: "malformed cut-off", replacing: 7, with: "  timeZone: America/New_York\n  cutoff: 5pm",
            field: "calendar.cutoff", line: 8),
        Refusal(
            name: "key given twice", replacing: 3, with: "  title: Test Escrow\n  title: Another", field: "", line: 3),
    ]

    @Test("a mistake is refused with its field path and line", arguments: refusals)
    func refusal(_ refusal: Refusal) {
        do {
            let terms = try AgreementFile.parse(refusal.document, sourceName: "test.yaml")
            Issue.record("accepted a document with \(refusal.name): \(terms.id)")
        } catch {
            #expect(error.field == refusal.field, "\(error)")
            #expect(error.line == refusal.line, "\(error)")
            #expect(error.sourceName == "test.yaml")
            #expect(!error.message.isEmpty)
        }
    }

    // MARK: Messages

    @Test("an error reads as file:line: field: message")
    func errorDescription() {
        let error = AgreementFileError(
            sourceName: "roo.yaml", line: 42, column: 13, field: "subscriptions[2].amount",
            message: "amount must be positive")
        #expect(error.description == "roo.yaml:42: subscriptions[2].amount: amount must be positive")
        let syntax = AgreementFileError(sourceName: "roo.yaml", line: 3, field: "", message: "YAML syntax error")
        #expect(syntax.description == "roo.yaml:3: YAML syntax error")
        let noLine = AgreementFileError(sourceName: "terms", line: nil, field: "refund.unless", message: "unknown")
        #expect(noLine.description == "terms: refund.unless: unknown")
    }

    @Test("messages name the offending value and cite the clause")
    func messages() throws {
        let missingSigner = try #require(Self.refusals.first { $0.name == "missing signer" })
        let error = try #require(throws: AgreementFileError.self) {
            try AgreementFile.parse(missingSigner.document, sourceName: "test.yaml")
        }
        #expect(error.message.hasPrefix("missing signer"))
        #expect(error.message.contains("1.4"))

        let typo = try #require(Self.refusals.first { $0.name == "unknown key" })
        let typoError = try #require(throws: AgreementFileError.self) {
            try AgreementFile.parse(typo.document, sourceName: "test.yaml")
        }
        #expect(typoError.message.contains("(did you mean 'security'?)"))

        let decimals = try #require(Self.refusals.first { $0.name == "too many decimals" })
        let decimalsError = try #require(throws: AgreementFileError.self) {
            try AgreementFile.parse(decimals.document, sourceName: "test.yaml")
        }
        #expect(decimalsError.message.contains("0.001"))
    }

    // MARK: Other inputs

    @Test("a JSON document is accepted and reads as the same terms")
    func json() throws {
        let json = """
            {
              "agreement": {"id": "test-deal", "title": "Test Escrow", "dated": "2005-08-19", "currency": "USD"},
              "calendar": {"timeZone": "America/New_York"},
              "parties": [
                {"id": "company", "name": "Issuer, Inc.", "role": "company"},
                {"id": "agent", "name": "Agent LLP", "role": "escrowAgent"},
                {"id": "buyer-1", "name": "Buyer 1", "role": "purchaser"},
                {"id": "buyer-2", "name": "Buyer 2", "role": "purchaser"}
              ],
              "offering": {"security": "common stock", "shares": 300, "pricePerShare": 0.50, "total": "150.00"},
              "subscriptions": [
                {"purchaser": "buyer-1", "shares": 100, "amount": 50.00},
                {"purchaser": "buyer-2", "amount": "100.00"}
              ],
              "depositInstructions": {"bank": "B", "routingNumber": "0", "accountName": "E",
                                      "accountNumber": "1", "reference": "T"},
              "conditions": [
                {"id": "funds", "kind": "subscriptionFunds", "title": "Funds", "clause": "1.2"},
                {"id": "waiver", "kind": "document", "title": "Waiver", "from": ["company"], "clause": "1.2"}
              ],
              "releaseInstrument": {"title": "Release Notice", "clause": "1.4", "signers": ["company", "purchasers"],
                                    "text": "Release the funds."},
              "disbursement": {
                "fixedPayments": [{"payee": "agent", "amount": "10.00", "purpose": "fee", "clause": "1.5"}],
                "remainder": {"payee": "company", "clause": "1.6"}
              },
              "refund": {"unless": "waiver", "businessDaysAfterAgreementDate": 10, "clause": "1.7"}
            }
            """
        let fromJSON = try AgreementFile.parse(json, sourceName: "test.json")
        let fromYAML = try AgreementFile.parse(Self.base, sourceName: "test.yaml")
        #expect(fromJSON == fromYAML)
    }

    @Test("an unquoted amount is read from its digits, not through a floating-point number")
    func unquotedAmountsAreExact() throws {
        var lines = Self.baseLines
        // Amounts just under the engine's ceiling (USD 1,000,000,000,000.00), where a trip
        // through binary floating point would drop or invent cents.
        lines[15] = "  pricePerShare: 0.10"  // line 16
        lines[14] = "  shares: 9999999999999"  // line 15
        lines[16] = "  total: 999999999999.90"  // line 17
        lines[19] = "    shares: 9999999999998"  // line 20
        lines[20] = "    amount: 999999999999.80"  // line 21
        lines[22] = "    amount: 0.10"  // line 23
        let terms = try AgreementFile.parse(lines.joined(separator: "\n"), sourceName: "test.yaml")
        #expect(terms.subscriptions[0].amount.amountMinorUnits == 99_999_999_999_980)
        #expect(terms.offering?.total.amountMinorUnits == 99_999_999_999_990)
    }

    @Test("the calendar section reads a cut-off time and extra closures, unquoted")
    func calendar() throws {
        var lines = Self.baseLines
        lines[6] = "  timeZone: Europe/London\n  cutoff: 17:00\n  extraClosures: [2005-08-22, 2005-08-23]"
        let terms = try AgreementFile.parse(lines.joined(separator: "\n"), sourceName: "test.yaml")
        #expect(terms.calendar.timeZoneIdentifier == "Europe/London")
        #expect(terms.calendar.cutoff == TimeOfDay(hour: 17, minute: 0))
        #expect(terms.calendar.extraClosures == [CivilDate(iso: "2005-08-22"), CivilDate(iso: "2005-08-23")])

        var defaults = Self.baseLines
        defaults[5] = "# no calendar section"
        defaults[6] = "# so the defaults apply"
        let defaulted = try AgreementFile.parse(defaults.joined(separator: "\n"), sourceName: "test.yaml")
        #expect(defaulted.calendar == CalendarTerms())
    }

    @Test("the error examples in docs/agreement-format.md are what the parser says")
    func documentedErrors() throws {
        let mistakes: [(original: String, mistake: String, expected: String)] = [
            (
                #"  - {purchaser: purchaser-2, shares: 83333333, amount: "2499999.99"}"#,
                #"  - {purchaser: purchaser-2, shares: 83333333, amount: "2499999.90"}"#,
                "roo-group-2005.yaml:67: subscriptions[1].amount: 83333333 shares at USD 0.03 come to "
                    + "USD 2,499,999.99, not USD 2,499,999.90"
            ),
            (
                "  signers: [company, purchasers]",
                "  signers: []",
                "roo-group-2005.yaml:109: releaseInstrument.signers: missing signer: the Release Notice takes "
                    + "effect only once executed, so it must name at least one signer (clause 1.4, Exhibit A)"
            ),
            (
                "  security: ",
                "  securty: ",
                "roo-group-2005.yaml:59: offering.securty: unknown key 'securty' (did you mean 'security'?); "
                    + "the keys allowed here are: security, shares, pricePerShare, total"
            ),
        ]
        let docs = try String(
            contentsOf: Self.packageRoot.appendingPathComponent("docs/agreement-format.md"), encoding: .utf8)
        for (original, mistake, expected) in mistakes {
            #expect(ReferenceAgreement.yaml.components(separatedBy: original).count == 2, "\(original)")
            let text = ReferenceAgreement.yaml.replacingOccurrences(of: original, with: mistake)
            let error = try #require(throws: AgreementFileError.self) {
                try AgreementFile.parse(text, sourceName: "roo-group-2005.yaml")
            }
            #expect(error.description == expected)
            #expect(docs.contains(expected), "docs/agreement-format.md should show: \(expected)")
        }
    }

    @Test("the minimal example in docs/agreement-format.md parses")
    func documentedExample() throws {
        let docs = try String(
            contentsOf: Self.packageRoot.appendingPathComponent("docs/agreement-format.md"), encoding: .utf8)
        let blocks = docs.components(separatedBy: "```yaml\n").dropFirst()
        let example = try #require(blocks.last?.components(separatedBy: "```").first)
        let terms = try AgreementFile.parse(example, sourceName: "agreement-format.md")
        #expect(terms.aggregateSubscription == Money(minorUnits: 10_000, .usd))
        #expect(terms.refund == nil && terms.offering == nil)
    }

    @Test("terms built in code are checked by the same rules, without a line")
    func validateTermsBuiltInCode() throws {
        var terms = try AgreementFile.parse(ReferenceAgreement.yaml)
        try AgreementFile.validate(terms)
        terms.releaseInstrument.signers = []
        let error = try #require(throws: AgreementFileError.self) { try AgreementFile.validate(terms) }
        #expect(error.field == "releaseInstrument.signers")
        #expect(error.line == nil)
    }

    @Test("an empty file is refused")
    func emptyFile() {
        #expect(throws: AgreementFileError.self) { try AgreementFile.parse("", sourceName: "empty.yaml") }
        #expect(throws: AgreementFileError.self) { try AgreementFile.parse("# nothing\n", sourceName: "empty.yaml") }
        #expect(throws: AgreementFileError.self) { try AgreementFile.parse("- a list\n", sourceName: "list.yaml") }
    }
}
