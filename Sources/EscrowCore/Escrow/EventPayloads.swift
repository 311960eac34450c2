public import Foundation

/// 1.1: the escrow account is opened for the subscription funds under these terms.
public struct EscrowOpened: Hashable, Sendable, Codable {
    /// The escrow's id, which every signing message quotes.
    public var escrowID: EscrowID
    /// The validated terms the escrow opened on; amendments change the state's copy, not this.
    public var terms: AgreementTerms
    /// SHA-256 of the canonical terms, quoted in every signing message.
    public var termsSHA256: String
    /// When the account was opened; time runs for the escrow from here.
    public var at: Date
}

/// 2.8: a signatory's Ed25519 public key, registered by the agent before it relies on it.
public struct KeyRegistered: Hashable, Sendable, Codable {
    /// The signatory whose key it is; it must be a party to the escrow.
    public var party: PartyID
    /// The Ed25519 public key, base64; a key registered to another party is refused.
    public var publicKeyBase64: String
    /// When the agent registered the key; signatures are checked against it from then on.
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
    /// The deposit's id, `D1`, `D2`, … in order of arrival.
    public var depositID: DepositID
    /// The bank's reference; a wire reported twice with one reference is one deposit.
    public var bankReference: String
    /// The purchaser it is attributed to; `nil` when the sender is not a purchaser.
    public var purchaser: PartyID?
    /// The sender as reported, else the purchaser's name, else "unknown sender"; unidentified wires
    /// go back by this name.
    public var senderName: String
    /// The amount wired, in the escrow's currency; held in full whatever the flags say (1.1).
    public var amount: Money
    /// What the agent should look at; empty for a purchaser's wire that brings it exactly to its
    /// subscription.
    public var flags: [DepositFlag]
    /// When the wire was recorded as received.
    public var at: Date

    /// Creates the record of one received wire.
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
    /// The condition of 1.2, or the further instrument of 2.13, the document goes towards.
    public var condition: ConditionID
    /// The party that delivered it; it must be one the condition names.
    public var from: PartyID
    /// The document's title as delivered, else the condition's title.
    public var title: String
    /// The SHA-256 of the document's bytes (2.10); a second delivery from the party must match it.
    public var sha256: String
    /// The document's size in bytes.
    public var byteCount: Int
    /// When it arrived; for the refund's trigger condition it counts only before the deadline
    /// closes (1.7).
    public var at: Date

    /// Creates the record of one delivered document.
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
    /// The instrument signed: the Release Notice, an amendment, a successor's appointment, a
    /// settlement or wire instructions.
    public var instrument: Instrument
    /// The party that signed this counterpart; it must be one the instrument names.
    public var signer: PartyID
    /// What the agent relies on (2.8): the verified Ed25519 signature, or a paper scan's hash and
    /// who attested it.
    public var reliance: Reliance
    /// When the counterpart was recorded.
    public var at: Date
}

/// 1.2: every condition is in; the agent advises the company and purchasers of the amount.
public struct FundsAdvised: Hashable, Sendable, Codable {
    /// The funds held when the advice is given, which is the amount the agent reports.
    public var amount: Money
    /// Who is advised: the company, then every purchaser.
    public var recipients: [PartyID]
    /// When the advice was given; the Release Notice can be signed only after it (1.4).
    public var at: Date
}

/// One account a payment goes to.
public struct BankAccount: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The name on the account.
    public var accountName: String
    /// The bank that holds the account.
    public var bank: String
    /// The bank's ABA routing number, nine digits, as text.
    public var routingNumber: String
    /// The account number; written instructions must give 4 to 17 digits.
    public var accountNumber: String

    /// Creates an account from its four parts.
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
    /// The account the line pays into.
    public var account: BankAccount
    /// A fixed amount for this account, or `nil` for the line that takes what is left.
    public var amount: Money?

    /// Creates an instruction line.
    public init(account: BankAccount, amount: Money?) {
        self.account = account
        self.amount = amount
    }
}

/// 1.6 (company) or 1.7 (purchaser): written wire instructions, signed by the party.
public struct PaymentInstructionsGiven: Hashable, Sendable, Codable {
    /// The party whose accounts these are: the company for the remainder (1.6), a purchaser for its
    /// refund (1.7), or a fee payee.
    public var party: PartyID
    /// The accounts in order: lines with a fixed amount are paid as given, and at most one line
    /// takes what is left.
    public var lines: [InstructionLine]
    /// SHA-256 of the canonical lines; the party signs the instrument `payment-instructions:<digest>`.
    public var digest: String
    /// The party's signature over the digest, as the agent relies on it (2.8).
    public var reliance: Reliance
    /// When the instructions were recorded; they replace the party's earlier instructions.
    public var at: Date
}

