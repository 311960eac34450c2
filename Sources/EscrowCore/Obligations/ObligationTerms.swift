/// An instrument of obligations read from an obligation file: who owes what to whom, by when,
/// and what follows when it is missed.
///
/// The reference example is the Omnibus Consent and Waiver of 18 August 2005 (Exhibit B to the
/// escrow agreement, with its Schedule A). It is kept apart from the escrow's own terms: the
/// escrow only needs the waiver delivered (condition `nir-waiver`), while the waiver's own
/// promises run on their own dates. The format is documented in `docs/obligations-format.md`.
public struct ObligationTerms: Hashable, Sendable {
    /// A short stable name, e.g. `nir-waiver-2005`.
    public var id: String
    /// The instrument's title, e.g. `Omnibus Consent and Waiver`.
    public var title: String
    /// The date it is made as of; spans "of the date hereof" count from it.
    public var dated: CivilDate
    /// The currency of every amount in the file.
    public var currency: Currency
    /// The business-day calendar the deadlines are counted on.
    public var calendar: CalendarTerms
    /// The escrow this instrument belongs to, when it belongs to one.
    public var escrowLink: EscrowLink?
    /// Everyone the instrument names.
    public var parties: [ObligationParty]
    /// What each party must do, by when.
    public var obligations: [Obligation]
    /// What a party may not do until something has happened, and requirements waived for a time.
    public var restrictions: [Restriction]
    /// Provisions that oblige nobody to act on a date (consents, governing law), kept so the
    /// instrument is complete.
    public var provisions: [Provision]
    /// How "for every seven day period" is counted, as the file chooses.
    public var damagesReading: PeriodReading
    /// The corporate acts the instrument's obligations may call for, as the file declares them.
    public var acts: [CorporateActTerms]
    /// The warrant series the instrument speaks of, as the file declares them.
    public var warrantSeries: [WarrantSeriesTerms]
    /// The word a bare clause number is cited with (`item` makes `"5"` read `item 5`), or `nil`
    /// to cite every clause as written.
    public var numberedClausesAs: String?

    /// Builds terms; the file parser is the usual caller.
    public init(
        id: String, title: String, dated: CivilDate, currency: Currency, calendar: CalendarTerms = CalendarTerms(),
        escrowLink: EscrowLink? = nil, parties: [ObligationParty], obligations: [Obligation],
        restrictions: [Restriction] = [], provisions: [Provision] = [], damagesReading: PeriodReading = .wholePeriods,
        acts: [CorporateActTerms] = [], warrantSeries: [WarrantSeriesTerms] = [], numberedClausesAs: String? = nil
    ) {
        self.id = id
        self.title = title
        self.dated = dated
        self.currency = currency
        self.calendar = calendar
        self.escrowLink = escrowLink
        self.parties = parties
        self.obligations = obligations
        self.restrictions = restrictions
        self.provisions = provisions
        self.damagesReading = damagesReading
        self.acts = acts
        self.warrantSeries = warrantSeries
        self.numberedClausesAs = numberedClausesAs
    }

    /// How a clause is cited: as written, or a bare number with the file's word before it
    /// (`numberedClausesAs: item` cites `"5"` as `item 5`).
    public func cite(_ clause: String) -> String {
        guard let word = numberedClausesAs, !clause.isEmpty, clause.allSatisfy(\.isNumber) else { return clause }
        return "\(word) \(clause)"
    }

    /// The warrant series with this id, as declared.
    public func series(_ id: WarrantSeries) -> WarrantSeriesTerms? { warrantSeries.first { $0.id == id } }

    /// The party with this id.
    public func party(_ id: PartyID) -> ObligationParty? { parties.first { $0.id == id } }

    /// The obligation with this id.
    public func obligation(_ id: String) -> Obligation? { obligations.first { $0.id == id } }

    /// The restriction with this id.
    public func restriction(_ id: String) -> Restriction? { restrictions.first { $0.id == id } }

    /// The parties a reference list stands for, in file order, each once.
    public func resolve(_ references: [ObligationPartyReference]) -> [ObligationParty] {
        var result: [ObligationParty] = []
        for reference in references {
            let matches: [ObligationParty] =
                switch reference {
                case .party(let id): parties.filter { $0.id == id }
                case .everyHolder: parties.filter { $0.role == .holder }
                }
            for party in matches where !result.contains(party) { result.append(party) }
        }
        return result
    }

    /// The business-day calendar the file names.
    public var businessCalendar: BusinessCalendar { BusinessCalendar(terms: calendar) }
}

/// How an obligation instrument hangs on an escrow.
public struct EscrowLink: Hashable, Sendable {
    /// The escrow agreement's id, e.g. `roo-group-2005`.
    public var escrowID: String
    /// The escrow condition this instrument satisfies when delivered, e.g. `nir-waiver`.
    public var condition: ConditionID
    /// The escrow clause whose payments may perform a payment obligation, e.g. `"1.6"`.
    public var remainderClause: String?

