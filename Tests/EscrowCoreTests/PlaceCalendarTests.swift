import EscrowCore
import Testing

/// A date written as the agreement writes it; a typo in a test is a broken test, so it stops.
private func day(_ text: String) -> CivilDate {
    guard let date = CivilDate(iso: text) else { preconditionFailure("'\(text)' is not a YYYY-MM-DD date") }
    return date
}

private func closed(_ name: CalendarName, _ dates: String...) throws -> [Bool] {
    let calendar = BusinessCalendar(name: name)
    return try dates.map { date throws(CalendarError) in try !calendar.isBusinessDay(day(date)) }
}

@Suite("Calendars per place")
struct PlaceCalendarTests {
    @Test("NYSE: Good Friday closes the exchange, Columbus Day and Veterans Day do not; Saturday holidays close Friday")
    func nyseRules() throws {
        #expect(try closed(.nyse, "2005-03-25", "2005-10-10", "2005-11-11") == [true, false, false])
        // Independence Day 2020 on Saturday: closed Friday 2020-07-03 (the Fed stays open).
        #expect(try closed(.nyse, "2020-07-03") == [true])
        #expect(try closed(.federalReserve, "2020-07-03") == [false])
        // New Year's Day 2022 on Saturday closes nothing on Friday 2021-12-31.
        #expect(try closed(.nyse, "2021-12-31") == [false])
        // Martin Luther King Jr. Day from 1998, Juneteenth from 2022.
        #expect(try closed(.nyse, "1997-01-20", "1998-01-19", "2021-06-18", "2022-06-20") == [false, true, false, true])
    }

    @Test("NYSE: the special closures of 1994, 2001, 2004, 2007, 2012, 2018 and 2025 are closed")
    func nyseSpecialClosures() throws {
        let days = [
            "1994-04-27", "2001-09-11", "2001-09-12", "2001-09-13", "2001-09-14", "2004-06-11", "2007-01-02",
            "2012-10-29", "2012-10-30", "2018-12-05", "2025-01-09",
        ]
        let calendar = BusinessCalendar(name: .nyse)
        for date in days { #expect(try !calendar.isBusinessDay(day(date)), "\(date)") }
        #expect(try calendar.isBusinessDay(day("2001-09-17")))
        let names = try calendar.closures(in: 2025).map(\.name)
        #expect(names.contains("National Day of Mourning for President Carter"))
    }

    @Test("TARGET2: 1 Jan, Good Friday, Easter Monday, 1 May, 25 and 26 Dec in 2024; weekend holidays are not moved")
    func targetClosures() throws {
        let calendar = BusinessCalendar(name: .target)
        #expect(
            try calendar.closures(in: 2024) == [
                Holiday(date: day("2024-01-01"), name: "New Year's Day"),
                Holiday(date: day("2024-03-29"), name: "Good Friday"),
                Holiday(date: day("2024-04-01"), name: "Easter Monday"),
                Holiday(date: day("2024-05-01"), name: "Labour Day"),
                Holiday(date: day("2024-12-25"), name: "Christmas Day"),
                Holiday(date: day("2024-12-26"), name: "Christmas Holiday"),
            ])
        // 2022: New Year's Day on Saturday and Christmas on Sunday close no weekday.
        #expect(try calendar.closures(in: 2022).map(\.date) == [day("2022-04-15"), day("2022-04-18"), day("2022-12-26")])
        // 31 December closed only in 1999 and 2001.
        #expect(try closed(.target, "1999-12-31", "2001-12-31", "2002-12-31") == [true, true, false])
    }

    @Test("TARGET2 starts in 1999: an earlier date throws a sentence, never a stop")
    func targetBefore1999() {
        #expect(throws: CalendarError(calendar: .target, message: "the target calendar covers 1999 to 2100; 1998-12-31 is outside it")) {
            try BusinessCalendar(name: .target).isBusinessDay(day("1998-12-31"))
        }
        #expect(throws: CalendarError.self) { try BusinessCalendar(name: .target).adding(businessDays: -3, to: day("1999-01-05")) }
    }

    @Test("England and Wales: substitute days for Christmas and Boxing Day on a weekend")
    func ukSubstituteDays() throws {
        let calendar = BusinessCalendar(name: .uk)
        // 2021: Christmas on Saturday, Boxing Day on Sunday: Monday 27 and Tuesday 28 closed.
        #expect(try closed(.uk, "2021-12-27", "2021-12-28", "2021-12-29") == [true, true, false])
        // 2022: Christmas on Sunday: Boxing Day Monday 26, Christmas substitute Tuesday 27.
        let end2022 = try calendar.closures(in: 2022).suffix(2)
        #expect(Array(end2022) == [Holiday(date: day("2022-12-26"), name: "Boxing Day"), Holiday(date: day("2022-12-27"), name: "Christmas Day")])
        // New Year's Day 2022 on Saturday: Monday 3 January.
        #expect(try closed(.uk, "2022-01-03") == [true])
    }

    @Test("England and Wales: the one-off and moved bank holidays since 1995")
    func ukOneOffs() throws {
        #expect(try closed(.uk, "1995-05-08", "1995-05-01", "2020-05-08", "2020-05-04") == [true, false, true, false])
        #expect(try closed(.uk, "1999-12-31", "2002-06-03", "2002-06-04", "2002-05-27") == [true, true, true, false])
        #expect(try closed(.uk, "2011-04-29", "2012-06-04", "2012-06-05", "2012-05-28") == [true, true, true, false])
        #expect(try closed(.uk, "2022-06-02", "2022-06-03", "2022-05-30", "2022-09-19") == [true, true, false, true])
        #expect(try closed(.uk, "2023-05-08", "2023-05-01", "2023-05-29") == [true, true, true])
    }

    @Test("an agreement's open days count as business days; its closed days do not")
    func openingsAndClosures() throws {
        // Easter Monday 2024 opened and Tuesday 2 April closed by the agreement.
        let agreed = BusinessCalendar(name: .target, extraClosures: [day("2024-04-02")], extraOpenings: [day("2024-04-01")])
        let plain = BusinessCalendar(name: .target)
        #expect(try agreed.isBusinessDay(day("2024-04-01")))
        #expect(try !agreed.isBusinessDay(day("2024-04-02")))
        #expect(try plain.adding(businessDays: 2, to: day("2024-03-27")) == day("2024-04-02"))
        #expect(try agreed.adding(businessDays: 2, to: day("2024-03-27")) == day("2024-04-01"))
        #expect(try agreed.adding(businessDays: 3, to: day("2024-03-27")) == day("2024-04-03"))
        #expect(try agreed.businessDays(from: day("2024-03-27"), to: day("2024-04-03")) == 3)
        let names = try agreed.closures(in: 2024).map(\.name)
        #expect(!names.contains("Easter Monday"))
        #expect(names.contains("Agreement closure"))
    }

    @Test("ten business days after 2005-08-19 on each calendar: Labor Day counts only where the place keeps it")
    func referenceSpanPerPlace() throws {
        let start = day("2005-08-19")
        #expect(try BusinessCalendar(name: .federalReserve).adding(businessDays: 10, to: start) == day("2005-09-02"))
        #expect(try BusinessCalendar(name: .nyse).adding(businessDays: 10, to: start) == day("2005-09-02"))
        // Summer bank holiday, Monday 2005-08-29, closes London; Labor Day does not.
        #expect(try BusinessCalendar(name: .uk).adding(businessDays: 10, to: start) == day("2005-09-05"))
        #expect(try BusinessCalendar(name: .target).adding(businessDays: 10, to: start) == day("2005-09-02"))
    }
}
