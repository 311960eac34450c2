extension AgreementTermsValidator {
    /// The agreement's own closures and openings: each inside the named schedule's years, and
    /// no day both closed and opened, since the file would then say two things of one day.
    func checkCalendarDates() throws(AgreementFileError) {
        let calendar = terms.calendar
        let years = calendar.name.years
        let closedKey = locations.keys.contains { $0.hasPrefix("calendar.extraClosures") } ? "extraClosures" : "closed"
        for (index, date) in calendar.extraClosures.enumerated() where !years.contains(date.year) {
            throw failure(
                "calendar.\(closedKey)[\(index)]",
                "a closure must fall in the \(calendar.name.rawValue) calendar's years \(years.lowerBound) to \(years.upperBound)")
        }
        let closed = Set(calendar.extraClosures)
        for (index, date) in calendar.extraOpenings.enumerated() {
            guard years.contains(date.year) else {
                throw failure(
                    "calendar.open[\(index)]",
                    "an opening must fall in the \(calendar.name.rawValue) calendar's years \(years.lowerBound) to \(years.upperBound)")
            }
            guard !closed.contains(date) else {
                throw failure("calendar.open[\(index)]", "\(date) is listed as both closed and open; list it once")
            }
        }
    }
}
