extension ReferenceAgreement {
    /// How the 2005 agreement numbers each rule the engine runs; `nil` for the escrow desk's
    /// own control, which that agreement does not state (it is cited in words).
    ///
    /// Terms without a `clauses:` section, which is every escrow recorded before the section
    /// existed, cite these numbers, so their refusals and timelines read as they always did.
    /// The `clauses:` section of ``yaml`` says the same; a test keeps the two equal.
    public static func clauseNumber(of rule: Rule) -> String? {
        switch rule {
        case .escrowAccount: "1.1"
        case .advice: "1.2"
        case .depositInstructions: "1.3"
        case .releaseInstrument: "1.4"
        case .releaseInstrumentForm: "Exhibit A"
        case .release: "1.5"
        case .remainder: "1.6"
        case .refund: "1.7"
        case .deadlineExtensions: "2.1"
        case .notices: "2.2"
        case .amendments: "2.4"
        case .agentDuties: "2.7"
        case .reliance: "2.8"
        case .warnings: "2.9"
        case .courtOrders: "2.9"
        case .genuineness: "2.10"
        case .counselCosts: "2.11"
        case .resignation: "2.12"
        case .succession: "2.12"
        case .furtherInstruments: "2.13"
        case .dispute: "2.14"
        case .deskControl: nil
        }
    }
}
