public import Foundation

/// 1.1: the escrow account is opened for the subscription funds under these terms.
public struct EscrowOpened: Hashable, Sendable, Codable {
    public var escrowID: EscrowID
    public var terms: AgreementTerms
    /// SHA-256 of the canonical terms, quoted in every signing message.
    public var termsSHA256: String
    public var at: Date
}

/// 2.8: a signatory's Ed25519 public key, registered by the agent before it relies on it.
public struct KeyRegistered: Hashable, Sendable, Codable {
    public var party: PartyID
    public var publicKeyBase64: String
    public var at: Date
}

/// Why a deposit was flagged for the agent's attention; flagged money is held, never lost.
public enum DepositFlag: String, Hashable, Sendable, Codable, CaseIterable {
    /// Brings the purchaser's deposits above its subscription.
    case overSubscription
    /// Leaves the purchaser's deposits below its subscription.
    case underSubscription
    /// The sender is not a purchaser of this escrow.
    case unknownSender
    /// Arrived after the funds were released, refunded or delivered to court.
    case afterClose
}

/// 1.1, 1.3: a wire received into the escrow account.
public struct DepositReceived: Hashable, Sendable, Codable {
    public var depositID: DepositID
    /// The bank's reference; a wire reported twice with one reference is one deposit.
    public var bankReference: String
    /// The purchaser it is attributed to; `nil` when the sender is not a purchaser.
    public var purchaser: PartyID?
    public var senderName: String
    public var amount: Money
    public var flags: [DepositFlag]
    public var at: Date

    public init(
        depositID: DepositID, bankReference: String, purchaser: PartyID?, senderName: String, amount: Money, flags: [DepositFlag], at: Date
    ) {
        self.depositID = depositID
        self.bankReference = bankReference
        self.purchaser = purchaser
        self.senderName = senderName
        self.amount = amount
        self.flags = flags
        self.at = at
    }
}

/// 1.2 or 2.13: a document delivered by a party, identified by the SHA-256 of its bytes.
public struct DocumentReceived: Hashable, Sendable, Codable {
    public var condition: ConditionID
    public var from: PartyID
    public var title: String
    public var sha256: String
    public var byteCount: Int
    public var at: Date

    public init(condition: ConditionID, from: PartyID, title: String, sha256: String, byteCount: Int, at: Date) {
        self.condition = condition
        self.from = from
        self.title = title
        self.sha256 = sha256
        self.byteCount = byteCount
        self.at = at
    }
}

/// A counterpart of an instrument, signed by one party, with what the agent relied on (2.8).
public struct CounterpartSigned: Hashable, Sendable, Codable {
    public var instrument: Instrument
    public var signer: PartyID
    public var reliance: Reliance
    public var at: Date
}

/// 1.2: every condition is in; the agent advises the company and purchasers of the amount.
public struct FundsAdvised: Hashable, Sendable, Codable {
    public var amount: Money
    public var recipients: [PartyID]
    public var at: Date
}

/// One account a payment goes to.
public struct BankAccount: Hashable, Sendable, Codable, CustomStringConvertible {
    public var accountName: String
    public var bank: String
    public var routingNumber: String
    public var accountNumber: String

    public init(accountName: String, bank: String, routingNumber: String, accountNumber: String) {
        self.accountName = accountName
        self.bank = bank
        self.routingNumber = routingNumber
        self.accountNumber = accountNumber
    }

    public var description: String { "\(accountName), \(bank), ABA \(routingNumber), acct \(accountNumber)" }
}

/// One line of written wire instructions: a fixed amount, or what is left (`amount == nil`).
public struct InstructionLine: Hashable, Sendable, Codable {
    public var account: BankAccount
    public var amount: Money?

    public init(account: BankAccount, amount: Money?) {
        self.account = account
        self.amount = amount
    }
}

/// 1.6 (company) or 1.7 (purchaser): written wire instructions, signed by the party.
public struct PaymentInstructionsGiven: Hashable, Sendable, Codable {
    public var party: PartyID
    public var lines: [InstructionLine]
    /// SHA-256 of the canonical lines; the party signs the instrument `payment-instructions:<digest>`.
    public var digest: String
    public var reliance: Reliance
    public var at: Date
}

/// 1.4, Exhibit A: the last required counterpart is in; the Release Notice is effective.
public struct ReleaseNoticeEffective: Hashable, Sendable, Codable {
    public var signers: [PartyID]
    public var at: Date
}

