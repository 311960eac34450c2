/// The holiday schedules an agreement can count its business days on, by the name the
/// agreement file and the command line use.
///
/// The place decides which days money moves: dollar wires on Federal Reserve days, securities
/// on NYSE days, euro payments on TARGET2 days, sterling on English bank days.
public enum CalendarName: String, CaseIterable, Hashable, Sendable, Codable {
    /// Federal Reserve Banks (US dollar wires): the default, and the reference deal's.
    case federalReserve = "federal-reserve"
    /// The New York Stock Exchange.
    case nyse
    /// TARGET2, the euro area's payment system.
    case target
    /// Bank holidays in England and Wales.
    case uk

    /// The years the schedule answers for: from when its rules are known (TARGET2 from its
    /// first year, 1999) to 2100.
    public var years: ClosedRange<Int> {
        switch self {
        case .federalReserve, .nyse, .uk: 1990...2100
        case .target: 1999...2100
        }
    }

    /// What the schedule is, in words, for help texts and notices.
    public var title: String {
        switch self {
        case .federalReserve: "Federal Reserve Banks (US dollar wires)"
        case .nyse: "New York Stock Exchange"
        case .target: "TARGET2 (euro payments)"
        case .uk: "bank holidays in England and Wales"
        }
    }

    /// Weekday closures of `year` by the schedule's rules, sorted; `year` must be in ``years``.
    func ruleClosures(in year: Int) -> [Holiday] {
        switch self {
        case .federalReserve: FederalReserveHolidays.closures(in: year)
        case .nyse: NYSEHolidays.closures(in: year)
        case .target: TARGETHolidays.closures(in: year)
        case .uk: EnglandWalesHolidays.closures(in: year)
        }
    }
}

/// Why a calendar could not answer: a date or a count that runs outside the years its
/// schedule covers. Input can ask for such a date, so it is an error, never a stop.
public struct CalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The schedule that was asked.
    public var calendar: CalendarName
    /// A plain sentence saying what was asked and which years the schedule covers.
    public var message: String

    /// Builds the error; the calendar is the usual caller.
    public init(calendar: CalendarName, message: String) {
        self.calendar = calendar
        self.message = message
    }

    /// The sentence, e.g. "the target calendar covers 1999 to 2100; 1998-05-01 is outside it".
    public var description: String { message }
}
