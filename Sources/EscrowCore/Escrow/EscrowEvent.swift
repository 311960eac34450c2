public import Foundation

/// Everything that can happen to an escrow. The log stores these; the state is their fold.
public enum EscrowEvent: Hashable, Sendable {
    case opened(EscrowOpened)
    case keyRegistered(KeyRegistered)
    case depositReceived(DepositReceived)
    case documentReceived(DocumentReceived)
    case counterpartSigned(CounterpartSigned)
    case fundsAdvised(FundsAdvised)
    case paymentInstructionsGiven(PaymentInstructionsGiven)
    case releaseNoticeEffective(ReleaseNoticeEffective)
    case disbursed(Disbursed)
    case refundDeadlineMissed(RefundDeadlineMissed)
    case refunded(Refunded)
    case amendmentProposed(AmendmentProposed)
    case amendmentEffective(AmendmentEffective)
    case warningRecorded(WarningRecorded)
    case courtOrderRecorded(CourtOrderRecorded)
    case holdPlaced(HoldPlaced)
    case holdLifted(HoldLifted)
    case depositedWithCourt(DepositedWithCourt)
    case counselCostsClaimed(CounselCostsClaimed)
    case furtherInstrumentRequested(FurtherInstrumentRequested)
    case agentResigned(AgentResigned)
    case successorProposed(SuccessorProposed)
    case successorAppointed(SuccessorAppointed)
    case handoverAccepted(HandoverAccepted)
    case noticeRecorded(NoticeRecorded)
    case deskControlRecorded(DeskControlRecorded)
    case refundsFellDue(RefundsFellDue)
    /// What the bank sent or confirmed, and the desk's decisions on it (ISO 20022 files).
    case bank(BankEvent)
    case checkpointKeyRecorded(CheckpointKeyRecorded)
    /// Joint written instructions put forward and paid (the file's `instruments.jointInstructions`).
    case jointInstructions(JointInstructionsEvent)
    /// A request a second agent user refused to let through, with who and why.
    case deskControlRejected(DeskControlRejected)

    /// The stored type name.
    public var type: String {
        switch self {
        case .opened: "opened"
        case .keyRegistered: "keyRegistered"
        case .depositReceived: "depositReceived"
        case .documentReceived: "documentReceived"
        case .counterpartSigned: "counterpartSigned"
        case .fundsAdvised: "fundsAdvised"
        case .paymentInstructionsGiven: "paymentInstructionsGiven"
        case .releaseNoticeEffective: "releaseNoticeEffective"
        case .disbursed: "disbursed"
        case .refundDeadlineMissed: "refundDeadlineMissed"
        case .refunded: "refunded"
        case .amendmentProposed: "amendmentProposed"
        case .amendmentEffective: "amendmentEffective"
        case .warningRecorded: "warningRecorded"
        case .courtOrderRecorded: "courtOrderRecorded"
        case .holdPlaced: "holdPlaced"
        case .holdLifted: "holdLifted"
        case .depositedWithCourt: "depositedWithCourt"
        case .counselCostsClaimed: "counselCostsClaimed"
        case .furtherInstrumentRequested: "furtherInstrumentRequested"
        case .agentResigned: "agentResigned"
        case .successorProposed: "successorProposed"
        case .successorAppointed: "successorAppointed"
        case .handoverAccepted: "handoverAccepted"
        case .noticeRecorded: "noticeRecorded"
        case .deskControlRecorded: "deskControlRecorded"
        case .refundsFellDue: "refundsFellDue"
        case .bank(let e): e.type
        case .checkpointKeyRecorded: "checkpointKeyRecorded"
        case .jointInstructions(let e): e.type
        case .deskControlRejected: "deskControlRejected"
        }
    }

