public import EscrowCore
public import Foundation

/// An instant on a New York wall clock (the zone the reference agreement's deadlines are in),
/// for readable test dates in any season.
public func newYork(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 12, _ minute: Int = 0) -> Date {
    guard let date = CivilDate(year: year, month: month, day: day), let cutoff = TimeOfDay(hour: hour, minute: minute) else {
        preconditionFailure("\(year)-\(month)-\(day) \(hour):\(minute) is not a wall-clock time; a test named it")
    }
    return Deadline(date: date, cutoff: cutoff, timeZoneIdentifier: "America/New_York").closesAt
}

/// 2005-08-`day` at `hour`:00 in New York, as the reference deal's script writes its instants.
public func august(_ day: Int, _ hour: Int) -> Date { ReferenceDeal.Instant(day: day, hour: hour).date }

/// An amount in US dollars from its decimal text, for test values that are known to parse.
public func usd(_ text: String) -> Money {
    do { return try Money.parse(text, .usd) } catch { preconditionFailure("\(text) is not a USD amount: \(error)") }
}
