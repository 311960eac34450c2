/// An exact amount of money: an integer count of minor units (cents for USD) in one currency.
///
/// Amounts never pass through floating point. Arithmetic that could overflow or mix
/// currencies throws ``MoneyError`` instead of wrapping or trapping.
public struct Money: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The amount in minor units of ``currency`` (799999998 is $7,999,999.98).
    public let amountMinorUnits: Int64
    /// The currency the amount is counted in; amounts of two currencies never combine.
    public let currency: Currency

    /// Exactly `minorUnits` of `currency`, unchecked: amounts from outside go through
    /// ``parse(_:_:)``, which holds them to the currency's ceiling.
    public init(minorUnits: Int64, _ currency: Currency) {
        self.amountMinorUnits = minorUnits
        self.currency = currency
    }

    /// No money in `currency`: where a sum starts.
    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency) }

    /// True for no money at all.
    public var isZero: Bool { amountMinorUnits == 0 }
    /// True below zero, as a difference can be (what is left after payments that exceed the
    /// funds); an amount that moves money never is.
    public var isNegative: Bool { amountMinorUnits < 0 }
    /// True above zero, as every amount that moves money (a deposit, a payment, a posting)
    /// must be.
    public var isPositive: Bool { amountMinorUnits > 0 }

    /// Parses a plain decimal string such as `7999999.98` or `-15000`.
    ///
    /// Refused: an empty string, anything but digits with one optional leading `-` and one
    /// optional `.`, more decimals than the currency has, and amounts whose size is above the
    /// currency's ceiling (``Limits/amountMinorUnitsMax(_:)``). Thousands separators are
    /// refused rather than guessed at.
    public static func parse(_ text: String, _ currency: Currency) throws(MoneyError) -> Money {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
            whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { throw .malformed(text) }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty
        else { throw .malformed(text) }
        guard fraction.count <= currency.minorUnitDigits else {
            throw .tooManyDecimals(text, currency: currency)
        }
        var minorUnits: Int64 = 0
        let ceiling = Limits.amountMinorUnitsMax(currency)
        let paddedFraction = fraction + String(repeating: "0", count: currency.minorUnitDigits - fraction.count)
        for character in whole + paddedFraction {
            guard let digit = character.wholeNumberValue else { throw .malformed(text) }
            let (shifted, overflowA) = minorUnits.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.addingReportingOverflow(Int64(digit))
            guard !overflowA, !overflowB, next <= ceiling else { throw .aboveCeiling(text, ceiling: currency.amountCeiling) }
            minorUnits = next
        }
        return Money(minorUnits: negative ? -minorUnits : minorUnits, currency)
    }

    /// The plain decimal form that ``parse(_:_:)`` reads back: `7999999.98`.
    public var decimalString: String {
        let factor = currency.minorUnitsPerMajorUnit
        let magnitude = amountMinorUnits.magnitude
        let whole = magnitude / UInt64(factor)
        let fraction = magnitude % UInt64(factor)
        let sign = amountMinorUnits < 0 ? "-" : ""
        guard currency.minorUnitDigits > 0 else { return "\(sign)\(whole)" }
        let fractionText = String(fraction)
        let padding = String(repeating: "0", count: currency.minorUnitDigits - fractionText.count)
        return "\(sign)\(whole).\(padding)\(fractionText)"
    }

    /// Human form with grouping: `USD 7,999,999.98`.
    public var description: String {
        let plain = decimalString
        let negative = plain.hasPrefix("-")
        let unsigned = negative ? String(plain.dropFirst()) : plain
        let pieces = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        var grouped = ""
        for (index, character) in pieces[0].reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        let whole = String(grouped.reversed())
        let fraction = pieces.count > 1 ? "." + pieces[1] : ""
        return "\(currency.code) \(negative ? "-" : "")\(whole)\(fraction)"
    }

    /// The sum of two amounts of one currency; throws rather than wraps on overflow, and
    /// refuses to add two currencies.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (sum, overflow) = amountMinorUnits.addingReportingOverflow(other.amountMinorUnits)
        guard !overflow else { throw .overflow("\(decimalString) + \(other.decimalString)") }
        return Money(minorUnits: sum, currency)
    }

    /// This amount less `other`, of one currency; throws rather than wraps on overflow, and
    /// refuses to mix two currencies. The result may be negative.
    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (difference, overflow) = amountMinorUnits.subtractingReportingOverflow(other.amountMinorUnits)
        guard !overflow else { throw .overflow("\(decimalString) - \(other.decimalString)") }
        return Money(minorUnits: difference, currency)
    }

    /// Multiplies by an integer count (shares times a per-share price).
    public func multiplied(by count: Int64) throws(MoneyError) -> Money {
        let (product, overflow) = amountMinorUnits.multipliedReportingOverflow(by: count)
        guard !overflow else { throw .overflow("\(decimalString) x \(count)") }
        return Money(minorUnits: product, currency)
    }

    /// Sums amounts of one currency; an empty list sums to zero.
    public static func sum(_ amounts: some Sequence<Money>, _ currency: Currency) throws(MoneyError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    /// Orders amounts of one currency by size. Amounts of different currencies are never
    /// compared after validation; should it happen, they order by currency code first rather
    /// than stop the process.
    public static func < (lhs: Money, rhs: Money) -> Bool {
        guard lhs.currency == rhs.currency else { return lhs.currency.code < rhs.currency.code }
        return lhs.amountMinorUnits < rhs.amountMinorUnits
    }

    /// Encoded as `{"amountMinorUnits": 799999998, "currency": "USD"}`: integers only.
    enum CodingKeys: String, CodingKey { case amountMinorUnits, currency }
}

/// Why an amount of money could not be read or computed.
public enum MoneyError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String)
    case tooManyDecimals(String, currency: Currency)
    case overflow(String)
    /// The amount is above the ceiling the engine accepts in its currency.
    case aboveCeiling(String, ceiling: Money)
    case currencyMismatch(Currency, Currency)

    public var description: String {
        switch self {
        case .malformed(let text):
            return "'\(text)' is not a decimal amount (digits, an optional '-' and one optional '.')"
        case .tooManyDecimals(let text, let currency):
            return "'\(text)' has more decimals than \(currency.code) allows (\(currency.minorUnitDigits))"
        case .overflow(let text):
            return "'\(text)' is beyond the largest amount this engine holds"
        case .aboveCeiling(let text, let ceiling):
            return "'\(text)' is above the largest amount accepted in \(ceiling.currency.code), \(ceiling) (limit amountMajorUnitsMax)"
        case .currencyMismatch(let a, let b):
            return "cannot combine \(a.code) with \(b.code)"
        }
    }
}
