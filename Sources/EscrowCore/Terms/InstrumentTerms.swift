/// The agreement file's `instruments:` section: for each kind of instrument other than the
/// release instrument, its title, its clause and who must sign it.
///
/// `nil` on ``AgreementTerms/instruments`` (no section) keeps the engine's long-standing
/// signers: the company, every purchaser and the agent for an amendment; the company and
/// every purchaser for a successor's appointment; the parties a dispute hold names for its
/// settlement; and no joint written instructions at all. Stored terms without the section
/// encode exactly as before it existed.
public struct InstrumentTerms: Hashable, Sendable, Codable {
    /// Amendments and waivers: by default (`signers` absent) the parties whose rights the
    /// change touches (``AmendmentChange/touchedParties(in:agent:)``).
    public var amendment: AmendmentInstrumentTerms?
    /// The appointment of a successor escrow agent.
    public var successor: InstrumentSpec?
    /// The written agreement that settles a dispute and lifts its hold.
    public var settlement: InstrumentSpec?
    /// Joint written instructions: the named signers together direct the agent to pay a stated
    /// amount from the funds held to a named payee. Absent, the agreement provides none.
    public var jointInstructions: InstrumentSpec?

    /// Creates the section; every kind is optional.
    public init(
        amendment: AmendmentInstrumentTerms? = nil, successor: InstrumentSpec? = nil, settlement: InstrumentSpec? = nil,
        jointInstructions: InstrumentSpec? = nil
    ) {
        self.amendment = amendment
        self.successor = successor
        self.settlement = settlement
        self.jointInstructions = jointInstructions
    }
}

/// One kind of instrument as the agreement states it: title, clause and signers.
public struct InstrumentSpec: Hashable, Sendable, Codable {
    /// How the agreement names the instrument, e.g. `Joint Written Instructions`.
    public var title: String?
    /// The clause that provides for it; its counterparts, refusals and payments cite it.
    public var clause: String?
    /// Who must sign it for it to take effect; `purchasers` means every purchaser.
    public var signers: [SignerReference]?

    /// Creates a spec; each part falls back to the engine's default when `nil`.
    public init(title: String? = nil, clause: String? = nil, signers: [SignerReference]? = nil) {
        self.title = title
        self.clause = clause
        self.signers = signers
    }
}

/// The amendment instrument: an ``InstrumentSpec`` whose `nil` signers mean the parties each
/// change touches rather than the engine's fixed list.
public typealias AmendmentInstrumentTerms = InstrumentSpec

/// Marks an ``Identifier`` as naming a set of joint written instructions; never instantiated.
public enum JointInstructionsKind {}
/// Identifies one set of joint written instructions, e.g. `JWI-1`.
public typealias JointInstructionsID = Identifier<JointInstructionsKind>

extension AmendmentChange {
    /// The parties whose rights the change touches, who sign it when the agreement's
    /// amendments bind "the party to be charged":
    ///
    /// - extending a deadline: the company and every purchaser (the refund deadline decides
    ///   whether their money goes back or is released);
    /// - changing a fixed payment: its payee and the remainder payee, whose share moves the
    ///   other way;
    /// - altering the agent's duties: the acting agent.
    public func touchedParties(in terms: AgreementTerms, agent: PartyID) -> [PartyID] {
        switch self {
        case .extendDeadline:
            return [terms.company?.id].compactMap { $0 } + terms.purchasers.map(\.id)
        case .changeFixedPayment(let payee, _):
            return [payee, terms.disbursement.remainderPayee]
        case .agentDuties:
            return [agent]
        }
    }
}

extension AgreementTerms {
    /// Who signs an amendment making `changes`: the file's list, the parties the changes touch
    /// (in the order the file names the parties, the agent last), or, without an
    /// `instruments:` section, the company, every purchaser and the agent.
    public func amendmentSigners(for changes: [AmendmentChange], agent: PartyID) -> [PartyID] {
        guard let instruments else {
            return [company?.id].compactMap { $0 } + purchasers.map(\.id) + [agent]
        }
        if let listed = instruments.amendment?.signers { return expand(listed) }
        let touched = Set(changes.flatMap { $0.touchedParties(in: self, agent: agent) })
        var result = parties.map(\.id).filter { touched.contains($0) && $0 != agent }
        if touched.contains(agent) { result.append(agent) }
        return result
    }

    /// Who signs a successor agent's appointment: the file's list, or the company and every
    /// purchaser.
    public var successorSigners: [PartyID] {
        if let listed = instruments?.successor?.signers { return expand(listed) }
        return [company?.id].compactMap { $0 } + purchasers.map(\.id)
    }

    /// Who signs the settlement of a dispute: the file's list, or `partiesConcerned`, the
    /// parties the hold names.
    public func settlementSigners(partiesConcerned: [PartyID]) -> [PartyID] {
        if let listed = instruments?.settlement?.signers { return expand(listed) }
        return partiesConcerned
    }
}