    /// When it happened (the `now` of the command that caused it).
    public var at: Date {
        switch self {
        case .opened(let e): e.at
        case .keyRegistered(let e): e.at
        case .depositReceived(let e): e.at
        case .documentReceived(let e): e.at
        case .counterpartSigned(let e): e.at
        case .fundsAdvised(let e): e.at
        case .paymentInstructionsGiven(let e): e.at
        case .releaseNoticeEffective(let e): e.at
        case .disbursed(let e): e.at
        case .refundDeadlineMissed(let e): e.at
        case .refunded(let e): e.at
        case .amendmentProposed(let e): e.at
        case .amendmentEffective(let e): e.at
        case .warningRecorded(let e): e.at
        case .courtOrderRecorded(let e): e.at
        case .holdPlaced(let e): e.at
        case .holdLifted(let e): e.at
        case .depositedWithCourt(let e): e.at
        case .counselCostsClaimed(let e): e.at
        case .furtherInstrumentRequested(let e): e.at
        case .agentResigned(let e): e.at
        case .successorProposed(let e): e.at
        case .successorAppointed(let e): e.at
        case .handoverAccepted(let e): e.at
        case .noticeRecorded(let e): e.at
        case .deskControlRecorded(let e): e.at
        case .refundsFellDue(let e): e.at
        case .bank(let e): e.at
        case .checkpointKeyRecorded(let e): e.at
        case .jointInstructions(let e): e.at
        case .deskControlRejected(let e): e.at
        }
    }

    /// Canonical payload bytes: JSON with sorted keys, instants in milliseconds.
    ///
    /// Throws the encoder's error when an instant is not a finite number (JSON has no NaN or
    /// infinity): the caller refuses to write such an event rather than stopping the process.
    public func payload() throws -> Data {
        let encoder = EventCoding.encoder
        switch self {
        case .opened(let e): return try encoder.encode(e)
        case .keyRegistered(let e): return try encoder.encode(e)
        case .depositReceived(let e): return try encoder.encode(e)
        case .documentReceived(let e): return try encoder.encode(e)
        case .counterpartSigned(let e): return try encoder.encode(e)
        case .fundsAdvised(let e): return try encoder.encode(e)
        case .paymentInstructionsGiven(let e): return try encoder.encode(e)
        case .releaseNoticeEffective(let e): return try encoder.encode(e)
        case .disbursed(let e): return try encoder.encode(e)
        case .refundDeadlineMissed(let e): return try encoder.encode(e)
        case .refunded(let e): return try encoder.encode(e)
        case .amendmentProposed(let e): return try encoder.encode(e)
        case .amendmentEffective(let e): return try encoder.encode(e)
        case .warningRecorded(let e): return try encoder.encode(e)
        case .courtOrderRecorded(let e): return try encoder.encode(e)
        case .holdPlaced(let e): return try encoder.encode(e)
        case .holdLifted(let e): return try encoder.encode(e)
        case .depositedWithCourt(let e): return try encoder.encode(e)
        case .counselCostsClaimed(let e): return try encoder.encode(e)
        case .furtherInstrumentRequested(let e): return try encoder.encode(e)
        case .agentResigned(let e): return try encoder.encode(e)
        case .successorProposed(let e): return try encoder.encode(e)
        case .successorAppointed(let e): return try encoder.encode(e)
        case .handoverAccepted(let e): return try encoder.encode(e)
        case .noticeRecorded(let e): return try encoder.encode(e)
        case .deskControlRecorded(let e): return try encoder.encode(e)
        case .refundsFellDue(let e): return try encoder.encode(e)
        case .bank(let e): return try e.encoded(with: encoder)
        case .checkpointKeyRecorded(let e): return try encoder.encode(e)
        case .jointInstructions(let e): return try e.encoded(with: encoder)
        case .deskControlRejected(let e): return try encoder.encode(e)
        }
    }

