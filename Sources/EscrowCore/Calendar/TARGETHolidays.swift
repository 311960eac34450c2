/// The closing days of TARGET2, the euro area's payment system, on which euro wires do not
/// settle: New Year's Day, Good Friday, Easter Monday, 1 May, 25 and 26 December.
///
/// The full set has applied since 2000. In 1999, the system's first year, it closed only on
/// New Year's Day, Christmas Day and 31 December; 31 December 2001 closed it too, for the euro
/// cash changeover. A holiday on a weekend is not moved to a weekday.
public enum TARGETHolidays {
    /// Weekday closures of TARGET2 in `year`, sorted by date.
    public static func closures(in year: Int) -> [Holiday] {
        var holidays = [Holiday(date: .fixed(year, 1, 1), name: "New Year's Day")]
        if year >= 2000 {
            let easter = CivilDate.easterSunday(of: year)
            holidays += [
                Holiday(date: easter.adding(days: -2), name: "Good Friday"),
                Holiday(date: easter.adding(days: 1), name: "Easter Monday"),
                Holiday(date: .fixed(year, 5, 1), name: "Labour Day"),
            ]
        }
        holidays.append(Holiday(date: .fixed(year, 12, 25), name: "Christmas Day"))
        if year >= 2000 {
            holidays.append(Holiday(date: .fixed(year, 12, 26), name: "Christmas Holiday"))
        }
        if year == 1999 || year == 2001 {
            holidays.append(Holiday(date: .fixed(year, 12, 31), name: "Year-end closing"))
        }
        return weekdayClosures(holidays)
    }
}
