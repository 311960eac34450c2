/// What the escrow agent relied on when it accepted an instrument (2.8, 2.10): a verified
/// electronic signature, a paper counterpart whose scan it hashed, or a delivered document.
public enum Reliance: Hashable, Sendable, Codable, CustomStringConvertible {
    /// An Ed25519 signature checked against the signatory's registered key.
    case ed25519(publicKeyBase64: String, signatureBase64: String, messageSHA256: String)
    /// A paper counterpart: the SHA-256 of its scan, and the agent user who attests it.
    case paper(scanSHA256: String, attestedBy: String)

    public var description: String {
        switch self {
        case .ed25519(let key, _, let message):
            "Ed25519 signature verified (key \(key.prefix(12))…, message sha256 \(message.prefix(12))…)"
        case .paper(let scan, let attestedBy):
            "paper counterpart, scan sha256 \(scan.prefix(12))…, attested by \(attestedBy)"
        }
    }
}

/// An instrument that parties sign in counterparts.
public enum Instrument: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The Release Notice of 1.4 and Exhibit A.
    case releaseNotice
    /// An amendment or waiver under 2.4 / 2.7.
    case amendment(AmendmentID)
    /// The appointment of a successor escrow agent under 2.12.
    case successorAppointment(PartyID)
    /// The mutual written agreement that settles a dispute under 2.14.
    case settlement(HoldID)
    /// Written wire instructions (1.6 for the company, 1.7 for a purchaser), by digest.
    case paymentInstructions(String)
    /// Joint written instructions to pay a stated amount to a named payee, as the agreement
    /// file's `instruments.jointInstructions` provides.
    case jointInstructions(JointInstructionsID)

    /// The stable text used in signing messages.
    public var description: String {
        switch self {
        case .releaseNotice: "release-notice"
        case .amendment(let id): "amendment:\(id)"
        case .successorAppointment(let id): "successor-appointment:\(id)"
        case .settlement(let id): "settlement:\(id)"
        case .paymentInstructions(let digest): "payment-instructions:\(digest)"
        case .jointInstructions(let id): "joint-instructions:\(id)"
        }
    }

    /// Reads the text form back: `release-notice`, `amendment:A1`, …
    public init?(text: String) {
        if text == "release-notice" { self = .releaseNotice; return }
        // The colon is looked for among Unicode scalars, not Characters: a combining mark right
        // after it would otherwise join it into one Character and hide it.
        let scalars = text.unicodeScalars
        guard let colon = scalars.firstIndex(of: ":") else { return nil }
        let kind = String(scalars[..<colon])
        let id = String(scalars[scalars.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        switch kind {
        case "amendment": self = .amendment(AmendmentID(id))
        case "successor-appointment": self = .successorAppointment(PartyID(id))
        case "settlement": self = .settlement(HoldID(id))
        case "payment-instructions": self = .paymentInstructions(id)
        case "joint-instructions": self = .jointInstructions(JointInstructionsID(id))
        default: return nil
        }
    }
}
