import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// One calendar for the deal: the escrow's 1.7 deadline beside the waiver's obligations, as
/// text, as iCalendar, and as the reminders it sends.
@Suite("DealCalendar")
struct DealCalendarTests {
    static let escrowTerms: AgreementTerms = {
        do { return try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "roo-group-2005.yaml") } catch {
            fatalError("the reference agreement must parse: \(error)")
        }
    }()

    static func calendar(_ state: WaiverState, asOf: String, waiverReceived: String? = nil) -> DealCalendar {
        let met = waiverReceived.map { [EscrowState.refundDeadlineID: WaiverTests.date($0)] } ?? [:]
        let escrow = EscrowDeadlineEntry.entries(
            deadlines: EscrowDeadlineEntry.deadlines(of: escrowTerms), terms: escrowTerms, metOn: met)
        return DealCalendar(escrow: escrow, waiver: state, asOf: WaiverTests.date(asOf))
    }

    static func row(_ calendar: DealCalendar, _ id: String) -> DealCalendarRow? {
        calendar.rows.first { $0.id == id }
    }

    @Test("every deadline on one calendar, in date order, with business days remaining on 2005-08-22")
    func rows() throws {
        let calendar = Self.calendar(WaiverState(terms: WaiverTests.terms), asOf: "2005-08-22")
        let dated = calendar.rows.compactMap { row in row.due.map { "\($0) \(row.id)" } }
        #expect(
            dated == [
                "2005-08-25 nir-waiver-2005/prepayment-cash",
                "2005-09-01 nir-waiver-2005/prepayment-complete",
                "2005-09-01 nir-waiver-2005/reservation-waiver",
                "2005-09-02 escrow/refund",
                "2005-11-01 nir-waiver-2005/reverse-split",
            ])
        #expect(calendar.rows.last?.id == "nir-waiver-2005/prepayment-warrants")
        #expect(calendar.rows.last?.due == nil)
        #expect(Self.row(calendar, "nir-waiver-2005/prepayment-cash")?.businessDaysRemaining == 3)
        #expect(Self.row(calendar, "nir-waiver-2005/prepayment-complete")?.businessDaysRemaining == 8)
        #expect(Self.row(calendar, "escrow/refund")?.businessDaysRemaining == 9)
        #expect(Self.row(calendar, "escrow/refund")?.clause == "1.7")
        #expect(Self.row(calendar, "nir-waiver-2005/reverse-split")?.clause == "item 5")
    }

    @Test("release pays the prepayment: met on 2005-08-25, the warrants then fall due after the split")
    func metAndMissed() throws {
        let state = try WaiverTests.run([
            ("2005-08-25", WaiverTests.cash), ("2005-12-01", .completeCorporateAct(.reverseSplit)),
        ])
        let calendar = Self.calendar(state, asOf: "2005-12-02", waiverReceived: "2005-08-22")
        #expect(Self.row(calendar, "nir-waiver-2005/prepayment-cash")?.status == .met(on: WaiverTests.date("2005-08-25")))
        #expect(Self.row(calendar, "escrow/refund")?.status == .met(on: WaiverTests.date("2005-08-22")))
        #expect(Self.row(calendar, "nir-waiver-2005/reverse-split")?.status == .metLate(on: WaiverTests.date("2005-12-01")))
        let warrants = try #require(Self.row(calendar, "nir-waiver-2005/prepayment-warrants"))
        #expect(warrants.due == WaiverTests.date("2005-12-08"))
        #expect(warrants.status == .pending)
        #expect(warrants.businessDaysRemaining == 4)
        #expect(calendar.text().contains("2005-12-08  Schedule A 2  Issuance of the Prepayment Warrants — pending, 4 business days remaining"))
    }

    @Test("a missed deadline shows missed; after item 8 the waiver's rows are void")
    func voidRows() throws {
        let state = try WaiverTests.run([("2005-09-02", .tick)])
        let calendar = Self.calendar(state, asOf: "2005-09-06")
        #expect(Self.row(calendar, "nir-waiver-2005/prepayment-cash")?.status == .missed)
        #expect(Self.row(calendar, "nir-waiver-2005/prepayment-complete")?.status == .missed)
        #expect(Self.row(calendar, "nir-waiver-2005/reverse-split")?.status == .void(since: WaiverTests.date("2005-09-01")))
        #expect(Self.row(calendar, "escrow/refund")?.status == .missed)
    }

    @Test("iCalendar: CRLF lines, all-day DTSTART, UID, injected DTSTAMP, folded at 75 octets")
    func ics() throws {
        let calendar = Self.calendar(WaiverState(terms: WaiverTests.terms), asOf: "2005-08-22")
        let stamp = Date(timeIntervalSince1970: 1_124_712_000)  // 2005-08-22T12:00:00Z
        let ics = calendar.icsText(stamp: stamp)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        let lines = ics.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { !$0.contains("\n") && !$0.contains("\r") })
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 5)
        #expect(lines.contains("DTSTART;VALUE=DATE:20050825"))
        #expect(lines.contains("DTEND;VALUE=DATE:20050826"))
        #expect(lines.contains("UID:nir-waiver-2005/prepayment-cash@escrow"))
        #expect(lines.filter { $0 == "DTSTAMP:20050822T120000Z" }.count == 5)
        // Unfolding restores the long lines.
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Schedule A 1: Payment of $3\\,400\\,000 cash to the Holders in settlement of the Optional Prepayment Sum\r\n"))
        #expect(ics == calendar.icsText(stamp: stamp))
    }

    @Test("folding never splits a UTF-8 sequence and keeps every line within 75 octets")
    func folding() {
        let line = "DESCRIPTION:" + String(repeating: "é", count: 100)
        let folded = ICalendar.fold(line)
        let pieces = folded.components(separatedBy: "\r\n")
        #expect(pieces.allSatisfy { $0.utf8.count <= 75 })
        #expect(pieces.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(pieces.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == line)
        #expect(ICalendar.fold("SHORT:x") == "SHORT:x")
    }

    @Test("reminders: 3 and 1 business days before each deadline, and on each miss, to obligated and benefiting parties")
    func reminders() throws {
        let state = try WaiverTests.run([("2005-09-02", .tick)])
        let calendar = Self.calendar(state, asOf: "2005-09-06")
        let notices = Reminders.generate(
            calendar: calendar, businessCalendar: WaiverTests.terms.businessCalendar, before: [3, 1])
        let cash = notices.filter { $0.rowID == "nir-waiver-2005/prepayment-cash" }
        #expect(cash.map(\.date) == [WaiverTests.date("2005-08-22"), WaiverTests.date("2005-08-24"), WaiverTests.date("2005-08-26")])
        #expect(cash.map(\.kind) == [.ahead(businessDays: 3), .ahead(businessDays: 1), .missed])
        #expect(cash[0].obligated == ["ROO Group, Inc."])
        #expect(cash[0].recipients.count == 5)
        #expect(cash[0].recipients.contains("New Millennium Capital Partners II, LLC"))
        #expect(cash[0].clause == "Schedule A 1")
        let void = notices.filter { $0.rowID == "nir-waiver-2005/reverse-split" }
        #expect(void.isEmpty)
        let refund = notices.filter { $0.rowID == "escrow/refund" }
        #expect(refund.map(\.date) == [WaiverTests.date("2005-08-30"), WaiverTests.date("2005-09-01"), WaiverTests.date("2005-09-03")])
        #expect(notices.map(\.date) == notices.map(\.date).sorted())
    }

    @Test("reminders skip a deadline already met by the reminder's date")
    func remindersSkipMet() throws {
        let state = try WaiverTests.run([("2005-08-22", WaiverTests.cash)])
        let calendar = Self.calendar(state, asOf: "2005-08-26")
        let notices = Reminders.generate(calendar: calendar, businessCalendar: WaiverTests.terms.businessCalendar)
        #expect(!notices.contains { $0.rowID == "nir-waiver-2005/prepayment-cash" })
        #expect(!notices.contains { $0.rowID == "nir-waiver-2005/prepayment-complete" })
    }
}
