/// A rate stated as a percentage with up to four decimals, e.g. `7.5` (7.5 %), held exactly
/// as millionths of the whole: 7.5 % is 75,000 millionths.
///
/// Encoded as the decimal text the agreement file states (`"7.5"`), so a stored opening reads
/// as the agreement does.
public struct Percentage: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The rate in millionths of the whole: 1,000,000 is 100 %.
    public let millionths: Int64

    /// The most decimals a percentage may carry: 4, so 0.0001 % is the finest rate.
    public static let decimalsMax = 4

    /// A rate of exactly `millionths` millionths of the whole.
    public init(millionths: Int64) { self.millionths = millionths }

    /// Reads `7.5` or `12.3456` (percent, no sign, at most four decimals, at most 100).
    public init?(percentText text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 3,
            whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, fraction.count <= Self.decimalsMax,
            fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
            let wholeValue = Int64(whole),
            let fractionValue = Int64(fraction + String(repeating: "0", count: Self.decimalsMax - fraction.count))
        else { return nil }
        let value = wholeValue * 10_000 + fractionValue
        guard value <= 1_000_000 else { return nil }
        millionths = value
    }

    /// The percentage as the file writes it, without trailing zeros: `7.5`, `10`.
    public var description: String {
        let whole = millionths / 10_000
        var fraction = String(millionths % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
    }

    /// Decodes the file's text form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Percentage(percentText: text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a percentage of at most 100 with at most four decimals"))
        }
        self = value
    }

    /// Encodes the file's text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.millionths < rhs.millionths }
}

/// How a computed share that falls between two cents is rounded, and so where the odd cent goes.
public enum Rounding: String, Hashable, Sendable, Codable, CaseIterable {
    /// Towards zero: the payee gets whole cents only and the odd cent stays with the remainder.
    case down
    /// Away from zero: the payee gets the odd cent, at the remainder's expense.
    case up
    /// To the nearest cent, a half cent up.
    case halfUp
    /// To the nearest cent, a half cent to the even cent (banker's rounding).
    case halfEven

    /// `numerator / denominator` rounded by this rule; both non-negative, denominator positive.
    func divide(_ numerator: (high: Int64, low: UInt64), by denominator: Int64) -> Int64 {
        let (quotient, remainder) = denominator.dividingFullWidth(numerator)
        guard remainder != 0 else { return quotient }
        switch self {
        case .down: return quotient
        case .up: return quotient + 1
        case .halfUp: return remainder * 2 >= denominator ? quotient + 1 : quotient
        case .halfEven:
            if remainder * 2 > denominator { return quotient + 1 }
            if remainder * 2 < denominator { return quotient }
            return quotient % 2 == 0 ? quotient : quotient + 1
        }
    }
}

/// What a percentage payment is a percentage of.
public enum PaymentBase: String, Hashable, Sendable, Codable, CaseIterable {
    /// The aggregate subscription amount: the sum of every subscription.
    case aggregateSubscription
}

/// A payment at release worked out as a percentage of a base, with an optional cap: a
/// placement agent's 7 % fee, say, or a broker's commission of 3 % capped at a stated sum.
public struct PercentagePayment: Hashable, Sendable, Codable {
    /// Who is paid, a party the terms name; paid only to its own signed written wire instructions.
    public var payee: PartyID
    /// The rate, e.g. 7.5 %.
    public var percent: Percentage
    /// What the rate applies to.
    public var base: PaymentBase
    /// The most the payment can be, when the agreement caps it.
    public var cap: Money?
    /// How a share between two cents is rounded, and so who gets the odd cent.
    public var rounding: Rounding
    /// Why it is paid, as the agreement puts it.
    public var purpose: String
    /// The clause that provides for the payment; the payment cites it.
    public var clause: String

    /// Creates a percentage payment.
    public init(
        payee: PartyID, percent: Percentage, base: PaymentBase, cap: Money?, rounding: Rounding, purpose: String, clause: String
    ) {
        self.payee = payee
        self.percent = percent
        self.base = base
        self.cap = cap
        self.rounding = rounding
        self.purpose = purpose
        self.clause = clause
    }

    /// The payment on a base of `base`: the rate applied and rounded as the agreement says,
    /// then held to the cap.
    public func amount(on base: Money) -> Money {
        let product = base.amountMinorUnits.multipliedFullWidth(by: percent.millionths)
        var minorUnits = rounding.divide((product.high, product.low), by: 1_000_000)
        if let cap, cap.amountMinorUnits < minorUnits { minorUnits = cap.amountMinorUnits }
        return Money(minorUnits: minorUnits, base.currency)
    }
}
