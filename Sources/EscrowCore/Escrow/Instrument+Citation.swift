extension Instrument {
    /// What signatures of the instrument cite: the release instrument's own clause as the
    /// agreement states it, the clause the file's `instruments:` section gives the kind, or
    /// the rules that govern the others.
    public func citation(under terms: AgreementTerms?) -> [Citation] {
        if let clause = terms?.instruments?.clause(of: self) { return [.stated(clause)] }
        switch self {
        case .releaseNotice:
            if let terms { return [.stated(terms.releaseInstrument.clause)] } else { return [.rule(.releaseInstrument), .rule(.releaseInstrumentForm)] }
        case .amendment: return [.rule(.amendments), .rule(.agentDuties)]
        case .successorAppointment: return [.rule(.succession)]
        case .settlement: return [.rule(.dispute)]
        case .paymentInstructions: return [.rule(.remainder), .rule(.refund)]
        // Validation requires the clause of joint written instructions; terms without it cite
        // the release rule they pay out under.
        case .jointInstructions: return [.rule(.release)]
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
        case .jointInstructions(let id): "joint written instructions \(id)"
        }
    }

    /// How a sentence names the instrument under `terms`: the title the file's
    /// `instruments:` section gives its kind, with the instrument's id, or else as
    /// ``title(releaseTitle:)`` does.
    func title(in terms: AgreementTerms?) -> String {
        if let instruments = terms?.instruments {
            switch self {
            case .amendment(let id): if let title = instruments.amendment?.title { return "\(title) \(id)" }
            case .successorAppointment(let id): if let title = instruments.successor?.title { return "\(title) (\(id))" }
            case .settlement(let id): if let title = instruments.settlement?.title { return "\(title) (dispute \(id))" }
            case .jointInstructions(let id): if let title = instruments.jointInstructions?.title { return "\(title) \(id)" }
            case .releaseNotice, .paymentInstructions: break
            }
        }
        return title(releaseTitle: terms?.releaseInstrument.title ?? "release instrument")
    }
}

extension InstrumentTerms {
    /// The clause the section gives the instrument's kind, or `nil` when it gives none.
    func clause(of instrument: Instrument) -> String? {
        switch instrument {
        case .amendment: amendment?.clause
        case .successorAppointment: successor?.clause
        case .settlement: settlement?.clause
        case .jointInstructions: jointInstructions?.clause
        case .releaseNotice, .paymentInstructions: nil
        }
    }
}
