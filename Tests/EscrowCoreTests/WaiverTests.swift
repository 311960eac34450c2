import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// The Omnibus Consent and Waiver of 2005-08-18 and its Schedule A, item by item: every date
/// and amount it sets, how it meets the escrow, and what it refuses.
@Suite("Waiver")
struct WaiverTests {
    static let terms: ObligationTerms = {
        do { return try ObligationFile.parse(ReferenceWaiver.yaml, sourceName: "nir-waiver-2005.yaml") } catch {
            fatalError("the reference waiver must parse: \(error)")
        }
    }()

    static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    /// Noon in New York on a date: a plain business-hours instant.
    static func noon(_ text: String) -> Date {
        Deadline(date: date(text), cutoff: TimeOfDay(hour: 12, minute: 0)).closesAt
    }

    /// Runs commands in order, each at noon on its date, and returns the state.
    static func run(_ steps: [(String, WaiverCommand)]) throws(WaiverRefusal) -> WaiverState {
        var state = WaiverState(terms: terms)
        for (day, command) in steps {
            for event in try WaiverDecider.handle(command, state: state, at: noon(day)) { state.apply(event) }
        }
        return state
    }

    static let cash = WaiverCommand.pay(obligation: "prepayment-cash", amount: Money(minorUnits: 340_000_000, .usd))

    static func obligation(_ id: String) -> Obligation { terms.obligation(id)! }

    // MARK: Parties and terms