    /// Reads a stored event back; throws when the type is unknown or the payload malformed.
    public static func decode(type: String, payload: Data) throws -> EscrowEvent {
        let decoder = EventCoding.decoder
        switch type {
        case "opened": return .opened(try decoder.decode(EscrowOpened.self, from: payload))
        case "keyRegistered": return .keyRegistered(try decoder.decode(KeyRegistered.self, from: payload))
        case "depositReceived": return .depositReceived(try decoder.decode(DepositReceived.self, from: payload))
        case "documentReceived": return .documentReceived(try decoder.decode(DocumentReceived.self, from: payload))
        case "counterpartSigned": return .counterpartSigned(try decoder.decode(CounterpartSigned.self, from: payload))
        case "fundsAdvised": return .fundsAdvised(try decoder.decode(FundsAdvised.self, from: payload))
        case "paymentInstructionsGiven":
            return .paymentInstructionsGiven(try decoder.decode(PaymentInstructionsGiven.self, from: payload))
        case "releaseNoticeEffective":
            return .releaseNoticeEffective(try decoder.decode(ReleaseNoticeEffective.self, from: payload))
        case "disbursed": return .disbursed(try decoder.decode(Disbursed.self, from: payload))
        case "refundDeadlineMissed":
            return .refundDeadlineMissed(try decoder.decode(RefundDeadlineMissed.self, from: payload))
        case "refunded": return .refunded(try decoder.decode(Refunded.self, from: payload))
        case "amendmentProposed": return .amendmentProposed(try decoder.decode(AmendmentProposed.self, from: payload))
        case "amendmentEffective": return .amendmentEffective(try decoder.decode(AmendmentEffective.self, from: payload))
        case "warningRecorded": return .warningRecorded(try decoder.decode(WarningRecorded.self, from: payload))
        case "courtOrderRecorded": return .courtOrderRecorded(try decoder.decode(CourtOrderRecorded.self, from: payload))
        case "holdPlaced": return .holdPlaced(try decoder.decode(HoldPlaced.self, from: payload))
        case "holdLifted": return .holdLifted(try decoder.decode(HoldLifted.self, from: payload))
        case "depositedWithCourt": return .depositedWithCourt(try decoder.decode(DepositedWithCourt.self, from: payload))
        case "counselCostsClaimed":
            return .counselCostsClaimed(try decoder.decode(CounselCostsClaimed.self, from: payload))
        case "furtherInstrumentRequested":
            return .furtherInstrumentRequested(try decoder.decode(FurtherInstrumentRequested.self, from: payload))
        case "agentResigned": return .agentResigned(try decoder.decode(AgentResigned.self, from: payload))
        case "successorProposed": return .successorProposed(try decoder.decode(SuccessorProposed.self, from: payload))
        case "successorAppointed": return .successorAppointed(try decoder.decode(SuccessorAppointed.self, from: payload))
        case "handoverAccepted": return .handoverAccepted(try decoder.decode(HandoverAccepted.self, from: payload))
        case "noticeRecorded": return .noticeRecorded(try decoder.decode(NoticeRecorded.self, from: payload))
        case "deskControlRecorded": return .deskControlRecorded(try decoder.decode(DeskControlRecorded.self, from: payload))
        case "refundsFellDue": return .refundsFellDue(try decoder.decode(RefundsFellDue.self, from: payload))
        case "checkpointKeyRecorded":
            return .checkpointKeyRecorded(try decoder.decode(CheckpointKeyRecorded.self, from: payload))
        case "deskControlRejected": return .deskControlRejected(try decoder.decode(DeskControlRejected.self, from: payload))
        default:
            if let joint = try JointInstructionsEvent.decode(type: type, payload: payload, with: decoder) { return .jointInstructions(joint) }
            guard let bank = try BankEvent.decode(type: type, payload: payload, with: decoder) else {
                throw EventDecodingError.unknownType(type)
            }
            return .bank(bank)
        }
    }
}

/// A stored event whose type this version does not know.
public enum EventDecodingError: Error, Equatable, CustomStringConvertible {
    case unknownType(String)
    public var description: String {
        switch self {
        case .unknownType(let type): "unknown event type '\(type)'"
        }
    }
}

/// The one JSON configuration used for hashed payloads, commands and exports.
public enum EventCoding {
    /// Shared, configured once: encoding and decoding do not change a coder's settings, and
    /// Foundation's coders may be used from several threads at once.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()

    /// Shared, configured once, reading the dates ``encoder`` writes (milliseconds since 1970).
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    /// SHA-256 of the canonical JSON of any encodable value (terms, commands, instructions).
    public static func digest(of value: some Encodable) -> String {
        // Values handed here are plain data types; encoding them cannot fail.
        SHA256Hex.of(try! encoder.encode(value))
    }
}
