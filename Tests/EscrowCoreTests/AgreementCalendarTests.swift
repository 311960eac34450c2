import EscrowCore
import Foundation
import Testing

/// The `calendar:` key of an agreement file: which place's schedule the deal's business days
/// and deadlines follow.
@Suite("Agreement calendar")
struct AgreementCalendarTests {
    /// The small agreement of `AgreementFileTests` with its calendar section (lines 6 and 7)
    /// replaced by `calendar`.
    static func agreement(calendar: String, dated: String = "2005-08-19") -> String {
        var lines = AgreementFileTests.baseLines
        lines[3] = "  dated: \(dated)"
        lines.replaceSubrange(5...6, with: [calendar])
        return lines.joined(separator: "\n") + "\n"
    }

    static func date(_ text: String) -> CivilDate? { CivilDate(iso: text) }

    @Test("the short form `calendar: target` names the schedule and keeps every other default")
    func shortForm() throws {
        let terms = try AgreementFile.parse(Self.agreement(calendar: "calendar: target"))
        #expect(terms.calendar == CalendarTerms(name: .target))
        #expect(terms.calendar.timeZoneIdentifier == "America/New_York")
    }

    @Test("the mapping form reads name, closed and open")
    func mappingForm() throws {
        let text = Self.agreement(
            calendar: "calendar: {name: uk, timeZone: Europe/London, cutoff: \"16:00\", closed: [2005-08-30], open: [2005-08-29]}")
        let terms = try AgreementFile.parse(text)
        #expect(terms.calendar.name == .uk)
        #expect(terms.calendar.extraClosures == [Self.date("2005-08-30")])
        #expect(terms.calendar.extraOpenings == [Self.date("2005-08-29")])
    }

    @Test("a file with no calendar, or federal-reserve named, encodes its terms exactly as before calendars had names")
    func defaultEncodingUnchanged() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let plain = try encoder.encode(CalendarTerms())
        #expect(String(decoding: plain, as: UTF8.self) == #"{"extraClosures":[],"timeZoneIdentifier":"America\/New_York"}"#)
        let named = try AgreementFile.parse(Self.agreement(calendar: "calendar: {name: federal-reserve}"))
        #expect(named.calendar == CalendarTerms())
        let target = try encoder.encode(CalendarTerms(name: .target, extraOpenings: [try #require(Self.date("2024-04-01"))]))
        #expect(
            String(decoding: target, as: UTF8.self)
                == #"{"extraClosures":[],"extraOpenings":["2024-04-01"],"name":"target","timeZoneIdentifier":"America\/New_York"}"#)
        #expect(try JSONDecoder().decode(CalendarTerms.self, from: target) == CalendarTerms(name: .target, extraOpenings: [try #require(Self.date("2024-04-01"))]))
    }

    @Test(
        "calendar mistakes are refused with their field and line",
        arguments: [
            ("calendar: moon", "calendar", "'moon' is not one of: federal-reserve, nyse, target, uk"),
            ("calendar: {name: tokyo}", "calendar.name", "'tokyo' is not one of: federal-reserve, nyse, target, uk"),
            (
                "calendar: {closed: [2005-08-29], extraClosures: [2005-08-30]}", "calendar.extraClosures",
                "'extraClosures' is the older name of 'closed'; give the dates under 'closed' only"
            ),
            ("calendar: {closed: [2005-08-29], open: [2005-08-29]}", "calendar.open[0]", "2005-08-29 is listed as both closed and open; list it once"),
            ("calendar: {name: target, open: [1998-12-25]}", "calendar.open[0]", "an opening must fall in the target calendar's years 1999 to 2100"),
            ("calendar: {name: target, closed: [2101-01-03]}", "calendar.closed[0]", "a closure must fall in the target calendar's years 1999 to 2100"),
        ] as [(String, String, String)])
    func refused(calendar: String, field: String, message: String) {
        let error = #expect(throws: AgreementFileError.self) { try AgreementFile.parse(Self.agreement(calendar: calendar), sourceName: "deal.yaml") }
        #expect(error?.field == field)
        #expect(error?.message == message)
        #expect(error?.line == 6)
    }

    @Test("an agreement on TARGET2 dated before 1999 is refused: the schedule did not exist")
    func targetBefore1999() {
        let error = #expect(throws: AgreementFileError.self) {
            try AgreementFile.parse(Self.agreement(calendar: "calendar: target", dated: "1998-06-01"))
        }
        #expect(error?.field == "agreement.dated")
        #expect(error?.message == "the agreement date must fall in the years 1999 to 2099 (the target calendar's)")
    }

    @Test("1.7 on a UK calendar: ten business days after 2005-08-19 skip the summer bank holiday and fall on 2005-09-05")
    func refundDeadlineFollowsTheFilesCalendar() throws {
        for (calendar, expected) in [("calendar: uk", "2005-09-05"), ("calendar: federal-reserve", "2005-09-02"), ("calendar: {name: nyse, closed: [2005-08-31]}", "2005-09-06")] {
            let terms = try AgreementFile.parse(Self.agreement(calendar: calendar))
            let opened = try EscrowDecider.open(escrowID: "deal", terms: terms, at: Date(timeIntervalSince1970: 1_124_456_400))
            guard case .opened(let payload) = opened else { Issue.record("open returns the opening"); continue }
            let state = EscrowState(opened: payload)
            #expect(state.deadlines[EscrowState.refundDeadlineID]?.date == Self.date(expected), "\(calendar)")
            #expect(state.calendar.name == terms.calendar.name)
        }
    }
}
