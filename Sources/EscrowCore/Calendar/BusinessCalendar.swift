import Foundation

/// The days on which an escrow's money can move: weekdays the named schedule keeps open (the
/// Federal Reserve's by default), less the closures the agreement adds, plus the days it opens.
///
/// Agreements count their periods in business days ("ten business days after the date hereof"),
/// so every deadline depends on this calendar. Counting works on day numbers only; the time zone
/// is carried for the deadlines built on the counted dates (see ``Deadline``), never consulted
/// to decide which day a date is.
///
/// Each schedule covers the years ``CalendarName/years`` names; a date or a count that runs
/// outside them throws a ``CalendarError`` with a sentence, since input can ask for one.
public struct BusinessCalendar: Hashable, Sendable {
    /// The widest span of years any schedule answers for. Commands and the server refuse dates
    /// outside it before they reach a calendar; a schedule may cover fewer (``years``).
    public static let supportedYears: ClosedRange<Int> = 1990...2100

    /// The holiday schedule the days are counted on.
    public let name: CalendarName

    /// The IANA time zone the agreement's deadlines are stated in.
    public let timeZoneIdentifier: String

    /// Closures an agreement names beyond its schedule (a storm day, say), sorted and without
    /// duplicates so that equal calendars compare equal.
    public let extraClosures: [CivilDate]

    /// Days the schedule closes that the agreement counts as business days all the same,
    /// sorted and without duplicates.
    public let extraOpenings: [CivilDate]

    /// Day numbers of the extra closures that change a count: days inside the schedule's years
    /// that it keeps open. Sorted, so ranges are counted by binary search.
    private let effectiveExtraClosures: [Int]
    /// Day numbers of the extra openings that change a count: covered days the schedule closes.
    private let effectiveExtraOpenings: [Int]

    /// A calendar on the named schedule, with the agreement's own closures and openings.
    ///
    /// An unknown time zone identifier stops the program: the agreement reader validates it,
    /// so reaching here with a bad one is a bug.
    public init(
        name: CalendarName = .federalReserve, timeZoneIdentifier: String = "America/New_York",
        extraClosures: [CivilDate] = [], extraOpenings: [CivilDate] = []
    ) {
        precondition(
            TimeZone(identifier: timeZoneIdentifier) != nil,
            "BusinessCalendar: unknown time zone identifier '\(timeZoneIdentifier)'; agreement validation must refuse it"
        )
        self.name = name
        self.timeZoneIdentifier = timeZoneIdentifier
        self.extraClosures = Array(Set(extraClosures)).sorted()
        self.extraOpenings = Array(Set(extraOpenings)).sorted()
        let schedule = OpenDaySchedule.of(name)
        // A day both closed and opened by the agreement stays closed: validation refuses such a
        // file, and the stricter reading is the safe one for terms built in code.
        let closed = Set(self.extraClosures)
        self.effectiveExtraClosures = self.extraClosures.map(\.dayNumber).filter {
            schedule.covers($0) && schedule.isOpen($0)
        }
        self.effectiveExtraOpenings = self.extraOpenings.filter { !closed.contains($0) }.map(\.dayNumber).filter {
            schedule.covers($0) && !schedule.isOpen($0)
        }
    }

    /// The calendar an agreement's terms describe, so deadlines are counted as the file says.
    public init(terms: CalendarTerms) {
        self.init(
            name: terms.name, timeZoneIdentifier: terms.timeZoneIdentifier, extraClosures: terms.extraClosures,
            extraOpenings: terms.extraOpenings)
    }

    /// New York banks on the Federal Reserve schedule with no extra closures: the default for
    /// agreements that name no calendar of their own.
    public static let newYork = BusinessCalendar()

    /// The years this calendar answers for: its schedule's.
    public var years: ClosedRange<Int> { name.years }

    /// Whether money can move on `date`: open on the schedule and not closed by the agreement,
    /// or opened by the agreement.
    public func isBusinessDay(_ date: CivilDate) throws(CalendarError) -> Bool {
        let day = try checkedDayNumber(date)
        if Self.contains(day, in: effectiveExtraOpenings) { return true }
        return OpenDaySchedule.of(name).isOpen(day) && !Self.contains(day, in: effectiveExtraClosures)
    }

    /// Weekday closures of the year: the schedule's holidays less the agreement's openings, plus
    /// its extra closures (named "Agreement closure"), sorted, no duplicates.
    ///
    /// An extra closure on a holiday is listed once, under the holiday's name; one on a weekend
    /// is not listed, since it closes nothing that was open.
    public func closures(in year: Int) throws(CalendarError) -> [Holiday] {
        guard years.contains(year) else {
            throw CalendarError(
                calendar: name, message: "the \(name.rawValue) calendar covers \(years.lowerBound) to \(years.upperBound); \(year) is outside it")
        }
        let opened = Set(extraOpenings)
        var result = name.ruleClosures(in: year).filter { !opened.contains($0.date) }
        let scheduled = Set(result.map(\.date))
        for date in extraClosures where date.year == year && !date.isWeekend && !scheduled.contains(date) {
            result.append(Holiday(date: date, name: "Agreement closure"))
        }
        result.sort { $0.date < $1.date }
        return result
    }

