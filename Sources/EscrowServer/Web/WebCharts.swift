import EscrowCore
import Foundation

/// Pictures drawn by the server as inline SVG, each with a title and a description for
/// screen readers and a table of the same figures beside it on the page.
enum WebCharts {
    /// Funds received over time (a step line of the running total) against the subscriptions
    /// (a level line).
    static func fundsOverTime(
        deposits: [(at: Date, minorUnits: Int64)], subscribedMinorUnits: Int64, currency: Currency, timeZone: String
    ) -> HTML {
        let width = 640.0
        let height = 220.0
        let left = 60.0
        let right = 20.0
        let top = 20.0
        let bottom = 40.0
        let sorted = deposits.sorted { $0.at < $1.at }
        var running: [(Date, Int64)] = []
        var total: Int64 = 0
        for deposit in sorted {
            let (sum, overflow) = total.addingReportingOverflow(deposit.minorUnits)
            total = overflow ? total : sum
            running.append((deposit.at, total))
        }
        let maxValue = Double(max(total, subscribedMinorUnits, 1))
        guard let first = running.first?.0, let last = running.last?.0 else {
            return "<p>No funds have been received yet.</p>"
        }
        let span = max(last.timeIntervalSince(first), 3_600)
        func x(_ date: Date) -> Double { left + (date.timeIntervalSince(first) / span) * (width - left - right - 40) }
        func y(_ value: Int64) -> Double { top + (1 - Double(value) / maxValue) * (height - top - bottom) }
        var path = "M \(fmt(x(first))) \(fmt(y(0)))"
        // Wires that fall on the same point across are one step up: thousands of wires draw
        // at most one step per point of the picture's width.
        var steps: [(x: String, value: Int64)] = []
        for (at, value) in running {
            let across = fmt(x(at))
            if steps.last?.x == across { steps[steps.count - 1].value = value } else { steps.append((across, value)) }
        }
        for step in steps {
            path += " H \(step.x) V \(fmt(y(step.value)))"
        }
        path += " H \(fmt(width - right))"
        let received = WebFormat.money(total, currency)
        let subscribed = WebFormat.money(subscribedMinorUnits, currency)
        let description =
            "\(running.count) wires from \(WebFormat.instant(first, timeZoneIdentifier: timeZone)) to \(WebFormat.instant(last, timeZoneIdentifier: timeZone)); \(received) received against \(subscribed) subscribed."
        return """
            <figure><svg role="img" aria-labelledby="funds-title funds-desc" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" style="max-width:\(Int(width))px">
            <title id="funds-title">Funds received over time against the subscriptions</title><desc id="funds-desc">\(description)</desc>
            <line x1="\(fmt(left))" y1="\(fmt(y(subscribedMinorUnits)))" x2="\(fmt(width - right))" y2="\(fmt(y(subscribedMinorUnits)))" stroke="#7a4b00" stroke-dasharray="6 4" stroke-width="2"/>
            <text x="\(fmt(left + 4))" y="\(fmt(y(subscribedMinorUnits) - 6))" font-size="12" fill="#7a4b00">subscribed \(subscribed)</text>
            <path d="\(path)" fill="none" stroke="#0b4f8a" stroke-width="3"/>
            <line x1="\(fmt(left))" y1="\(fmt(y(0)))" x2="\(fmt(width - right))" y2="\(fmt(y(0)))" stroke="#1b1f24"/>
            <text x="\(fmt(left))" y="\(fmt(height - 12))" font-size="12">\(WebFormat.instant(first, timeZoneIdentifier: timeZone))</text>
            <text x="\(fmt(width - right))" y="\(fmt(height - 12))" font-size="12" text-anchor="end">\(WebFormat.instant(last, timeZoneIdentifier: timeZone))</text>
            <text x="\(fmt(left - 6))" y="\(fmt(y(total) + 4))" font-size="12" text-anchor="end">received</text>
            </svg><figcaption>Received \(received) of \(subscribed) subscribed.</figcaption></figure>
            """
    }