    /// Builds a link.
    public init(escrowID: String, condition: ConditionID, remainderClause: String? = nil) {
        self.escrowID = escrowID
        self.condition = condition
        self.remainderClause = remainderClause
    }
}

/// A party to an obligation instrument.
public struct ObligationParty: Hashable, Sendable {
    /// How the file refers to the party.
    public var id: PartyID
    /// Its legal name.
    public var name: String
    /// Its part in the instrument.
    public var role: ObligationPartyRole

    /// Builds a party.
    public init(id: PartyID, name: String, role: ObligationPartyRole) {
        self.id = id
        self.name = name
        self.role = role
    }
}

/// The part a party plays in an obligation instrument.
public enum ObligationPartyRole: String, Hashable, Sendable, CaseIterable {
    /// The issuer, which owes most of the acts.
    case company
    /// A holder of the company's notes and warrants.
    case holder
    /// Anyone else named, e.g. the escrow agent.
    case other
}

/// A reference to parties in an obligation file: one party, or every holder.
public enum ObligationPartyReference: Hashable, Sendable {
    /// One party by id.
    case party(PartyID)
    /// Every party whose role is `holder` (written `holders`).
    case everyHolder
}

/// One thing a party must do by a date.
public struct Obligation: Hashable, Sendable {
    /// Unique among the obligations, e.g. `prepayment-cash`.
    public var id: String
    /// The clause that imposes it, e.g. `"Schedule A 1"`, `"5"`.
    public var clause: String
    /// What it is, in the instrument's words.
    public var title: String
    /// Who owes it.
    public var obligors: [ObligationPartyReference]
    /// Who it is owed to.
    public var beneficiaries: [ObligationPartyReference]
    /// What performing it means.
    public var performance: Performance
    /// When it is due.
    public var due: DueRule
    /// What follows when it is not performed in time.
    public var consequence: Consequence
    /// Another obligation whose performance performs this one too (item 8's "complete the
    /// Optional Prepayment" is done by Schedule A 1's payment).
    public var satisfiedBy: String?
    /// Whether the company may have the escrow agent pay it out of the escrow's remainder.
    public var payableFromEscrowRemainder: Bool

    /// Builds an obligation.
    public init(
        id: String, clause: String, title: String, obligors: [ObligationPartyReference],
        beneficiaries: [ObligationPartyReference], performance: Performance, due: DueRule,
        consequence: Consequence, satisfiedBy: String? = nil, payableFromEscrowRemainder: Bool = false
    ) {
        self.id = id
        self.clause = clause
        self.title = title
        self.obligors = obligors
        self.beneficiaries = beneficiaries
        self.performance = performance
        self.due = due
        self.consequence = consequence
        self.satisfiedBy = satisfiedBy
        self.payableFromEscrowRemainder = payableFromEscrowRemainder
    }
}

/// What performing an obligation means.
public enum Performance: Hashable, Sendable {
    /// Paying an exact amount.
    case payment(Money)
    /// Issuing securities, e.g. warrants for 3,000,000 shares at $0.03, exercisable 5 years.
    case issuance(SecuritiesIssue)
    /// A corporate act; any one of the acts listed performs it (a reverse split, or an
    /// increase in authorized shares).
    case corporateAct([CorporateAct])
    /// Delivering a document or thing.
    case delivery(String)
}

/// Securities an obligation requires issued.
public struct SecuritiesIssue: Hashable, Sendable {
    /// What is issued, e.g. `Prepayment Warrants`.
    public var security: String
    /// How many shares it covers.
    public var shares: Int64
    /// The fixed exercise price per share, for warrants.
    public var exercisePrice: Money?
    /// For how many years after issue the securities may be exercised.
    public var exercisableYears: Int?

    /// Builds an issue.
    public init(security: String, shares: Int64, exercisePrice: Money? = nil, exercisableYears: Int? = nil) {
        self.security = security
        self.shares = shares
        self.exercisePrice = exercisePrice
        self.exercisableYears = exercisableYears
    }
}

/// Marks an ``Identifier`` as naming a corporate act; never instantiated.
public enum CorporateActKind {}
/// A corporate act an obligation can call for, by the id the obligation file's `acts:` section
/// declares (the reference waiver's are `reverseSplit` and `authorizedShareIncrease`).
public typealias CorporateAct = Identifier<CorporateActKind>

/// A corporate act as the obligation file declares it.
public struct CorporateActTerms: Hashable, Sendable {
    /// How obligations and commands name it, e.g. `reverseSplit`.
    public var id: CorporateAct
    /// What it is, in the instrument's words.
    public var title: String

    /// Declares an act.
    public init(id: CorporateAct, title: String) {
        self.id = id
        self.title = title
    }
}

/// Marks an ``Identifier`` as naming a warrant series; never instantiated.
public enum WarrantSeriesKind {}
/// Which warrants a holder means to exercise, by the id the obligation file's `warrantSeries:`
/// section declares (the reference waiver's are `existing` and `prepayment`).
public typealias WarrantSeries = Identifier<WarrantSeriesKind>