    /// N > 0: the N-th business day after `date` (the date itself not counted, whether or not it is a
    /// business day). N < 0: the |N|-th business day before. N = 0: `date` if it is a business day, else the next one.
    ///
    /// This is how an agreement's "N business days after" becomes a date. It takes a few
    /// binary-search steps whatever N is, so long spans cost no more than short ones. Throws
    /// when `date` or the answer lies outside the schedule's years.
    public func adding(businessDays n: Int, to date: CivilDate) throws(CalendarError) -> CivilDate {
        let start = try checkedDayNumber(date)
        if n == 0 {
            return try isBusinessDay(date) ? date : adding(businessDays: 1, to: date)
        }
        let schedule = OpenDaySchedule.of(name)
        let outside = CalendarError(
            calendar: name,
            message: "\(n) business days from \(date) runs outside the \(name.rawValue) calendar's years "
                + "\(years.lowerBound) to \(years.upperBound)")
        // Checked first so the sums below cannot overflow, whatever N is.
        guard n.magnitude <= UInt(schedule.lastDay - schedule.firstDay + 1) else { throw outside }
        if n > 0 {
            // The answer is the day before the first bound whose count reaches `target`.
            let target = openDays(before: start + 1) + n
            guard openDays(before: schedule.lastDay + 1) >= target else { throw outside }
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
            guard target >= 0 else { throw outside }
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
    public func businessDays(from: CivilDate, to: CivilDate) throws(CalendarError) -> Int {
        let start = try checkedDayNumber(from)
        let end = try checkedDayNumber(to)
        if start <= end {
            return openDays(before: end + 1) - openDays(before: start + 1)
        } else {
            return openDays(before: end) - openDays(before: start)
        }
    }

    /// How many business days lie from the start of the schedule's years up to, not including,
    /// the day numbered `day` (which may be the day after the last covered one).
    private func openDays(before day: Int) -> Int {
        OpenDaySchedule.of(name).openDays(before: day)
            - Self.lowerBound(of: day, in: effectiveExtraClosures)
            + Self.lowerBound(of: day, in: effectiveExtraOpenings)
    }

    /// The day number of `date`, after checking it lies in the schedule's years.
    private func checkedDayNumber(_ date: CivilDate) throws(CalendarError) -> Int {
        guard years.contains(date.year) else {
            throw CalendarError(
                calendar: name,
                message: "the \(name.rawValue) calendar covers \(years.lowerBound) to \(years.upperBound); \(date) is outside it")
        }
        return date.dayNumber
    }

    private static func contains(_ day: Int, in values: [Int]) -> Bool {
        let index = lowerBound(of: day, in: values)
        return index < values.count && values[index] == day
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

/// One schedule's open days across its years, as running counts, built once per schedule.
///
/// With `openBefore[i]` the number of open days before day `firstDay + i`, a span is counted
/// with two subtractions, and a day is open exactly when the count rises across it.
private struct OpenDaySchedule: Sendable {
    /// Each built on first use; Swift runs a static initializer once, safely across threads.
    static let federalReserve = OpenDaySchedule(.federalReserve)
    static let nyse = OpenDaySchedule(.nyse)
    static let target = OpenDaySchedule(.target)
    static let uk = OpenDaySchedule(.uk)

    static func of(_ name: CalendarName) -> OpenDaySchedule {
        switch name {
        case .federalReserve: federalReserve
        case .nyse: nyse
        case .target: target
        case .uk: uk
        }
    }

    /// Day number of the first day of the first covered year.
    let firstDay: Int
    /// Day number of the last day of the last covered year.
    let lastDay: Int
    /// `openBefore[i]`: open days in `firstDay ..< firstDay + i`, for i from 0 through the day count.
    private let openBefore: [Int]

    private init(_ name: CalendarName) {
        let years = name.years
        var closed = Set<Int>()
        for year in years {
            for holiday in name.ruleClosures(in: year) {
                closed.insert(holiday.date.dayNumber)
            }
        }
        firstDay = CivilDate.fixed(years.lowerBound, 1, 1).dayNumber
        lastDay = CivilDate.fixed(years.upperBound, 12, 31).dayNumber
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

    /// Whether the schedule is open on a covered day.
    func isOpen(_ day: Int) -> Bool {
        openBefore[day - firstDay + 1] > openBefore[day - firstDay]
    }

    /// Open days before `day`, for `day` from `firstDay` through `lastDay + 1`.
    func openDays(before day: Int) -> Int {
        openBefore[day - firstDay]
    }
}
