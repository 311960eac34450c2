import EscrowCore
import Foundation

/// A fragment of HTML that is already escaped. Text from the log, the agreement or a form
/// enters a page only through ``HTML/text(_:)`` or string interpolation of a `String`, both
/// of which escape it, so nothing a party typed can become markup.
struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    var markup: String

    init(stringLiteral value: String) { markup = value }
    init(markup: String) { self.markup = markup }
    init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }

    var description: String { markup }

    /// Escapes `&`, `<`, `>`, `"` and `'`.
    static func text(_ value: String) -> HTML { HTML(markup: escape(value)) }

    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Fragments one after the other.
    static func join(_ parts: some Sequence<HTML>) -> HTML { HTML(markup: parts.map(\.markup).joined()) }

    /// Interpolated strings are escaped; interpolated fragments are kept as they are.
    struct Interpolation: StringInterpolationProtocol {
        var markup = ""
        init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity + interpolationCount * 16) }
        mutating func appendLiteral(_ literal: String) { markup += literal }
        mutating func appendInterpolation(_ value: String) { markup += HTML.escape(value) }
        mutating func appendInterpolation(_ value: HTML) { markup += value.markup }
        mutating func appendInterpolation(_ value: Int) { markup += String(value) }
        mutating func appendInterpolation(_ values: [HTML]) { for value in values { markup += value.markup } }
    }
}

/// How the desk writes amounts and dates: `USD 3,000,000.00`, `2 Sep 2005`.
enum WebFormat {
    /// An amount with thousands separators and its currency code.
    static func money(_ minorUnits: Int64, _ currency: Currency) -> String {
        let digits = currency.minorUnitDigits
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        let perMajor = UInt64(currency.minorUnitsPerMajorUnit)
        let major = String(magnitude / perMajor)
        var grouped = ""
        for (index, character) in major.enumerated() {
            if index > 0, (major.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        var text = grouped
        if digits > 0 {
            let minor = String(magnitude % perMajor)
            text += "." + String(repeating: "0", count: max(0, digits - minor.count)) + minor
        }
        return "\(currency.code) \(negative ? "−" : "")\(text)"
    }

    static func money(_ money: Money) -> String { self.money(money.amountMinorUnits, money.currency) }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2 Sep 2005`.
    static func date(_ date: CivilDate) -> String {
        "\(date.day) \(months[(date.month - 1 + 12) % 12]) \(date.year)"
    }

    /// `22 Aug 2005 11:00` on the escrow's own wall clock.
    static func instant(_ instant: Date, timeZoneIdentifier: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZoneIdentifier) ?? .gmt
        // One look at the calendar for the date and the time: a page shows hundreds of instants.
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        let month = months[((parts.month ?? 1) - 1 + 12) % 12]
        return "\(parts.day ?? 1) \(month) \(parts.year ?? 0) \(two(parts.hour)):\(two(parts.minute))"
    }
}
