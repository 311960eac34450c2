import Foundation

/// The rules agreement terms must meet before an escrow runs on them: those that look at more
/// than one value (ids unique, references resolve, amounts add up) and those that hold for
/// terms built in code as much as for terms read from a file (amounts positive, a release
/// instrument with signers).
///
/// Field paths are the file's (`refund.unless`, not `unlessCondition`), and when the terms
/// came from a file each error carries the line of the offending value, taken from the
/// locations the reader recorded.
struct AgreementTermsValidator {
    let terms: AgreementTerms
    let sourceName: String
    let locations: [String: AgreementFile.SourceLocation]

    func validate() throws(AgreementFileError) {
        try checkHeader()
        try checkCalendar()
        let parties = try checkParties()
        try checkOffering()
        let aggregate = try checkSubscriptions(parties)
        try checkDepositInstructions()
        let conditions = try checkConditions(parties)
        try checkReleaseInstrument(parties)
        try checkDisbursement(parties, aggregate: aggregate)
        try checkRefund(conditions)
        try checkClauses()
        try checkInstruments(parties)
        try checkNotices(parties)
    }

    // MARK: Sections

    func checkHeader() throws(AgreementFileError) {
        try identifier(terms.id, "agreement.id", what: "the agreement id")
        try nonEmpty(terms.title, "agreement.title", what: "the title")
        // Deadlines are counted on a calendar that holds these years; the last year is kept
        // free so a deadline counted from a date in it still lands inside the calendar.
        let covered = terms.calendar.name.years
        let years = covered.lowerBound...(covered.upperBound - 1)
        guard years.contains(terms.dated.year) else {
            throw failure(
                "agreement.dated",
                "the agreement date must fall in the years \(years.lowerBound) to \(years.upperBound) "
                    + "(the \(terms.calendar.name.rawValue) calendar's)")
        }
    }

    func checkCalendar() throws(AgreementFileError) {
        let zone = terms.calendar.timeZoneIdentifier
        guard !zone.isEmpty, TimeZone(identifier: zone) != nil else {
            throw failure(
                "calendar.timeZone",
                "unknown time zone '\(zone)'; write an IANA time zone name such as America/New_York")
        }
        try checkCalendarDates()
    }

    /// Returns each party id with its index, for the reference checks that follow.
    func checkParties() throws(AgreementFileError) -> [PartyID: Int] {
        var index: [PartyID: Int] = [:]
        for (i, party) in terms.parties.enumerated() {
            let path = "parties[\(i)]"
            try identifier(party.id.rawValue, "\(path).id", what: "a party id")
            guard party.id.rawValue != AgreementFileReader.everyPurchaserWord else {
                throw failure(
                    "\(path).id",
                    "'\(party.id)' cannot be a party id: in 'from' and 'signers' lists it means every purchaser")
            }
            if let first = index[party.id] {
                throw failure(
                    "\(path).id",
                    "duplicate party id '\(party.id)'; parties[\(first)]\(lineNote("parties[\(first)].id")) "
                        + "already has it, and each party needs its own id")
            }
            index[party.id] = i
            try nonEmpty(party.name, "\(path).name", what: "the party's name")
        }
        try exactlyOne(.company, what: "company (the issuer)")
        try exactlyOne(.escrowAgent, what: "escrow agent")
        guard terms.parties.contains(where: { $0.role == .purchaser }) else {
            throw failure("parties", "no party has role purchaser; the agreement needs at least one purchaser")
        }
        return index
    }

    func checkOffering() throws(AgreementFileError) {
        guard let offering = terms.offering else { return }
        try nonEmpty(offering.security, "offering.security", what: "the security")
        guard offering.shares > 0 else {
            throw failure("offering.shares", "shares must be positive; found \(offering.shares)")
        }
        try positive(offering.pricePerShare, "offering.pricePerShare", what: "the price per share")
        try positive(offering.total, "offering.total", what: "the total")
        let product = try value(of: offering.shares, at: offering.pricePerShare, "offering.shares")
        guard product == offering.total else {
            throw failure(
                "offering.total",
                "\(offering.shares) shares at \(offering.pricePerShare) come to \(product), "
                    + "not the stated total \(offering.total)")
        }
    }