/// 1.4, Exhibit A: the last required counterpart is in; the Release Notice is effective.
public struct ReleaseNoticeEffective: Hashable, Sendable, Codable {
    /// The parties whose counterparts made it effective, as the terms name them.
    public var signers: [PartyID]
    /// When the last counterpart arrived and the notice took effect (1.5).
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
    /// The amount of this wire, in the escrow's currency.
    public var amount: Money
    /// Where it goes: an account from written instructions, or a return to the originating wire.
    public var destination: String
    /// Why it is paid, e.g. a fixed payment's purpose from the terms or "subscription funds
    /// returned".
    public var purpose: String
    /// The clause the payment is made under, as the agreement numbered it when it was made.
    public var clause: String

    /// Creates a payment.
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
    /// Every wire of the plan, in the order they are made.
    public var payments: [Payment]
    /// The sum of `payments`; at a release, it plus `retained` equals the funds held, to the cent.
    public var total: Money
    /// Kept back under a partial dispute hold (2.14).
    public var retained: Money
    /// The court order obeyed, when one directed it (2.9).
    public var courtDocket: String?
    /// When the funds were disbursed.
    public var at: Date
}

/// 1.7: the trigger condition was not met by the deadline; release is impossible from now on.
public struct RefundDeadlineMissed: Hashable, Sendable, Codable {
    /// The deadline that closed, with its date, cut-off and time zone.
    public var deadline: Deadline
    /// The trigger condition that was not met in time, e.g. the NIR Waiver.
    public var condition: ConditionID
    /// When the engine recorded the miss: the first command or tick after the deadline closed.
    public var at: Date
}

/// 1.7 (or 2.9 under a court order): each depositor's own funds returned.
public struct Refunded: Hashable, Sendable, Codable {
    /// Every wire of the refund: each depositor's funds back to its signed instructions, else to
    /// the originating wire.
    public var payments: [Payment]
    /// The sum of `payments`, equal to the funds held at the refund.
    public var total: Money
    /// The court order that directed the refund (2.9), or `nil` for the 1.7 refund.
    public var courtDocket: String?
    /// When the funds were refunded.
    public var at: Date
}

/// The refund has fallen due: what each depositor is owed, recorded before any of it is paid.
///
/// A depositor is paid by a later ``Refunded`` once its signed written wire instructions are
/// in (at once when they already are), or back to its originating wire where the agreement
/// allows that or where the sender is not a party. Until then the amount stays held and owed.
public struct RefundsFellDue: Hashable, Sendable, Codable {
    /// One line per depositor: who is owed what, and where it is to go as things stand.
    public var owed: [Payment]
    /// The sum of `owed`.
    public var total: Money
    /// When the refund fell due.
    public var at: Date

    /// Creates the record of refunds falling due.
    public init(owed: [Payment], total: Money, at: Date) {
        self.owed = owed
        self.total = total
        self.at = at
    }
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
    /// The amendment's id; the signers sign the instrument `amendment:<id>`.
    public var amendmentID: AmendmentID
    /// What the amendment changes once effective.
    public var changes: [AmendmentChange]
    /// The amendment's text; the signers sign it together with the changes.
    public var text: String
    /// Who must sign: the company, every purchaser and the acting agent (2.4, 2.7).
    public var requiredSigners: [PartyID]
    /// When the amendment was put forward.
    public var at: Date
}

/// 2.4, 2.7: the last required signature is in; the changes apply from now.
public struct AmendmentEffective: Hashable, Sendable, Codable {
    /// The amendment that took effect.
    public var amendmentID: AmendmentID
    /// When the last required signature arrived and the changes applied.
    public var at: Date
}

/// 2.9: a party's (or anyone's) warning, recorded and not binding.
public struct WarningRecorded: Hashable, Sendable, Codable {
    /// Who gave the warning, a party or anyone else, as text.
    public var from: String
    /// What the warning says.
    public var text: String
    /// When the warning was recorded.
    public var at: Date

    /// Creates the record of a warning.
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
    /// The order's docket number; one order with one docket and directive is recorded once.
    public var docket: String
    /// The court that made the order.
    public var court: String
    /// Final: the time for appeal has expired with no appeal perfected (2.14).
    public var isFinal: Bool
    /// What the order directs: a hold, lifting a hold, payments, a refund or delivery to the court.
    public var directive: CourtDirective
    /// The SHA-256 of the order's document, so the record identifies the paper obeyed.
    public var documentSHA256: String
    /// When the order was recorded.
    public var at: Date
}