/// A series of warrants as the obligation file declares it.
public struct WarrantSeriesTerms: Hashable, Sendable {
    /// How commands and restrictions name it, e.g. `prepayment`.
    public var id: WarrantSeries
    /// What the instrument calls it, e.g. `Prepayment Warrants`.
    public var title: String
    /// The issuance obligation that issues it, when the instrument issues it; `nil` for warrants
    /// the holders already hold.
    public var issuedBy: String?

    /// Declares a series.
    public init(id: WarrantSeries, title: String, issuedBy: String? = nil) {
        self.id = id
        self.title = title
        self.issuedBy = issuedBy
    }
}

/// When an obligation is due.
public enum DueRule: Hashable, Sendable {
    /// On a fixed date.
    case on(CivilDate)
    /// A span after the instrument's date.
    case afterDated(Span)
    /// A span after another obligation is performed (the warrants, after the split).
    case afterPerformance(of: String, Span)
}

/// A span of days: "within 75 days", "within five (5) business days".
public enum Span: Hashable, Sendable, CustomStringConvertible {
    /// Calendar days.
    case calendarDays(Int)
    /// Business days on the instrument's calendar.
    case businessDays(Int)

    /// The date the span ends, counted from `start` (the start itself not counted); throws
    /// when a business-day count runs outside the calendar's years.
    public func end(from start: CivilDate, calendar: BusinessCalendar) throws(CalendarError) -> CivilDate {
        switch self {
        case .calendarDays(let days): start.adding(days: days)
        case .businessDays(let days): try calendar.adding(businessDays: days, to: start)
        }
    }

    /// "75 days", "5 business days".
    public var description: String {
        switch self {
        case .calendarDays(let days): days == 1 ? "1 day" : "\(days) days"
        case .businessDays(let days): days == 1 ? "1 business day" : "\(days) business days"
        }
    }
}

/// What follows when an obligation is missed.
public enum Consequence: Hashable, Sendable {
    /// Nothing by itself; the miss is flagged for the parties.
    case flag
    /// The named instrument terminates and its provisions are void.
    case terminate(instrument: String)
    /// A penalty accrues per period of days until the obligation is performed.
    case penalty(amount: Money, everyDays: Int)
    /// Money paid is refunded.
    case refund
}

/// Something a party may not do until an obligation is performed, or a requirement waived for
/// a period.
public struct Restriction: Hashable, Sendable {
    /// Unique among the restrictions, e.g. `no-warrant-exercise`.
    public var id: String
    /// The clause, e.g. `"4"`.
    public var clause: String
    /// What it says, in the instrument's words.
    public var title: String
    /// Whose acts it restricts, or who benefits from the waiver.
    public var parties: [ObligationPartyReference]
    /// What it restricts.
    public var kind: Kind
    /// For `noWarrantExercise`: the series it restricts; empty means every series the
    /// instrument does not issue itself.
    public var series: [WarrantSeries]
    /// The sentence an act it forbids is refused with, in the instrument's words; `nil` gives
    /// one made from the title.
    public var refusal: String?
    /// The obligation whose performance ends it.
    public var untilPerformed: String
    /// When set, it also ends this many business days after the instrument's date, whichever
    /// comes first (item 3).
    public var orBusinessDaysAfterDated: Int?

    /// What a restriction does, among the acts the engine knows: forbid exercising warrants
    /// (of the series it names), forbid converting notes, or waive a requirement for a period.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The parties may not exercise warrants of the restricted series.
        case noWarrantExercise
        /// The parties may not convert their notes.
        case noConversion
        /// A requirement is waived for the period; it ends the day the obligation is performed.
        case waivedRequirement
    }

    /// Builds a restriction.
    public init(
        id: String, clause: String, title: String, parties: [ObligationPartyReference], kind: Kind,
        series: [WarrantSeries] = [], refusal: String? = nil, untilPerformed: String, orBusinessDaysAfterDated: Int? = nil
    ) {
        self.id = id
        self.clause = clause
        self.title = title
        self.parties = parties
        self.kind = kind
        self.series = series
        self.refusal = refusal
        self.untilPerformed = untilPerformed
        self.orBusinessDaysAfterDated = orBusinessDaysAfterDated
    }
}

/// A provision that sets no date: a consent, a waiver of notice, governing law.
public struct Provision: Hashable, Sendable {
    /// The clause, e.g. `"1"`.
    public var clause: String
    /// What it says.
    public var text: String

    /// Builds a provision.
    public init(clause: String, text: String) {
        self.clause = clause
        self.text = text
    }
}

/// How "for every seven day period until performed" is counted.
public enum PeriodReading: String, Hashable, Sendable, CaseIterable, Codable {
    /// Only whole periods elapsed count: 30 days late is 4 periods.
    case wholePeriods
    /// Every period begun counts: 30 days late is 5 periods.
    case periodsBegun
}