    /// Returns the aggregate subscription amount (what clause 1.2 waits for).
    func checkSubscriptions(_ parties: [PartyID: Int]) throws(AgreementFileError) -> Money {
        var subscribed: [PartyID: Int] = [:]
        for (i, subscription) in terms.subscriptions.enumerated() {
            let path = "subscriptions[\(i)]"
            let party = try reference(subscription.purchaser, "\(path).purchaser", parties)
            guard party.role == .purchaser else {
                throw failure(
                    "\(path).purchaser",
                    "'\(party.id)' has role \(party.role.rawValue), not purchaser; only purchasers subscribe")
            }
            if let first = subscribed[party.id] {
                throw failure(
                    "\(path).purchaser",
                    "purchaser '\(party.id)' already subscribes in subscriptions[\(first)]"
                        + "\(lineNote("subscriptions[\(first)].purchaser")); a purchaser has one subscription")
            }
            subscribed[party.id] = i
            if let shares = subscription.shares {
                guard shares > 0 else {
                    throw failure("\(path).shares", "shares must be positive; found \(shares)")
                }
            }
            try positive(subscription.amount, "\(path).amount", what: "amount")
            if let shares = subscription.shares, let offering = terms.offering {
                let product = try value(of: shares, at: offering.pricePerShare, "\(path).shares")
                guard product == subscription.amount else {
                    throw failure(
                        "\(path).amount",
                        "\(shares) shares at \(offering.pricePerShare) come to \(product), "
                            + "not \(subscription.amount)")
                }
            }
        }
        for (i, party) in terms.parties.enumerated() where party.role == .purchaser {
            guard subscribed[party.id] != nil else {
                throw failure(
                    "parties[\(i)].id", "purchaser '\(party.id)' has no subscription; every purchaser has one")
            }
        }
        let aggregate: Money
        do {
            aggregate = try Money.sum(terms.subscriptions.map(\.amount), terms.currency)
        } catch {
            throw failure("subscriptions", "the subscriptions add up to more than this engine can hold")
        }
        guard aggregate.isWithinCeiling else {
            throw failure(
                "subscriptions",
                "the subscriptions add up to \(aggregate), above the largest amount one escrow holds, "
                    + "\(terms.currency.amountCeiling) (limit amountMajorUnitsMax)")
        }
        if let offering = terms.offering, aggregate != offering.total {
            throw failure(
                "offering.total",
                "the subscriptions add up to \(aggregate), not the offering total \(offering.total)")
        }
        return aggregate
    }

    func checkDepositInstructions() throws(AgreementFileError) {
        let deposit = terms.depositInstructions
        try nonEmpty(deposit.bank, "depositInstructions.bank", what: "the bank")
        try nonEmpty(deposit.routingNumber, "depositInstructions.routingNumber", what: "the routing number")
        try nonEmpty(deposit.accountName, "depositInstructions.accountName", what: "the account name")
        try nonEmpty(deposit.accountNumber, "depositInstructions.accountNumber", what: "the account number")
        try nonEmpty(deposit.reference, "depositInstructions.reference", what: "the reference")
    }

    /// Returns each condition id with its index, for the refund check.
    func checkConditions(_ parties: [PartyID: Int]) throws(AgreementFileError) -> [ConditionID: Int] {
        var index: [ConditionID: Int] = [:]
        for (i, condition) in terms.conditions.enumerated() {
            let path = "conditions[\(i)]"
            try identifier(condition.id.rawValue, "\(path).id", what: "a condition id")
            if let first = index[condition.id] {
                throw failure(
                    "\(path).id",
                    "duplicate condition id '\(condition.id)'; conditions[\(first)]"
                        + "\(lineNote("conditions[\(first)].id")) already has it")
            }
            index[condition.id] = i
            try nonEmpty(condition.title, "\(path).title", what: "the title")
            try nonEmpty(condition.clause, "\(path).clause", what: "the clause")
            for (j, signer) in condition.from.enumerated() {
                if case .party(let id) = signer { _ = try reference(id, "\(path).from[\(j)]", parties) }
            }
            switch condition.kind {
            case .subscriptionFunds:
                guard condition.from.isEmpty else {
                    throw failure(
                        "\(path).from",
                        "a subscriptionFunds condition is met by the purchasers' deposits and takes no 'from'")
                }
            case .document, .counterparts:
                guard !condition.from.isEmpty else {
                    throw failure(
                        "\(path).from",
                        "a \(condition.kind.rawValue) condition must say in 'from' who delivers it "
                            + "(clause \(condition.clause))")
                }
            }
        }
        return index
    }