/// One wire of a disbursement or refund.
///
/// Stored as it always was: `payee` is the payee's text (a party's id, or a name), and a payee
/// that is not a party adds `payeeKind` (`counsel` or `outside`) beside it. A payment recorded
/// before payees had kinds has no `payeeKind` and reads back as a party by that text; the
/// fold reads such a payee that names no party as counsel or someone outside
/// (``EscrowState/payee(of:)``), and the payment re-encodes to the very bytes it was stored as.
public struct Payment: Hashable, Sendable, Codable {
    /// Who is paid.
    public var payee: PayeeID
    public var amount: Money
    /// Where it goes: an account from written instructions, or a return to the originating wire.
    public var destination: String
    public var purpose: String
    /// The clause the payment is made under, as the agreement numbered it when it was made.
    public var clause: String

    public init(payee: PayeeID, amount: Money, destination: String, purpose: String, clause: String) {
        self.payee = payee
        self.amount = amount
        self.destination = destination
        self.purpose = purpose
        self.clause = clause
    }

    private enum CodingKeys: String, CodingKey {
        case payee, payeeKind, amount, destination, purpose, clause
    }

    /// Reads a stored payment, with or without a `payeeKind`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .payee)
        let kind = try container.decodeIfPresent(String.self, forKey: .payeeKind)
        guard let payee = PayeeID(storedText: text, kind: kind) else {
            throw DecodingError.dataCorruptedError(
                forKey: .payeeKind, in: container, debugDescription: "unknown payee kind '\(kind ?? "")'")
        }
        self.payee = payee
        amount = try container.decode(Money.self, forKey: .amount)
        destination = try container.decode(String.self, forKey: .destination)
        purpose = try container.decode(String.self, forKey: .purpose)
        clause = try container.decode(String.self, forKey: .clause)
    }

    /// Writes the payee's text, and its kind only when it is not a party.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(payee.description, forKey: .payee)
        try container.encodeIfPresent(payee.storedKind, forKey: .payeeKind)
        try container.encode(amount, forKey: .amount)
        try container.encode(destination, forKey: .destination)
        try container.encode(purpose, forKey: .purpose)
        try container.encode(clause, forKey: .clause)
    }
}

/// 1.5, 1.6 (or 2.9 under a court order): one atomic plan of payments out of held funds.
/// All its payments are recorded in this one event, so either all happened or none.
public struct Disbursed: Hashable, Sendable, Codable {
    public var payments: [Payment]
    public var total: Money
    /// Kept back under a partial dispute hold (2.14).
    public var retained: Money
    /// The court order obeyed, when one directed it (2.9).
    public var courtDocket: String?
    public var at: Date
}

/// 1.7: the trigger condition was not met by the deadline; release is impossible from now on.
public struct RefundDeadlineMissed: Hashable, Sendable, Codable {
    public var deadline: Deadline
    public var condition: ConditionID
    public var at: Date
}

/// 1.7 (or 2.9 under a court order): each depositor's own funds returned.
public struct Refunded: Hashable, Sendable, Codable {
    public var payments: [Payment]
    public var total: Money
    public var courtDocket: String?
    public var at: Date
}

/// A change an amendment makes when it takes effect.
public enum AmendmentChange: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Moves one deadline; under 2.1 no other deadline moves with it.
    case extendDeadline(DeadlineID, to: CivilDate)
    /// Replaces the amount of the fixed payment to one payee (1.5).
    case changeFixedPayment(payee: PartyID, amount: Money)
    /// Alters the escrow agent's duties (2.7), recorded as text.
    case agentDuties(String)

    public var description: String {
        switch self {
        case .extendDeadline(let id, let date): "extend deadline \(id) to \(date)"
        case .changeFixedPayment(let payee, let amount): "fixed payment to \(payee) becomes \(amount)"
        case .agentDuties(let text): "escrow agent's duties: \(text)"
        }
    }
}

/// 2.4, 2.7: an amendment put forward; effective only when every party charged signs.
public struct AmendmentProposed: Hashable, Sendable, Codable {
    public var amendmentID: AmendmentID
    public var changes: [AmendmentChange]
    public var text: String
    public var requiredSigners: [PartyID]
    public var at: Date
}

/// 2.4, 2.7: the last required signature is in; the changes apply from now.
public struct AmendmentEffective: Hashable, Sendable, Codable {
    public var amendmentID: AmendmentID
    public var at: Date
}

/// 2.9: a party's (or anyone's) warning, recorded and not binding.
public struct WarningRecorded: Hashable, Sendable, Codable {
    public var from: String
    public var text: String
    public var at: Date

    public init(from: String, text: String, at: Date) {
        self.from = from
        self.text = text
        self.at = at
    }
}

