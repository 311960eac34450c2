import Yams

/// Reads an agreement file (YAML, or JSON, which is YAML too) into ``AgreementTerms``.
///
/// The terms decide who may be paid what, so the reader refuses anything it is not sure of:
/// syntax errors, unknown keys (a typo must not silently drop a term), missing or mistyped
/// values, amounts with more decimals than the currency has, references to parties that do
/// not exist, and totals that do not add up. It walks the composed YAML node tree rather than
/// going through `Codable`, so every refusal carries the line of the offending value, and it
/// reads amounts from the scalar's literal text, so no amount ever passes through floating
/// point. The format is documented in `docs/agreement-format.md`.
public enum AgreementFile {
    /// Parses and validates YAML (JSON is valid YAML too) into terms; `sourceName` appears in errors.
    ///
    /// Throws the first problem found, reading the sections in the order the format lists them
    /// and then checking the rules that span sections (see ``validate(_:sourceName:)``).
    public static func parse(_ text: String, sourceName: String = "agreement") throws(AgreementFileError)
        -> AgreementTerms
    {
        let root = try composeDocument(text, sourceName: sourceName)
        var reader = AgreementFileReader(sourceName: sourceName)
        let terms = try reader.readTerms(root)
        try AgreementTermsValidator(terms: terms, sourceName: sourceName, locations: reader.locations).validate()
        return terms
    }

    /// Checks terms built in code (or changed by an amendment) against the same rules a file
    /// must pass, so no path into the engine skips them. Errors carry no line number.
    public static func validate(_ terms: AgreementTerms, sourceName: String = "agreement")
        throws(AgreementFileError)
    {
        try AgreementTermsValidator(terms: terms, sourceName: sourceName, locations: [:]).validate()
    }

    /// The root node of the single document in `text`, or the syntax error with its line.
    static func composeDocument(_ text: String, sourceName: String) throws(AgreementFileError) -> Yams.Node {
        let composed: Yams.Node?
        do {
            composed = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch {
            throw syntaxError(error, text: text, sourceName: sourceName)
        }
        guard let composed else {
            throw AgreementFileError(
                sourceName: sourceName, line: 1, column: 1, field: "",
                message: "the file holds no document; expected a mapping with the keys "
                    + AgreementFileReader.topLevelKeys.joined(separator: ", "))
        }
        return composed
    }

    /// Turns what Yams threw into an error that points at the line the parser stopped on.
    static func syntaxError(_ error: any Error, text: String, sourceName: String) -> AgreementFileError {
        func failure(_ mark: Yams.Mark?, _ message: String) -> AgreementFileError {
            failureAt(mark?.line, mark?.column, message)
        }
        func failureAt(_ line: Int?, _ column: Int?, _ message: String) -> AgreementFileError {
            AgreementFileError(sourceName: sourceName, line: line, column: column, field: "", message: message)
        }
        guard let yamlError = error as? Yams.YamlError else {
            return failure(nil, "the file could not be read as YAML: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line))"
            }
            return failure(mark, message)
        case .reader(let problem, let offset, _, _):
            var line: Int? = nil
            var column: Int? = nil
            if let offset {
                let before = text.prefix(offset)
                line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                column = before.reversed().prefix { $0 != "\n" }.count + 1
            }
            return failureAt(line, column, "the text cannot be read as YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return failure(
                context.mark, "key \(keys) appears twice in one mapping; each key may appear once")
        default:
            return failure(nil, "the file could not be read as YAML: \(yamlError)")
        }
    }
}

extension AgreementFile {
    /// Where a value sits in the source text: the line and column editors show.
    struct SourceLocation: Hashable, Sendable {
        var line: Int
        var column: Int
    }
}

extension AgreementFileReader {
    /// A node together with the dotted path that names it in errors and the mark errors about
    /// it point to (the key's line for a block mapping or list, the value's own line otherwise).
    struct Located {
        var node: Yams.Node
        var path: String
        var mark: Yams.Mark?
    }

    /// One YAML mapping whose keys have been checked against those the format allows there.
    struct FieldMap {
        var path: String
        var mark: Yams.Mark?
        var entries: [String: (key: Yams.Node, value: Yams.Node)]

