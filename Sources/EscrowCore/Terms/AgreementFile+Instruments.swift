import Yams

extension AgreementFileReader {
    /// The keys of an `instruments:` mapping, one per kind of instrument.
    static let instrumentKinds = ["amendment", "successor", "settlement", "jointInstructions"]
    /// The keys of one instrument's mapping.
    static let instrumentKeys = ["title", "clause", "signers"]

    /// The `instruments:` section, or `nil` when the file has none.
    mutating func readInstruments(_ value: Located?) throws(AgreementFileError) -> InstrumentTerms? {
        guard let value else { return nil }
        let map = try fields(value, allowed: Self.instrumentKinds)
        var terms = InstrumentTerms()
        if let amendment = try readInstrumentSpec(optional(map, "amendment")) {
            terms.amendment = AmendmentInstrumentTerms(title: amendment.title, clause: amendment.clause, signers: amendment.signers)
        }
        terms.successor = try readInstrumentSpec(optional(map, "successor"))
        terms.settlement = try readInstrumentSpec(optional(map, "settlement"))
        terms.jointInstructions = try readInstrumentSpec(optional(map, "jointInstructions"))
        return terms
    }

    mutating func readInstrumentSpec(_ value: Located?) throws(AgreementFileError) -> InstrumentSpec? {
        guard let value else { return nil }
        let map = try fields(value, allowed: Self.instrumentKeys)
        return InstrumentSpec(
            title: try optional(map, "title").map { (value) throws(AgreementFileError) in try text(value) },
            clause: try optional(map, "clause").map { (value) throws(AgreementFileError) in try text(value) },
            signers: try optional(map, "signers").map { (value) throws(AgreementFileError) in try signers(value) })
    }
}

extension AgreementTerms {
    /// These terms with the `instruments:` and `notices:` sections the file states.
    func with(instruments: InstrumentTerms?, notices: NoticeTerms?) -> AgreementTerms {
        var terms = self
        terms.instruments = instruments
        terms.notices = notices
        return terms
    }
}
