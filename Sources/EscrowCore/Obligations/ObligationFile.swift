import Yams

/// Reads an obligation file (YAML, or JSON) into ``ObligationTerms``.
///
/// It follows the agreement file's rules and shares its reader: unknown keys are refused with a
/// suggestion, amounts are read from their literal text, never through floating point, and
/// every refusal is an ``AgreementFileError`` carrying the line and dotted path of the value.
/// The format is documented in `docs/obligations-format.md`.
public enum ObligationFile {
    /// Parses and validates an obligation file; `sourceName` appears in errors.
    public static func parse(_ text: String, sourceName: String = "obligations") throws(AgreementFileError)
        -> ObligationTerms
    {
        let root: Yams.Node
        do {
            root = try AgreementFile.composeDocument(text, sourceName: sourceName)
        } catch {
            if error.field.isEmpty, error.message.hasPrefix("the file holds no document") {
                throw AgreementFileError(
                    sourceName: sourceName, line: 1, column: 1, field: "",
                    message: "the file holds no document; expected a mapping with the keys "
                        + ObligationFileReader.topLevelKeys.joined(separator: ", "))
            }
            throw error
        }
        var reader = ObligationFileReader(sourceName: sourceName)
        let terms = try reader.readTerms(root)
        try reader.validate(terms)
        return terms
    }
}

/// Walks an obligation file's node tree with the agreement reader's structural helpers.
struct ObligationFileReader {
    let sourceName: String
    var base: AgreementFileReader

    init(sourceName: String) {
        self.sourceName = sourceName
        self.base = AgreementFileReader(sourceName: sourceName)
    }

    typealias Located = AgreementFileReader.Located

    static let topLevelKeys = [
        "instrument", "calendar", "escrow", "parties", "obligations", "restrictions", "provisions", "damagesReading",
        "numberedClausesAs", "acts", "warrantSeries",
    ]
    static let holdersWord = "holders"

    mutating func readTerms(_ root: Yams.Node) throws(AgreementFileError) -> ObligationTerms {
        let top = try base.fields(Located(node: root, path: "", mark: root.mark), allowed: Self.topLevelKeys)
        let header = try base.fields(try base.required(top, "instrument"), allowed: ["id", "title", "dated", "currency"])
        let id = try base.text(try base.required(header, "id"))
        let title = try base.text(try base.required(header, "title"))
        let dated = try calendarDate(try base.required(header, "dated"))
        let currency = try base.currencyCode(try base.required(header, "currency"))
        let calendar = try base.readCalendar(base.optional(top, "calendar"))

        var link: EscrowLink? = nil
        if let escrow = base.optional(top, "escrow") {
            let map = try base.fields(escrow, allowed: ["id", "condition", "remainderClause"])
            link = EscrowLink(
                escrowID: try base.text(try base.required(map, "id")),
                condition: ConditionID(try base.text(try base.required(map, "condition"))),
                remainderClause: try base.optional(map, "remainderClause").map { (value) throws(AgreementFileError) in
                    try base.text(value)
                })
        }

        var parties: [ObligationParty] = []
        for item in try base.items(try base.required(top, "parties")) {
            let map = try base.fields(item, allowed: ["id", "name", "role"])
            parties.append(
                ObligationParty(
                    id: PartyID(try base.text(try base.required(map, "id"))),
                    name: try base.text(try base.required(map, "name")),
                    role: try base.choice(try base.required(map, "role"), ObligationPartyRole.allCases)))
        }

        var obligations: [Obligation] = []
        for item in try base.items(try base.required(top, "obligations")) {
            obligations.append(try readObligation(item, currency))
        }

        var restrictions: [Restriction] = []
        if let list = base.optional(top, "restrictions") {
            for item in try base.items(list) {
                let map = try base.fields(
                    item,
                    allowed: ["id", "clause", "title", "parties", "kind", "series", "refusal", "untilPerformed", "orBusinessDaysAfterDated"])
                restrictions.append(
                    Restriction(
                        id: try base.text(try base.required(map, "id")),
                        clause: try base.text(try base.required(map, "clause")),
                        title: try base.text(try base.required(map, "title")),
                        parties: try partyList(try base.required(map, "parties")),
                        kind: try base.choice(try base.required(map, "kind"), Restriction.Kind.allCases),
                        series: try base.optional(map, "series").map { (value) throws(AgreementFileError) in
                            try base.items(value).map { (item) throws(AgreementFileError) in WarrantSeries(try base.text(item)) }
                        } ?? [],
                        refusal: try base.optional(map, "refusal").map { (value) throws(AgreementFileError) in try base.text(value) },
                        untilPerformed: try base.text(try base.required(map, "untilPerformed")),
                        orBusinessDaysAfterDated: try base.optional(map, "orBusinessDaysAfterDated").map {
                            (value) throws(AgreementFileError) in try count(value)
                        }))
            }
        }

        var provisions: [Provision] = []
        if let list = base.optional(top, "provisions") {
            for item in try base.items(list) {
                let map = try base.fields(item, allowed: ["clause", "text"])
                provisions.append(
                    Provision(
                        clause: try base.text(try base.required(map, "clause")),
                        text: try base.text(try base.required(map, "text"))))
            }
        }

        let reading = try base.optional(top, "damagesReading").map { (value) throws(AgreementFileError) in
            try base.choice(value, PeriodReading.allCases)
        }

        return ObligationTerms(
            id: id, title: title, dated: dated, currency: currency, calendar: calendar, escrowLink: link,
            parties: parties, obligations: obligations, restrictions: restrictions, provisions: provisions,
            damagesReading: reading ?? .wholePeriods, acts: try readActs(base.optional(top, "acts")),
            warrantSeries: try readWarrantSeries(base.optional(top, "warrantSeries")),
            numberedClausesAs: try base.optional(top, "numberedClausesAs").map { (value) throws(AgreementFileError) in try base.text(value) })
    }