    func checkReleaseInstrument(_ parties: [PartyID: Int]) throws(AgreementFileError) {
        let release = terms.releaseInstrument
        try nonEmpty(release.title, "releaseInstrument.title", what: "the title")
        try nonEmpty(release.clause, "releaseInstrument.clause", what: "the clause")
        try nonEmpty(release.text, "releaseInstrument.text", what: "the text")
        guard !release.signers.isEmpty else {
            throw failure(
                "releaseInstrument.signers",
                "missing signer: the \(release.title) takes effect only once executed, so it must name "
                    + "at least one signer (clause \(release.clause))")
        }
        for (j, signer) in release.signers.enumerated() {
            if case .party(let id) = signer { _ = try reference(id, "releaseInstrument.signers[\(j)]", parties) }
        }
    }

    func checkDisbursement(_ parties: [PartyID: Int], aggregate: Money) throws(AgreementFileError) {
        let disbursement = terms.disbursement
        for (i, payment) in disbursement.fixedPayments.enumerated() {
            let path = "disbursement.fixedPayments[\(i)]"
            _ = try reference(payment.payee, "\(path).payee", parties)
            try positive(payment.amount, "\(path).amount", what: "amount")
            try nonEmpty(payment.purpose, "\(path).purpose", what: "the purpose")
            try nonEmpty(payment.clause, "\(path).clause", what: "the clause")
        }
        let fixed: Money
        do {
            fixed = try Money.sum(disbursement.fixedPayments.map(\.amount), terms.currency)
        } catch {
            throw failure("disbursement.fixedPayments", "the fixed payments add up to more than this engine can hold")
        }
        if fixed > aggregate {
            var clauses: [String] = []
            for payment in disbursement.fixedPayments where !clauses.contains(payment.clause) {
                clauses.append(payment.clause)
            }
            throw failure(
                "disbursement.fixedPayments",
                "the fixed payments total \(fixed), more than the aggregate subscription \(aggregate), "
                    + "so they cannot be paid out of the escrow (clause \(clauses.joined(separator: ", ")))")
        }
        _ = try reference(disbursement.remainderPayee, "disbursement.remainder.payee", parties)
        try nonEmpty(disbursement.remainderClause, "disbursement.remainder.clause", what: "the clause")
        try checkPercentagePayments(parties, aggregate: aggregate, fixed: fixed)
    }

    func checkRefund(_ conditions: [ConditionID: Int]) throws(AgreementFileError) {
        guard let refund = terms.refund else { return }
        guard conditions[refund.unlessCondition] != nil else {
            let known = terms.conditions.map(\.id.rawValue)
            var message = "no condition has id '\(refund.unlessCondition)'"
            if let suggestion = AgreementFileReader.closest(to: refund.unlessCondition.rawValue, in: known) {
                message += " (did you mean '\(suggestion)'?)"
            }
            message += "; the refund (clause \(refund.clause)) must name one of the conditions"
            if !known.isEmpty { message += ": " + known.joined(separator: ", ") }
            throw failure("refund.unless", message)
        }
        guard refund.businessDaysAfterAgreementDate <= 250 else {
            throw failure(
                "refund.businessDaysAfterAgreementDate",
                "a refund deadline more than 250 business days (about a year) after the agreement date is not supported")
        }
        guard refund.businessDaysAfterAgreementDate >= 0 else {
            throw failure(
                "refund.businessDaysAfterAgreementDate",
                "business days cannot be negative; found \(refund.businessDaysAfterAgreementDate) "
                    + "(clause \(refund.clause))")
        }
        try nonEmpty(refund.clause, "refund.clause", what: "the clause")
    }

