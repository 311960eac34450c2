extension FormatSchema {
    /// The schema as a JSON Schema (draft 2020-12) document, pretty-printed with two-space
    /// indentation and a final newline: the text of `docs/agreement.schema.json`.
    ///
    /// An optional key may also be `null`, which the parser reads as absent; scalars accept
    /// the JSON types a YAML scalar of their kind may load as (an unquoted amount is a number
    /// to an editor), with a pattern on the string form.
    public func jsonSchema(title: String, summary: String) -> String {
        guard case .mapping(let properties) = self else { return "{}\n" }
        var members: [(String, JSONText)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string(title)),
            ("description", .string(summary)),
        ]
        members += Self.objectMembers(properties)
        members.append(("$defs", .object(FormatScalar.allCases.map { ($0.rawValue, $0.jsonSchema) })))
        return JSONText.object(members).rendered(indent: "") + "\n"
    }

    var json: JSONText {
        switch self {
        case .mapping(let properties): .object(Self.objectMembers(properties))
        case .list(let item): .object([("type", .string("array")), ("items", item.json)])
        case .scalar(let kind): .object([("$ref", .string("#/$defs/\(kind.rawValue)"))])
        case .choice(let words): .object([("enum", .array(words.map(JSONText.string)))])
        case .either(let alternatives): .object([("oneOf", .array(alternatives.map(\.json)))])
        }
    }

    static func objectMembers(_ properties: [FormatProperty]) -> [(String, JSONText)] {
        var members: [(String, JSONText)] = [("type", .string("object")), ("additionalProperties", .bool(false))]
        let required = properties.filter(\.isRequired).map(\.name)
        if !required.isEmpty { members.append(("required", .array(required.map(JSONText.string)))) }
        members.append(("properties", .object(properties.map { ($0.name, $0.json) })))
        return members
    }
}

extension FormatProperty {
    /// The property's schema with its description; an optional one may also be null.
    var json: JSONText {
        let description = ("description", JSONText.string(summary))
        if isRequired {
            guard case .object(let members) = schema.json else { return schema.json }
            return .object([description] + members)
        }
        return .object([description, ("anyOf", .array([schema.json, .object([("type", .string("null"))])]))])
    }
}

extension FormatScalar {
    /// The `$defs` entry for the kind.
    var jsonSchema: JSONText {
        func kind(_ types: [String], _ pattern: String?, _ summary: String) -> JSONText {
            var members: [(String, JSONText)] = [("description", .string(summary))]
            members.append(("type", types.count == 1 ? .string(types[0]) : .array(types.map(JSONText.string))))
            if let pattern { members.append(("pattern", .string(pattern))) }
            return .object(members)
        }
        switch self {
        case .text: return kind(["string", "number", "boolean"], nil, "Any scalar, read literally: 021000089 stays 021000089.")
        case .id: return kind(["string", "number"], "^[A-Za-z0-9._-]+$", "Letters, digits, '-', '_' and '.' only.")
        case .date: return kind(["string"], "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "A real calendar date, YYYY-MM-DD.")
        case .time: return kind(["string"], "^([01][0-9]|2[0-3]):[0-5][0-9]$", "HH:MM on the 24-hour clock.")
        case .amount:
            return kind(
                ["string", "number"], "^-?[0-9]+(\\.[0-9]+)?$",
                "Decimal digits with an optional '-' and '.', at most the currency's decimals; quote it so no tool reads it as a float.")
        case .wholeNumber: return kind(["integer", "string"], "^-?[0-9]+$", "Digits with an optional leading '-', no separators.")
        case .currency:
            return .object([
                ("description", .string("An ISO 4217 code the engine knows.")),
                ("enum", .array(Currency.minorUnitDigitsByCode.keys.sorted().map(JSONText.string))),
            ])
        case .cutoff:
            return kind(["string"], "^(end-of-day|([01][0-9]|2[0-3]):[0-5][0-9])$", "HH:MM on the 24-hour clock, or end-of-day.")
        case .boolean:
            return kind(["boolean", "string"], "^(true|false)$", "true or false.")
        case .percentage:
            return kind(
                ["string", "number"], "^[0-9]{1,3}(\\.[0-9]{1,4})?$",
                "A percentage from 0 to 100 with at most four decimals and no % sign; quote it.")
        }
    }
}

/// JSON with its object members in a fixed order, so the printed schema is stable.
indirect enum JSONText {
    case string(String)
    case bool(Bool)
    case array([JSONText])
    case object([(String, JSONText)])

    func rendered(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text): return Self.quoted(text)
        case .bool(let value): return value ? "true" : "false"
        case .array(let items):
            // Short lists of words stay on one line, as a person would write them.
            if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                let line = "[" + items.map { $0.rendered(indent: inner) }.joined(separator: ", ") + "]"
                if line.count + indent.count <= 100 { return line }
            }
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n"
                + members.map { inner + Self.quoted($0.0) + ": " + $0.1.rendered(indent: inner) }.joined(separator: ",\n")
                + "\n\(indent)}"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