        func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    }
}

/// Walks the composed node tree section by section, building the terms and remembering the
/// location of every value it read, so the cross-section rules can point at lines too.
struct AgreementFileReader {
    let sourceName: String
    /// Field path to the location of its value, for ``AgreementTermsValidator``.
    private(set) var locations: [String: AgreementFile.SourceLocation] = [:]
    /// The keys allowed in each mapping read, by path with list indices dropped (`parties[]`),
    /// so a test can hold the schema (``AgreementSchema``) to exactly what the reader accepts.
    private(set) var allowedKeys: [String: [String]] = [:]

    init(sourceName: String) {
        self.sourceName = sourceName
    }

    static let topLevelKeys = [
        "agreement", "calendar", "parties", "offering", "subscriptions", "depositInstructions",
        "conditions", "releaseInstrument", "disbursement", "refund", "clauses",
        "instruments", "notices",
    ]

    // MARK: Sections

    mutating func readTerms(_ root: Yams.Node) throws(AgreementFileError) -> AgreementTerms {
        let top = try fields(Located(node: root, path: "", mark: root.mark), allowed: Self.topLevelKeys)

        let header = try fields(try required(top, "agreement"), allowed: ["id", "title", "dated", "currency"])
        let id = try text(try required(header, "id"))
        let title = try text(try required(header, "title"))
        let dated = try date(try required(header, "dated"))
        let currency = try currencyCode(try required(header, "currency"))

        let calendar = try readCalendar(optional(top, "calendar"))
        let parties = try readParties(try required(top, "parties"))
        let offering = try readOffering(optional(top, "offering"), currency)
        let subscriptions = try readSubscriptions(try required(top, "subscriptions"), currency)
        let deposit = try readDepositInstructions(try required(top, "depositInstructions"))
        let conditions = try readConditions(try required(top, "conditions"))
        let release = try readReleaseInstrument(try required(top, "releaseInstrument"))
        let disbursement = try readDisbursement(try required(top, "disbursement"), currency)
        let refund = try readRefund(optional(top, "refund"))
        let clauses = try readClauses(optional(top, "clauses"))
        let instruments = try readInstruments(optional(top, "instruments"))
        let notices = try readNotices(optional(top, "notices"))

        return AgreementTerms(
            id: id, title: title, dated: dated, currency: currency, calendar: calendar,
            parties: parties, offering: offering, subscriptions: subscriptions,
            depositInstructions: deposit, conditions: conditions, releaseInstrument: release,
            disbursement: disbursement, refund: refund, clauses: clauses)
            .with(instruments: instruments, notices: notices)
    }

    mutating func readCalendar(_ value: Located?) throws(AgreementFileError) -> CalendarTerms {
        var calendar = CalendarTerms()
        guard let value else { return calendar }
        // The short form names the schedule alone: `calendar: target`.
        if case .scalar = value.node {
            calendar.name = try choice(value, CalendarName.allCases)
            return calendar
        }
        let map = try fields(value, allowed: Self.calendarKeys)
        if let name = optional(map, "name") {
            calendar.name = try choice(name, CalendarName.allCases)
        }
        if let zone = optional(map, "timeZone") {
            calendar.timeZoneIdentifier = try text(zone)
        }
        if let cutoff = optional(map, "cutoff") {
            let literal = try text(cutoff)
            if literal != "end-of-day" {
                guard let time = TimeOfDay(text: literal) else {
                    throw failure(cutoff, "'\(literal)' is not a cut-off; write HH:MM (24-hour clock) or end-of-day")
                }
                calendar.cutoff = time
            }
        }
        calendar.extraClosures = try readCalendarDates(map, "closed", or: "extraClosures")
        calendar.extraOpenings = try readCalendarDates(map, "open")
        return calendar
    }

    mutating func readParties(_ value: Located) throws(AgreementFileError) -> [Party] {
        var parties: [Party] = []
        for item in try items(value) {
            let map = try fields(item, allowed: ["id", "name", "role", "address", "noticeMethod"])
            let id = try text(try required(map, "id"))
            let name = try text(try required(map, "name"))
            let role = try choice(try required(map, "role"), PartyRole.allCases)
            let address = try optional(map, "address").map { (value) throws(AgreementFileError) in try text(value) }
            let method = try optional(map, "noticeMethod").map { (value) throws(AgreementFileError) in try choice(value, NoticeMethod.allCases) }
            parties.append(Party(id: PartyID(id), name: name, role: role, address: address, noticeMethod: method))
        }
        return parties
    }

