import Yams

extension AgreementFileReader {
    /// The keys of a `calendar:` mapping. `extraClosures` is the older name of `closed`, kept
    /// so files written before calendars had names read unchanged.
    static let calendarKeys = ["name", "timeZone", "cutoff", "closed", "open", "extraClosures"]

    /// A list of dates under `key` (or under its older name `synonym`, but not both), or none.
    mutating func readCalendarDates(_ map: FieldMap, _ key: String, or synonym: String? = nil)
        throws(AgreementFileError) -> [CivilDate]
    {
        var value = optional(map, key)
        if let synonym, let older = optional(map, synonym) {
            if value != nil {
                throw failure(older, "'\(synonym)' is the older name of '\(key)'; give the dates under '\(key)' only")
            }
            value = older
        }
        guard let value else { return [] }
        var dates: [CivilDate] = []
        for item in try items(value) { dates.append(try date(item)) }
        return dates
    }
}
