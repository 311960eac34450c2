import EscrowTesting
import Foundation
import Testing

@testable import EscrowCore

/// A date written as the agreement writes it; a typo in a test is a broken test, so it stops.
private func day(_ text: String) -> CivilDate {
    guard let date = CivilDate(iso: text) else { preconditionFailure("'\(text)' is not a YYYY-MM-DD date") }
    return date
}

/// A cut-off written as `HH:MM`.
private func time(_ text: String) -> TimeOfDay {
    guard let time = TimeOfDay(text: text) else { preconditionFailure("'\(text)' is not an HH:MM time") }
    return time
}

/// An instant written in UTC, e.g. `2005-09-03T04:00:00Z`.
private func instant(_ text: String) throws -> Date {
    try Date(text, strategy: .iso8601)
}

@Suite("Deadline")
struct DeadlineTests {
    @Test("2005-09-02 end of day New York closes at 2005-09-03T04:00:00Z (EDT, UTC-4)")
    func referenceDealEndOfDay() throws {
        let deadline = Deadline(date: day("2005-09-02"))
        #expect(deadline.closesAt == (try instant("2005-09-03T04:00:00Z")))
    }

    @Test("an end-of-day deadline is missed at its closing instant, and not one second before")
    func missedAtClosingInstant() throws {
        let deadline = Deadline(date: day("2005-09-02"))
        #expect(deadline.isMissed(at: try instant("2005-09-03T04:00:00Z")))
        #expect(!deadline.isMissed(at: try instant("2005-09-03T03:59:59Z")))
        #expect(!deadline.isMissed(at: deadline.closesAt.addingTimeInterval(-1)))
        #expect(deadline.isMissed(at: try instant("2005-09-06T14:00:00Z")))
    }

    @Test("a 17:00 cut-off on 2005-09-02 in New York closes at 21:00Z")
    func fivePmCutoff() throws {
        let deadline = Deadline(date: day("2005-09-02"), cutoff: time("17:00"))
        #expect(deadline.closesAt == (try instant("2005-09-02T21:00:00Z")))
        #expect(deadline.isMissed(at: try instant("2005-09-02T21:00:00Z")))
        #expect(!deadline.isMissed(at: try instant("2005-09-02T20:59:59Z")))
    }

    @Test("in winter New York is on EST, UTC-5: 2005-12-15 closes at 22:00Z (17:00) or 05:00Z next day (end of day)")
    func winter() throws {
        let cutoff = Deadline(date: day("2005-12-15"), cutoff: time("17:00"))
        let endOfDay = Deadline(date: day("2005-12-15"))
        #expect(cutoff.closesAt == (try instant("2005-12-15T22:00:00Z")))
        #expect(endOfDay.closesAt == (try instant("2005-12-16T05:00:00Z")))
    }

    @Test("on the spring-forward day 2024-03-10 the day has 23 hours: it starts at 05:00Z and ends at 04:00Z")
    func springForwardDay() throws {
        let endOfDay = Deadline(date: day("2024-03-10"))
        let dayBefore = Deadline(date: day("2024-03-09"))
        #expect(endOfDay.closesAt == (try instant("2024-03-11T04:00:00Z")))
        #expect(dayBefore.closesAt == (try instant("2024-03-10T05:00:00Z")))
        #expect(Deadline(date: day("2024-03-10"), cutoff: time("17:00")).closesAt == (try instant("2024-03-10T21:00:00Z")))
        #expect(Deadline(date: day("2024-03-10"), cutoff: time("01:59")).closesAt == (try instant("2024-03-10T06:59:00Z")))
        #expect(Deadline(date: day("2024-03-10"), cutoff: time("03:00")).closesAt == (try instant("2024-03-10T07:00:00Z")))
    }

    @Test("a cut-off inside the skipped hour closes as far after the gap: 02:30 on 2024-03-10 is 03:30 EDT")
    func cutoffInSkippedHour() throws {
        let deadline = Deadline(date: day("2024-03-10"), cutoff: time("02:30"))
        #expect(deadline.closesAt == (try instant("2024-03-10T07:30:00Z")))
    }

    @Test("on the fall-back day 2024-11-03 the day has 25 hours; a cut-off in the repeated hour takes its first occurrence")
    func fallBackDay() throws {
        #expect(Deadline(date: day("2024-11-03")).closesAt == (try instant("2024-11-04T05:00:00Z")))
        #expect(Deadline(date: day("2024-11-02")).closesAt == (try instant("2024-11-03T04:00:00Z")))
        #expect(Deadline(date: day("2024-11-03"), cutoff: time("17:00")).closesAt == (try instant("2024-11-03T22:00:00Z")))
        #expect(Deadline(date: day("2024-11-03"), cutoff: time("01:30")).closesAt == (try instant("2024-11-03T05:30:00Z")))
    }

    @Test("the 2005 rules: DST began 2005-04-03 and ended 2005-10-30")
    func dstChangeDays2005() throws {
        #expect(Deadline(date: day("2005-04-02")).closesAt == (try instant("2005-04-03T05:00:00Z")))
        #expect(Deadline(date: day("2005-04-03")).closesAt == (try instant("2005-04-04T04:00:00Z")))
        #expect(Deadline(date: day("2005-10-30")).closesAt == (try instant("2005-10-31T05:00:00Z")))
    }

