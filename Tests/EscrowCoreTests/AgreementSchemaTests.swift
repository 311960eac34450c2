import Foundation
import Testing
import Yams

@testable import EscrowCore

/// The JSON Schema, `escrow check` and the agreement reader describe one format: these tests
/// fail when a key is added to one and not the others.
@Suite("Agreement schema and escrow check")
struct AgreementSchemaTests {
    static let root = AgreementFileTests.packageRoot

    /// Every mapping the reader read, with the keys it allows there, after reading `text`.
    static func readerCatalog(_ text: String) throws -> [String: Set<String>] {
        let document = try AgreementFile.composeDocument(text, sourceName: "catalog")
        var reader = AgreementFileReader(sourceName: "catalog")
        _ = try reader.readTerms(document)
        return reader.allowedKeys.mapValues(Set.init)
    }

    /// Every mapping of the schema, by path pattern, with its keys.
    static func schemaCatalog(_ schema: FormatSchema, path: String = "", into catalog: inout [String: Set<String>]) {
        switch schema {
        case .mapping(let properties):
            catalog[path] = Set(properties.map(\.name))
            for property in properties {
                schemaCatalog(property.schema, path: path.isEmpty ? property.name : "\(path).\(property.name)", into: &catalog)
            }
        case .list(let item): schemaCatalog(item, path: "\(path)[]", into: &catalog)
        case .either(let alternatives): for alternative in alternatives { schemaCatalog(alternative, path: path, into: &catalog) }
        case .scalar, .choice: break
        }
    }

    /// The reference agreement with every optional mapping the format has, so the reader
    /// visits each one: a calendar mapping with its schedule, openings and closures.
    static var everySection: String {
        ReferenceAgreement.yaml.replacingOccurrences(
            of: "calendar:\n  timeZone: America/New_York\n  cutoff: end-of-day\n  extraClosures: []\n",
            with: "calendar:\n  name: nyse\n  timeZone: America/New_York\n  cutoff: end-of-day\n"
                + "  closed: [2005-08-29]\n  open: [2005-09-05]\n")
            .replacingOccurrences(
                of: "  remainder:\n",
                with: "  percentagePayments:\n    - {payee: burnham-hill, percent: \"1\", of: aggregateSubscription, cap: \"1000.00\", "
                    + "rounding: down, purpose: incentive, clause: \"1.5\"}\n  remainder:\n")
            .replacingOccurrences(
                of: "    address: \"1177 Avenue of the Americas, New York, New York 10036\"\n",
                with: "    address: \"1177 Avenue of the Americas, New York, New York 10036\"\n    noticeMethod: courier\n")
            + """
            instruments:
              amendment: {title: Amendment, clause: "2.4", signers: [company, purchasers]}
              successor: {title: Appointment of Successor, clause: "2.12", signers: [company]}
              settlement: {title: Settlement, clause: "2.14", signers: [company]}
              jointInstructions: {title: Joint Written Instructions, clause: "2.14", signers: [company, purchasers]}
            notices:
              recipients: {advice: [escrow-agent], resignation: [escrow-agent], refund: [escrow-agent], release: [escrow-agent], dispute: [escrow-agent], amendment: [escrow-agent], jointInstructions: [escrow-agent]}
              deemedReceipt: {hand: 0, email: 0, courier: 1, mail: 3, fax: 0}

            """
    }

