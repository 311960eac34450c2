@testable import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// No amount from outside can overflow a sum or stop the process: every amount has a ceiling
/// per currency (`Limits.amountMajorUnitsMax`), and every sum is checked.
@Suite("Amount ceilings and checked sums")
struct AmountCeilingTests {
    static let ceilingText = "1000000000000.00"
    static let int64MaxCents = "92233720368547758.07"

    /// The refusal a step throws, or `nil` when it goes through.
    static func refusal(_ step: () throws(EscrowRefusal) -> Void) -> EscrowRefusal? {
        do { try step() } catch { return error }
        return nil
    }

    @Test("the ceiling is one trillion major units: USD 1,000,000,000,000.00, JPY 100 trillion, BHD in fils")
    func ceilingsPerCurrency() throws {
        #expect(Limits.amountMinorUnitsMax(.usd) == 100_000_000_000_000)
        #expect(Currency.usd.amountCeiling.description == "USD 1,000,000,000,000.00")
        #expect(Limits.amountMinorUnitsMax(try #require(Currency(code: "JPY"))) == 100_000_000_000_000)
        #expect(Limits.amountMinorUnitsMax(try #require(Currency(code: "BHD"))) == 1_000_000_000_000_000)
    }

    @Test("an amount at the ceiling parses; a cent more, or Int64's limit, is refused naming the ceiling")
    func parseStopsAtTheCeiling() throws {
        #expect(try Money.parse(Self.ceilingText, .usd).amountMinorUnits == 100_000_000_000_000)
        #expect(throws: MoneyError.aboveCeiling("1000000000000.01", ceiling: Currency.usd.amountCeiling)) {
            try Money.parse("1000000000000.01", .usd)
        }
        #expect(throws: MoneyError.aboveCeiling(Self.int64MaxCents, ceiling: Currency.usd.amountCeiling)) {
            try Money.parse(Self.int64MaxCents, .usd)
        }
        #expect(throws: MoneyError.aboveCeiling("99999999999999999999999", ceiling: Currency.usd.amountCeiling)) {
            try Money.parse("99999999999999999999999", .usd)
        }
        let message = MoneyError.aboveCeiling(Self.int64MaxCents, ceiling: Currency.usd.amountCeiling).description
        #expect(message == "'92233720368547758.07' is above the largest amount accepted in USD, USD 1,000,000,000,000.00 (limit amountMajorUnitsMax)")
    }

    @Test("1.1: a wire that would take the money received above the ceiling is refused and changes nothing")
    func depositAboveTheEscrowCeiling() throws {
        var harness = Harness()
        try harness.run(.recordDeposit(bankReference: "W1", purchaser: "purchaser-1", senderName: nil, amount: usd("1.00")), at: newYork(2005, 8, 22))
        let before = harness.log.count
        let ceiling = Currency.usd.amountCeiling
        let refusalFound = harness.refusal(.recordDeposit(bankReference: "W2", purchaser: "purchaser-2", senderName: nil, amount: ceiling), at: newYork(2005, 8, 22))
        let refusal = try #require(refusalFound)
        #expect(refusal.cause == .depositsAboveCeiling(total: Money(minorUnits: 100_000_000_000_100, .usd), ceiling: ceiling))
        #expect(refusal.kind == .invalid)
        #expect(refusal.clause == "1.1")
        #expect(refusal.reason.contains("to USD 1,000,000,000,001.00, above the largest amount one escrow holds, USD 1,000,000,000,000.00"))
        #expect(harness.log.count == before)
        #expect(harness.state.ledger.deposited == usd("1.00"))
    }

    @Test("1.1: an amount built past the parser (Int64's limit) is refused, not summed", arguments: [Int64.max, Int64.max / 2 + 1, 100_000_000_000_001])
    func depositBeyondTheCeiling(minorUnits: Int64) throws {
        var harness = Harness()
        try harness.run(.recordDeposit(bankReference: "W1", purchaser: "purchaser-1", senderName: nil, amount: usd("1.00")), at: newYork(2005, 8, 22))
        let refusalFound = harness.refusal(
                .recordDeposit(bankReference: "W2", purchaser: "purchaser-2", senderName: nil, amount: Money(minorUnits: minorUnits, .usd)),
                at: newYork(2005, 8, 22))
        let refusal = try #require(refusalFound)
        #expect(refusal.cause == .amountAboveCeiling(.depositAmount, ceiling: Currency.usd.amountCeiling))
        #expect(refusal.kind == .invalid)
        #expect(refusal.clause == "1.1")
        #expect(refusal.reason == "deposit amount is above the largest amount accepted, USD 1,000,000,000,000.00 (limit amountMajorUnitsMax)")
        #expect(harness.state.ledger.deposited == usd("1.00"))
    }

    @Test("1.6: written instructions with two lines of 92,233,720,368,547,758.07 are refused")
    func instructionLinesAtInt64Limit() throws {
        var harness = Harness()
        try harness.registerKeys(["company"])
        let huge = Money(minorUnits: Int64.max, .usd)
        let lines = [InstructionLine(account: Harness.prepayment, amount: huge), InstructionLine(account: Harness.operating, amount: huge)]
        let refusal = try #require(Self.refusal { () throws(EscrowRefusal) in try harness.instruct(lines: lines) })
        #expect(refusal.cause == .amountAboveCeiling(.instructionAmount, ceiling: Currency.usd.amountCeiling))
        #expect(refusal.kind == .invalid)
        #expect(refusal.clause == "1.6")
        #expect(refusal.reason == "instruction amount is above the largest amount accepted, USD 1,000,000,000,000.00 (limit amountMajorUnitsMax)")
        #expect(harness.state.instructions["company"] == nil)
    }

    @Test("1.6: two lines each at the ceiling are refused because together they pass it")
    func instructionLinesSumAboveCeiling() throws {
        var harness = Harness()
        try harness.registerKeys(["company"])
        let ceiling = Currency.usd.amountCeiling
        let lines = [InstructionLine(account: Harness.prepayment, amount: ceiling), InstructionLine(account: Harness.operating, amount: ceiling)]
        let refusal = try #require(Self.refusal { () throws(EscrowRefusal) in try harness.instruct(lines: lines) })
        #expect(refusal.cause == .instructionsAboveCeiling(total: Money(minorUnits: 200_000_000_000_000, .usd), ceiling: ceiling))
        #expect(refusal.clause == "1.6")
        #expect(refusal.reason.contains("total USD 2,000,000,000,000.00, above the largest amount accepted"))
    }

    @Test("2.11 and 2.14: counsel costs and hold amounts beyond the ceiling are refused")
    func counselAndHoldAboveCeiling() throws {
        var harness = Harness()
        try harness.depositAll()
        let huge = Money(minorUnits: Int64.max, .usd)
        let counselFound = harness.refusal(.claimCounselCosts(counsel: "Counsel", amount: huge, invoiceSHA256: SHA256Hex.of("invoice")), at: newYork(2005, 8, 23))
        let counsel = try #require(counselFound)
        #expect(counsel.cause == .amountAboveCeiling(.counselCosts, ceiling: Currency.usd.amountCeiling))
        #expect(counsel.clause == "2.11")
        let holdFound = harness.refusal(.placeHold(id: "H1", amount: huge, reason: "dispute", partiesConcerned: ["company"]), at: newYork(2005, 8, 23))
        let hold = try #require(holdFound)
        #expect(hold.cause == .amountAboveCeiling(.holdAmount, ceiling: Currency.usd.amountCeiling))
        #expect(hold.clause == "2.14")
        #expect(harness.state.activeHolds.isEmpty)
    }

    @Test("2.1, 2.13: dates outside the calendar's years are refused, not counted")
    func datesOutsideTheCalendar() throws {
        var harness = Harness()
        let far = try #require(CivilDate(year: 2200, month: 1, day: 2))
        let amendmentFound = harness.refusal(.proposeAmendment(id: "A1", changes: [.extendDeadline("refund", to: far)], text: "extend"), at: newYork(2005, 8, 22))
        let amendment = try #require(amendmentFound)
        #expect(amendment.cause == .dateOutsideCalendar(.extendedDeadline("refund"), date: far))
        #expect(amendment.clause == "2.1")
        #expect(amendment.reason.contains("outside the years the business calendar covers, 1990 to 2100"))
        let requestFound = harness.refusal(.requestInstrument(id: "good-standing", title: "Good standing", from: ["company"], dueBy: far), at: newYork(2005, 8, 22))
        let request = try #require(requestFound)
        #expect(request.cause == .dateOutsideCalendar(.dueDate, date: far))
        #expect(request.clause == "2.13")
    }

    @Test("the ledger refuses a posting that would overflow, overdraw or pass the ceiling, and keeps its balances")
    func ledgerRefusesBadPostings() throws {
        var ledger = Ledger(currency: .usd)
        try ledger.post(Posting(debit: .held, credit: .deposits, amount: usd("100.00"), clause: "1.1"))
        #expect(throws: LedgerError.overdrawn(.held, by: usd("0.01"))) {
            try ledger.post(Posting(debit: .paidOut(.party("x")), credit: .held, amount: usd("100.01"), clause: "1.5"))
        }
        #expect(throws: LedgerError.aboveCeiling(deposited: Money(minorUnits: 100_000_000_010_000, .usd), ceiling: Currency.usd.amountCeiling)) {
            try ledger.post(Posting(debit: .held, credit: .deposits, amount: Currency.usd.amountCeiling, clause: "1.1"))
        }
        #expect(throws: LedgerError.amountNotPositive(usd("0"))) {
            try ledger.post(Posting(debit: .held, credit: .deposits, amount: usd("0"), clause: "1.1"))
        }
        #expect(throws: LedgerError.sameAccount(.held)) {
            try ledger.post(Posting(debit: .held, credit: .held, amount: usd("1.00"), clause: "1.1"))
        }
        let euro = try #require(Currency(code: "EUR"))
        #expect(throws: LedgerError.currencyMismatch(ledger: .usd, posting: euro)) {
            try ledger.post(Posting(debit: .held, credit: .deposits, amount: Money(minorUnits: 1, euro), clause: "1.1"))
        }
        #expect(ledger.held == usd("100.00"))
        #expect(ledger.postings.count == 1)
        #expect(ledger.invariantViolation == nil)
    }

    @Test("a stored history carrying an amount beyond the ceiling is refused by the fold, naming the event")
    func foldRefusesHostileHistory() throws {
        let harness = Harness()
        let at = newYork(2005, 8, 22)
        let wire = { (reference: String, minorUnits: Int64) in
            EscrowEvent.depositReceived(
                DepositReceived(
                    depositID: DepositID(reference), bankReference: reference, purchaser: "purchaser-1", senderName: "P1",
                    amount: Money(minorUnits: minorUnits, .usd), flags: [], at: at))
        }
        let hostile = harness.log + [wire("W1", 100), wire("W2", Int64.max)]
        let error = try #require(throws: EscrowFoldError.self) { try EscrowState.fold(hostile) }
        #expect(error.eventNumber == 3)
        // Two wires each within the ceiling but together above it: the ledger refuses the second.
        let ceiling = Limits.amountMinorUnitsMax(.usd)
        let together = harness.log + [wire("W1", ceiling), wire("W2", ceiling)]
        let second = try #require(throws: EscrowFoldError.self) { try EscrowState.fold(together) }
        #expect(second.eventNumber == 3)
        #expect(second.reason.contains("above the ceiling"))
        // A payment of more than is held is refused as an overdraft.
        let overpaid = harness.log + [
            wire("W1", 100),
            .disbursed(
                Disbursed(
                    payments: [Payment(payee: .party("company"), amount: Money(minorUnits: 101, .usd), destination: "x", purpose: "x", clause: "1.6")],
                    total: Money(minorUnits: 101, .usd), retained: .zero(.usd), courtDocket: nil, at: at)),
        ]
        let overdraft = try #require(throws: EscrowFoldError.self) { try EscrowState.fold(overpaid) }
        #expect(overdraft.reason == "account held would be overdrawn by USD 0.01")
    }
}
