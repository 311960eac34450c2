import EscrowCore
import EscrowStore
import Foundation

/// What each fuzz target feeds its input to. Every call must return or throw: a trap, an
/// overflow or a leak found by the sanitizer is a crash libFuzzer reports and keeps.
enum FuzzTarget: String, CaseIterable {
    /// The agreement file parser and the terms' validation.
    case agreement
    /// The obligations file parser (the NIR waiver's format).
    case obligations
    /// Amounts: `Money.parse` in currencies of 0, 2 and 3 decimals, and sums against the ceiling.
    case money
    /// Dates and times of day, and business-day counting from a parsed date.
    case dates
    /// Signatures, keys, instruments and signed checkpoints (file and header forms).
    case signatures
    /// JSON request bodies: the commands and checkpoints the server and command line decode.
    case bodies

    func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .agreement:
            _ = try? AgreementFile.parse(text, sourceName: "fuzz")
        case .obligations:
            _ = try? ObligationFile.parse(text, sourceName: "fuzz")
        case .money:
            for code in ["USD", "JPY", "BHD"] {
                guard let currency = Currency(code: code), let money = try? Money.parse(text, currency) else { continue }
                _ = money.description
                _ = money.isWithinCeiling
                _ = try? Money.sum([money, money, currency.amountCeiling], currency)
            }
        case .dates:
            let lines = text.split(separator: "\n", maxSplits: 2).map(String.init)
            guard let first = lines.first else { return }
            _ = TimeOfDay(text: first)
            // Any date and any count: outside the calendar's years the calendar throws, never traps.
            guard let date = CivilDate(iso: first) else { return }
            let days = lines.count > 1 ? Int(lines[1].prefix(7)) ?? 0 : 0
            guard let later = try? BusinessCalendar.newYork.adding(businessDays: days, to: date) else { return }
            _ = try? BusinessCalendar.newYork.businessDays(from: date, to: later)
        case .signatures:
            _ = Instrument(text: text)
            _ = Checkpoint(headerValue: text)
            if let checkpoint = try? EventCoding.decoder.decode(Checkpoint.self, from: data) { _ = checkpoint.hasValidSignature }
            _ = SignatureKeys.publicKey(ofPrivateKeyBase64: text)
            let message = SigningMessage(
                escrowID: EscrowID("fuzz"), termsSHA256: SHA256Hex.of(text), instrument: .releaseNotice, signer: PartyID("company"),
                textSHA256: SHA256Hex.of(data))
            let halves = text.split(separator: " ", maxSplits: 1).map(String.init)
            if halves.count == 2 { _ = SignatureKeys.verify(signatureBase64: halves[0], of: message, publicKeyBase64: halves[1]) }
        case .bodies:
            _ = try? EventCoding.decoder.decode(EscrowCommand.self, from: data)
            _ = try? JSONDecoder().decode([String: String].self, from: data)
            if let checkpoint = try? JSONDecoder().decode(Checkpoint.self, from: data) { _ = checkpoint.headerValue }
        }
    }
}
