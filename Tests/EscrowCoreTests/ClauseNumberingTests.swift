import EscrowCore
import Foundation
import Testing

/// How an agreement numbers the rules the engine runs: the `clauses:` section, the items that
/// state their own clause, and the 2005 numbering for terms recorded without the section.
@Suite("Clause numbering")
struct ClauseNumberingTests {
    /// The small agreement of ``AgreementFileTests`` with extra lines at the end.
    static func agreement(_ extra: String...) -> String {
        AgreementFileTests.base + extra.map { $0 + "\n" }.joined()
    }

    @Test("the reference agreement numbers every rule as the 2005 agreement does, and leaves the desk control to words")
    func referenceNumbering() throws {
        let terms = try AgreementFile.parse(ReferenceAgreement.yaml)
        let clauses = try #require(terms.clauses)
        for rule in Rule.allCases {
            #expect(clauses[rule] == ReferenceAgreement.clauseNumber(of: rule), "\(rule)")
        }
        #expect(terms.citation(of: .deskControl) == "desk control")
        #expect(terms.cite(.release, .releaseInstrumentForm) == "1.5, Exhibit A")
        #expect(terms.cite([.rule(.remainder), .stated("2.14")]) == "1.6, 2.14")
    }

    @Test("terms without a clauses section cite the 2005 numbering, as every escrow recorded before the section did")
    func termsWithoutTheSectionCiteTheReferenceNumbers() throws {
        var terms = try AgreementFile.parse(ReferenceAgreement.yaml)
        terms.clauses = nil
        for rule in Rule.allCases {
            #expect(terms.citation(of: rule) == ReferenceAgreement.clauseNumber(of: rule) ?? rule.words, "\(rule)")
        }
        let encoded = String(decoding: try EventCoding.encoder.encode(terms), as: UTF8.self)
        #expect(!encoded.contains("clauses"))
    }

    @Test("a rule the section does not number is cited in words; the refund and the remainder take their own items' clauses")
    func unnumberedRulesAreCitedInWords() throws {
        let terms = try AgreementFile.parse(Self.agreement("clauses: {release: \"3.1\", dispute: ~}"), sourceName: "test.yaml")
        #expect(terms.clauses == [.release: "3.1"])
        #expect(terms.citation(of: .release) == "3.1")
        #expect(terms.citation(of: .dispute) == "disputes clause")
        #expect(terms.citation(of: .resignation) == "resignation clause")
        #expect(terms.number(of: .refund) == "1.7")
        #expect(terms.number(of: .remainder) == "1.6")
        #expect(terms.cite(.release, .releaseInstrumentForm) == "3.1, form of the release instrument")
    }

    @Test("a name that is not a rule is refused at its line, with a suggestion")
    func unknownRule() throws {
        let text = Self.agreement("clauses:", "  release: \"3.1\"", "  refnd: \"4.2\"")
        let error = try #require(throws: AgreementFileError.self) { try AgreementFile.parse(text, sourceName: "test.yaml") }
        #expect(error.line == 40)
        #expect(error.field == "clauses.refnd")
        #expect(error.message.hasPrefix("unknown key 'refnd' (did you mean 'refund'?); the keys allowed here are: escrowAccount, advice"))
    }

    @Test("a number that is not text, or is empty, is refused at its line")
    func numberMustBeText() throws {
        let list = try #require(throws: AgreementFileError.self) {
            try AgreementFile.parse(Self.agreement("clauses:", "  release: [3, 1]"), sourceName: "test.yaml")
        }
        #expect(list.field == "clauses.release" && list.line == 39)
        let empty = try #require(throws: AgreementFileError.self) {
            try AgreementFile.parse(Self.agreement("clauses:", "  release: \" \""), sourceName: "test.yaml")
        }
        #expect(empty.field == "clauses.release" && empty.line == 39)
        #expect(empty.message == "the clause of rule release must not be empty")
    }

    @Test("the section and refund.clause must give the refund one number")
    func sectionAgreesWithItems() throws {
        let error = try #require(throws: AgreementFileError.self) {
            try AgreementFile.parse(Self.agreement("clauses:", "  refund: \"4.2\""), sourceName: "test.yaml")
        }
        #expect(
            error.description
                == "test.yaml:39: clauses.refund: the refund rule is numbered '4.2' here but refund.clause at line 37 says '1.7'; give it one number")
    }
}