    @Test("the zone is the deadline's own: 2005-09-02 end of day in Tokyo closes at 15:00Z")
    func otherZone() throws {
        let tokyo = Deadline(date: day("2005-09-02"), timeZoneIdentifier: "Asia/Tokyo")
        #expect(tokyo.closesAt == (try instant("2005-09-02T15:00:00Z")))
        let london = Deadline(date: day("2005-12-15"), cutoff: time("17:00"), timeZoneIdentifier: "Europe/London")
        #expect(london.closesAt == (try instant("2005-12-15T17:00:00Z")))
    }

    @Test("a midnight cut-off closes at the start of the date")
    func midnightCutoff() throws {
        let deadline = Deadline(date: day("2005-09-02"), cutoff: time("00:00"))
        #expect(deadline.closesAt == (try instant("2005-09-02T04:00:00Z")))
    }

    @Test("the description states the deadline as an agreement would")
    func description() {
        #expect(Deadline(date: day("2005-09-02")).description == "2005-09-02 end of day America/New_York")
        #expect(
            Deadline(date: day("2005-09-02"), cutoff: time("17:00")).description == "2005-09-02 17:00 America/New_York"
        )
        #expect(
            Deadline(date: day("2005-09-02"), cutoff: time("09:05"), timeZoneIdentifier: "Europe/London").description
                == "2005-09-02 09:05 Europe/London"
        )
    }

    @Test("the reference deal: the refund deadline ten business days after 2005-08-19 closes 2005-09-03T04:00:00Z")
    func referenceDealFromCalendar() throws {
        let terms = CalendarTerms()
        let calendar = BusinessCalendar(terms: terms)
        let deadline = Deadline(
            date: try calendar.adding(businessDays: 10, to: day("2005-08-19")),
            cutoff: terms.cutoff,
            timeZoneIdentifier: terms.timeZoneIdentifier
        )
        #expect(deadline == Deadline(date: day("2005-09-02")))
        #expect(deadline.closesAt == (try instant("2005-09-03T04:00:00Z")))
    }

    @Test("deadlines round-trip through JSON, with and without a cut-off")
    func codable() throws {
        for deadline in [
            Deadline(date: day("2005-09-02")),
            Deadline(date: day("2005-09-02"), cutoff: time("17:00"), timeZoneIdentifier: "Europe/London"),
        ] {
            let data = try JSONEncoder().encode(deadline)
            #expect(try JSONDecoder().decode(Deadline.self, from: data) == deadline)
        }
        let text = #"{"date":"2005-09-02","cutoff":"17:00","timeZoneIdentifier":"America/New_York"}"#
        let decoded = try JSONDecoder().decode(Deadline.self, from: Data(text.utf8))
        #expect(decoded == Deadline(date: day("2005-09-02"), cutoff: time("17:00")))
    }

    @Test("a stored deadline with an unknown time zone is refused when read")
    func decodingUnknownZone() {
        let text = #"{"date":"2005-09-02","timeZoneIdentifier":"America/Gotham"}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Deadline.self, from: Data(text.utf8))
        }
    }

    @Test("an unknown time zone identifier in code is a programmer error")
    func unknownZone() async {
        await #expect(processExitsWith: .failure) {
            _ = Deadline(date: day("2005-09-02"), timeZoneIdentifier: "America/Gotham")
        }
    }
}

@Suite("Civil date of an instant")
struct CivilDateOfInstantTests {
    @Test("New York's 2005-09-02 lasts until 2005-09-03T04:00:00Z")
    func newYorkDayBoundary() throws {
        let zone = "America/New_York"
        #expect(CivilDate(instant: try instant("2005-09-03T03:59:59Z"), timeZoneIdentifier: zone) == day("2005-09-02"))
        #expect(CivilDate(instant: try instant("2005-09-03T04:00:00Z"), timeZoneIdentifier: zone) == day("2005-09-03"))
    }

    @Test("one instant is a different date in different zones")
    func zonesDisagree() throws {
        let moment = try instant("2005-09-02T20:00:00Z")
        #expect(CivilDate(instant: moment, timeZoneIdentifier: "America/New_York") == day("2005-09-02"))
        #expect(CivilDate(instant: moment, timeZoneIdentifier: "Asia/Tokyo") == day("2005-09-03"))
        #expect(CivilDate(instant: moment, timeZoneIdentifier: "Pacific/Honolulu") == day("2005-09-02"))
    }

    @Test("a deadline's closing instant is the first instant of the next local date")
    func closingInstantStartsNextDay() throws {
        for text in ["2005-09-02", "2005-12-15", "2024-03-10", "2024-11-03", "2005-12-31"] {
            let deadline = Deadline(date: day(text))
            let zone = deadline.timeZoneIdentifier
            #expect(CivilDate(instant: deadline.closesAt, timeZoneIdentifier: zone) == day(text).adding(days: 1))
            #expect(CivilDate(instant: deadline.closesAt.addingTimeInterval(-1), timeZoneIdentifier: zone) == day(text))
        }
    }
}
