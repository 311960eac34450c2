/// A rule of the engine that an agreement states in one of its clauses: what refusals, events,
/// payments and notices cite.
///
/// The engine runs rules, not clause numbers: the same rule is clause 1.7 in the 2005
/// reference agreement and may be clause 4.2 in another. An agreement file maps each rule to
/// its own numbering in its `clauses:` section (see `docs/agreement-format.md`), and
/// ``AgreementTerms/citation(of:)`` reads a rule's citation from there.
public enum Rule: String, Hashable, Sendable, Codable, CodingKeyRepresentable, CaseIterable {
    /// The escrow account holds the funds (1.1 of the reference agreement).
    case escrowAccount
    /// The conditions and the advice of funds received (1.2).
    case advice
    /// How purchasers wire their money in (1.3).
    case depositInstructions
    /// The delivery of the release instrument after the advice (1.4).
    case releaseInstrument
    /// The form of the release instrument (Exhibit A).
    case releaseInstrumentForm
    /// The release of the funds, net of the fixed payments (1.5).
    case release
    /// The remainder, wired per the company's written instructions (1.6).
    case remainder
    /// The refund when the trigger condition is missed (1.7).
    case refund
    /// An extension of time moves only the deadline it names (2.1).
    case deadlineExtensions
    /// Notices in writing (2.2).
    case notices
    /// Amendments in writing, signed by the parties charged (2.4).
    case amendments
    /// The escrow agent's duties, altered only in writing (2.7).
    case agentDuties
    /// The agent's reliance on instruments it believes genuine (2.8).
    case reliance
    /// Warnings the agent may disregard (2.9).
    case warnings
    /// Court orders the agent obeys (2.9).
    case courtOrders
    /// The identity and authority of those who deliver documents (2.10).
    case genuineness
    /// The agent's counsel and their costs (2.11).
    case counselCosts
    /// The agent's resignation by written notice (2.12).
    case resignation
    /// The appointment of a successor agent and the handover to it (2.12).
    case succession
    /// Further instruments the agent requires (2.13).
    case furtherInstruments
    /// Disputes: holding the funds, or delivering them to a court (2.14).
    case dispute
    /// The escrow desk's own controls against wire fraud (maker and checker, call-back); the
    /// 2005 agreement has no such clause.
    case deskControl

    /// How a citation names the rule when the agreement gives it no number, e.g. `refund clause`.
    public var words: String {
        switch self {
        case .escrowAccount: "escrow account clause"
        case .advice: "advice clause"
        case .depositInstructions: "deposit instructions clause"
        case .releaseInstrument: "release instrument clause"
        case .releaseInstrumentForm: "form of the release instrument"
        case .release: "release clause"
        case .remainder: "remainder clause"
        case .refund: "refund clause"
        case .deadlineExtensions: "extensions clause"
        case .notices: "notices clause"
        case .amendments: "amendments clause"
        case .agentDuties: "agent's duties clause"
        case .reliance: "reliance clause"
        case .warnings: "warnings clause"
        case .courtOrders: "court orders clause"
        case .genuineness: "genuineness clause"
        case .counselCosts: "counsel costs clause"
        case .resignation: "resignation clause"
        case .succession: "successor clause"
        case .furtherInstruments: "further instruments clause"
        case .dispute: "disputes clause"
        case .deskControl: "desk control"
        }
    }
}
