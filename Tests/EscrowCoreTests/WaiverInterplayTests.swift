import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// Where the escrow and the waiver meet: the release pays Schedule A 1 out of the 1.6
/// remainder, the waiver's delivery meets 1.7, and a release too late for item 8 leaves the
/// waiver void.
@Suite("Waiver and escrow interplay")
struct WaiverInterplayTests {
    /// Runs the waiver's side at noon on the release day: the prepayment found in the escrow.
    static func waiverAfter(_ escrow: EscrowState) throws(WaiverRefusal) -> WaiverState {
        var state = WaiverState(terms: WaiverTests.terms)
        for found in EscrowInterplay.prepayments(in: escrow, terms: WaiverTests.terms) {
            let at = Deadline(date: found.on, cutoff: TimeOfDay(hour: 23, minute: 0)).closesAt
            for event in try WaiverDecider.handle(.pay(obligation: found.obligation, amount: found.amount), state: state, at: at) {
                state.apply(event)
            }
        }
        return state
    }

    @Test("release pays the prepayment: USD 3,400,000.00 under 1.6 to AJW Offshore on 2005-08-25 meets Schedule A 1")
    func releasePaysThePrepayment() throws {
        var harness = try Harness.readyToRelease()
        try harness.run(.release, at: newYork(2005, 8, 25, 15))
        let found = EscrowInterplay.prepayments(in: harness.state, terms: WaiverTests.terms)
        #expect(found.count == 1)
        #expect(found.first?.obligation == "prepayment-cash")
        #expect(found.first?.on == WaiverTests.date("2005-08-25"))
        #expect(found.first?.amount == Money(minorUnits: 340_000_000, .usd))

        let waiver = try Self.waiverAfter(harness.state)
        #expect(waiver.performedOn["prepayment-cash"] == WaiverTests.date("2005-08-25"))
        #expect(waiver.status(of: WaiverTests.obligation("prepayment-cash"), asOf: WaiverTests.date("2005-09-06"))
            == .met(on: WaiverTests.date("2005-08-25"), due: WaiverTests.date("2005-08-25")))

        let entries = EscrowInterplay.escrowEntries(harness.state, link: WaiverTests.terms.escrowLink)
        #expect(entries.map(\.id) == [EscrowState.refundDeadlineID])
        #expect(entries.first?.deadline.date == WaiverTests.date("2005-09-02"))
        #expect(entries.first?.metOn == WaiverTests.date("2005-08-24"))
        let calendar = DealCalendar(escrow: entries, waiver: waiver, asOf: WaiverTests.date("2005-09-06"))
        #expect(calendar.rows.first { $0.id == "escrow/refund" }?.status == .met(on: WaiverTests.date("2005-08-24")))
    }

    @Test("a release on 2005-09-02 is too late for item 8: the waiver is already void and the payment is refused")
    func lateReleaseLeavesTheWaiverVoid() throws {
        var harness = try Harness.readyToRelease()
        try harness.run(.release, at: newYork(2005, 9, 2, 10))
        #expect(EscrowInterplay.prepayments(in: harness.state, terms: WaiverTests.terms).first?.on == WaiverTests.date("2005-09-02"))
        do {
            _ = try Self.waiverAfter(harness.state)
            Issue.record("a prepayment after 2005-09-01 must be refused")
        } catch {
            #expect(error.clause == "item 8")
        }
        let void = try WaiverTests.run([("2005-09-02", .tick)])
        #expect(void.isVoid)
        #expect(void.terminated?.on == WaiverTests.date("2005-09-01"))
    }

    @Test("a release that pays nothing to the holders performs nothing")
    func releaseWithoutPrepayment() throws {
        var harness = try Harness.readyToRelease()
        // Instructions that send the whole remainder to the company's own account.
        try harness.instruct(lines: [InstructionLine(account: Harness.operating, amount: nil)])
        try harness.run(.release, at: newYork(2005, 8, 25, 15))
        #expect(EscrowInterplay.prepayments(in: harness.state, terms: WaiverTests.terms).isEmpty)
    }
}

@Suite("The deal calendar of a running escrow")
struct DealCalendarOfEscrowTests {
    static let waiverTerms = try! ObligationFile.parse(ReferenceWaiver.yaml, sourceName: "waiver")

    @Test("the release that paid USD 3,400,000.00 to the holders meets Schedule A 1 and item 8 on 2005-08-25")
    func releaseMeetsThePrepayment() throws {
        var harness = try Harness.readyToRelease()
        try harness.run(.release, at: newYork(2005, 8, 25, 15))
        let calendar = DealCalendar.of(escrow: harness.state, obligations: Self.waiverTerms, asOf: CivilDate(iso: "2005-08-26")!)
        let status = Dictionary(uniqueKeysWithValues: calendar.rows.map { ($0.clause, $0.status) })
        #expect(status["Schedule A 1"] == .met(on: CivilDate(iso: "2005-08-25")!))
        #expect(status["item 8"] == .met(on: CivilDate(iso: "2005-08-25")!))
        #expect(status["1.7"] == .met(on: CivilDate(iso: "2005-08-24")!))
    }

    @Test("a purchaser's calendar holds the escrow's deadlines, not the holders' warrants")
    func calendarPerParty() throws {
        let harness = try Harness.readyToRelease()
        let calendar = DealCalendar.of(escrow: harness.state, obligations: Self.waiverTerms, asOf: CivilDate(iso: "2005-08-24")!)
        let purchaser = calendar.rows(concerning: "Purchaser 1", isEscrowParty: true)
        #expect(purchaser.rows.map(\.clause) == ["1.7"])
        let holder = calendar.rows(concerning: "AJW Partners, LLC", isEscrowParty: false)
        #expect(holder.rows.contains { $0.clause == "Schedule A 2" })
        #expect(!holder.rows.contains { $0.clause == "1.7" })
    }
}