    @Test("preamble: the company and the four holders, dated 2005-08-18, linked to the escrow's nir-waiver")
    func parties() {
        let terms = Self.terms
        #expect(terms.id == "nir-waiver-2005")
        #expect(terms.title == "Omnibus Consent and Waiver")
        #expect(terms.dated == Self.date("2005-08-18"))
        #expect(terms.parties.first { $0.role == .company }?.name == "ROO Group, Inc.")
        #expect(
            terms.parties.filter { $0.role == .holder }.map(\.name) == [
                "AJW Offshore, Ltd.", "AJW Qualified Partners, LLC", "AJW Partners, LLC",
                "New Millennium Capital Partners II, LLC",
            ])
        #expect(terms.escrowLink == EscrowLink(escrowID: "roo-group-2005", condition: "nir-waiver", remainderClause: "1.6"))
        #expect(terms.provisions.map(\.clause) == ["1", "2", "6", "9", "10", "11"])
        #expect(terms.damagesReading == .wholePeriods)
    }

    @Test("the escrow agreement names the condition the waiver is linked to")
    func escrowLinkResolves() throws {
        let escrow = try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "roo-group-2005.yaml")
        let link = try #require(Self.terms.escrowLink)
        #expect(escrow.id == link.escrowID)
        #expect(escrow.conditions.contains { $0.id == link.condition })
        #expect(escrow.disbursement.remainderClause == link.remainderClause)
    }

    @Test("the example file and the library copy are the same text")
    func exampleFileMatchesLibraryCopy() throws {
        let example = try String(
            contentsOf: AgreementFileTests.packageRoot.appendingPathComponent("examples/nir-waiver-2005.yaml"),
            encoding: .utf8)
        #expect(example == ReferenceWaiver.yaml)
    }

    // MARK: Schedule A 1

    @Test("Schedule A 1: $3,400,000 cash within 5 business days, due 2005-08-25, payable out of the escrow remainder")
    func scheduleA1() {
        let cash = Self.obligation("prepayment-cash")
        #expect(cash.clause == "Schedule A 1")
        #expect(cash.performance == .payment(Money(minorUnits: 340_000_000, .usd)))
        #expect(cash.payableFromEscrowRemainder)
        #expect(Self.terms.resolve(cash.obligors).map(\.id) == ["company"])
        #expect(Self.terms.resolve(cash.beneficiaries).count == 4)
        #expect(WaiverState(terms: Self.terms).dueDate(of: cash) == Self.date("2005-08-25"))
    }

    @Test("Schedule A 1: paying a different amount is refused")
    func scheduleA1WrongAmount() {
        #expect(throws: WaiverRefusal.self) {
            try Self.run([("2005-08-24", .pay(obligation: "prepayment-cash", amount: Money(minorUnits: 300_000_000, .usd)))])
        }
        do {
            _ = try Self.run([
                ("2005-08-24", .pay(obligation: "prepayment-cash", amount: Money(minorUnits: 300_000_000, .usd)))
            ])
        } catch {
            #expect(error.clause == "Schedule A 1")
        }
    }

    @Test("Schedule A 1: paid on 2005-08-25 is met on time, and item 8 is satisfied by the same payment")
    func scheduleA1Met() throws {
        let state = try Self.run([("2005-08-25", Self.cash), ("2005-09-06", .tick)])
        #expect(state.status(of: Self.obligation("prepayment-cash"), asOf: Self.date("2005-09-06"))
            == .met(on: Self.date("2005-08-25"), due: Self.date("2005-08-25")))
        #expect(state.status(of: Self.obligation("prepayment-complete"), asOf: Self.date("2005-09-06"))
            == .met(on: Self.date("2005-08-25"), due: Self.date("2005-09-01")))
        #expect(!state.isVoid)
    }

    @Test("Schedule A 1: paid 2005-08-30 is late (flagged) but inside item 8's ten business days")
    func scheduleA1LateButNotVoid() throws {
        let state = try Self.run([("2005-08-30", Self.cash)])
        #expect(state.missed["prepayment-cash"] == Self.date("2005-08-25"))
        #expect(state.status(of: Self.obligation("prepayment-cash"), asOf: Self.date("2005-08-30"))
            == .metLate(on: Self.date("2005-08-30"), due: Self.date("2005-08-25")))
        #expect(!state.isVoid)
    }

    // MARK: Item 3

    @Test("item 3: the reservation waiver ends at the earlier of the prepayment and 10 business days (2005-09-01)")
    func item3() throws {
        let waiver = try #require(Self.terms.restriction("reservation-waiver"))
        let unpaid = WaiverState(terms: Self.terms)
        #expect(unpaid.restrictionLastDay(waiver) == Self.date("2005-09-01"))
        #expect(unpaid.restrictionBinds(waiver, on: Self.date("2005-09-01")))
        #expect(!unpaid.restrictionBinds(waiver, on: Self.date("2005-09-02")))
        let paid = try Self.run([("2005-08-24", Self.cash)])
        // The period ends on the date the Prepayment is completed, that day included.
        #expect(paid.restrictionLastDay(waiver) == Self.date("2005-08-24"))
        #expect(paid.restrictionBinds(waiver, on: Self.date("2005-08-24")))
        #expect(!paid.restrictionBinds(waiver, on: Self.date("2005-08-25")))
    }

    // MARK: Item 4

    @Test("item 4: exercising warrants before the split is refused citing item 4")
    func item4Refusal() throws {
        let paid = try Self.run([("2005-08-25", Self.cash)])
        do {
            _ = try WaiverDecider.handle(
                .exerciseWarrants(holder: "ajw-offshore", series: .existing), state: paid, at: Self.noon("2005-10-03"))
            Issue.record("exercise before the split must be refused")
        } catch {
            #expect(error.clause == "item 4")
            #expect(error.description.hasSuffix("(item 4)"))
        }
    }

    @Test("item 4: after the split the holders may exercise")
    func item4AfterSplit() throws {
        let state = try Self.run([
            ("2005-08-25", Self.cash), ("2005-10-03", .completeCorporateAct(.reverseSplit)),
            ("2005-10-04", .exerciseWarrants(holder: "ajw-partners", series: .existing)),
        ])
        #expect(state.events.last == .warrantsExercised(holder: "ajw-partners", series: .existing, on: Self.date("2005-10-04")))
    }

    @Test("a party that is not a holder cannot exercise")
    func notAHolder() {
        #expect(throws: WaiverRefusal.self) {
            try Self.run([("2005-08-25", .exerciseWarrants(holder: "company", series: .existing))])
        }
    }

    // MARK: Item 5

    @Test("item 5: the split or increase is due within 75 days, 2005-11-01")
    func item5Due() {
        let split = Self.obligation("reverse-split")
        #expect(split.due == .afterDated(.calendarDays(75)))
        #expect(split.performance == .corporateAct([.reverseSplit, .authorizedShareIncrease]))
        #expect(split.consequence == .penalty(amount: Money(minorUnits: 200_000, .usd), everyDays: 7))
        #expect(WaiverState(terms: Self.terms).dueDate(of: split) == Self.date("2005-11-01"))
    }

    @Test("item 5: an increase in authorized shares performs it as well as a split")
    func item5Increase() throws {
        let state = try Self.run([("2005-08-25", Self.cash), ("2005-10-20", .completeCorporateAct(.authorizedShareIncrease))])
        #expect(state.performedOn["reverse-split"] == Self.date("2005-10-20"))
    }

    // MARK: Schedule A 2

    @Test("Schedule A 2: 3,000,000 warrants at $0.03 due 5 business days after the split (2005-12-01 → 2005-12-08)")
    func scheduleA2Due() throws {
        let warrants = Self.obligation("prepayment-warrants")
        #expect(
            warrants.performance
                == .issuance(
                    SecuritiesIssue(
                        security: "Prepayment Warrants", shares: 3_000_000, exercisePrice: Money(minorUnits: 3, .usd),
                        exercisableYears: 5)))
        #expect(WaiverState(terms: Self.terms).dueDate(of: warrants) == nil)
        let split = try Self.run([("2005-08-25", Self.cash), ("2005-12-01", .completeCorporateAct(.reverseSplit))])
        #expect(split.dueDate(of: warrants) == Self.date("2005-12-08"))
    }

    @Test("Schedule A 2: issuing before the split is refused; issued warrants are exercisable until 5 years after issue")
    func scheduleA2Exercise() throws {
        let issue = WaiverCommand.issueWarrants(
            obligation: "prepayment-warrants", shares: 3_000_000, exercisePrice: Money(minorUnits: 3, .usd))
        do {
            _ = try Self.run([("2005-08-25", Self.cash), ("2005-09-15", issue)])
            Issue.record("issuing before the split must be refused")
        } catch {
            #expect(error.clause == "Schedule A 2")
        }
        let issued = try Self.run([
            ("2005-08-25", Self.cash), ("2005-12-01", .completeCorporateAct(.reverseSplit)), ("2005-12-06", issue),
        ])
        #expect(issued.warrantsIssuedOn == Self.date("2005-12-06"))
        #expect(issued.warrantsExercisableUntil == Self.date("2010-12-06"))
        #expect(issued.status(of: Self.obligation("prepayment-warrants"), asOf: Self.date("2005-12-06"))
            == .met(on: Self.date("2005-12-06"), due: Self.date("2005-12-08")))
        let lastDay = try WaiverDecider.handle(
            .exerciseWarrants(holder: "new-millennium", series: .prepayment), state: issued, at: Self.noon("2010-12-06"))
        #expect(lastDay.last == .warrantsExercised(holder: "new-millennium", series: .prepayment, on: Self.date("2010-12-06")))
        do {
            _ = try WaiverDecider.handle(
                .exerciseWarrants(holder: "new-millennium", series: .prepayment), state: issued,
                at: Self.noon("2010-12-07"))
            Issue.record("exercise after five years must be refused")
        } catch {
            #expect(error.clause == "Schedule A 2")
        }
    }

    @Test("Schedule A 2: the wrong number of shares or price is refused")
    func scheduleA2WrongTerms() throws {
        let split = try Self.run([("2005-08-25", Self.cash), ("2005-12-01", .completeCorporateAct(.reverseSplit))])
        #expect(throws: WaiverRefusal.self) {
            try WaiverDecider.handle(
                .issueWarrants(obligation: "prepayment-warrants", shares: 2_000_000, exercisePrice: Money(minorUnits: 3, .usd)),
                state: split, at: Self.noon("2005-12-02"))
        }
        #expect(throws: WaiverRefusal.self) {
            try WaiverDecider.handle(
                .issueWarrants(obligation: "prepayment-warrants", shares: 3_000_000, exercisePrice: Money(minorUnits: 5, .usd)),
                state: split, at: Self.noon("2005-12-02"))
        }
    }

    // MARK: Item 7

    @Test("item 7: converting notes before the prepayment is refused citing item 7; after it, allowed")
    func item7() throws {
        do {
            _ = try Self.run([("2005-08-22", .convertNotes(holder: "ajw-qualified"))])
            Issue.record("conversion before the prepayment must be refused")
        } catch {
            #expect(error.clause == "item 7")
        }
        let state = try Self.run([("2005-08-25", Self.cash), ("2005-08-26", .convertNotes(holder: "ajw-qualified"))])
        #expect(state.events.last == .notesConverted(holder: "ajw-qualified", on: Self.date("2005-08-26")))
    }

    // MARK: Item 8

    @Test("item 8: without the prepayment by 2005-09-01 the waiver terminates; later acts are refused citing item 8")
    func item8Void() throws {
        let onLastDay = try Self.run([("2005-09-01", .tick)])
        #expect(!onLastDay.isVoid)
        let after = try Self.run([("2005-09-02", .tick)])
        #expect(after.isVoid)
        #expect(after.terminated?.on == Self.date("2005-09-01"))
        #expect(after.terminated?.clause == "8")
        #expect(after.events.contains(.instrumentTerminated(on: Self.date("2005-09-01"), clause: "8")))
        do {
            _ = try WaiverDecider.handle(Self.cash, state: after, at: Self.noon("2005-09-02"))
            Issue.record("a prepayment after termination must be refused")
        } catch {
            #expect(error.clause == "item 8")
        }
        // Void provisions no longer hold the holders back: item 4 and item 7 are gone with it.
        let exercise = try WaiverDecider.handle(
            .exerciseWarrants(holder: "ajw-offshore", series: .existing), state: after, at: Self.noon("2005-09-06"))
        #expect(exercise.last == .warrantsExercised(holder: "ajw-offshore", series: .existing, on: Self.date("2005-09-06")))
    }

    @Test("item 8: the deadline closes at the end of 2005-09-01 in New York, not before")
    func item8Instant() throws {
        let state = WaiverState(terms: Self.terms)
        let deadline = try #require(state.deadline(of: Self.obligation("prepayment-complete")))
        #expect(deadline.date == Self.date("2005-09-01"))
        #expect(WaiverDecider.firedDeadlines(state, at: deadline.closesAt.addingTimeInterval(-1)).allSatisfy {
            if case .instrumentTerminated = $0 { false } else { true }
        })
        #expect(WaiverDecider.firedDeadlines(state, at: deadline.closesAt).contains(
            .instrumentTerminated(on: Self.date("2005-09-01"), clause: "8")))
    }

    @Test("a refused command records nothing, not even the deadlines it would have fired")
    func refusalRecordsNothing() throws {
        let state = WaiverState(terms: Self.terms)
        #expect(throws: WaiverRefusal.self) {
            try WaiverDecider.handle(.convertNotes(holder: "ajw-offshore"), state: state, at: Self.noon("2005-08-29"))
        }
        #expect(state.events.isEmpty)
    }
}
