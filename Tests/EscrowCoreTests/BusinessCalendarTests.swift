import Testing

@testable import EscrowCore

/// A date written as the agreement writes it; a typo in a test is a broken test, so it stops.
private func day(_ text: String) -> CivilDate {
    guard let date = CivilDate(iso: text) else { preconditionFailure("'\(text)' is not a YYYY-MM-DD date") }
    return date
}

@Suite("Federal Reserve holidays")
struct FederalReserveHolidaysTests {
    @Test("2005 closes nine weekdays: New Year's Day on Saturday closes nothing, Christmas on Sunday closes Monday")
    func closures2005() {
        let expected = [
            Holiday(date: day("2005-01-17"), name: "Martin Luther King Jr. Day"),
            Holiday(date: day("2005-02-21"), name: "Washington's Birthday"),
            Holiday(date: day("2005-05-30"), name: "Memorial Day"),
            Holiday(date: day("2005-07-04"), name: "Independence Day"),
            Holiday(date: day("2005-09-05"), name: "Labor Day"),
            Holiday(date: day("2005-10-10"), name: "Columbus Day"),
            Holiday(date: day("2005-11-11"), name: "Veterans Day"),
            Holiday(date: day("2005-11-24"), name: "Thanksgiving Day"),
            Holiday(date: day("2005-12-26"), name: "Christmas Day"),
        ]
        #expect(FederalReserveHolidays.closures(in: 2005) == expected)
    }

    @Test("2024 closes eleven weekdays, every holiday on its own date, Juneteenth included")
    func closures2024() {
        let expected = [
            Holiday(date: day("2024-01-01"), name: "New Year's Day"),
            Holiday(date: day("2024-01-15"), name: "Martin Luther King Jr. Day"),
            Holiday(date: day("2024-02-19"), name: "Washington's Birthday"),
            Holiday(date: day("2024-05-27"), name: "Memorial Day"),
            Holiday(date: day("2024-06-19"), name: "Juneteenth National Independence Day"),
            Holiday(date: day("2024-07-04"), name: "Independence Day"),
            Holiday(date: day("2024-09-02"), name: "Labor Day"),
            Holiday(date: day("2024-10-14"), name: "Columbus Day"),
            Holiday(date: day("2024-11-11"), name: "Veterans Day"),
            Holiday(date: day("2024-11-28"), name: "Thanksgiving Day"),
            Holiday(date: day("2024-12-25"), name: "Christmas Day"),
        ]
        #expect(FederalReserveHolidays.closures(in: 2024) == expected)
    }

    @Test("a holiday on Sunday closes the Monday after: New Year's Day 2017 closes 2017-01-02")
    func sundayHolidayClosesMonday() throws {
        let closures = FederalReserveHolidays.closures(in: 2017)
        #expect(closures.first == Holiday(date: day("2017-01-02"), name: "New Year's Day"))
        #expect(try !BusinessCalendar.newYork.isBusinessDay(day("2017-01-02")))
    }

    @Test("a holiday on Saturday closes no day: Friday 2021-12-31 stays open before New Year's Day 2022")
    func saturdayHolidayClosesNothing() throws {
        #expect(day("2022-01-01").isoWeekday == 6)
        #expect(!FederalReserveHolidays.closures(in: 2021).contains { $0.date == day("2021-12-31") })
        #expect(!FederalReserveHolidays.closures(in: 2022).contains { $0.name == "New Year's Day" })
        #expect(try BusinessCalendar.newYork.isBusinessDay(day("2021-12-31")))
    }

    @Test("Veterans Day 2017 on Saturday leaves Friday 2017-11-10 open")
    func saturdayVeteransDay() throws {
        #expect(!FederalReserveHolidays.closures(in: 2017).contains { $0.name == "Veterans Day" })
        #expect(try BusinessCalendar.newYork.isBusinessDay(day("2017-11-10")))
    }

    @Test("Juneteenth closes nothing in 2021, closes Monday 2022-06-20 (Sunday rule), closes 2023-06-19")
    func juneteenth() throws {
        let name = "Juneteenth National Independence Day"
        #expect(!FederalReserveHolidays.closures(in: 2021).contains { $0.name == name })
        #expect(try BusinessCalendar.newYork.isBusinessDay(day("2021-06-18")))
        #expect(FederalReserveHolidays.closures(in: 2022).contains(Holiday(date: day("2022-06-20"), name: name)))
        #expect(FederalReserveHolidays.closures(in: 2023).contains(Holiday(date: day("2023-06-19"), name: name)))
        #expect(try !BusinessCalendar.newYork.isBusinessDay(day("2023-06-19")))
    }