    /// Every deadline on one time line from the agreement's date, today marked, weekends and
    /// holidays (days that are not business days) shaded.
    static func deadlines(
        _ lines: [(id: String, date: CivilDate, status: String)], dated: CivilDate, today: CivilDate, calendar: BusinessCalendar
    ) -> HTML {
        guard !lines.isEmpty else { return "" }
        let start = dated.dayNumber
        let end = max(lines.map(\.date.dayNumber).max() ?? start, today.dayNumber) + 2
        let days = max(end - start, 1)
        let width = 640.0
        let left = 20.0
        let right = 20.0
        let dayWidth = (width - left - right) / Double(days)
        let rowHeight = 22.0
        let axis = 30.0
        let height = axis + Double(lines.count) * rowHeight + 30
        func x(_ dayNumber: Int) -> Double { left + Double(dayNumber - start) * dayWidth }
        var shading = ""
        if days <= 400 {
            // A day the calendar cannot tell about is drawn as a business day.
            for number in start..<end where !((try? calendar.isBusinessDay(CivilDate(dayNumber: number))) ?? true) {
                shading += "<rect x=\"\(fmt(x(number)))\" y=\"\(fmt(axis - 10))\" width=\"\(fmt(dayWidth))\" height=\"\(fmt(height - axis - 10))\" fill=\"#e4e7eb\"/>"
            }
        }
        var rows = ""
        for (index, line) in lines.enumerated() {
            let cy = axis + 10 + Double(index) * rowHeight
            let colour = line.status.hasPrefix("met") ? "#1d6b33" : (line.status == "pending" ? "#0b4f8a" : "#a4161a")
            let label = HTML.escape("\(line.id) \(WebFormat.date(line.date)) (\(line.status))")
            let anchor = x(line.date.dayNumber) > width / 2 ? "end" : "start"
            let offset = anchor == "end" ? -8.0 : 8.0
            rows += "<circle cx=\"\(fmt(x(line.date.dayNumber) + dayWidth / 2))\" cy=\"\(fmt(cy))\" r=\"5\" fill=\"\(colour)\"/>"
            rows += "<text x=\"\(fmt(x(line.date.dayNumber) + dayWidth / 2 + offset))\" y=\"\(fmt(cy + 4))\" font-size=\"12\" text-anchor=\"\(anchor)\">\(label)</text>"
        }
        let todayX = x(today.dayNumber) + dayWidth / 2
        let summary = lines.map { "\($0.id) on \(WebFormat.date($0.date)), \($0.status)" }.joined(separator: "; ")
        return HTML(markup: """
            <figure><svg role="img" aria-labelledby="deadlines-title deadlines-desc" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" style="max-width:\(Int(width))px">
            <title id="deadlines-title">Deadlines of the deal on one time line</title>
            <desc id="deadlines-desc">From \(HTML.escape(WebFormat.date(dated))) to \(HTML.escape(WebFormat.date(CivilDate(dayNumber: end)))); today is \(HTML.escape(WebFormat.date(today))); days that are not business days are shaded. \(HTML.escape(summary)).</desc>
            \(shading)
            <line x1="\(fmt(left))" y1="\(fmt(axis - 10))" x2="\(fmt(width - right))" y2="\(fmt(axis - 10))" stroke="#1b1f24"/>
            <text x="\(fmt(left))" y="\(fmt(axis - 16))" font-size="12">\(HTML.escape(WebFormat.date(dated)))</text>
            \(rows)
            <line x1="\(fmt(todayX))" y1="\(fmt(axis - 14))" x2="\(fmt(todayX))" y2="\(fmt(height - 16))" stroke="#a4161a" stroke-width="2"/>
            <text x="\(fmt(todayX))" y="\(fmt(height - 4))" font-size="12" text-anchor="middle" fill="#a4161a">today \(HTML.escape(WebFormat.date(today)))</text>
            </svg><figcaption>Shaded: days that are not business days. Red line: today.</figcaption></figure>
            """)
    }

    /// One decimal, as `String(format: "%.1f")` writes it, without Foundation's formatter: a
    /// chart of thousands of wires formats thousands of coordinates.
    static func fmt(_ value: Double) -> String {
        guard value.isFinite else { return "0.0" }
        let tenths = Int((abs(value) * 10).rounded())
        let sign = value < 0 && tenths != 0 ? "-" : ""
        return "\(sign)\(tenths / 10).\(tenths % 10)"
    }
}
