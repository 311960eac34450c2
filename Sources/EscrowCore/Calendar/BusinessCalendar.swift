import Foundation

/// The days on which an escrow's money can move: weekdays the Federal Reserve keeps open, less
/// any closures the agreement names.
///
/// Agreements count their periods in business days ("ten business days after the date hereof"),
/// so every deadline depends on this calendar. Counting works on day numbers only; the time zone
/// is carried for the deadlines built on the counted dates (see ``Deadline``), never consulted
/// to decide which day a date is.
///
/// The calendar covers ``supportedYears``. A date outside them is a programmer error at this
/// layer (agreement validation refuses such dates) and stops the program with a message.
public struct BusinessCalendar: Hashable, Sendable {
    /// The years the calendar answers for. The Federal Reserve rules are stable across them,
    /// and the per-day table behind the counting is built for exactly these years.
    public static let supportedYears: ClosedRange<Int> = 1990...2100

    /// The IANA time zone the agreement's deadlines are stated in.
    public let timeZoneIdentifier: String

    /// Closures an agreement names beyond the Federal Reserve schedule (a storm day, say),
    /// sorted and without duplicates so that equal calendars compare equal.
    public let extraClosures: [CivilDate]

    /// Day numbers of the extra closures that change a count: weekdays inside the supported
    /// years that the Fed keeps open. Sorted, so ranges are counted by binary search.
    private let effectiveExtraClosures: [Int]

    /// A calendar on the Federal Reserve schedule, with the agreement's own extra closures.
    ///
    /// An unknown time zone identifier stops the program: the agreement reader validates it,
    /// so reaching here with a bad one is a bug.
    public init(timeZoneIdentifier: String = "America/New_York", extraClosures: [CivilDate] = []) {
        precondition(
            TimeZone(identifier: timeZoneIdentifier) != nil,
            "BusinessCalendar: unknown time zone identifier '\(timeZoneIdentifier)'; agreement validation must refuse it"
        )
        self.timeZoneIdentifier = timeZoneIdentifier
        self.extraClosures = Array(Set(extraClosures)).sorted()
        let schedule = FederalSchedule.shared
        self.effectiveExtraClosures = self.extraClosures.map(\.dayNumber).filter {
            schedule.covers($0) && schedule.isOpen($0)
        }
    }

    /// The calendar an agreement's terms describe, so deadlines are counted as the file says.
    public init(terms: CalendarTerms) {
        self.init(timeZoneIdentifier: terms.timeZoneIdentifier, extraClosures: terms.extraClosures)
    }

    /// New York banks on the Federal Reserve schedule with no extra closures: the default for
    /// agreements that name no calendar of their own.
    public static let newYork = BusinessCalendar()

    /// Whether money can move on `date`: not a Saturday or Sunday, not a Federal Reserve
    /// closure, and not an extra closure of the agreement.
    public func isBusinessDay(_ date: CivilDate) -> Bool {
        let day = checkedDayNumber(date)
        return FederalSchedule.shared.isOpen(day) && !isExtraClosure(day)
    }

    /// Weekday closures of the year: Fed holidays plus extra closures (named "Agreement closure"), sorted, no duplicates.
    ///
    /// An extra closure on a Fed holiday is listed once, under the holiday's name; one on a
    /// weekend is not listed, since it closes nothing that was open.
    public func closures(in year: Int) -> [Holiday] {
        precondition(
            Self.supportedYears.contains(year),
            "BusinessCalendar covers \(Self.supportedYears); \(year) is outside it"
        )
        var result = FederalReserveHolidays.closures(in: year)
        let federalDates = Set(result.map(\.date))
        for date in extraClosures where date.year == year && !date.isWeekend && !federalDates.contains(date) {
            result.append(Holiday(date: date, name: "Agreement closure"))
        }
        result.sort { $0.date < $1.date }
        return result
    }

    /// N > 0: the N-th business day after `date` (the date itself not counted, whether or not it is a
    /// business day). N < 0: the |N|-th business day before. N = 0: `date` if it is a business day, else the next one.
    ///
    /// This is how an agreement's "N business days after" becomes a date. It takes a few
    /// binary-search steps whatever N is, so long spans cost no more than short ones.
    public func adding(businessDays n: Int, to date: CivilDate) -> CivilDate {
        let start = checkedDayNumber(date)
        if n == 0 {
            return isBusinessDay(date) ? date : adding(businessDays: 1, to: date)
        }
        let schedule = FederalSchedule.shared
        precondition(
            n.magnitude <= UInt(schedule.lastDay - schedule.firstDay + 1),
            "BusinessCalendar: \(n) business days from \(date) runs outside \(Self.supportedYears)"
        )
        if n > 0 {
            // The answer is the day before the first bound whose count reaches `target`.
            let target = openDays(before: start + 1) + n
            precondition(
                openDays(before: schedule.lastDay + 1) >= target,
                "BusinessCalendar: \(n) business days after \(date) runs past \(Self.supportedYears)"
            )
            var low = start + 1
            var high = schedule.lastDay + 1
            // Invariant: openDays(before: high) >= target, and every bound below `low` falls short.
            while low < high {
                let middle = low + (high - low) / 2
                if openDays(before: middle) >= target { high = middle } else { low = middle + 1 }
            }
            // The count steps from target - 1 to target across `low - 1`, so that day is open.
            return CivilDate(dayNumber: low - 1)
        } else {
            let target = openDays(before: start) + n
            precondition(
                target >= 0,
                "BusinessCalendar: \(-n) business days before \(date) runs past the start of \(Self.supportedYears)"
            )
            var low = schedule.firstDay
            var high = start
            // Invariant: openDays(before: low) <= target, and every bound above `high` exceeds it.
            while low < high {
                let middle = low + (high - low + 1) / 2
                if openDays(before: middle) <= target { low = middle } else { high = middle - 1 }
            }
            // `low` is the last bound at `target`; the count rises just after it, so it is open.
            return CivilDate(dayNumber: low)
        }
    }