    @Test("every supported year: closures are weekdays of that year, in date order, each holiday at most once")
    func everyYearIsWellFormed() {
        let mondayHolidays: Set = [
            "Martin Luther King Jr. Day", "Washington's Birthday", "Memorial Day", "Labor Day", "Columbus Day",
        ]
        for year in BusinessCalendar.supportedYears {
            let closures = FederalReserveHolidays.closures(in: year)
            #expect(closures.allSatisfy { $0.date.year == year && !$0.date.isWeekend }, "year \(year)")
            #expect(zip(closures, closures.dropFirst()).allSatisfy { $0.date < $1.date }, "year \(year)")
            #expect(Set(closures.map(\.name)).count == closures.count, "year \(year)")
            // Monday and Thursday holidays never fall on a weekend, so they close every year.
            #expect(mondayHolidays.isSubset(of: closures.map(\.name)), "year \(year)")
            let thanksgiving = closures.first { $0.name == "Thanksgiving Day" }
            #expect(thanksgiving.map { $0.date.isoWeekday == 4 && (22...28).contains($0.date.day) } == true)
            let memorial = closures.first { $0.name == "Memorial Day" }
            #expect(memorial.map { $0.date.isoWeekday == 1 && $0.date.day >= 25 } == true)
        }
    }
}

@Suite("Business calendar")
struct BusinessCalendarTests {
    let calendar = BusinessCalendar.newYork

    @Test("ten business days after 2005-08-19 is 2005-09-02 (clause 1.7 of the reference deal)")
    func referenceDealDeadline() throws {
        #expect(try calendar.adding(businessDays: 10, to: day("2005-08-19")) == day("2005-09-02"))
        #expect(try calendar.businessDays(from: day("2005-08-19"), to: day("2005-09-02")) == 10)
    }

    @Test("Labor Day 2005-09-05 is closed; the Tuesday after is open; weekends are closed")
    func laborDay2005() throws {
        #expect(try calendar.isBusinessDay(day("2005-09-05")) == false)
        #expect(try calendar.isBusinessDay(day("2005-09-06")))
        #expect(try calendar.isBusinessDay(day("2005-09-02")))
        #expect(try calendar.isBusinessDay(day("2005-09-03")) == false)
        #expect(try calendar.isBusinessDay(day("2005-09-04")) == false)
    }

    @Test(
        "adding business days across weekends, holidays and year ends",
        arguments: [
            // N = 0 keeps a business day and moves anything else to the next business day.
            ("2005-09-02", 0, "2005-09-02"),
            ("2005-09-05", 0, "2005-09-06"),  // Labor Day
            ("2005-09-03", 0, "2005-09-06"),  // Saturday before Labor Day
            // N > 0 does not count the start, whether or not it is a business day.
            ("2005-09-02", 1, "2005-09-06"),
            ("2005-09-03", 1, "2005-09-06"),
            ("2005-09-05", 1, "2005-09-06"),
            ("2005-09-05", 2, "2005-09-07"),
            // N < 0 counts backwards, again not counting the start.
            ("2005-09-02", -10, "2005-08-19"),
            ("2005-09-06", -1, "2005-09-02"),
            ("2005-09-05", -1, "2005-09-02"),
            ("2005-09-04", -1, "2005-09-02"),
            ("2005-08-22", -1, "2005-08-19"),  // Monday back to Friday
            // Year ends.
            ("2004-12-31", 1, "2005-01-03"),  // New Year's Day 2005 on Saturday closes nothing
            ("2005-01-03", -1, "2004-12-31"),
            ("2021-12-30", 1, "2021-12-31"),  // Friday before a Saturday New Year's Day is open
            ("2016-12-30", 1, "2017-01-03"),  // New Year's Day 2017 on Sunday closes Monday
            ("2017-01-03", -1, "2016-12-30"),
            ("2022-12-22", 2, "2022-12-27"),  // Christmas 2022 on Sunday closes Monday the 26th
            ("2005-12-23", 5, "2006-01-03"),  // Dec 26 2005 and Jan 2 2006 both closed
            ("2006-01-03", -5, "2005-12-23"),
        ] as [(String, Int, String)]
    )
    func adding(start: String, n: Int, expected: String) throws {
        #expect(try calendar.adding(businessDays: n, to: day(start)) == day(expected))
    }

