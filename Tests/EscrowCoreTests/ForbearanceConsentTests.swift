import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// `examples/forbearance-consent-2024.yaml`: a consent whose acts, warrant series, restrictions
/// and citations are all the file's own, played on London business days.
@Suite("A second obligations file: a lender's consent and forbearance")
struct ForbearanceConsentTests {
    static func terms() throws -> ObligationTerms {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/forbearance-consent-2024.yaml")
        return try ObligationFile.parse(String(contentsOf: url, encoding: .utf8), sourceName: "forbearance-consent-2024.yaml")
    }

    static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    /// Noon in London on a date.
    static func noon(_ text: String) -> Date {
        Deadline(date: date(text), cutoff: TimeOfDay(hour: 12, minute: 0), timeZoneIdentifier: "Europe/London").closesAt
    }

    static func run(_ terms: ObligationTerms, _ steps: [(String, WaiverCommand)]) throws(WaiverRefusal) -> WaiverState {
        var state = WaiverState(terms: terms)
        for (day, command) in steps {
            for event in try WaiverDecider.handle(command, state: state, at: noon(day)) { state.apply(event) }
        }
        return state
    }

    static let gbp = Currency(code: "GBP")!

    static let fee = WaiverCommand.pay(obligation: "consent-fee", amount: Money(minorUnits: 2_500_000, ForbearanceConsentTests.gbp))

    @Test("§2.1, §3: the fee falls due five London business days after 2024-04-02, the deleveraging 90 days after")
    func dueDates() throws {
        let terms = try Self.terms()
        let state = WaiverState(terms: terms)
        #expect(terms.acts.map(\.id) == ["equityRaise", "depotSale"])
        #expect(terms.warrantSeries.map(\.title) == ["Existing Lender Options", "Consent Warrants"])
        #expect(state.dueDate(of: try #require(terms.obligation("consent-fee"))) == Self.date("2024-04-09"))
        #expect(state.dueDate(of: try #require(terms.obligation("deleveraging"))) == Self.date("2024-07-01"))
        // 60 London business days, past the early May and spring bank holidays (6 and 27 May).
        #expect(state.restrictionLastDay(try #require(terms.restriction("covenant-forbearance"))) == Self.date("2024-06-27"))
    }

    @Test("§5.2: exercising the lender options before the deleveraging is refused in the letter's words, citing §5.2 as written")
    func optionsRestricted() throws {
        let terms = try Self.terms()
        do {
            _ = try Self.run(terms, [("2024-04-08", Self.fee), ("2024-05-01", .exerciseWarrants(holder: "northwind", series: "lender-options"))])
            Issue.record("expected a refusal")
        } catch {
            #expect(error.clause == "§5.2")
            #expect(error.message == "Northwind has agreed not to exercise the Existing Lender Options until the equity raise or the depot sale")
        }
        let state = try Self.run(
            terms, [("2024-04-08", Self.fee), ("2024-06-03", .completeCorporateAct("depotSale")),
                    ("2024-06-04", .exerciseWarrants(holder: "northwind", series: "lender-options"))])
        #expect(state.events.last == .warrantsExercised(holder: "northwind", series: "lender-options", on: Self.date("2024-06-04")))
    }

    @Test("§3 late by 45 days: GBP 3,000.00 for the periods begun, GBP 1,500.00 for whole periods; §4 warrants then exercisable three years")
    func lateDeleveragingAndWarrants() throws {
        let terms = try Self.terms()
        let state = try Self.run(
            terms, [
                ("2024-04-08", Self.fee), ("2024-08-15", .completeCorporateAct("depotSale")),
                ("2024-08-20", .issueWarrants(obligation: "consent-warrants", shares: 250_000, exercisePrice: Money(minorUnits: 40, Self.gbp))),
            ])
        let statement = try #require(try Damages.compute(state: state, asOf: Self.date("2024-08-15")).first)
        #expect(statement.clause == "§3")
        #expect(statement.daysLate == 45)
        #expect(statement.reading == .periodsBegun)
        #expect(statement.amount == Money(minorUnits: 300_000, Self.gbp))
        #expect(statement.otherAmount == Money(minorUnits: 150_000, Self.gbp))
        // Ten London business days after 2024-08-15, past the summer bank holiday (26 August).
        #expect(state.dueDate(of: try #require(terms.obligation("consent-warrants"))) == Self.date("2024-08-30"))
        #expect(state.warrantsExercisableUntil == Self.date("2027-08-20"))
        let lastDay = try WaiverDecider.handle(
            .exerciseWarrants(holder: "northwind", series: "consent-warrants"), state: state, at: Self.noon("2027-08-20"))
        #expect(lastDay.last == .warrantsExercised(holder: "northwind", series: "consent-warrants", on: Self.date("2027-08-20")))
        do {
            _ = try WaiverDecider.handle(
                .exerciseWarrants(holder: "northwind", series: "consent-warrants"), state: state, at: Self.noon("2027-08-23"))
            Issue.record("expected a refusal")
        } catch {
            #expect(error.description == "the Consent Warrants issued on 2024-08-20 were exercisable until 2027-08-20 (§4)")
        }
    }

    @Test("§2.1 unpaid: the letter terminates at the close of 2024-04-09 and an act under it is refused as void")
    func unpaidFeeTerminates() throws {
        let terms = try Self.terms()
        do {
            _ = try Self.run(terms, [("2024-04-10", .completeCorporateAct("equityRaise"))])
            Issue.record("expected a refusal")
        } catch {
            #expect(error.description == "the Consent and Forbearance Letter terminated at the close of 2024-04-09 and its provisions are void (§2.1)")
        }
    }

    @Test("An act or a series the file does not declare is refused with the line")
    func undeclaredNamesAreRefused() throws {
        let text = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("examples/forbearance-consent-2024.yaml"), encoding: .utf8)
        do {
            _ = try ObligationFile.parse(text.replacingOccurrences(of: "acts: [equityRaise, depotSale]", with: "acts: [equityRaise, rightsIssue]"), sourceName: "x.yaml")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.field == "obligations[1].acts[1]")
            #expect(error.message == "'rightsIssue' is not an act the file declares under acts; the acts are: equityRaise, depotSale")
        }
        do {
            _ = try ObligationFile.parse(text.replacingOccurrences(of: "series: [lender-options]", with: "series: [options]"), sourceName: "x.yaml")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.field == "restrictions[1].series[0]")
        }
    }
}