/// 2.14: the agent retains all or part of the funds while a dispute lasts.
public struct HoldPlaced: Hashable, Sendable, Codable {
    /// The hold's id, named by the agent or the docket of the order that placed it.
    public var holdID: HoldID
    /// `nil` holds all funds.
    public var amount: Money?
    /// The dispute the hold is for; a settlement's signed text quotes it.
    public var reason: String
    /// The parties concerned, whose mutual written agreement lifts it.
    public var partiesConcerned: [PartyID]
    /// The court order that placed the hold, or `nil` when the agent did; a court's hold is lifted
    /// only by a final order.
    public var courtDocket: String?
    /// When the hold was placed.
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
    /// The hold that ended.
    public var holdID: HoldID
    /// What ended it: the signed settlement of the parties concerned, or a final court order.
    public var basis: HoldLiftBasis
    /// When the hold was lifted.
    public var at: Date
}

/// 2.14(2): all funds delivered to a New York County court.
public struct DepositedWithCourt: Hashable, Sendable, Codable {
    /// The court the funds went to.
    public var court: String
    /// The docket of the proceeding, when there is one.
    public var docket: String?
    /// All the funds held at the time of delivery.
    public var amount: Money
    /// When the funds were delivered.
    public var at: Date
}

/// 2.11: the agent's counsel costs, claimed against the escrow and paid out of it.
public struct CounselCostsClaimed: Hashable, Sendable, Codable {
    /// The counsel whose costs are claimed, by name.
    public var counsel: String
    /// The amount claimed; paid at release before the remainder, or borne pro rata by the
    /// depositors in a refund.
    public var amount: Money
    /// The SHA-256 of the counsel's invoice.
    public var invoiceSHA256: String
    /// When the claim was recorded.
    public var at: Date
}

/// 2.13: the agent requires a further instrument; it is a pending condition until furnished.
public struct FurtherInstrumentRequested: Hashable, Sendable, Codable {
    /// The id of the pending condition the instrument creates; it must not clash with another.
    public var condition: ConditionID
    /// What the instrument is.
    public var title: String
    /// The parties who must furnish it, one delivery from each.
    public var from: [PartyID]
    /// Optional date by which it is wanted (its own deadline; 2.1).
    public var dueBy: Deadline?
    /// When the agent asked for it.
    public var at: Date
}

/// 2.12: the agent resigns by written notice to the company and purchasers.
public struct AgentResigned: Hashable, Sendable, Codable {
    /// The agent that resigned.
    public var agent: PartyID
    /// The text of the written notice of resignation.
    public var notice: String
    /// Who was given notice: the company and every purchaser.
    public var recipients: [PartyID]
    /// When the agent resigned; from then on it cannot move money.
    public var at: Date
}

/// 2.12: a successor proposed by the company and purchasers; appointed once all have signed.
public struct SuccessorProposed: Hashable, Sendable, Codable {
    /// The proposed successor, recorded with the role of escrow agent.
    public var successor: Party
    /// Who must sign the appointment: the company and every purchaser.
    public var requiredSigners: [PartyID]
    /// When the successor was put forward.
    public var at: Date
}

/// 2.12: the company and every purchaser have signed; the successor is appointed.
public struct SuccessorAppointed: Hashable, Sendable, Codable {
    /// The successor agent, now appointed.
    public var successor: Party
    /// When the last required signature arrived.
    public var at: Date
}

/// 2.2: a notice sent in writing (a deadline reminder, a notice of a missed deadline), kept
/// with the escrow so the record says who was told what, and when.
public struct NoticeRecorded: Hashable, Sendable, Codable {
    /// Stable id: the same notice is recorded once.
    public var noticeID: String
    /// Who was told, by name or address.
    public var recipients: [String]
    /// The notice's subject line.
    public var subject: String
    /// The notice's text.
    public var text: String
    /// The clause the notice is given under, as the agreement numbers it.
    public var clause: String
    /// When the notice was recorded; the engine stamps it with the command's instant.
    public var at: Date

    /// Creates a notice; `at` is replaced by the instant it is recorded.
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
    /// The successor that took over as agent.
    public var successor: PartyID
    /// How many events of the handed-over log it verified.
    public var eventsVerified: Int
    /// The hash of the last verified event, which ties the acceptance to that exact history.
    public var lastHash: String
    /// The funds held when the successor took over.
    public var fundsHeld: Money
    /// When the successor accepted the handover.
    public var at: Date
}
