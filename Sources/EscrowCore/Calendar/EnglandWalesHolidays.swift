/// The bank holidays of England and Wales, by the Banking and Financial Dealings Act 1971 and
/// the royal proclamations that moved or added days.
///
/// New Year's Day, Christmas Day and Boxing Day falling on a weekend are made up on the next
/// weekdays (substitute days); Good Friday and Easter Monday follow Easter; the early May,
/// spring and summer bank holidays are Mondays. The one-off changes since 1990 are written out:
/// the early May holiday moved to 8 May for the VE Day anniversaries of 1995 and 2020; the
/// spring holiday moved to early June with an extra day for the Golden (2002), Diamond (2012)
/// and Platinum (2022) Jubilees; and single extra days for the millennium (1999-12-31), the royal
/// wedding (2011-04-29), the state funeral of Queen Elizabeth II (2022-09-19) and the coronation
/// of King Charles III (2023-05-08).
public enum EnglandWalesHolidays {
    /// Weekday closures of banks in England and Wales in `year`, sorted by date.
    public static func closures(in year: Int) -> [Holiday] {
        var holidays: [Holiday] = []
        let newYear = CivilDate.fixed(year, 1, 1)
        holidays.append(Holiday(date: nextWeekday(newYear), name: "New Year's Day"))
        let easter = CivilDate.easterSunday(of: year)
        holidays.append(Holiday(date: easter.adding(days: -2), name: "Good Friday"))
        holidays.append(Holiday(date: easter.adding(days: 1), name: "Easter Monday"))

        switch year {
        case 1995, 2020: holidays.append(Holiday(date: .fixed(year, 5, 8), name: "Early May bank holiday (VE Day)"))
        default: holidays.append(Holiday(date: .nthWeekday(1, monday, month: 5, year: year), name: "Early May bank holiday"))
        }
        switch year {
        case 2002:
            holidays.append(Holiday(date: .fixed(2002, 6, 3), name: "Golden Jubilee bank holiday"))
            holidays.append(Holiday(date: .fixed(2002, 6, 4), name: "Spring bank holiday"))
        case 2012:
            holidays.append(Holiday(date: .fixed(2012, 6, 4), name: "Spring bank holiday"))
            holidays.append(Holiday(date: .fixed(2012, 6, 5), name: "Diamond Jubilee bank holiday"))
        case 2022:
            holidays.append(Holiday(date: .fixed(2022, 6, 2), name: "Spring bank holiday"))
            holidays.append(Holiday(date: .fixed(2022, 6, 3), name: "Platinum Jubilee bank holiday"))
        default:
            holidays.append(Holiday(date: .lastWeekday(monday, month: 5, year: year), name: "Spring bank holiday"))
        }
        holidays.append(Holiday(date: .lastWeekday(monday, month: 8, year: year), name: "Summer bank holiday"))

        // Christmas Day and Boxing Day take the first two weekdays from 25 December on, so a
        // Saturday Christmas is kept on Monday and Boxing Day on Tuesday, and a Sunday
        // Christmas is kept on Tuesday (Boxing Day keeps Monday).
        let christmas = CivilDate.fixed(year, 12, 25)
        let boxingDay = CivilDate.fixed(year, 12, 26)
        switch christmas.isoWeekday {
        case 6:
            holidays.append(Holiday(date: .fixed(year, 12, 27), name: "Christmas Day"))
            holidays.append(Holiday(date: .fixed(year, 12, 28), name: "Boxing Day"))
        case 7:
            holidays.append(Holiday(date: .fixed(year, 12, 26), name: "Boxing Day"))
            holidays.append(Holiday(date: .fixed(year, 12, 27), name: "Christmas Day"))
        default:
            holidays.append(Holiday(date: christmas, name: "Christmas Day"))
            holidays.append(Holiday(date: nextWeekday(boxingDay), name: "Boxing Day"))
        }
        holidays += oneOffHolidays.filter { $0.date.year == year }
        return weekdayClosures(holidays)
    }

    /// Single extra bank holidays since 1990 that no rule produces (the jubilee days are with
    /// the spring holiday they came with).
    public static let oneOffHolidays: [Holiday] = [
        Holiday(date: .fixed(1999, 12, 31), name: "Millennium Day"),
        Holiday(date: .fixed(2011, 4, 29), name: "Royal wedding"),
        Holiday(date: .fixed(2022, 9, 19), name: "State funeral of Queen Elizabeth II"),
        Holiday(date: .fixed(2023, 5, 8), name: "Coronation of King Charles III"),
    ]

    private static let monday = 1

    /// The date itself on a weekday, else the Monday after.
    private static func nextWeekday(_ date: CivilDate) -> CivilDate {
        switch date.isoWeekday {
        case 6: date.adding(days: 2)
        case 7: date.adding(days: 1)
        default: date
        }
    }
}
