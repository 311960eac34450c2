import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// Item 5's damages: "$2,000 for every seven day period until" the split or increase is done,
/// under both readings of "every seven day period".
@Suite("Damages")
struct DamagesTests {
    static func stateWithSplit(on day: String?) throws -> WaiverState {
        var steps: [(String, WaiverCommand)] = [("2005-08-25", WaiverTests.cash)]
        if let day { steps.append((day, .completeCorporateAct(.reverseSplit))) }
        return try WaiverTests.run(steps)
    }

    @Test("item 5: split completed on 2005-12-01 is 30 days late: $8,000 (whole periods) or $10,000 (periods begun)")
    func pinnedExample() throws {
        let state = try Self.stateWithSplit(on: "2005-12-01")
        let statement = try #require(try Damages.compute(state: state, asOf: WaiverTests.date("2005-12-01")).first)
        #expect(statement.obligation == "reverse-split")
        #expect(statement.due == WaiverTests.date("2005-11-01"))
        #expect(statement.daysLate == 30)
        #expect(statement.reading == .wholePeriods)
        #expect(statement.periods == 4)
        #expect(statement.amount == Money(minorUnits: 800_000, .usd))
        #expect(statement.otherReading == .periodsBegun)
        #expect(statement.otherPeriods == 5)
        #expect(statement.otherAmount == Money(minorUnits: 1_000_000, .usd))
        #expect(statement.explanation.contains { $0.contains("USD 8,000.00") })
        #expect(statement.explanation.contains { $0.contains("USD 10,000.00") })
    }

    @Test("item 5: the periods-begun reading, chosen instead, gives $10,000 with $8,000 beside it")
    func otherReadingChosen() throws {
        let state = try Self.stateWithSplit(on: "2005-12-01")
        let statement = try #require(
            try Damages.compute(state: state, asOf: WaiverTests.date("2006-01-01"), reading: .periodsBegun).first)
        #expect(statement.amount == Money(minorUnits: 1_000_000, .usd))
        #expect(statement.otherAmount == Money(minorUnits: 800_000, .usd))
        #expect(statement.performedOn == WaiverTests.date("2005-12-01"))
    }

    @Test("item 5: damages stop running when the split is done; still running when it is not")
    func running() throws {
        let notDone = try Self.stateWithSplit(on: nil)
        let asOfDec1 = try #require(try Damages.compute(state: notDone, asOf: WaiverTests.date("2005-12-01")).first)
        #expect(asOfDec1.daysLate == 30)
        #expect(asOfDec1.amount == Money(minorUnits: 800_000, .usd))
        let later = try #require(try Damages.compute(state: notDone, asOf: WaiverTests.date("2005-12-06")).first)
        #expect(later.daysLate == 35)
        #expect(later.periods == 5)
        #expect(later.otherPeriods == 5)
    }

    @Test("item 5: on time (2005-11-01) owes nothing; one day late owes $0 or $2,000")
    func edges() throws {
        let onTime = try #require(try Damages.compute(state: try Self.stateWithSplit(on: "2005-11-01"), asOf: WaiverTests.date("2006-01-01")).first)
        #expect(onTime.amount.isZero)
        #expect(onTime.otherAmount.isZero)
        let oneDay = try #require(try Damages.compute(state: try Self.stateWithSplit(on: "2005-11-02"), asOf: WaiverTests.date("2006-01-01")).first)
        #expect(oneDay.daysLate == 1)
        #expect(oneDay.amount.isZero)
        #expect(oneDay.otherAmount == Money(minorUnits: 200_000, .usd))
        #expect(Damages.periods(daysLate: 7, everyDays: 7, reading: .wholePeriods) == 1)
        #expect(Damages.periods(daysLate: 7, everyDays: 7, reading: .periodsBegun) == 1)
        #expect(Damages.periods(daysLate: 8, everyDays: 7, reading: .periodsBegun) == 2)
    }

    @Test("item 8 and item 5: a void waiver owes no item 5 damages")
    func voidWaiverOwesNothing() throws {
        let void = try WaiverTests.run([("2005-09-02", .tick)])
        let statement = try #require(try Damages.compute(state: void, asOf: WaiverTests.date("2005-12-01")).first)
        #expect(statement.amount.isZero)
        #expect(statement.explanation.contains { $0.contains("item 8") })
    }
}
