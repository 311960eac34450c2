/// One part of what a refusal, an event, a payment or a notice cites.
///
/// A citation is one or more parts joined with `, `, e.g. `1.5, Exhibit A`: rules, numbered
/// as the agreement numbers them, and clause text the agreement file states for one item
/// (a condition's clause, a fixed payment's, the release instrument's).
public enum Citation: Hashable, Sendable {
    /// A rule of the engine, cited as the agreement numbers it (``AgreementTerms/citation(of:)``).
    case rule(Rule)
    /// Clause text the agreement file states for one item, cited as written.
    case stated(String)
}

extension Citation {
    /// The parts' texts joined with `, `, each text once, in order (two rules an agreement
    /// puts in one clause are cited once), with rules cited by `rule`.
    static func join(_ parts: [Citation], citing rule: (Rule) -> String) -> String {
        var cited: [String] = []
        for part in parts {
            let text: String
            switch part {
            case .rule(let named): text = rule(named)
            case .stated(let clause): text = clause
            }
            if !cited.contains(text) { cited.append(text) }
        }
        return cited.joined(separator: ", ")
    }

    /// Cites the parts as the 2005 reference agreement numbers its rules, for a refusal that
    /// belongs to no escrow's terms.
    static func referenceCitation(_ parts: [Citation]) -> String {
        join(parts) { ReferenceAgreement.clauseNumber(of: $0) ?? $0.words }
    }
}

extension AgreementTerms {
    /// The number this agreement gives a rule, or `nil` when it gives none.
    ///
    /// Read from the `clauses:` section first; then from the item that states the rule's
    /// clause itself (`refund.clause`, `disbursement.remainder.clause`); then, for terms
    /// without a `clauses:` section (every escrow recorded before the section existed), from
    /// the 2005 reference agreement's numbering, so their refusals and timelines read as
    /// they always did.
    public func number(of rule: Rule) -> String? {
        if let numbered = clauses?[rule] { return numbered }
        switch rule {
        case .refund:
            if let refund { return refund.clause }
        case .remainder:
            return disbursement.remainderClause
        default:
            break
        }
        guard clauses == nil else { return nil }
        return ReferenceAgreement.clauseNumber(of: rule)
    }

    /// How this agreement cites a rule: its number, or the rule in words when the agreement
    /// gives it none (`refund clause`).
    public func citation(of rule: Rule) -> String {
        number(of: rule) ?? rule.words
    }

    /// Several parts cited together, each once, in order: `1.5, Exhibit A`.
    public func cite(_ parts: [Citation]) -> String {
        Citation.join(parts) { citation(of: $0) }
    }

    /// Several rules cited together: `cite(.release, .remainder)` is `1.5, 1.6` in the
    /// reference agreement.
    public func cite(_ rules: Rule...) -> String {
        cite(rules.map(Citation.rule))
    }
}
