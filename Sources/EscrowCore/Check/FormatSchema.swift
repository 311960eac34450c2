/// The shape of a data file the engine reads (an agreement file), as one value that both
/// checks files and prints itself as a JSON Schema.
///
/// One description serves three readers: `escrow check`, which walks a file's YAML node tree
/// against it and reports every problem with its line; `docs/agreement.schema.json`, which
/// editors use for completion and checking; and the test that keeps both equal to what
/// ``AgreementFile`` accepts.
public indirect enum FormatSchema: Sendable {
    /// A mapping with exactly these keys; any other key is refused.
    case mapping([FormatProperty])
    /// A list of items of one shape.
    case list(FormatSchema)
    /// One scalar of a kind the parser reads from its literal text.
    case scalar(FormatScalar)
    /// One of these words.
    case choice([String])
    /// A value that takes either shape: the first that fits the node's kind applies.
    case either([FormatSchema])
}

/// A key of a mapping: its name, whether it must be given, its shape and what it means.
public struct FormatProperty: Sendable {
    /// The key as written in the file.
    public var name: String
    /// Whether the key must be present with a value.
    public var isRequired: Bool
    /// The value's shape.
    public var schema: FormatSchema
    /// What the value means, for editors and `escrow check`.
    public var summary: String

    /// A key; `required` marks one that must be present with a value.
    public init(_ name: String, required isRequired: Bool = false, _ schema: FormatSchema, _ summary: String) {
        self.name = name
        self.isRequired = isRequired
        self.schema = schema
        self.summary = summary
    }
}

/// The scalar kinds of the agreement format, each read from the scalar's literal text.
public enum FormatScalar: String, Sendable, CaseIterable {
    /// Any scalar, read literally.
    case text
    /// Letters, digits, `-`, `_` and `.`.
    case id
    /// `YYYY-MM-DD`, a real calendar date.
    case date
    /// `HH:MM` on the 24-hour clock.
    case time
    /// Digits, an optional leading `-` and one optional `.`.
    case amount
    /// Digits with an optional leading `-`.
    case wholeNumber
    /// An ISO 4217 code the engine knows.
    case currency
    /// A deadline's cut-off: `HH:MM`, or `end-of-day`.
    case cutoff
    /// `true` or `false`.
    case boolean
    /// A percentage from 0 to 100 with at most four decimals, e.g. `7.5`.
    case percentage

    /// Whether `literal` is a value of this kind; `nil` when it is, else what is wrong.
    func problem(with literal: String) -> String? {
        switch self {
        case .text:
            return nil
        case .id:
            let allowed = !literal.isEmpty && literal.unicodeScalars.allSatisfy {
                (65...90).contains($0.value) || (97...122).contains($0.value) || (48...57).contains($0.value)
                    || "-_.".unicodeScalars.contains($0)
            }
            return allowed ? nil : "'\(literal)' is not an id; use letters, digits, '-', '_' and '.' only"
        case .date:
            return CivilDate(iso: literal) == nil ? "'\(literal)' is not a valid date; write YYYY-MM-DD" : nil
        case .time:
            return TimeOfDay(text: literal) == nil ? "'\(literal)' is not a time; write HH:MM (24-hour clock)" : nil
        case .amount:
            var digits = Substring(literal)
            if digits.first == "-" { digits = digits.dropFirst() }
            let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
            let wellFormed =
                parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
            return wellFormed
                ? nil
                : "'\(literal)' is not an amount; write digits with an optional '-' and '.', "
                    + "no currency sign or thousands separators"
        case .wholeNumber:
            let digits = literal.hasPrefix("-") ? literal.dropFirst() : Substring(literal)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return "'\(literal)' is not a whole number; write digits only, with no separators"
            }
            return Int64(literal) == nil ? "'\(literal)' is beyond the largest number this engine holds" : nil
        case .cutoff:
            return literal == "end-of-day" || TimeOfDay(text: literal) != nil
                ? nil : "'\(literal)' is not a cut-off; write HH:MM (24-hour clock) or end-of-day"
        case .boolean:
            return literal == "true" || literal == "false" ? nil : "'\(literal)' is not true or false"
        case .percentage:
            return Percentage(percentText: literal) == nil
                ? "'\(literal)' is not a percentage; write a number from 0 to 100 with at most 4 decimals and no % sign" : nil
        case .currency:
            return Currency(code: literal) == nil
                ? "unknown currency '\(literal)'; write an ISO 4217 code such as USD" : nil
        }
    }
}
