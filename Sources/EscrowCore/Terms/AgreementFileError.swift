/// Why an agreement file was refused, and exactly where.
///
/// An agreement file decides who may be paid what, so a mistake in it must stop the escrow
/// from opening rather than be guessed around. Every refusal names the file, the line of the
/// offending value and its dotted field path, so the person who wrote the file can go
/// straight to it: `roo.yaml:42: subscriptions[2].amount: amount must be positive`.
public struct AgreementFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The name the caller gave the text (usually its file name), so messages say which file.
    public var sourceName: String
    /// The 1-based line of the offending value; `nil` when the terms did not come from text
    /// (see ``AgreementFile/validate(_:sourceName:)``) or the problem has no single place.
    public var line: Int?
    /// The 1-based column (in Unicode scalars) of the offending value, when known.
    public var column: Int?
    /// Dotted path of the offending field, e.g. `subscriptions[2].amount`; empty for a YAML
    /// syntax error, which belongs to no field.
    public var field: String
    /// A plain sentence saying what is wrong, citing the agreement's clause where one applies.
    public var message: String

    /// Builds an error; the parser and validator are the usual callers, tests the others.
    public init(sourceName: String, line: Int?, column: Int? = nil, field: String, message: String) {
        self.sourceName = sourceName
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// Compiler-style form, `file:line: field: message`, which editors and terminals link to.
    public var description: String {
        var text = sourceName
        if let line { text += ":\(line)" }
        text += ": "
        if !field.isEmpty { text += field + ": " }
        return text + message
    }
}
