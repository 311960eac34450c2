/// A weekday on which banks in the calendar are closed.
///
/// `date` is the day the closure is observed, not the holiday's nominal date: Christmas 2005
/// fell on a Sunday, so its closure is Monday 2005-12-26. Keeping the name next to the date lets
/// a notice tell the parties why a day did not count.
public struct Holiday: Hashable, Sendable {
    /// The weekday on which the banks are closed.
    public let date: CivilDate
    /// Why they are closed, e.g. "Labor Day" or "Agreement closure".
    public let name: String

    /// Records a closure on `date`, so callers and tests can state expected schedules as data.
    public init(date: CivilDate, name: String) {
        self.date = date
        self.name = name
    }
}

/// The holiday schedule of the Federal Reserve Banks, derived by rule for any year.
///
/// Wires move only when the Fed is open, so a business day in New York is a weekday the Fed
/// keeps open. The rules are the ones in force since 1990, plus Juneteenth from 2022, the first
/// year the Fed scheduled it; nothing here reads a published table or the system clock.
public enum FederalReserveHolidays {
    /// The first year in which Juneteenth National Independence Day closes the Fed.
    static let firstJuneteenthYear = 2022

    /// Weekday closures of the Federal Reserve in `year`, sorted by date. A holiday on Sunday
    /// closes the Monday after; a holiday on Saturday closes no day (no Friday closing).
    ///
    /// Only the year's own holidays can be observed in it: the Sunday rule moves a holiday at
    /// most from December 25 to December 26, and New Year's Day on a Saturday closes nothing,
    /// so no closure ever crosses a year end.
    public static func closures(in year: Int) -> [Holiday] {
        var holidays: [Holiday] = [
            Holiday(date: .fixed(year, 1, 1), name: "New Year's Day"),
            Holiday(date: .nthWeekday(3, monday, month: 1, year: year), name: "Martin Luther King Jr. Day"),
            Holiday(date: .nthWeekday(3, monday, month: 2, year: year), name: "Washington's Birthday"),
            Holiday(date: .lastWeekday(monday, month: 5, year: year), name: "Memorial Day"),
        ]
        if year >= firstJuneteenthYear {
            holidays.append(Holiday(date: .fixed(year, 6, 19), name: "Juneteenth National Independence Day"))
        }
        holidays += [
            Holiday(date: .fixed(year, 7, 4), name: "Independence Day"),
            Holiday(date: .nthWeekday(1, monday, month: 9, year: year), name: "Labor Day"),
            Holiday(date: .nthWeekday(2, monday, month: 10, year: year), name: "Columbus Day"),
            Holiday(date: .fixed(year, 11, 11), name: "Veterans Day"),
            Holiday(date: .nthWeekday(4, thursday, month: 11, year: year), name: "Thanksgiving Day"),
            Holiday(date: .fixed(year, 12, 25), name: "Christmas Day"),
        ]
        // The list is built in date order and observing moves a date by at most one day, onto a
        // Monday no other holiday occupies, so the result stays sorted.
        return holidays.compactMap(observed)
    }

    /// ISO weekday numbers, as ``CivilDate/isoWeekday`` returns them.
    private static let monday = 1
    private static let thursday = 4

    /// The closure a holiday causes: itself on a weekday, the Monday after on a Sunday, none on
    /// a Saturday (the Fed stays open the Friday before).
    private static func observed(_ holiday: Holiday) -> Holiday? {
        switch holiday.date.isoWeekday {
        case 6: nil
        case 7: Holiday(date: holiday.date.adding(days: 1), name: holiday.name)
        default: holiday
        }
    }
}

extension CivilDate {
    /// A date the holiday rules know to exist (January 1, July 4, ...).
    static func fixed(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        guard let date = CivilDate(year: year, month: month, day: day) else {
            preconditionFailure("\(year)-\(month)-\(day) does not exist; the holiday rules name only real dates")
        }
        return date
    }

    /// The `n`-th given ISO weekday of a month (n from 1 to 4, so it always exists).
    static func nthWeekday(_ n: Int, _ weekday: Int, month: Int, year: Int) -> CivilDate {
        let first = fixed(year, month, 1)
        let offset = (weekday - first.isoWeekday + 7) % 7
        return first.adding(days: offset + 7 * (n - 1))
    }

    /// The last given ISO weekday of a month.
    static func lastWeekday(_ weekday: Int, month: Int, year: Int) -> CivilDate {
        let last = fixed(year, month, daysIn(month: month, year: year))
        let offset = (last.isoWeekday - weekday + 7) % 7
        return last.adding(days: -offset)
    }
}