    @Test(
        "counting business days: after `from`, up to and including `to`",
        arguments: [
            ("2005-08-19", "2005-08-19", 0),
            ("2005-09-02", "2005-09-05", 0),  // only Labor Day after Friday
            ("2005-09-02", "2005-09-06", 1),
            ("2005-09-03", "2005-09-06", 1),
            ("2005-08-19", "2005-09-02", 10),
            ("2005-09-02", "2005-08-19", -10),
            ("2005-09-06", "2005-09-02", -1),
            ("2005-09-05", "2005-09-02", -1),
            ("2004-12-31", "2006-01-03", 252),  // 2005: 260 weekdays, 9 closures, plus 2006-01-03
        ] as [(String, String, Int)]
    )
    func counting(from: String, to: String, expected: Int) throws {
        #expect(try calendar.businessDays(from: day(from), to: day(to)) == expected)
    }

    @Test("ten thousand business days after 2005-08-19 agrees with counting one day at a time")
    func longSpan() throws {
        let start = day("2005-08-19")
        let end = try calendar.adding(businessDays: 10_000, to: start)
        #expect(try end == stepping(10_000, from: start, in: calendar))
        #expect(try calendar.businessDays(from: start, to: end) == 10_000)
        #expect(try calendar.adding(businessDays: -10_000, to: end) == start)
    }

    @Test("extra closures named by the agreement close their days and are listed, sorted, once")
    func extraClosures() throws {
        let storm = day("2005-08-29")
        let agreed = BusinessCalendar(extraClosures: [day("2005-09-05"), storm, day("2005-08-27"), storm])
        #expect(agreed.extraClosures == [day("2005-08-27"), storm, day("2005-09-05")])
        #expect(try !agreed.isBusinessDay(storm))
        #expect(try agreed.isBusinessDay(day("2005-08-30")))
        #expect(try agreed.adding(businessDays: 10, to: day("2005-08-19")) == day("2005-09-06"))
        #expect(try agreed.businessDays(from: day("2005-08-19"), to: day("2005-09-06")) == 10)
        #expect(try agreed.adding(businessDays: 0, to: storm) == day("2005-08-30"))
        #expect(try agreed.adding(businessDays: -1, to: day("2005-08-30")) == day("2005-08-26"))

        let closures = try agreed.closures(in: 2005)
        // The Saturday 2005-08-27 closes nothing open, and Labor Day keeps its own name.
        #expect(closures.count == 10)
        #expect(closures.contains(Holiday(date: storm, name: "Agreement closure")))
        #expect(closures.contains(Holiday(date: day("2005-09-05"), name: "Labor Day")))
        #expect(!closures.contains { $0.date == day("2005-08-27") })
        #expect(zip(closures, closures.dropFirst()).allSatisfy { $0.date < $1.date })
        #expect(try agreed.closures(in: 2006) == FederalReserveHolidays.closures(in: 2006))
    }

    @Test("a calendar from agreement terms takes their zone and extra closures")
    func fromTerms() throws {
        let terms = CalendarTerms(timeZoneIdentifier: "America/Chicago", extraClosures: [day("2012-10-30")])
        let agreed = BusinessCalendar(terms: terms)
        #expect(agreed.timeZoneIdentifier == "America/Chicago")
        #expect(agreed.extraClosures == [day("2012-10-30")])
        #expect(try !agreed.isBusinessDay(day("2012-10-30")))
        #expect(BusinessCalendar(terms: CalendarTerms()) == .newYork)
        #expect(BusinessCalendar.newYork.timeZoneIdentifier == "America/New_York")
        #expect(BusinessCalendar.newYork.extraClosures.isEmpty)
    }

    @Test("isBusinessDay agrees with the listed closures on every day of 1990...2100")
    func isBusinessDayMatchesClosures() throws {
        let agreed = BusinessCalendar(extraClosures: [day("2001-09-11"), day("2001-09-12"), day("2012-10-29")])
        for year in BusinessCalendar.supportedYears {
            let closed = Set(try agreed.closures(in: year).map(\.date))
            var date = day("\(year)-01-01")
            while date.year == year {
                #expect(try agreed.isBusinessDay(date) == (!date.isWeekend && !closed.contains(date)), "\(date)")
                date = date.adding(days: 1)
            }
        }
    }

