import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// The obligation file format: the reference waiver reads as written, and mistakes are refused
/// at their line like the agreement file's.
@Suite("Obligation file")
struct ObligationFileTests {
    static func parse(replacing original: String, with mistake: String) -> AgreementFileError? {
        precondition(ReferenceWaiver.yaml.contains(original), "the reference waiver must contain \(original)")
        do {
            _ = try ObligationFile.parse(
                ReferenceWaiver.yaml.replacingOccurrences(of: original, with: mistake), sourceName: "nir-waiver-2005.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("the reference waiver reads every obligation and restriction")
    func reference() throws {
        let terms = WaiverTests.terms
        #expect(terms.obligations.map(\.id) == ["prepayment-cash", "prepayment-complete", "reverse-split", "prepayment-warrants"])
        #expect(terms.obligations.map(\.clause) == ["Schedule A 1", "8", "5", "Schedule A 2"])
        #expect(terms.obligation("prepayment-complete")?.consequence == .terminate(instrument: "Consent and Waiver"))
        #expect(terms.obligation("prepayment-complete")?.satisfiedBy == "prepayment-cash")
        #expect(terms.obligation("prepayment-warrants")?.due == .afterPerformance(of: "reverse-split", .businessDays(5)))
        #expect(terms.restrictions.map(\.clause) == ["3", "4", "7"])
        #expect(terms.restrictions.map(\.kind) == [.waivedRequirement, .noWarrantExercise, .noConversion])
        #expect(terms.restriction("reservation-waiver")?.orBusinessDaysAfterDated == 10)
    }

    @Test("an amount with too many decimals is refused at its line")
    func badAmount() throws {
        let error = try #require(Self.parse(replacing: #"amount: "3400000.00""#, with: #"amount: "3400000.001""#))
        #expect(error.field == "obligations[0].amount")
        #expect(error.line == 58)
    }

    @Test("an unknown key is refused with a suggestion")
    func unknownKey() throws {
        let error = try #require(Self.parse(replacing: "    satisfiedBy: prepayment-cash", with: "    satisfiedBi: prepayment-cash"))
        #expect(error.field == "obligations[1].satisfiedBi")
        #expect(error.message.contains("did you mean 'satisfiedBy'?"))
    }

    @Test("a due rule anchored on an obligation that does not exist is refused")
    func badAnchor() throws {
        let error = try #require(Self.parse(replacing: "businessDaysAfter: reverse-split", with: "businessDaysAfter: reverse-spilt"))
        #expect(error.field == "obligations[3].due.businessDaysAfter")
        #expect(error.message.contains("reverse-spilt"))
    }

    @Test("a party that does not exist is refused")
    func unknownParty() throws {
        let error = try #require(Self.parse(replacing: "    parties: [company]", with: "    parties: [issuer]"))
        #expect(error.field == "restrictions[0].parties[0]")
    }

    @Test("two due rules at once are refused")
    func twoDueRules() throws {
        let error = try #require(Self.parse(replacing: "due: {daysAfterDated: 75}", with: "due: {daysAfterDated: 75, on: 2005-11-01}"))
        #expect(error.field == "obligations[2].due")
    }

    @Test("an unknown damages reading is refused")
    func badReading() throws {
        let error = try #require(Self.parse(replacing: "damagesReading: wholePeriods", with: "damagesReading: roundedUp"))
        #expect(error.field == "damagesReading")
        #expect(error.message.contains("wholePeriods, periodsBegun"))
    }
}
