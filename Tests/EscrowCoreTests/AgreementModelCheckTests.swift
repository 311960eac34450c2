import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// The model pass of `escrow check`: every order of an agreement's events through the real
/// decider, and the faults only that can see, each with the shortest path to it.
@Suite("Agreement model check")
struct AgreementModelCheckTests {
    static func report(_ yaml: String) throws -> ModelCheckReport {
        let terms = try AgreementFile.parse(yaml, sourceName: "fixture.yaml")
        #expect(AgreementCheck.problems(in: yaml, sourceName: "fixture.yaml").isEmpty, "the shape and terms passes accept the fixture")
        return try #require(AgreementModelCheck.explore(terms))
    }

    @Test("a sound agreement explores completely and has no findings; the letter at the deadline's very instant is late")
    func soundAgreement() throws {
        let report = try Self.report(ModelCheckFixtures.sound)
        #expect(report.complete)
        #expect(report.findings == [], "\(report.findings.map(\.description).joined(separator: "\n"))")
        #expect(report.statesExplored > 50 && report.statesExplored < 5_000, "\(report.coverage)")
        // Once the letter is in, the deadline does not fire, so a release at its instant stands:
        // the only rule that meets it at the same instant is the letter's own delivery.
        #expect(report.notes.count == 1)
        let letter = try #require(report.notes.first)
        #expect(letter.kind == .simultaneous)
        #expect(letter.clause == "6")
        #expect(letter.message.contains("2024-03-08 end of day America/New_York) is late, the deadline fires and the refund wins"))
        #expect(letter.path == ["at that instant: lender delivers its document for 'commitment' (3(b))"])
    }

    @Test("the reference deal explores completely and checks clean")
    func referenceDealIsClean() throws {
        let report = try Self.report(ReferenceAgreement.yaml)
        #expect(report.complete, "\(report.coverage)")
        #expect(report.findings == [], "\(report.findings.map(\.description).joined(separator: "\n"))")
        #expect(report.notes.map(\.clause) == ["1.7"])
    }

    @Test("a remainder paid to a third party: it gives its own signed instructions like any payee, and the release applies")
    func remainderToThirdParty() throws {
        let report = try Self.report(ModelCheckFixtures.remainderToThirdParty)
        #expect(report.complete)
        #expect(report.findings == [], "\(report.findings.map(\.description).joined(separator: "\n"))")
    }

    @Test("a commission of the whole deposit: the remainder clause never applies")
    func commissionTakesAll() throws {
        let report = try Self.report(ModelCheckFixtures.commissionTakesAll)
        #expect(report.findings.map(\.kind) == [.neverApplies], "\(report.findings.map(\.description))")
        let remainder = try #require(report.findings.first)
        #expect(remainder.clause == "5(b)")
        #expect(remainder.message == "the remainder is never paid to seller: the fixed payments take every subscription in full")
        #expect(
            remainder.path == [
                "every purchaser that has wired nothing wires its subscription in full (buyer USD 1,000.00)",
                "lender delivers its document for 'commitment' (3(b))",
                "seller, buyer sign the Settlement Statement (4)",
                "broker, seller give signed written wire instructions (5, 5(b))",
                "the agent releases the funds (5)",
            ])
    }

    @Test("a refund deadline before anyone can wire: a deadline without consequence, and no release ever")
    func deadlineBeforeFunding() throws {
        let report = try Self.report(ModelCheckFixtures.deadlineBeforeFunding)
        let deadline = try #require(report.findings.first { $0.kind == .deadlineWithoutConsequence })
        #expect(deadline.clause == "6")
        #expect(deadline.message.hasPrefix("the refund deadline passes before any money can be held"))
        // The deadline fires on the first step, the buyer's wire, refunding nothing.
        #expect(deadline.path == ["every purchaser that has wired nothing wires its subscription in full (buyer USD 1,000.00)"])
        let advice = try #require(report.findings.first { $0.kind == .neverApplies })
        #expect(advice.clause == "3")
        #expect(advice.message == "the advice of funds received is never given, so nothing is ever released")
    }

    @Test("the bound is stated and honoured: a tiny bound stops early and says so")
    func boundIsHonoured() throws {
        let terms = try AgreementFile.parse(ModelCheckFixtures.sound, sourceName: "fixture.yaml")
        let report = try #require(AgreementModelCheck.explore(terms, statesMax: 10, depthMax: 40))
        #expect(report.statesExplored == 10)
        #expect(!report.complete)
        #expect(report.coverage.hasSuffix("bounds: 10 states, 40 steps; stopped at a bound, so findings cover the states explored"))
    }
}