    @Test("property: adding lands on a business day and counting back gives N, across 1990...2100")
    func addingAndCountingAgree() throws {
        let calendars = [BusinessCalendar.newYork, BusinessCalendar(extraClosures: [day("2005-08-29"), day("2050-03-15")])]
        let steps = [1, 2, 3, 4, 5, 9, 10, 21, 63, 260, 1_000, -1, -2, -5, -10, -23, -260, -1_000]
        // Every 13th day walks through every weekday and every day of the month; no randomness.
        // The bounds leave room for 1,000 business days (about four years) either way.
        let first = day("1995-01-01").dayNumber
        let last = day("2096-06-30").dayNumber
        for calendar in calendars {
            for number in stride(from: first, through: last, by: 13) {
                let date = CivilDate(dayNumber: number)
                for n in steps {
                    let landed = try calendar.adding(businessDays: n, to: date)
                    #expect(try calendar.isBusinessDay(landed), "\(n) from \(date)")
                    #expect((n > 0) == (landed > date), "\(n) from \(date)")
                    // The count round-trips from any start, business day or not.
                    #expect(try calendar.businessDays(from: date, to: landed) == n, "\(n) from \(date)")
                }
                let kept = try calendar.adding(businessDays: 0, to: date)
                #expect(try calendar.isBusinessDay(kept) && kept >= date, "0 from \(date)")
                #expect(try calendar.isBusinessDay(date) == (kept == date), "0 from \(date)")
            }
        }
    }

    @Test("property: binary-search adding agrees with stepping one day at a time")
    func addingMatchesStepping() throws {
        let agreed = BusinessCalendar(extraClosures: [day("2005-08-29"), day("2012-10-29"), day("2012-10-30")])
        let first = day("1990-03-01").dayNumber
        let last = day("2100-10-01").dayNumber
        for number in stride(from: first, through: last, by: 97) {
            let date = CivilDate(dayNumber: number)
            for n in [1, 7, 30, -1, -7, -30] {
                #expect(try agreed.adding(businessDays: n, to: date) == (try stepping(n, from: date, in: agreed)), "\(n) from \(date)")
            }
        }
    }

    @Test("the first and last business days of the supported years are reachable")
    func rangeEdges() throws {
        #expect(try calendar.adding(businessDays: -1, to: day("1990-01-03")) == day("1990-01-02"))
        #expect(try calendar.adding(businessDays: 1, to: day("2100-12-30")) == day("2100-12-31"))
        #expect(try calendar.businessDays(from: day("1990-01-01"), to: day("2100-12-31")) > 27_000)
    }

    @Test("a date or a count outside 1990...2100 throws a sentence naming the calendar's years")
    func outsideSupportedYears() {
        #expect(throws: CalendarError(
            calendar: .federalReserve, message: "the federal-reserve calendar covers 1990 to 2100; 1989-12-29 is outside it")
        ) {
            try BusinessCalendar.newYork.isBusinessDay(day("1989-12-29"))
        }
        #expect(throws: CalendarError(
            calendar: .federalReserve,
            message: "1 business days from 2100-12-31 runs outside the federal-reserve calendar's years 1990 to 2100")
        ) {
            try BusinessCalendar.newYork.adding(businessDays: 1, to: day("2100-12-31"))
        }
        #expect(throws: CalendarError.self) { try BusinessCalendar.newYork.adding(businessDays: -1, to: day("1990-01-02")) }
        #expect(throws: CalendarError.self) { try BusinessCalendar.newYork.adding(businessDays: Int.max, to: day("2005-08-19")) }
        #expect(throws: CalendarError.self) { try BusinessCalendar.newYork.adding(businessDays: Int.min, to: day("2005-08-19")) }
        #expect(throws: CalendarError.self) { try BusinessCalendar.newYork.businessDays(from: day("2005-08-19"), to: day("2101-01-03")) }
        #expect(throws: CalendarError.self) { try BusinessCalendar.newYork.closures(in: 2101) }
    }

    @Test("an unknown time zone identifier is a programmer error")
    func unknownZone() async {
        await #expect(processExitsWith: .failure) {
            _ = BusinessCalendar(timeZoneIdentifier: "America/Gotham")
        }
    }
}

/// The definition of adding business days, one calendar day at a time, to check the fast path.
private func stepping(_ n: Int, from date: CivilDate, in calendar: BusinessCalendar) throws -> CivilDate {
    var current = date
    var remaining = n.magnitude
    let step = n < 0 ? -1 : 1
    while remaining > 0 {
        current = current.adding(days: step)
        if try calendar.isBusinessDay(current) { remaining -= 1 }
    }
    return current
}
