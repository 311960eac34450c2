extension Instrument {
    /// What signatures of the instrument cite: the release instrument's own clause as the
    /// agreement states it, or the rules that govern the others.
    public func citation(under terms: AgreementTerms?) -> [Citation] {
        switch self {
        case .releaseNotice:
            if let terms { [.stated(terms.releaseInstrument.clause)] } else { [.rule(.releaseInstrument), .rule(.releaseInstrumentForm)] }
        case .amendment: [.rule(.amendments), .rule(.agentDuties)]
        case .successorAppointment: [.rule(.succession)]
        case .settlement: [.rule(.dispute)]
        case .paymentInstructions: [.rule(.remainder), .rule(.refund)]
        }
    }

    /// How a sentence names the instrument: `releaseTitle` (the agreement's own title, e.g.
    /// `Release Notice`) for the release instrument.
    func title(releaseTitle: String) -> String {
        switch self {
        case .releaseNotice: releaseTitle
        case .amendment(let id): "amendment \(id)"
        case .successorAppointment(let id): "appointment of successor \(id)"
        case .settlement(let id): "settlement of dispute \(id)"
        case .paymentInstructions: "payment instructions"
        }
    }
}