    /// Every number given is text, and a rule that an item also numbers (the refund, the
    /// remainder) has one number: the section and the item must not disagree.
    func checkClauses() throws(AgreementFileError) {
        guard let clauses = terms.clauses else { return }
        for rule in Rule.allCases {
            guard let number = clauses[rule] else { continue }
            try nonEmpty(number, "clauses.\(rule.rawValue)", what: "the clause of rule \(rule.rawValue)")
        }
        var stated: [(rule: Rule, number: String, field: String)] = [
            (.remainder, terms.disbursement.remainderClause, "disbursement.remainder.clause")
        ]
        if let refund = terms.refund { stated.append((.refund, refund.clause, "refund.clause")) }
        for (rule, number, field) in stated {
            guard let numbered = clauses[rule], numbered != number else { continue }
            throw failure(
                "clauses.\(rule.rawValue)",
                "the \(rule.rawValue) rule is numbered '\(numbered)' here but \(field)\(lineNote(field)) says '\(number)'; "
                    + "give it one number")
        }
    }

    // MARK: Rules used by several sections

    /// The party `id` names, or the error for an id that names none.
    func reference(_ id: PartyID, _ field: String, _ parties: [PartyID: Int]) throws(AgreementFileError) -> Party {
        guard let i = parties[id] else {
            let known = terms.parties.map(\.id.rawValue)
            var message = "no party has id '\(id)'"
            if let suggestion = AgreementFileReader.closest(to: id.rawValue, in: known) {
                message += " (did you mean '\(suggestion)'?)"
            }
            message += "; the parties are: " + known.joined(separator: ", ")
            throw failure(field, message)
        }
        return terms.parties[i]
    }

    func exactlyOne(_ role: PartyRole, what: String) throws(AgreementFileError) {
        let holders = terms.parties.indices.filter { terms.parties[$0].role == role }
        guard let first = holders.first else {
            throw failure(
                "parties", "no party has role \(role.rawValue); the agreement needs exactly one \(what)")
        }
        if holders.count > 1 {
            throw failure(
                "parties[\(holders[1])].role",
                "a second party with role \(role.rawValue) (parties[\(first)]\(lineNote("parties[\(first)].role")) "
                    + "is the first); the agreement has exactly one \(what)")
        }
    }

    func positive(_ amount: Money, _ field: String, what: String) throws(AgreementFileError) {
        guard amount.currency == terms.currency else {
            throw failure(
                field, "\(what) is in \(amount.currency.code) but the agreement is in \(terms.currency.code)")
        }
        guard amount.isPositive else {
            throw failure(field, "\(what) must be positive; found \(amount.decimalString)")
        }
        guard amount.isWithinCeiling else {
            throw failure(
                field, "\(what) is above the largest amount accepted, \(terms.currency.amountCeiling) (limit amountMajorUnitsMax)")
        }
    }

    /// Shares times a per-share price, refused rather than wrapped when it overflows.
    func value(of shares: Int64, at price: Money, _ field: String) throws(AgreementFileError) -> Money {
        do {
            return try price.multiplied(by: shares)
        } catch {
            throw failure(field, "\(shares) shares at \(price) come to more than this engine can hold")
        }
    }

    func nonEmpty(_ text: String, _ field: String, what: String) throws(AgreementFileError) {
        guard !text.allSatisfy(\.isWhitespace) else { throw failure(field, "\(what) must not be empty") }
    }

    /// Ids travel into events, URLs and file names, so they keep to a safe alphabet.
    func identifier(_ text: String, _ field: String, what: String) throws(AgreementFileError) {
        let allowed = text.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0))
        }
        guard !text.isEmpty, allowed else {
            throw failure(
                field, "'\(text)' is not usable as \(what); use letters, digits, '-', '_' and '.' only")
        }
    }

    // MARK: Locating errors

    /// An error at `field`, on the line of that field's value or, when it has none of its
    /// own (a default, or terms built in code), of the nearest enclosing value that has one.
    func failure(_ field: String, _ message: String) -> AgreementFileError {
        var path = field
        while true {
            if let location = locations[path] {
                return AgreementFileError(
                    sourceName: sourceName, line: location.line, column: location.column, field: field,
                    message: message)
            }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return AgreementFileError(sourceName: sourceName, line: nil, field: field, message: message)
    }

    /// ` at line 12`, or nothing when the terms did not come from a file.
    func lineNote(_ field: String) -> String {
        locations[field].map { " at line \($0.line)" } ?? ""
    }
}
