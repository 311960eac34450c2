extension AgreementTermsValidator {
    /// The `instruments:` section: every signer a party, no empty list, no empty title or
    /// clause; joint written instructions name their signers and their clause, which every
    /// payment they direct cites.
    func checkInstruments(_ parties: [PartyID: Int]) throws(AgreementFileError) {
        guard let instruments = terms.instruments else { return }
        let specs: [(key: String, spec: InstrumentSpec?)] = [
            ("amendment", instruments.amendment.map { InstrumentSpec(title: $0.title, clause: $0.clause, signers: $0.signers) }),
            ("successor", instruments.successor),
            ("settlement", instruments.settlement),
            ("jointInstructions", instruments.jointInstructions),
        ]
        for (key, spec) in specs {
            guard let spec else { continue }
            let path = "instruments.\(key)"
            if let title = spec.title { try nonEmpty(title, "\(path).title", what: "the title") }
            if let clause = spec.clause { try nonEmpty(clause, "\(path).clause", what: "the clause") }
            if let signers = spec.signers {
                guard !signers.isEmpty else {
                    throw failure(
                        "\(path).signers",
                        "missing signer: an instrument takes effect only once executed, so '\(key)' must name at least one signer"
                            + (spec.clause.map { " (clause \($0))" } ?? ""))
                }
                for (j, signer) in signers.enumerated() {
                    if case .party(let id) = signer { _ = try reference(id, "\(path).signers[\(j)]", parties) }
                }
            }
        }
        if let joint = instruments.jointInstructions {
            guard joint.signers != nil else {
                throw failure(
                    "instruments.jointInstructions.signers",
                    "joint written instructions must name who signs them, e.g. [buyer, seller]")
            }
            guard joint.clause != nil else {
                throw failure(
                    "instruments.jointInstructions.clause",
                    "joint written instructions must name the clause that provides for them; their payments cite it")
            }
        }
    }

    /// The `notices:` section: every recipient a party with an address and a notice method,
    /// every deemed-receipt rule within ``Limits/noticeReceiptBusinessDaysMax``.
    func checkNotices(_ parties: [PartyID: Int]) throws(AgreementFileError) {
        guard let notices = terms.notices else { return }
        for recipients in notices.recipients {
            let path = "notices.recipients.\(recipients.kind.rawValue)"
            for (j, signer) in recipients.parties.enumerated() {
                if case .party(let id) = signer { _ = try reference(id, "\(path)[\(j)]", parties) }
            }
            for id in terms.expand(recipients.parties) {
                guard let i = parties[id] else { continue }
                let party = terms.parties[i]
                if party.address?.allSatisfy(\.isWhitespace) ?? true {
                    throw failure(
                        "parties[\(i)].address",
                        "\(party.name) receives \(recipients.kind.rawValue) notices (\(path)) but has no address; give parties[\(i)].address")
                }
                if party.noticeMethod == nil {
                    throw failure(
                        "parties[\(i)].noticeMethod",
                        "\(party.name) receives \(recipients.kind.rawValue) notices (\(path)) but has no notice method; "
                            + "give parties[\(i)].noticeMethod: one of "
                            + NoticeMethod.allCases.map(\.rawValue).joined(separator: ", "))
                }
            }
        }
        for rule in notices.deemedReceipt where !(0...Limits.noticeReceiptBusinessDaysMax).contains(rule.businessDays) {
            throw failure(
                "notices.deemedReceipt.\(rule.method.rawValue)",
                "\(rule.businessDays) business days is not a deemed-receipt rule; write 0 (on sending) to "
                    + "\(Limits.noticeReceiptBusinessDaysMax) (limit noticeReceiptBusinessDaysMax)")
        }
    }
}
