import Foundation

/// The calendar deadlines are counted on: which schedule, in which time zone, with which
/// cut-off, and the days the agreement closes or opens beyond the schedule.
public struct CalendarTerms: Hashable, Sendable, Codable {
    /// The holiday schedule business days follow; `federal-reserve` by default.
    public var name: CalendarName
    /// IANA time zone, `America/New_York` by default.
    public var timeZoneIdentifier: String
    /// When on a deadline's date it closes; `nil` means the end of that day.
    public var cutoff: TimeOfDay?
    /// Closures beyond the schedule, e.g. a storm day (the file's `closed` list).
    public var extraClosures: [CivilDate]
    /// Days the schedule closes that the agreement counts as business days (the file's `open` list).
    public var extraOpenings: [CivilDate]

    /// Creates the calendar terms; by default the Federal Reserve schedule, New York time, end
    /// of day, and no extra closures or openings.
    public init(
        name: CalendarName = .federalReserve, timeZoneIdentifier: String = "America/New_York",
        cutoff: TimeOfDay? = nil, extraClosures: [CivilDate] = [], extraOpenings: [CivilDate] = []
    ) {
        self.name = name
        self.timeZoneIdentifier = timeZoneIdentifier
        self.cutoff = cutoff
        self.extraClosures = extraClosures
        self.extraOpenings = extraOpenings
    }

    private enum CodingKeys: String, CodingKey {
        case name, timeZoneIdentifier, cutoff, extraClosures, extraOpenings
    }

    /// Reads stored terms; terms stored before calendars had names read as the Federal Reserve
    /// schedule with no openings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(CalendarName.self, forKey: .name) ?? .federalReserve
        timeZoneIdentifier = try container.decode(String.self, forKey: .timeZoneIdentifier)
        // Stored terms are input too (a handover package, a damaged file): an unknown zone is a
        // decoding error here, never a stop inside the calendar built from them.
        guard TimeZone(identifier: timeZoneIdentifier) != nil else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeZoneIdentifier, in: container,
                debugDescription: "'\(timeZoneIdentifier)' is not a known IANA time zone identifier")
        }
        cutoff = try container.decodeIfPresent(TimeOfDay.self, forKey: .cutoff)
        extraClosures = try container.decode([CivilDate].self, forKey: .extraClosures)
        extraOpenings = try container.decodeIfPresent([CivilDate].self, forKey: .extraOpenings) ?? []
    }

    /// Writes the terms; the schedule's name and the openings only when they differ from the
    /// defaults, so terms on the Federal Reserve schedule encode, and hash, exactly as they did
    /// before calendars had names.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if name != .federalReserve { try container.encode(name, forKey: .name) }
        try container.encode(timeZoneIdentifier, forKey: .timeZoneIdentifier)
        try container.encodeIfPresent(cutoff, forKey: .cutoff)
        try container.encode(extraClosures, forKey: .extraClosures)
        if !extraOpenings.isEmpty { try container.encode(extraOpenings, forKey: .extraOpenings) }
    }
}