    static let obligationKeys = [
        "id", "clause", "title", "from", "to", "kind", "amount", "security", "shares", "exercisePrice",
        "exercisableYears", "acts", "item", "due", "consequence", "satisfiedBy", "payableFromEscrowRemainder",
    ]

    enum PerformanceKind: String, CaseIterable {
        case payment, issuance, corporateAct, delivery
    }

    enum ConsequenceKind: String, CaseIterable {
        case flag, terminate, penalty, refund
    }

    mutating func readObligation(_ item: Located, _ currency: Currency) throws(AgreementFileError) -> Obligation {
        let map = try base.fields(item, allowed: Self.obligationKeys)
        let id = try base.text(try base.required(map, "id"))
        let clause = try base.text(try base.required(map, "clause"))
        let title = try base.text(try base.required(map, "title"))
        let from = try partyList(try base.required(map, "from"))
        let to = try partyList(try base.required(map, "to"))
        let kindValue = try base.required(map, "kind")
        let kind = try base.choice(kindValue, PerformanceKind.allCases)
        let allowedByKind: [PerformanceKind: [String]] = [
            .payment: ["amount"], .issuance: ["security", "shares", "exercisePrice", "exercisableYears"],
            .corporateAct: ["acts"], .delivery: ["item"],
        ]
        for (other, keys) in allowedByKind where other != kind {
            for key in keys where base.optional(map, key) != nil && !(allowedByKind[kind] ?? []).contains(key) {
                throw AgreementFileError(
                    sourceName: sourceName, line: map.entries[key]?.key.mark?.line,
                    column: map.entries[key]?.key.mark?.column, field: map.path(key),
                    message: "'\(key)' belongs to a \(other.rawValue) obligation, not a \(kind.rawValue) one")
            }
        }
        let performance: Performance
        switch kind {
        case .payment:
            let value = try base.required(map, "amount")
            let amount = try base.money(value, currency)
            guard amount.isPositive else { throw base.failure(value, "a payment must be positive, not \(amount)") }
            performance = .payment(amount)
        case .issuance:
            let sharesValue = try base.required(map, "shares")
            let shares = try base.wholeNumber(sharesValue)
            guard shares > 0 else { throw base.failure(sharesValue, "an issuance must cover a positive number of shares") }
            performance = .issuance(
                SecuritiesIssue(
                    security: try base.text(try base.required(map, "security")), shares: shares,
                    exercisePrice: try base.optional(map, "exercisePrice").map { (value) throws(AgreementFileError) in
                        try base.money(value, currency)
                    },
                    exercisableYears: try base.optional(map, "exercisableYears").map {
                        (value) throws(AgreementFileError) in try count(value)
                    }))
        case .corporateAct:
            let value = try base.required(map, "acts")
            var acts: [CorporateAct] = []
            for act in try base.items(value) { acts.append(CorporateAct(try base.text(act))) }
            guard !acts.isEmpty else { throw base.failure(value, "name at least one corporate act") }
            performance = .corporateAct(acts)
        case .delivery:
            performance = .delivery(try base.text(try base.required(map, "item")))
        }

        let due = try readDue(try base.required(map, "due"))
        let consequence = try readConsequence(try base.required(map, "consequence"), currency)
        let satisfiedBy = try base.optional(map, "satisfiedBy").map { (value) throws(AgreementFileError) in
            try base.text(value)
        }
        var payable = false
        if let value = base.optional(map, "payableFromEscrowRemainder") {
            let literal = try base.text(value)
            guard literal == "true" || literal == "false" else {
                throw base.failure(value, "'\(literal)' is not true or false")
            }
            payable = literal == "true"
        }
        return Obligation(
            id: id, clause: clause, title: title, obligors: from, beneficiaries: to, performance: performance,
            due: due, consequence: consequence, satisfiedBy: satisfiedBy, payableFromEscrowRemainder: payable)
    }

