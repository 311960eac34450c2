extension ObligationFileReader {
    /// The `acts:` section: the corporate acts obligations may call for, each `{id, title}`.
    mutating func readActs(_ value: AgreementFileReader.Located?) throws(AgreementFileError) -> [CorporateActTerms] {
        guard let value else { return [] }
        var acts: [CorporateActTerms] = []
        for item in try base.items(value) {
            let map = try base.fields(item, allowed: ["id", "title"])
            acts.append(
                CorporateActTerms(id: CorporateAct(try base.text(try base.required(map, "id"))), title: try base.text(try base.required(map, "title"))))
        }
        return acts
    }

    /// The `warrantSeries:` section: the warrants the instrument speaks of, each
    /// `{id, title, issuedBy}`.
    mutating func readWarrantSeries(_ value: AgreementFileReader.Located?) throws(AgreementFileError) -> [WarrantSeriesTerms] {
        guard let value else { return [] }
        var series: [WarrantSeriesTerms] = []
        for item in try base.items(value) {
            let map = try base.fields(item, allowed: ["id", "title", "issuedBy"])
            series.append(
                WarrantSeriesTerms(
                    id: WarrantSeries(try base.text(try base.required(map, "id"))), title: try base.text(try base.required(map, "title")),
                    issuedBy: try base.optional(map, "issuedBy").map { (value) throws(AgreementFileError) in try base.text(value) }))
        }
        return series
    }

    /// Acts and series: ids unique, every act an obligation names declared, every series
    /// issued by an issuance obligation of the file.
    func validateDeclarations(
        _ terms: ObligationTerms, _ fail: (String, String) -> AgreementFileError
    ) throws(AgreementFileError) {
        var acts = Set<CorporateAct>()
        for (index, act) in terms.acts.enumerated() {
            guard acts.insert(act.id).inserted else { throw fail("acts[\(index)].id", "two acts share the id '\(act.id)'") }
        }
        for (index, obligation) in terms.obligations.enumerated() {
            guard case .corporateAct(let named) = obligation.performance else { continue }
            for (j, act) in named.enumerated() where !acts.contains(act) {
                let known = terms.acts.map(\.id.rawValue)
                throw fail(
                    "obligations[\(index)].acts[\(j)]",
                    "'\(act)' is not an act the file declares under acts"
                        + (known.isEmpty ? "; declare it there with an id and a title" : "; the acts are: \(known.joined(separator: ", "))"))
            }
        }
        var series = Set<WarrantSeries>()
        for (index, declared) in terms.warrantSeries.enumerated() {
            guard series.insert(declared.id).inserted else {
                throw fail("warrantSeries[\(index)].id", "two warrant series share the id '\(declared.id)'")
            }
            if let issuer = declared.issuedBy {
                guard let obligation = terms.obligation(issuer), case .issuance = obligation.performance else {
                    throw fail("warrantSeries[\(index)].issuedBy", "'\(issuer)' is not the id of an issuance obligation")
                }
            }
        }
    }
}