    mutating func readOffering(_ value: Located?, _ currency: Currency) throws(AgreementFileError) -> Offering? {
        guard let value else { return nil }
        let map = try fields(value, allowed: ["security", "shares", "pricePerShare", "total"])
        return Offering(
            security: try text(try required(map, "security")),
            shares: try wholeNumber(try required(map, "shares")),
            pricePerShare: try money(try required(map, "pricePerShare"), currency),
            total: try money(try required(map, "total"), currency))
    }

    mutating func readSubscriptions(_ value: Located, _ currency: Currency) throws(AgreementFileError)
        -> [Subscription]
    {
        var subscriptions: [Subscription] = []
        for item in try items(value) {
            let map = try fields(item, allowed: ["purchaser", "shares", "amount"])
            let purchaser = try text(try required(map, "purchaser"))
            let shares = try optional(map, "shares").map { (value) throws(AgreementFileError) in
                try wholeNumber(value)
            }
            let amount = try money(try required(map, "amount"), currency)
            subscriptions.append(Subscription(purchaser: PartyID(purchaser), shares: shares, amount: amount))
        }
        return subscriptions
    }

    mutating func readDepositInstructions(_ value: Located) throws(AgreementFileError) -> DepositInstructions {
        let map = try fields(
            value,
            allowed: ["bank", "bankAddress", "routingNumber", "accountName", "accountNumber", "reference"])
        return DepositInstructions(
            bank: try text(try required(map, "bank")),
            bankAddress: try optional(map, "bankAddress").map { (value) throws(AgreementFileError) in
                try text(value)
            },
            routingNumber: try text(try required(map, "routingNumber")),
            accountName: try text(try required(map, "accountName")),
            accountNumber: try text(try required(map, "accountNumber")),
            reference: try text(try required(map, "reference")))
    }

    mutating func readConditions(_ value: Located) throws(AgreementFileError) -> [Condition] {
        var conditions: [Condition] = []
        for item in try items(value) {
            let map = try fields(item, allowed: ["id", "kind", "title", "from", "clause"])
            let id = try text(try required(map, "id"))
            let kind = try choice(
                try required(map, "kind"), [Condition.Kind.subscriptionFunds, .document, .counterparts])
            let title = try text(try required(map, "title"))
            let from = try optional(map, "from").map { (value) throws(AgreementFileError) in
                try signers(value)
            }
            let clause = try text(try required(map, "clause"))
            conditions.append(
                Condition(id: ConditionID(id), kind: kind, title: title, from: from ?? [], clause: clause))
        }
        return conditions
    }

    mutating func readReleaseInstrument(_ value: Located) throws(AgreementFileError) -> ReleaseInstrument {
        let map = try fields(value, allowed: ["title", "clause", "signers", "text"])
        return ReleaseInstrument(
            title: try text(try required(map, "title")),
            signers: try signers(try required(map, "signers")),
            text: try text(try required(map, "text")),
            clause: try text(try required(map, "clause")))
    }

    mutating func readDisbursement(_ value: Located, _ currency: Currency) throws(AgreementFileError)
        -> DisbursementTerms
    {
        let map = try fields(value, allowed: ["fixedPayments", "percentagePayments", "remainder"])
        var payments: [FixedPayment] = []
        for item in try items(try required(map, "fixedPayments")) {
            let payment = try fields(item, allowed: ["payee", "amount", "purpose", "clause"])
            payments.append(
                FixedPayment(
                    payee: PartyID(try text(try required(payment, "payee"))),
                    amount: try money(try required(payment, "amount"), currency),
                    purpose: try text(try required(payment, "purpose")),
                    clause: try text(try required(payment, "clause"))))
        }
        let remainder = try fields(try required(map, "remainder"), allowed: ["payee", "clause"])
        return DisbursementTerms(
            fixedPayments: payments,
            remainderPayee: PartyID(try text(try required(remainder, "payee"))),
            remainderClause: try text(try required(remainder, "clause")),
            percentagePayments: try readPercentagePayments(optional(map, "percentagePayments"), currency))
    }