/// What a court orders the agent to do (2.9, 2.14).
public enum CourtDirective: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Retain all (`amount == nil`) or part of the funds.
    case hold(amount: Money?)
    /// Lift a dispute hold (a final order settles a 2.14 dispute).
    case liftHold(HoldID)
    /// Pay these payments out of the held funds, whatever the conditions.
    case pay([Payment])
    /// Return every depositor's funds.
    case refundAll
    /// Deliver all funds to the court (2.14(2)).
    case depositWithCourt

    public var description: String {
        switch self {
        case .hold(let amount): amount.map { "hold \($0)" } ?? "hold all funds"
        case .liftHold(let id): "lift hold \(id)"
        case .pay(let payments): "pay \(payments.count) payment(s)"
        case .refundAll: "refund every depositor"
        case .depositWithCourt: "deliver the funds to the court"
        }
    }
}

/// 2.9: a court order, obeyed and overriding the parties' instructions.
public struct CourtOrderRecorded: Hashable, Sendable, Codable {
    public var docket: String
    public var court: String
    /// Final: the time for appeal has expired with no appeal perfected (2.14).
    public var isFinal: Bool
    public var directive: CourtDirective
    public var documentSHA256: String
    public var at: Date
}

/// 2.14: the agent retains all or part of the funds while a dispute lasts.
public struct HoldPlaced: Hashable, Sendable, Codable {
    public var holdID: HoldID
    /// `nil` holds all funds.
    public var amount: Money?
    public var reason: String
    /// The parties concerned, whose mutual written agreement lifts it.
    public var partiesConcerned: [PartyID]
    public var courtDocket: String?
    public var at: Date
}

/// How a dispute hold ended (2.14).
public enum HoldLiftBasis: Hashable, Sendable, Codable, CustomStringConvertible {
    case mutualWrittenAgreement
    case finalCourtOrder(docket: String)

    public var description: String {
        switch self {
        case .mutualWrittenAgreement: "mutual written agreement of the parties concerned"
        case .finalCourtOrder(let docket): "final court order \(docket)"
        }
    }
}

/// 2.14: a hold is lifted.
public struct HoldLifted: Hashable, Sendable, Codable {
    public var holdID: HoldID
    public var basis: HoldLiftBasis
    public var at: Date
}

/// 2.14(2): all funds delivered to a New York County court.
public struct DepositedWithCourt: Hashable, Sendable, Codable {
    public var court: String
    public var docket: String?
    public var amount: Money
    public var at: Date
}

/// 2.11: the agent's counsel costs, claimed against the escrow and paid out of it.
public struct CounselCostsClaimed: Hashable, Sendable, Codable {
    public var counsel: String
    public var amount: Money
    public var invoiceSHA256: String
    public var at: Date
}

/// 2.13: the agent requires a further instrument; it is a pending condition until furnished.
public struct FurtherInstrumentRequested: Hashable, Sendable, Codable {
    public var condition: ConditionID
    public var title: String
    public var from: [PartyID]
    /// Optional date by which it is wanted (its own deadline; 2.1).
    public var dueBy: Deadline?
    public var at: Date
}

/// 2.12: the agent resigns by written notice to the company and purchasers.
public struct AgentResigned: Hashable, Sendable, Codable {
    public var agent: PartyID
    public var notice: String
    public var recipients: [PartyID]
    public var at: Date
}

/// 2.12: a successor proposed by the company and purchasers; appointed once all have signed.
public struct SuccessorProposed: Hashable, Sendable, Codable {
    public var successor: Party
    public var requiredSigners: [PartyID]
    public var at: Date
}

/// 2.12: the company and every purchaser have signed; the successor is appointed.
public struct SuccessorAppointed: Hashable, Sendable, Codable {
    public var successor: Party
    public var at: Date
}

/// 2.2: a notice sent in writing (a deadline reminder, a notice of a missed deadline), kept
/// with the escrow so the record says who was told what, and when.
public struct NoticeRecorded: Hashable, Sendable, Codable {
    /// Stable id: the same notice is recorded once.
    public var noticeID: String
    public var recipients: [String]
    public var subject: String
    public var text: String
    public var clause: String
    public var at: Date

    public init(noticeID: String, recipients: [String], subject: String, text: String, clause: String, at: Date) {
        self.noticeID = noticeID
        self.recipients = recipients
        self.subject = subject
        self.text = text
        self.clause = clause
        self.at = at
    }
}

/// 2.12: the successor verified the handed-over history and funds and now acts as agent.
public struct HandoverAccepted: Hashable, Sendable, Codable {
    public var successor: PartyID
    public var eventsVerified: Int
    public var lastHash: String
    public var fundsHeld: Money
    public var at: Date
}