    mutating func readDue(_ value: Located) throws(AgreementFileError) -> DueRule {
        let map = try base.fields(
            value, allowed: ["on", "daysAfterDated", "businessDaysAfterDated", "daysAfter", "businessDaysAfter", "days"])
        let forms = ["on", "daysAfterDated", "businessDaysAfterDated", "daysAfter", "businessDaysAfter"]
            .filter { base.optional(map, $0) != nil }
        guard forms.count == 1, let form = forms.first else {
            throw base.failure(
                value,
                "write exactly one of on, daysAfterDated, businessDaysAfterDated, daysAfter (with days), "
                    + "businessDaysAfter (with days)")
        }
        let formValue = try base.required(map, form)
        let daysValue = base.optional(map, "days")
        if form == "daysAfter" || form == "businessDaysAfter" {
            guard let daysValue else {
                throw base.failure(value, "'\(form)' names an obligation; say how many days after it with 'days'")
            }
            let days = try count(daysValue)
            let anchor = try base.text(formValue)
            return .afterPerformance(of: anchor, form == "daysAfter" ? .calendarDays(days) : .businessDays(days))
        }
        if let daysValue { throw base.failure(daysValue, "'days' goes with daysAfter or businessDaysAfter only") }
        switch form {
        case "on": return .on(try calendarDate(formValue))
        case "daysAfterDated": return .afterDated(.calendarDays(try count(formValue)))
        default: return .afterDated(.businessDays(try count(formValue)))
        }
    }

    mutating func readConsequence(_ value: Located, _ currency: Currency) throws(AgreementFileError) -> Consequence {
        let map = try base.fields(value, allowed: ["kind", "instrument", "amount", "everyDays"])
        let kind = try base.choice(try base.required(map, "kind"), ConsequenceKind.allCases)
        let extra: [String] =
            switch kind {
            case .terminate: ["amount", "everyDays"]
            case .penalty: ["instrument"]
            case .flag, .refund: ["instrument", "amount", "everyDays"]
            }
        for key in extra {
            if let stray = base.optional(map, key) {
                throw base.failure(stray, "'\(key)' does not belong to a \(kind.rawValue) consequence")
            }
        }
        switch kind {
        case .flag: return .flag
        case .refund: return .refund
        case .terminate: return .terminate(instrument: try base.text(try base.required(map, "instrument")))
        case .penalty:
            let amountValue = try base.required(map, "amount")
            let amount = try base.money(amountValue, currency)
            guard amount.isPositive else { throw base.failure(amountValue, "a penalty must be positive, not \(amount)") }
            let everyValue = try base.required(map, "everyDays")
            let every = try count(everyValue)
            guard every > 0 else { throw base.failure(everyValue, "a penalty period must be at least one day") }
            return .penalty(amount: amount, everyDays: every)
        }
    }

    // MARK: Values

    mutating func partyList(_ value: Located) throws(AgreementFileError) -> [ObligationPartyReference] {
        var result: [ObligationPartyReference] = []
        for item in try base.items(value) {
            let name = try base.text(item)
            result.append(name == Self.holdersWord ? .everyHolder : .party(PartyID(name)))
        }
        guard !result.isEmpty else { throw base.failure(value, "name at least one party") }
        return result
    }

    /// A whole number from zero to 100,000.
    func count(_ value: Located) throws(AgreementFileError) -> Int {
        let number = try base.wholeNumber(value)
        guard number >= 0, number <= 100_000 else {
            throw base.failure(value, "\(number) is not a count from 0 to 100000")
        }
        return Int(number)
    }

    /// A date inside the years the business calendar answers for.
    func calendarDate(_ value: Located) throws(AgreementFileError) -> CivilDate {
        let date = try base.date(value)
        guard BusinessCalendar.supportedYears.contains(date.year) else {
            throw base.failure(value, "\(date) is outside the calendar's years \(BusinessCalendar.supportedYears)")
        }
        return date
    }