    mutating func readRefund(_ value: Located?) throws(AgreementFileError) -> RefundTerms? {
        guard let value else { return nil }
        let map = try fields(value, allowed: ["unless", "businessDaysAfterAgreementDate", "clause", "toOriginatingAccount"])
        let unless = try text(try required(map, "unless"))
        let daysValue = try required(map, "businessDaysAfterAgreementDate")
        let days = try wholeNumber(daysValue)
        guard let businessDays = Int(exactly: days) else {
            throw failure(daysValue, "\(days) business days is beyond what this engine counts")
        }
        var toOriginatingAccount: Bool? = nil
        if let value = optional(map, "toOriginatingAccount") { toOriginatingAccount = try boolean(value) }
        return RefundTerms(
            unlessCondition: ConditionID(unless), businessDaysAfterAgreementDate: businessDays,
            clause: try text(try required(map, "clause")), toOriginatingAccount: toOriginatingAccount)
    }

    /// The `clauses:` section: each rule the agreement numbers, by the rule's name. A name
    /// that is not a rule is refused like any unknown key, with a suggestion.
    mutating func readClauses(_ value: Located?) throws(AgreementFileError) -> [Rule: String]? {
        guard let value else { return nil }
        let map = try fields(value, allowed: Rule.allCases.map(\.rawValue))
        var clauses: [Rule: String] = [:]
        for rule in Rule.allCases {
            if let number = optional(map, rule.rawValue) { clauses[rule] = try text(number) }
        }
        return clauses
    }

    // MARK: Structure

    /// Checks that `value` is a mapping whose keys are all in `allowed`.
    mutating func fields(_ value: Located, allowed: [String]) throws(AgreementFileError) -> FieldMap {
        guard case .mapping(let mapping) = value.node else {
            throw failure(
                value,
                "expected a mapping with the keys \(allowed.joined(separator: ", ")), found \(describe(value.node))")
        }
        allowedKeys[Self.pattern(of: value.path)] = allowed
        var map = FieldMap(path: value.path, mark: value.mark, entries: [:])
        for (key, child) in mapping {
            guard case .scalar(let scalar) = key else {
                throw AgreementFileError(
                    sourceName: sourceName, line: key.mark?.line, column: key.mark?.column, field: value.path,
                    message: "a key must be a plain name, found \(describe(key))")
            }
            let name = scalar.string
            guard allowed.contains(name) else {
                var message = "unknown key '\(name)'"
                if let suggestion = Self.closest(to: name, in: allowed) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                message += "; the keys allowed here are: \(allowed.joined(separator: ", "))"
                throw AgreementFileError(
                    sourceName: sourceName, line: key.mark?.line, column: key.mark?.column,
                    field: map.path(name), message: message)
            }
            map.entries[name] = (key, child)
        }
        return map
    }

    /// The value of `key`, or `nil` when the key is absent or its value is null (`~`, empty).
    mutating func optional(_ map: FieldMap, _ key: String) -> Located? {
        guard let entry = map.entries[key], !Self.isNull(entry.value) else { return nil }
        return locate(entry.value, path: map.path(key), key: entry.key)
    }

    /// The value of `key`; refused when the key is absent or has no value.
    mutating func required(_ map: FieldMap, _ key: String) throws(AgreementFileError) -> Located {
        guard let entry = map.entries[key] else {
            let container = map.path.isEmpty ? "the file" : map.path
            throw AgreementFileError(
                sourceName: sourceName, line: map.mark?.line, column: map.mark?.column, field: map.path(key),
                message: "missing required key '\(key)' in \(container)")
        }
        let (keyNode, value) = entry
        guard !Self.isNull(value) else {
            throw AgreementFileError(
                sourceName: sourceName, line: keyNode.mark?.line, column: keyNode.mark?.column,
                field: map.path(key), message: "'\(key)' needs a value")
        }
        return locate(value, path: map.path(key), key: keyNode)
    }

    /// The items of a list, each located at its own line.
    mutating func items(_ value: Located) throws(AgreementFileError) -> [Located] {
        guard case .sequence(let sequence) = value.node else {
            throw failure(value, "expected a list, found \(describe(value.node))")
        }
        var result: [Located] = []
        for (index, item) in sequence.enumerated() {
            result.append(locate(item, path: "\(value.path)[\(index)]", key: nil))
        }
        return result
    }