    @Test("docs/agreement.schema.json is the schema escrow check walks (regenerate: escrow check --print-schema)")
    func committedSchemaIsCurrent() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent("docs/agreement.schema.json"), encoding: .utf8)
        #expect(committed == AgreementSchema.json)
    }

    @Test("every key the reader allows is in the schema at the same place, and every key of the schema is one it allows")
    func schemaKeysEqualReaderKeys() throws {
        #expect(Self.everySection != ReferenceAgreement.yaml, "the calendar block of the fixture was not found")
        let reader = try Self.readerCatalog(Self.everySection)
        var schema: [String: Set<String>] = [:]
        Self.schemaCatalog(AgreementSchema.root, into: &schema)
        for path in Set(reader.keys).union(schema.keys).sorted() {
            #expect(reader[path] == schema[path], "mapping '\(path.isEmpty ? "(top level)" : path)'; a mapping missing on one side means the schema or the fixture needs it")
        }
    }

    @Test("every key the schema requires is one the reader requires: dropping it is refused by both")
    func requiredKeysAgree() throws {
        var required: [String] = []
        func collect(_ schema: FormatSchema, _ path: String) {
            switch schema {
            case .mapping(let properties):
                for property in properties {
                    let child = path.isEmpty ? property.name : "\(path).\(property.name)"
                    if property.isRequired { required.append(child) }
                    collect(property.schema, child)
                }
            case .either(let alternatives): alternatives.forEach { collect($0, path) }
            case .list, .scalar, .choice: break
            }
        }
        collect(AgreementSchema.root, "")
        #expect(required.count > 20)
        // Each required key outside lists, given a null value: the reader and the check both refuse it.
        for path in required {
            let parts = path.split(separator: ".").map(String.init)
            let text = try Self.nulling(parts, in: Self.everySection)
            #expect(throws: AgreementFileError.self, "\(path)") { try AgreementFile.parse(text, sourceName: "t.yaml") }
            let problems = AgreementCheck.problems(in: text, sourceName: "t.yaml")
            #expect(problems.contains { $0.field == path && $0.message == "'\(parts.last ?? "")' needs a value" }, "\(path): \(problems)")
        }
        // An optional key given a null value is absent to both.
        let optional = try Self.nulling(["offering"], in: Self.everySection)
        #expect(AgreementCheck.problems(in: optional).isEmpty)
    }

    /// The YAML text with the value at `path` (mapping keys only) replaced by `~`.
    static func nulling(_ path: [String], in text: String) throws -> String {
        let document = try #require(try Yams.compose(yaml: text))
        func replace(_ node: Yams.Node, _ rest: ArraySlice<String>) -> Yams.Node {
            guard let key = rest.first, case .mapping(var mapping) = node else { return node }
            if rest.count == 1 {
                mapping[Yams.Node(key)] = Yams.Node("~", .implicit, .plain)
            } else if let child = mapping[Yams.Node(key)] {
                mapping[Yams.Node(key)] = replace(child, rest.dropFirst())
            }
            return .mapping(mapping)
        }
        return try Yams.serialize(node: replace(document, path[...]))
    }

    @Test("the examples and the library's reference agreement pass every pass of escrow check")
    func validFilesAreClean() throws {
        for name in ["roo-group-2005.yaml", "nir-waiver-2005.yaml"] {
            let text = try String(contentsOf: Self.root.appendingPathComponent("examples/\(name)"), encoding: .utf8)
            #expect(AgreementCheck.problems(in: text, sourceName: name) == [], "\(name)")
        }
        #expect(AgreementCheck.problems(in: Self.everySection) == [])
        #expect(AgreementCheck.problems(in: AgreementFileTests.base) == [])
        #expect(AgreementCheck.problems(in: "agreement: {id: a}\ncalendar: target\n").allSatisfy { !$0.field.hasPrefix("calendar") })
    }

    @Test("every broken file of the reader's own tests is refused by escrow check at the same field and line", arguments: AgreementFileTests.refusals)
    func brokenFilesRefusedByBoth(_ refusal: AgreementFileTests.Refusal) throws {
        let parsed = #expect(throws: AgreementFileError.self) { try AgreementFile.parse(refusal.document, sourceName: "test.yaml") }
        let problems = AgreementCheck.problems(in: refusal.document, sourceName: "test.yaml")
        #expect(!problems.isEmpty)
        if let parsed {
            #expect(problems.contains { $0.field == parsed.field && $0.line == parsed.line }, "\(parsed) vs \(problems)")
        }
    }

    @Test("a shape mistake is refused by the schema pass as much as by the reader", arguments: [
        ("unknown top-level key", "refnd: {unless: waiver}\n"),
        ("unknown calendar", "calendar: moon\n"),
        ("calendar name in the mapping", "calendar: {name: tokyo}\n"),
        ("unknown calendar key", "calendar: {closures: [2005-08-29]}\n"),
        ("a closed day that is not a date", "calendar: {closed: [2005-13-01]}\n"),
        ("open is not a list", "calendar: {open: 2005-09-05}\n"),
        ("a cut-off that is not a time", "calendar: {cutoff: 25:00}\n"),
        ("role not a role", "parties:\n  - {id: x, name: X, role: king}\n"),
        ("amount with a currency sign", "offering: {security: s, shares: 1, pricePerShare: \"$1\", total: \"1\"}\n"),
        ("clauses key not a rule", "clauses: {refnd: \"4.2\"}\n"),
    ] as [(String, String)])
    func shapeMistakes(name: String, replacement: String) throws {
        // The replacement takes the place of its section in the small agreement.
        let section = String(replacement.prefix { $0 != ":" })
        var lines = AgreementFileTests.baseLines
        if let start = lines.firstIndex(where: { $0.hasPrefix(section + ":") }) {
            var end = start + 1
            while end < lines.count, lines[end].hasPrefix(" ") { end += 1 }
            lines.replaceSubrange(start..<end, with: [replacement.trimmingCharacters(in: .newlines)])
        } else {
            lines.append(replacement.trimmingCharacters(in: .newlines))
        }
        let text = lines.joined(separator: "\n") + "\n"
        let document = try AgreementFile.composeDocument(text, sourceName: "t.yaml")
        #expect(!AgreementSchema.root.problems(in: document, sourceName: "t.yaml").isEmpty, "\(name)")
        #expect(throws: AgreementFileError.self, "\(name)") { try AgreementFile.parse(text, sourceName: "t.yaml") }
    }

    @Test("escrow check reports every shape problem, each with its line and column, not only the first")
    func everyProblemWithItsLine() {
        var lines = AgreementFileTests.baseLines
        lines[3] = "  dated: 2005-02-30"  // line 4
        lines[13] = "  securty: common stock"  // line 14
        lines[19] = "    shares: lots"  // line 20
        lines[28] = "  # no title"  // line 29: releaseInstrument.title missing, reported at line 28
        let problems = AgreementCheck.problems(in: lines.joined(separator: "\n") + "\n", sourceName: "deal.yaml")
        #expect(problems.map(\.field) == ["agreement.dated", "offering.securty", "offering.security", "subscriptions[0].shares", "releaseInstrument.title"])
        #expect(problems.map(\.line) == [4, 14, 13, 20, 28])
        #expect(problems.allSatisfy { $0.pass == .shape })
        #expect(problems.first?.description == "deal.yaml:4:10: agreement.dated: '2005-02-30' is not a valid date; write YYYY-MM-DD")
    }

    @Test("escrow check reports a problem in each section of the terms, not only the first")
    func everyTermsProblem() {
        var lines = AgreementFileTests.baseLines
        lines[21] = "  - purchaser: buyer-9"  // line 22: no such party
        lines[30] = "  signers: []"  // line 31: missing signer
        lines[36] = #"refund: {unless: waver, businessDaysAfterAgreementDate: 10, clause: "1.7"}"#  // line 37
        let problems = AgreementCheck.problems(in: lines.joined(separator: "\n") + "\n", sourceName: "deal.yaml")
        #expect(problems.allSatisfy { $0.pass == .terms })
        let fields = problems.map(\.field)
        #expect(fields.contains("subscriptions[1].purchaser"))
        #expect(fields.contains("releaseInstrument.signers"))
        #expect(fields.contains("refund.unless"))
        #expect(problems.first { $0.field == "refund.unless" }?.line == 37)
    }

    @Test("a YAML syntax error stops the check at the syntax pass with its line")
    func syntaxError() {
        let problems = AgreementCheck.problems(in: "agreement:\n  title: Release: Notice\n", sourceName: "bad.yaml")
        #expect(problems.count == 1)
        #expect(problems.first?.pass == .syntax)
        #expect(problems.first?.line == 2)
    }

    @Test("an obligations file is checked by its own reader")
    func obligationsFile() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("examples/nir-waiver-2005.yaml"), encoding: .utf8)
        let broken = text.replacingOccurrences(of: "instrument:", with: "instrument:\n  colour: blue", options: [], range: text.range(of: "instrument:"))
        let problems = AgreementCheck.problems(in: broken, sourceName: "waiver.yaml")
        #expect(problems.count == 1)
        #expect(problems.first?.field == "instrument.colour")
    }
}
