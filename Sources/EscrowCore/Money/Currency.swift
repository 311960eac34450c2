/// An ISO 4217 currency: its alphabetic code and how many minor-unit digits it carries.
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The three-letter ISO 4217 code, e.g. `USD`.
    public let code: String
    /// Digits after the decimal point in the currency's minor unit (2 for USD, 0 for JPY).
    public let minorUnitDigits: Int

    /// Looks a code up in the ISO 4217 table this engine knows; `nil` when unknown.
    public init?(code: String) {
        guard let digits = Currency.minorUnitDigitsByCode[code] else { return nil }
        self.code = code
        self.minorUnitDigits = digits
    }

    /// The United States dollar, with two minor-unit digits: the reference deal's currency.
    public static let usd = Currency(code: "USD")!

    public var description: String { code }

    /// One minor unit expressed as a count of minor units per major unit (100 for USD).
    public var minorUnitsPerMajorUnit: Int64 {
        var factor: Int64 = 1
        for _ in 0..<minorUnitDigits { factor *= 10 }
        return factor
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let currency = Currency(code: code) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown ISO 4217 currency code \(code)")
        }
        self = currency
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    /// Minor-unit digits of the ISO 4217 currencies in current use by escrow desks.
    static let minorUnitDigitsByCode: [String: Int] = [
        "USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "CAD": 2, "AUD": 2, "NZD": 2, "HKD": 2,
        "SGD": 2, "SEK": 2, "NOK": 2, "DKK": 2, "CNY": 2, "INR": 2, "MXN": 2, "BRL": 2,
        "ZAR": 2, "ILS": 2, "PLN": 2, "CZK": 2, "HUF": 2, "AED": 2, "SAR": 2,
        "JPY": 0, "KRW": 0, "CLP": 0, "ISK": 0,
        "BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3,
    ]
}
