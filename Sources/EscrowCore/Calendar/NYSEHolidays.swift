/// The New York Stock Exchange's full-day closures, by rule plus the closures it announced.
///
/// A securities escrow may settle on exchange days rather than bank days: the NYSE closes on
/// Good Friday but not on Columbus Day or Veterans Day, and a holiday on Saturday closes the
/// Friday before (except New Year's Day, which then closes nothing). Juneteenth closes it from
/// 2022 and Martin Luther King Jr. Day from 1998. The one-off closures since 1990 are listed in
/// ``specialClosures``; a future one-off closure is added there, or named by an agreement's
/// `closed` list until it is.
public enum NYSEHolidays {
    /// Weekday closures of the exchange in `year`, sorted by date.
    public static func closures(in year: Int) -> [Holiday] {
        var holidays: [Holiday] = []
        // New Year's Day on Sunday closes Monday; on Saturday it closes nothing, since the
        // Friday before ends the previous year's books.
        let newYear = CivilDate.fixed(year, 1, 1)
        if newYear.isoWeekday == 7 {
            holidays.append(Holiday(date: newYear.adding(days: 1), name: "New Year's Day"))
        } else {
            holidays.append(Holiday(date: newYear, name: "New Year's Day"))
        }
        if year >= 1998 {
            holidays.append(Holiday(date: .nthWeekday(3, 1, month: 1, year: year), name: "Martin Luther King Jr. Day"))
        }
        holidays.append(Holiday(date: .nthWeekday(3, 1, month: 2, year: year), name: "Washington's Birthday"))
        holidays.append(Holiday(date: CivilDate.easterSunday(of: year).adding(days: -2), name: "Good Friday"))
        holidays.append(Holiday(date: .lastWeekday(1, month: 5, year: year), name: "Memorial Day"))
        if year >= 2022 {
            holidays.append(Holiday(date: nearestWeekday(.fixed(year, 6, 19)), name: "Juneteenth National Independence Day"))
        }
        holidays.append(Holiday(date: nearestWeekday(.fixed(year, 7, 4)), name: "Independence Day"))
        holidays.append(Holiday(date: .nthWeekday(1, 1, month: 9, year: year), name: "Labor Day"))
        holidays.append(Holiday(date: .nthWeekday(4, 4, month: 11, year: year), name: "Thanksgiving Day"))
        holidays.append(Holiday(date: nearestWeekday(.fixed(year, 12, 25)), name: "Christmas Day"))
        holidays += specialClosures.filter { $0.date.year == year }
        return weekdayClosures(holidays)
    }

    /// The exchange's one-off full-day closures since 1990, as the NYSE announced them.
    public static let specialClosures: [Holiday] = [
        Holiday(date: .fixed(1994, 4, 27), name: "National Day of Mourning for President Nixon"),
        Holiday(date: .fixed(2001, 9, 11), name: "September 11 attacks"),
        Holiday(date: .fixed(2001, 9, 12), name: "September 11 attacks"),
        Holiday(date: .fixed(2001, 9, 13), name: "September 11 attacks"),
        Holiday(date: .fixed(2001, 9, 14), name: "September 11 attacks"),
        Holiday(date: .fixed(2004, 6, 11), name: "National Day of Mourning for President Reagan"),
        Holiday(date: .fixed(2007, 1, 2), name: "National Day of Mourning for President Ford"),
        Holiday(date: .fixed(2012, 10, 29), name: "Hurricane Sandy"),
        Holiday(date: .fixed(2012, 10, 30), name: "Hurricane Sandy"),
        Holiday(date: .fixed(2018, 12, 5), name: "National Day of Mourning for President George H. W. Bush"),
        Holiday(date: .fixed(2025, 1, 9), name: "National Day of Mourning for President Carter"),
    ]

    /// A Saturday holiday is kept the Friday before, a Sunday one the Monday after.
    private static func nearestWeekday(_ date: CivilDate) -> CivilDate {
        switch date.isoWeekday {
        case 6: date.adding(days: -1)
        case 7: date.adding(days: 1)
        default: date
        }
    }
}

/// The weekday closures among `holidays`, sorted by date, each date once (under the first name
/// given for it), so every calendar's list has the same shape.
func weekdayClosures(_ holidays: [Holiday]) -> [Holiday] {
    var seen = Set<CivilDate>()
    var result: [Holiday] = []
    for holiday in holidays where !holiday.date.isWeekend && seen.insert(holiday.date).inserted {
        result.append(holiday)
    }
    return result.sorted { $0.date < $1.date }
}
