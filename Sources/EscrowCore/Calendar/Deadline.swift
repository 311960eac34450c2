public import Foundation

/// A date plus a cut-off time in a time zone; missed once its closing instant has come.
///
/// Agreements state deadlines as local dates ("by 2005-09-02", "by 17:00 New York time"), while
/// events are stamped with instants. A deadline turns the one into the other exactly once, in
/// ``closesAt``, so every check against it agrees, whatever zone the machine runs in.
public struct Deadline: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The local date on which the deadline falls.
    public var date: CivilDate
    /// The local time at which it closes on `date`; `nil` means the end of that day.
    public var cutoff: TimeOfDay?
    /// The IANA time zone `date` and `cutoff` are read in.
    public var timeZoneIdentifier: String

    /// A deadline on `date`, closing at `cutoff` (or at the end of the day) in the given zone.
    ///
    /// An unknown time zone identifier stops the program: the agreement reader validates it,
    /// so reaching here with a bad one is a bug.
    public init(date: CivilDate, cutoff: TimeOfDay? = nil, timeZoneIdentifier: String = "America/New_York") {
        precondition(
            TimeZone(identifier: timeZoneIdentifier) != nil,
            "Deadline: unknown time zone identifier '\(timeZoneIdentifier)'; agreement validation must refuse it"
        )
        self.date = date
        self.cutoff = cutoff
        self.timeZoneIdentifier = timeZoneIdentifier
    }

    /// Reads a stored deadline, refusing an unknown time zone with a decoding error rather than
    /// stopping the program, since stored data is input, not code.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let zone = try container.decode(String.self, forKey: .timeZoneIdentifier)
        guard TimeZone(identifier: zone) != nil else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeZoneIdentifier, in: container,
                debugDescription: "'\(zone)' is not a known IANA time zone identifier"
            )
        }
        self.date = try container.decode(CivilDate.self, forKey: .date)
        self.cutoff = try container.decodeIfPresent(TimeOfDay.self, forKey: .cutoff)
        self.timeZoneIdentifier = zone
    }

    /// The instant the deadline closes: the cut-off on `date` in the zone, or for end of day the
    /// start of the next day in the zone (so 2005-09-02 end of day New York is 2005-09-03T04:00:00Z).
    ///
    /// A cut-off inside a daylight-saving gap (02:30 on the spring-forward day in New York) does
    /// not exist on the wall clock; it closes as far after the gap as the cut-off is into it
    /// (03:30 daylight time). A cut-off in the repeated hour of the fall-back day closes at its
    /// first occurrence, the earlier and stricter reading.
    public var closesAt: Date {
        let calendar = zonedCalendar(timeZoneIdentifier)
        if let cutoff {
            return calendar.instant(on: date, hour: cutoff.hour, minute: cutoff.minute)
        }
        // The next day's midnight may be skipped by a daylight-saving change in some zones, so
        // take its noon and ask the calendar where that day begins.
        let noon = calendar.instant(on: date.adding(days: 1), hour: 12, minute: 0)
        return calendar.startOfDay(for: noon)
    }

    /// True once `now >= closesAt`: an act stamped at the closing instant itself is late.
    public func isMissed(at now: Date) -> Bool {
        now >= closesAt
    }

    /// The deadline as the agreement would state it, e.g. "2005-09-02 end of day America/New_York"
    /// or "2005-09-02 17:00 America/New_York", for notices and logs.
    public var description: String {
        let time = cutoff.map(\.description) ?? "end of day"
        return "\(date) \(time) \(timeZoneIdentifier)"
    }
}

extension CivilDate {
    /// The local calendar date of an instant in a time zone.
    ///
    /// Whether a wire arrived "on" a business day depends on the zone the agreement uses, not
    /// the machine's; this is the one place an instant becomes a date. An unknown time zone
    /// identifier stops the program, as for ``Deadline``.
    public init(instant: Date, timeZoneIdentifier: String) {
        let parts = zonedCalendar(timeZoneIdentifier).dateComponents([.year, .month, .day], from: instant)
        guard let year = parts.year, let month = parts.month, let day = parts.day,
            let date = CivilDate(year: year, month: month, day: day)
        else {
            preconditionFailure("the Gregorian calendar gave no valid date for \(instant) in \(timeZoneIdentifier)")
        }
        self = date
    }
}

/// A Gregorian calendar fixed to the named zone, so no conversion ever uses the machine's zone.
private func zonedCalendar(_ identifier: String) -> Calendar {
    guard let zone = TimeZone(identifier: identifier) else {
        preconditionFailure("unknown time zone identifier '\(identifier)'; agreement validation must refuse it")
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar
}

extension Calendar {
    /// The instant of a wall-clock time on a civil date in this calendar's zone.
    fileprivate func instant(on date: CivilDate, hour: Int, minute: Int) -> Date {
        let parts = DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute)
        guard let instant = self.date(from: parts) else {
            preconditionFailure("the Gregorian calendar has no instant for \(date) \(hour):\(minute) in \(timeZone.identifier)")
        }
        return instant
    }
}
