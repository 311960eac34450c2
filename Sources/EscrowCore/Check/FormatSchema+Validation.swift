import Yams

/// One problem `escrow check` found, with where it is.
public struct CheckProblem: Hashable, Sendable, CustomStringConvertible {
    /// Which pass found it: the file's shape, or the agreement's terms.
    public var pass: CheckPass
    /// The name the caller gave the text, usually its file name.
    public var sourceName: String
    /// The 1-based line, when the problem has a place in the text.
    public var line: Int?
    /// The 1-based column, when known.
    public var column: Int?
    /// Dotted path of the offending field, e.g. `subscriptions[2].amount`; empty for syntax.
    public var field: String
    /// A plain sentence saying what is wrong.
    public var message: String

    /// Builds a problem; the passes are the usual callers.
    public init(pass: CheckPass, sourceName: String, line: Int?, column: Int?, field: String, message: String) {
        self.pass = pass
        self.sourceName = sourceName
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// A problem from a parser's refusal.
    init(pass: CheckPass, _ error: AgreementFileError) {
        self.init(
            pass: pass, sourceName: error.sourceName, line: error.line, column: error.column, field: error.field,
            message: error.message)
    }

    /// Compiler-style, `file:line:column: field: message`, which editors and terminals link to.
    public var description: String {
        var text = sourceName
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": "
        if !field.isEmpty { text += field + ": " }
        return text + message
    }
}

extension FormatSchema {
    /// Every place `node` departs from the schema, in document order: unknown keys, missing
    /// required keys, values of the wrong shape or kind. Unlike the parser, it does not stop at
    /// the first; it does not look inside a value whose shape is already wrong.
    func problems(in node: Yams.Node, sourceName: String) -> [CheckProblem] {
        var walker = SchemaWalker(sourceName: sourceName)
        walker.walk(node, self, path: "", keyMark: nil)
        return walker.problems
    }
}

/// The schema pass: a walk of the YAML node tree beside the schema.
private struct SchemaWalker {
    let sourceName: String
    var problems: [CheckProblem] = []

    mutating func report(_ mark: Yams.Mark?, _ path: String, _ message: String) {
        problems.append(
            CheckProblem(pass: .shape, sourceName: sourceName, line: mark?.line, column: mark?.column, field: path, message: message))
    }

    /// The mark errors about a value point at: a scalar's own, a collection's key.
    func mark(of node: Yams.Node, keyMark: Yams.Mark?) -> Yams.Mark? {
        if case .scalar = node { return node.mark }
        return keyMark ?? node.mark
    }

    mutating func walk(_ node: Yams.Node, _ schema: FormatSchema, path: String, keyMark: Yams.Mark?) {
        let here = mark(of: node, keyMark: keyMark)
        switch schema {
        case .mapping(let properties):
            guard case .mapping(let mapping) = node else {
                let keys = properties.map(\.name).joined(separator: ", ")
                return report(here, path, "expected a mapping with the keys \(keys), found \(Self.describe(node))")
            }
            walkMapping(mapping, properties, path: path, mark: here)
        case .list(let item):
            guard case .sequence(let sequence) = node else {
                return report(here, path, "expected a list, found \(Self.describe(node))")
            }
            for (index, child) in sequence.enumerated() {
                walk(child, item, path: "\(path)[\(index)]", keyMark: nil)
            }
        case .scalar(let kind):
            guard case .scalar(let scalar) = node else {
                return report(here, path, "expected \(kind == .text ? "text" : "a value"), found \(Self.describe(node))")
            }
            if let problem = kind.problem(with: scalar.string) { report(here, path, problem) }
        case .choice(let words):
            guard case .scalar(let scalar) = node else {
                return report(here, path, "expected one of: \(words.joined(separator: ", ")), found \(Self.describe(node))")
            }
            if !words.contains(scalar.string) {
                report(here, path, "'\(scalar.string)' is not one of: \(words.joined(separator: ", "))")
            }
        case .either(let alternatives):
            // The alternative whose shape matches the node's kind decides; the format never
            // offers two alternatives of the same kind.
            guard let fitting = alternatives.first(where: { Self.fits(node, $0) }) ?? alternatives.first else { return }
            walk(node, fitting, path: path, keyMark: keyMark)
        }
    }

    mutating func walkMapping(_ mapping: Yams.Node.Mapping, _ properties: [FormatProperty], path: String, mark: Yams.Mark?) {
        let allowed = properties.map(\.name)
        var present: [String: (key: Yams.Node, value: Yams.Node)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(key.mark, path, "a key must be a plain name, found \(Self.describe(key))")
                continue
            }
            let name = scalar.string
            let childPath = path.isEmpty ? name : "\(path).\(name)"
            guard let property = properties.first(where: { $0.name == name }) else {
                var message = "unknown key '\(name)'"
                if let suggestion = AgreementFileReader.closest(to: name, in: allowed) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                message += "; the keys allowed here are: \(allowed.joined(separator: ", "))"
                report(key.mark, childPath, message)
                continue
            }
            present[name] = (key, value)
            if AgreementFileReader.isNull(value) {
                if property.isRequired { report(key.mark, childPath, "'\(name)' needs a value") }
                continue
            }
            walk(value, property.schema, path: childPath, keyMark: key.mark)
        }
        for property in properties where property.isRequired && present[property.name] == nil {
            let container = path.isEmpty ? "the file" : path
            report(mark, path.isEmpty ? property.name : "\(path).\(property.name)", "missing required key '\(property.name)' in \(container)")
        }
    }

    static func fits(_ node: Yams.Node, _ schema: FormatSchema) -> Bool {
        switch (node, schema) {
        case (.mapping, .mapping), (.sequence, .list), (.scalar, .scalar), (.scalar, .choice): true
        case (_, .either(let alternatives)): alternatives.contains { fits(node, $0) }
        default: false
        }
    }

    static func describe(_ node: Yams.Node) -> String {
        switch node {
        case .scalar(let scalar): "the text '\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