    // MARK: Rules across sections

    func validate(_ terms: ObligationTerms) throws(AgreementFileError) {
        func fail(_ path: String, _ message: String) -> AgreementFileError {
            let location = base.locations[path]
            return AgreementFileError(
                sourceName: sourceName, line: location?.line, column: location?.column, field: path, message: message)
        }
        let ids: [String] = [terms.id] + terms.parties.map(\.id.rawValue) + terms.obligations.map(\.id)
            + terms.restrictions.map(\.id)
        let idPaths = ["instrument.id"] + terms.parties.indices.map { "parties[\($0)].id" }
            + terms.obligations.indices.map { "obligations[\($0)].id" }
            + terms.restrictions.indices.map { "restrictions[\($0)].id" }
        for (id, path) in zip(ids, idPaths) {
            let allowed = id.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_.".unicodeScalars.contains($0)
            }
            guard !id.isEmpty, allowed else {
                throw fail(path, "'\(id)' is not an id; use letters, digits, '-', '_' and '.' only")
            }
        }
        var seenParties = Set<PartyID>()
        for (index, party) in terms.parties.enumerated() {
            guard party.id.rawValue != Self.holdersWord else {
                throw fail("parties[\(index)].id", "'holders' is reserved for every holder; choose another id")
            }
            guard seenParties.insert(party.id).inserted else {
                throw fail("parties[\(index)].id", "two parties share the id '\(party.id)'")
            }
        }
        var seenObligations = Set<String>()
        for (index, obligation) in terms.obligations.enumerated() {
            guard seenObligations.insert(obligation.id).inserted else {
                throw fail("obligations[\(index)].id", "two obligations share the id '\(obligation.id)'")
            }
        }
        func checkParties(_ list: [ObligationPartyReference], _ path: String) throws(AgreementFileError) {
            for (index, reference) in list.enumerated() {
                if case .party(let id) = reference, !seenParties.contains(id) {
                    throw fail("\(path)[\(index)]", "no party has the id '\(id)'")
                }
                if reference == .everyHolder, !terms.parties.contains(where: { $0.role == .holder }) {
                    throw fail("\(path)[\(index)]", "'holders' names every holder, but no party is a holder")
                }
            }
        }
        for (index, obligation) in terms.obligations.enumerated() {
            let path = "obligations[\(index)]"
            try checkParties(obligation.obligors, "\(path).from")
            try checkParties(obligation.beneficiaries, "\(path).to")
            if case .afterPerformance(let anchor, _) = obligation.due {
                guard anchor != obligation.id, seenObligations.contains(anchor) else {
                    let field = "\(path).due." + (base.locations["\(path).due.daysAfter"] != nil ? "daysAfter" : "businessDaysAfter")
                    throw fail(field, "'\(anchor)' is not the id of another obligation")
                }
                if case .afterPerformance = terms.obligation(anchor)?.due {
                    throw fail("\(path).due", "'\(anchor)' is itself due after another obligation; chain one step only")
                }
            }
            if let satisfiedBy = obligation.satisfiedBy {
                guard satisfiedBy != obligation.id, seenObligations.contains(satisfiedBy) else {
                    throw fail("\(path).satisfiedBy", "'\(satisfiedBy)' is not the id of another obligation")
                }
            }
            if case .on(let date) = obligation.due, date < terms.dated {
                throw fail("\(path).due.on", "\(date) is before the instrument's date \(terms.dated)")
            }
        }
        try validateDeclarations(terms, fail)
        var seenRestrictions = Set<String>()
        for (index, restriction) in terms.restrictions.enumerated() {
            let path = "restrictions[\(index)]"
            guard seenRestrictions.insert(restriction.id).inserted else {
                throw fail("\(path).id", "two restrictions share the id '\(restriction.id)'")
            }
            try checkParties(restriction.parties, "\(path).parties")
            guard seenObligations.contains(restriction.untilPerformed) else {
                throw fail("\(path).untilPerformed", "'\(restriction.untilPerformed)' is not the id of an obligation")
            }
            for (j, series) in restriction.series.enumerated() where terms.series(series) == nil {
                throw fail("\(path).series[\(j)]", "'\(series)' is not a warrant series the file declares under warrantSeries")
            }
            if !restriction.series.isEmpty, restriction.kind != .noWarrantExercise {
                throw fail("\(path).series", "'series' belongs to a noWarrantExercise restriction only")
            }
        }
    }
}