    /// Records where a value is, for this error and for the validator's.
    mutating func locate(_ value: Yams.Node, path: String, key: Yams.Node?) -> Located {
        let mark: Yams.Mark?
        switch value {
        case .scalar: mark = value.mark
        default: mark = key?.mark ?? value.mark
        }
        if let mark { locations[path] = AgreementFile.SourceLocation(line: mark.line, column: mark.column) }
        return Located(node: value, path: path, mark: mark)
    }

    // MARK: Values

    /// Text, read literally: `0210` stays `0210` and `yes` stays `yes`.
    func text(_ value: Located) throws(AgreementFileError) -> String {
        guard case .scalar(let scalar) = value.node else {
            throw failure(value, "expected text, found \(describe(value.node))")
        }
        return scalar.string
    }

    /// A whole number written with digits only (quoted or not); no signs but `-`, no separators.
    /// `true` or `false`, nothing else.
    func boolean(_ value: Located) throws(AgreementFileError) -> Bool {
        switch try text(value) {
        case "true": return true
        case "false": return false
        case let literal: throw failure(value, "'\(literal)' is not true or false")
        }
    }

    func wholeNumber(_ value: Located) throws(AgreementFileError) -> Int64 {
        let literal = try text(value)
        let digits = literal.hasPrefix("-") ? literal.dropFirst() : Substring(literal)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw failure(value, "'\(literal)' is not a whole number; write digits only, with no separators")
        }
        guard let number = Int64(literal) else {
            throw failure(value, "'\(literal)' is beyond the largest number this engine holds")
        }
        return number
    }

    /// An amount read from the scalar's literal text, quoted or not, never through floating point.
    func money(_ value: Located, _ currency: Currency) throws(AgreementFileError) -> Money {
        let literal = try text(value)
        do {
            return try Money.parse(literal, currency)
        } catch {
            switch error {
            case .malformed:
                throw failure(
                    value,
                    "'\(literal)' is not an amount; write digits with an optional '-' and '.', "
                        + "no currency sign or thousands separators")
            case .tooManyDecimals, .overflow, .aboveCeiling, .currencyMismatch:
                throw failure(value, error.description)
            }
        }
    }

    func date(_ value: Located) throws(AgreementFileError) -> CivilDate {
        let literal = try text(value)
        guard let date = CivilDate(iso: literal) else {
            throw failure(value, "'\(literal)' is not a valid date; write YYYY-MM-DD")
        }
        return date
    }

    func currencyCode(_ value: Located) throws(AgreementFileError) -> Currency {
        let literal = try text(value)
        guard let currency = Currency(code: literal) else {
            throw failure(value, "unknown currency '\(literal)'; write an ISO 4217 code such as USD")
        }
        return currency
    }

    func choice<Option: RawRepresentable<String>>(_ value: Located, _ options: [Option])
        throws(AgreementFileError) -> Option
    {
        let literal = try text(value)
        guard let option = options.first(where: { $0.rawValue == literal }) else {
            throw failure(
                value, "'\(literal)' is not one of: \(options.map(\.rawValue).joined(separator: ", "))")
        }
        return option
    }

    /// A list of party ids, where the word `purchasers` stands for every purchaser.
    mutating func signers(_ value: Located) throws(AgreementFileError) -> [SignerReference] {
        var result: [SignerReference] = []
        for item in try items(value) {
            let name = try text(item)
            result.append(name == Self.everyPurchaserWord ? .everyPurchaser : .party(PartyID(name)))
        }
        return result
    }

    /// The word that means every purchaser in `from` and `signers` lists.
    static let everyPurchaserWord = "purchasers"

    // MARK: Helpers

    func failure(_ value: Located, _ message: String) -> AgreementFileError {
        AgreementFileError(
            sourceName: sourceName, line: value.mark?.line, column: value.mark?.column, field: value.path,
            message: message)
    }

    func describe(_ node: Yams.Node) -> String {
        switch node {
        case .scalar(let scalar): "the text '\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// YAML's null: an untagged plain `~`, `null` or nothing at all. A quoted `"null"` is text.
    static func isNull(_ node: Yams.Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            scalar.tag.rawValue.isEmpty
        else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The allowed key nearest to a misspelt one, when it is near enough to be the likely intent.
    static func closest(to name: String, in candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)? = nil
        for candidate in candidates {
            let distance = editDistance(name.lowercased(), candidate.lowercased())
            if distance <= max(1, candidate.count / 3), distance < best?.distance ?? Int.max {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