    /// Business days after `from` up to and including `to` (0 when equal; negative when `to` is earlier, counting the other way).
    ///
    /// Counting the other way means the business days from `to` up to but excluding `from`,
    /// negated, so that `businessDays(from: d, to: adding(businessDays: n, to: d)) == n` for
    /// every n other than 0.
    public func businessDays(from: CivilDate, to: CivilDate) -> Int {
        let start = checkedDayNumber(from)
        let end = checkedDayNumber(to)
        if start <= end {
            return openDays(before: end + 1) - openDays(before: start + 1)
        } else {
            return openDays(before: end) - openDays(before: start)
        }
    }

    /// How many business days lie from the start of the supported years up to, not including,
    /// the day numbered `day` (which may be the day after the last supported one).
    private func openDays(before day: Int) -> Int {
        FederalSchedule.shared.openDays(before: day) - Self.lowerBound(of: day, in: effectiveExtraClosures)
    }

    private func isExtraClosure(_ day: Int) -> Bool {
        let index = Self.lowerBound(of: day, in: effectiveExtraClosures)
        return index < effectiveExtraClosures.count && effectiveExtraClosures[index] == day
    }

    /// The day number of `date`, after checking it lies in the supported years.
    private func checkedDayNumber(_ date: CivilDate) -> Int {
        precondition(
            Self.supportedYears.contains(date.year),
            "BusinessCalendar covers \(Self.supportedYears); \(date) is outside it"
        )
        return date.dayNumber
    }

    /// The number of elements of the sorted `values` that are less than `value`.
    private static func lowerBound(of value: Int, in values: [Int]) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = low + (high - low) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The Federal Reserve's open days across the supported years, as running counts, built once.
///
/// With `openBefore[i]` the number of open days before day `firstDay + i`, a span is counted
/// with two subtractions, and a day is open exactly when the count rises across it.
private struct FederalSchedule: Sendable {
    /// Built on first use; Swift runs a static initializer once, safely across threads.
    static let shared = FederalSchedule()

    /// Day number of the first day of the first supported year.
    let firstDay: Int
    /// Day number of the last day of the last supported year.
    let lastDay: Int
    /// `openBefore[i]`: open days in `firstDay ..< firstDay + i`, for i from 0 through the day count.
    private let openBefore: [Int]

    private init() {
        let years = BusinessCalendar.supportedYears
        var closed = Set<Int>()
        for year in years {
            for holiday in FederalReserveHolidays.closures(in: year) {
                closed.insert(holiday.date.dayNumber)
            }
        }
        firstDay = Self.daysFrom1970(toJanuaryFirstOf: years.lowerBound)
        lastDay = Self.daysFrom1970(toJanuaryFirstOf: years.upperBound + 1) - 1
        var counts = [0]
        counts.reserveCapacity(lastDay - firstDay + 2)
        var open = 0
        for day in firstDay...lastDay {
            if !CivilDate(dayNumber: day).isWeekend && !closed.contains(day) {
                open += 1
            }
            counts.append(open)
        }
        openBefore = counts
    }

    func covers(_ day: Int) -> Bool { (firstDay...lastDay).contains(day) }

    /// Whether the Fed is open on a covered day.
    func isOpen(_ day: Int) -> Bool {
        openBefore[day - firstDay + 1] > openBefore[day - firstDay]
    }

    /// Open days before `day`, for `day` from `firstDay` through `lastDay + 1`.
    func openDays(before day: Int) -> Int {
        openBefore[day - firstDay]
    }

    /// Days from 1970-01-01 to January 1 of `year`, by the same count ``CivilDate`` uses.
    private static func daysFrom1970(toJanuaryFirstOf year: Int) -> Int {
        guard let date = CivilDate(year: year, month: 1, day: 1) else {
            preconditionFailure("January 1 exists in every year")
        }
        return date.dayNumber
    }
}
