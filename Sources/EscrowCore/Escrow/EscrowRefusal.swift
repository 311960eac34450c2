/// Why a command was refused: the rule that refused it (``cause``), the clause that rule is in
/// as this agreement numbers it (``clause``) and a plain sentence (``reason``). A refused
/// command changes nothing.
///
/// The sentence and the citation are made by the cause, against the escrow's terms (its
/// numbering, the release instrument's title) and state (party names), at the moment of the
/// refusal; nothing about them is written where the refusal is thrown.
public struct EscrowRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule that refused, with the values it refused on.
    public let cause: Cause
    /// The clause (or clauses) that refuse, as the agreement numbers them, e.g. `1.5, Exhibit A`.
    public let clause: String
    /// The plain sentence, e.g. `Release Notice lacks counterparts from Purchaser 3`.
    public let reason: String

    /// What kind of refusal, so a boundary can choose an exit code or status.
    public var kind: Kind { cause.kind }

    /// What kind of refusal a cause is.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The agreement forbids it now.
        case forbidden
        /// The input is wrong: unknown party, malformed amount, bad signature.
        case invalid
        /// It was already done (signed twice, released twice).
        case alreadyDone
        /// The escrow or the thing named does not exist.
        case notFound
    }

    /// A refusal of a command to the escrow in `state`: cited as its agreement numbers the
    /// rule, worded with its parties' names.
    public init(_ cause: Cause, in state: EscrowState) {
        self.init(cause, RefusalContext(terms: state.terms, state: state))
    }

    /// A refusal outside any escrow's state (opening one, moving a store), cited as `terms`
    /// number the rule, or as the 2005 reference agreement does when there are no terms.
    public init(_ cause: Cause, terms: AgreementTerms? = nil) {
        self.init(cause, RefusalContext(terms: terms, state: nil))
    }

    init(_ cause: Cause, _ context: RefusalContext) {
        self.cause = cause
        self.clause = context.cite(cause.citation(in: context))
        self.reason = cause.sentence(in: context)
    }

    /// `Release Notice lacks counterparts from Purchaser 3 (1.5, Exhibit A)`.
    public var description: String { "\(reason) (\(clause))" }
}

/// What a refusal is worded and cited against: the escrow's terms and, when there is one,
/// its state (successors' names, conditions requested under the further-instruments rule,
/// who must sign what).
struct RefusalContext {
    let terms: AgreementTerms?
    let state: EscrowState?

    func name(_ party: PartyID) -> String {
        state?.displayName(party) ?? terms?.party(party)?.name ?? party.rawValue
    }

    func names(_ parties: [PartyID]) -> String {
        parties.map(name).joined(separator: ", ")
    }

    /// The parts cited together, as the terms number them; without terms, as the 2005
    /// reference agreement does.
    func cite(_ parts: [Citation]) -> String {
        terms?.cite(parts) ?? Citation.referenceCitation(parts)
    }

    /// The number of a rule for use inside a sentence ("the 1.7 deadline"), or `nil` when the
    /// agreement gives it none.
    func number(_ rule: Rule) -> String? {
        terms.map { $0.number(of: rule) } ?? ReferenceAgreement.clauseNumber(of: rule)
    }

    /// The release instrument's title, `Release Notice` in the reference deal.
    var releaseTitle: String { terms?.releaseInstrument.title ?? "release instrument" }

    /// How a sentence names an instrument: its title for the release instrument, and the
    /// title the file's `instruments:` section gives the others.
    func title(_ instrument: Instrument) -> String {
        terms == nil ? instrument.title(releaseTitle: releaseTitle) : instrument.title(in: terms)
    }

    /// A condition of the terms, or a further instrument the state requested.
    func condition(_ id: ConditionID) -> (title: String, from: [PartyID], citation: [Citation])? {
        if let condition = terms?.conditions.first(where: { $0.id == id }) {
            return (condition.title, terms?.expand(condition.from) ?? [], [.stated(condition.clause)])
        }
        if let request = state?.furtherInstruments.first(where: { $0.condition == id }) {
            return (request.title, request.from, [.rule(.furtherInstruments)])
        }
        return nil
    }
}
