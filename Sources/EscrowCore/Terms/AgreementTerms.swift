/// The terms of one escrow agreement, as data: who the parties are, what each purchaser
/// subscribes, what must arrive before funds move, who must sign the release instrument,
/// who is paid what at release, and the deadline after which funds go back.
///
/// Read from an agreement file by ``AgreementFile``; see `docs/agreement-format.md`.
public struct AgreementTerms: Hashable, Sendable, Codable {
    /// Short stable identifier, e.g. `roo-group-2005`.
    public var id: String
    /// The agreement's title, as the file states it.
    public var title: String
    /// The date the agreement is made as of; business-day spans count from it.
    public var dated: CivilDate
    /// The currency of every amount in the terms and the escrow; a command amount in another
    /// currency is refused.
    public var currency: Currency
    /// The calendar the deadlines are counted on: time zone, cut-off and extra closures (1.7).
    public var calendar: CalendarTerms
    /// Everyone the agreement names: company, escrow agent, purchasers, fee payees, third parties.
    public var parties: [Party]
    /// The shares the subscriptions buy, when the agreement states them; `nil` when it does not.
    public var offering: Offering?
    /// One per purchaser, in file order; their sum is the aggregate subscription amount (1.2).
    public var subscriptions: [Subscription]
    /// Clause 1.3: where and how purchasers wire their money.
    public var depositInstructions: DepositInstructions
    /// Clause 1.2: what must be in before the agent advises the funds received.
    public var conditions: [Condition]
    /// Clause 1.4 and Exhibit A: the instrument that releases the funds.
    public var releaseInstrument: ReleaseInstrument
    /// Clauses 1.5 and 1.6: the fixed payments at release and who takes the remainder.
    public var disbursement: DisbursementTerms
    /// Clause 1.7: when funds go back to the purchasers.
    public var refund: RefundTerms?
    /// How this agreement numbers the rules the engine runs (the file's `clauses:` section),
    /// so refusals, events and notices cite its own clauses; see ``citation(of:)``.
    ///
    /// `nil` when the file has no such section, as for every escrow recorded before the
    /// section existed: those cite the 2005 reference agreement's numbering. A stored
    /// opening without it encodes exactly as it always did, so its hash reproduces.
    public var clauses: [Rule: String]?
    /// The file's `instruments:` section: title, clause and signers of amendments, successor
    /// appointments, settlements and joint written instructions; `nil` keeps the engine's
    /// long-standing signers and encodes as before the section existed.
    public var instruments: InstrumentTerms?
    /// The file's `notices:` section: recipients per kind of notice and the deemed-receipt
    /// rule; `nil` keeps the notices record as it always read.
    public var notices: NoticeTerms?

    /// Creates terms from values built in code; ``AgreementFile/validate(_:sourceName:)`` checks
    /// them as a file would be.
    public init(
        id: String, title: String, dated: CivilDate, currency: Currency, calendar: CalendarTerms,
        parties: [Party], offering: Offering?, subscriptions: [Subscription],
        depositInstructions: DepositInstructions, conditions: [Condition],
        releaseInstrument: ReleaseInstrument, disbursement: DisbursementTerms, refund: RefundTerms?,
        clauses: [Rule: String]? = nil, instruments: InstrumentTerms? = nil, notices: NoticeTerms? = nil
    ) {
        self.id = id
        self.title = title
        self.dated = dated
        self.currency = currency
        self.calendar = calendar
        self.parties = parties
        self.offering = offering
        self.subscriptions = subscriptions
        self.depositInstructions = depositInstructions
        self.conditions = conditions
        self.releaseInstrument = releaseInstrument
        self.disbursement = disbursement
        self.refund = refund
        self.clauses = clauses
        self.instruments = instruments
        self.notices = notices
    }

    /// The party with this id, or `nil` when the agreement names none.
    public func party(_ id: PartyID) -> Party? { parties.first { $0.id == id } }
    /// Every party whose role is purchaser, in file order.
    public var purchasers: [Party] { parties.filter { $0.role == .purchaser } }
    /// The company (the issuer selling the shares); validation ensures there is exactly one.
    public var company: Party? { parties.first { $0.role == .company } }
    /// The escrow agent named in the terms; validation ensures there is exactly one.
    public var escrowAgent: Party? { parties.first { $0.role == .escrowAgent } }
    /// The subscription of this purchaser, or `nil` when it has none.
    public func subscription(of purchaser: PartyID) -> Subscription? {
        subscriptions.first { $0.purchaser == purchaser }
    }
    /// The sum of every subscription: what 1.2 calls the aggregate subscription amounts.
    public var aggregateSubscription: Money {
        // Validation has already proved the sum fits under the ceiling; should terms arrive
        // unvalidated, the sum saturates rather than stop the process.
        (try? Money.sum(subscriptions.map(\.amount), currency)) ?? Money(minorUnits: Int64.max, currency)
    }
    /// Expands a signer list (which may say `purchasers`) into party ids, in file order.
    public func expand(_ signers: [SignerReference]) -> [PartyID] {
        var result: [PartyID] = []
        for signer in signers {
            switch signer {
            case .party(let id): if !result.contains(id) { result.append(id) }
            case .everyPurchaser:
                for purchaser in purchasers where !result.contains(purchaser.id) { result.append(purchaser.id) }
            }
        }
        return result
    }
}

/// The role a party plays; it decides what the party may sign and see.
public enum PartyRole: String, Hashable, Sendable, Codable, CaseIterable {
    case company
    case purchaser
    case escrowAgent
    case feePayee
    /// A party outside the escrow that delivers a document, e.g. the NIR Group's waiver.
    case thirdParty
}

/// A party the agreement names, with the role that decides what it may sign and see.
public struct Party: Hashable, Sendable, Codable {
    /// How the terms, events and signatures refer to the party; unique, and never `purchasers`.
    public var id: PartyID
    /// The party's legal name, used in notices and refusals.
    public var name: String
    /// What the party is to the escrow: company, purchaser, escrow agent, fee payee or third party.
    public var role: PartyRole
    /// Postal or e-mail address for notices (2.2), free text.
    public var address: String?
    /// How notices reach the party (hand, e-mail, courier, mail, fax); `nil` when the file
    /// does not say.
    public var noticeMethod: NoticeMethod?

    /// Creates a party; `address` and `noticeMethod` are optional.
    public init(id: PartyID, name: String, role: PartyRole, address: String? = nil, noticeMethod: NoticeMethod? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.address = address
        self.noticeMethod = noticeMethod
    }
}

/// The securities offering the subscriptions buy into, when the agreement states one.
public struct Offering: Hashable, Sendable, Codable {
    /// What is sold, e.g. common stock, par value $.0001.
    public var security: String
    /// The number of shares offered; positive.
    public var shares: Int64
    /// The price of one share, within the currency's decimals; positive.
    public var pricePerShare: Money
    /// The stated total, checked against shares times price and against the subscriptions.
    public var total: Money

    /// Creates an offering; validation checks that shares times price equals the total.
    public init(security: String, shares: Int64, pricePerShare: Money, total: Money) {
        self.security = security
        self.shares = shares
        self.pricePerShare = pricePerShare
        self.total = total
    }
}

/// One purchaser's commitment: shares (when stated) and the amount to wire.
public struct Subscription: Hashable, Sendable, Codable {
    /// The purchaser (a party whose role is purchaser) that makes this subscription.
    public var purchaser: PartyID
    /// The shares bought, when stated; shares times the offering's price must then equal `amount`.
    public var shares: Int64?
    /// What the purchaser wires into escrow; a deposit above it is over-subscription and the excess
    /// goes back (1.1).
    public var amount: Money

    /// Creates a subscription; `shares` may be `nil` when the agreement does not state them.
    public init(purchaser: PartyID, shares: Int64?, amount: Money) {
        self.purchaser = purchaser
        self.shares = shares
        self.amount = amount
    }
}

/// Clause 1.3: the wire instructions shown to every purchaser.
public struct DepositInstructions: Hashable, Sendable, Codable {
    /// The receiving bank, e.g. Citibank, N.A.
    public var bank: String
    /// The receiving bank's address, when stated.
    public var bankAddress: String?
    /// The bank's ABA routing number, kept as text so leading zeros survive.
    public var routingNumber: String
    /// The name of the escrow account the wires go to.
    public var accountName: String
    /// The number of the escrow account the wires go to.
    public var accountNumber: String
    /// What each purchaser quotes on its wire so the deposit can be matched.
    public var reference: String

    /// Creates wire instructions; `bankAddress` is optional.
    public init(
        bank: String, bankAddress: String?, routingNumber: String, accountName: String,
        accountNumber: String, reference: String
    ) {
        self.bank = bank
        self.bankAddress = bankAddress
        self.routingNumber = routingNumber
        self.accountName = accountName
        self.accountNumber = accountNumber
        self.reference = reference
    }
}

/// Who must sign or deliver: one named party, or every purchaser.
public enum SignerReference: Hashable, Sendable, Codable, CustomStringConvertible {
    case party(PartyID)
    case everyPurchaser

    public var description: String {
        switch self {
        case .party(let id): id.rawValue
        case .everyPurchaser: "purchasers"
        }
    }
}

/// A condition precedent under 1.2.
public struct Condition: Hashable, Sendable, Codable {
    /// What satisfies a condition: the funds, a named document, or counterpart signature pages.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Every subscription amount deposited in full.
        case subscriptionFunds
        /// A named document delivered by the parties in `from` (one copy from each).
        case document
        /// Counterpart signature pages from each party in `from`.
        case counterparts
    }

    /// The condition's id, unique among conditions; `refund.unless` refers to it.
    public var id: ConditionID
    /// What satisfies it: the subscription funds, a document, or counterparts.
    public var kind: Kind
    /// What the condition is, as the agreement names it, e.g. NIR Waiver.
    public var title: String
    /// Who delivers it, one delivery from each; empty for `subscriptionFunds`.
    public var from: [SignerReference]
    /// The clause that imposes it, e.g. `1.2`.
    public var clause: String

    /// Creates a condition; validation checks that `from` suits the kind.
    public init(id: ConditionID, kind: Kind, title: String, from: [SignerReference], clause: String) {
        self.id = id
        self.kind = kind
        self.title = title
        self.from = from
        self.clause = clause
    }
}

/// Clause 1.4 and Exhibit A: the instrument and the parties whose execution makes it effective.
public struct ReleaseInstrument: Hashable, Sendable, Codable {
    /// The instrument's title, e.g. Release Notice.
    public var title: String
    /// Whose execution makes it effective, at least one; `[company, purchasers]` in the 2005 deal.
    public var signers: [SignerReference]
    /// The text every counterpart signs, so a signature over other text is refused.
    public var text: String
    /// The clause that provides for it, e.g. `1.4, Exhibit A`; a counterpart of it cites this.
    public var clause: String

    /// Creates the release instrument; validation requires at least one signer.
    public init(title: String, signers: [SignerReference], text: String, clause: String) {
        self.title = title
        self.signers = signers
        self.text = text
        self.clause = clause
    }
}

/// A payment fixed by the agreement and made at release, before the remainder.
public struct FixedPayment: Hashable, Sendable, Codable {
    /// Who is paid, a party the terms name.
    public var payee: PartyID
    /// The amount paid at release; positive.
    public var amount: Money
    /// Why it is paid, as the agreement puts it, e.g. the placement agent's fee.
    public var purpose: String
    /// The clause that fixes the payment, e.g. `1.5`; the payment cites it.
    public var clause: String

    /// Creates a fixed payment.
    public init(payee: PartyID, amount: Money, purpose: String, clause: String) {
        self.payee = payee
        self.amount = amount
        self.purpose = purpose
        self.clause = clause
    }
}

/// Clauses 1.5 and 1.6.
public struct DisbursementTerms: Hashable, Sendable, Codable {
    /// The payments fixed by the agreement (1.5), made at release in file order before the
    /// remainder; together no more than the aggregate subscription.
    public var fixedPayments: [FixedPayment]
    /// Who receives what is left, per its written instructions (1.6).
    public var remainderPayee: PartyID
    /// The remainder's clause, e.g. `1.6`; a `clauses:` section that numbers it must agree.
    public var remainderClause: String
    /// Payments worked out as a percentage of a base, made at release after the fixed ones and
    /// before the remainder. `nil` when the agreement states none, as for every escrow recorded
    /// before percentages existed: such an opening encodes as it always did.
    public var percentagePayments: [PercentagePayment]?

    /// Creates the disbursement terms.
    public init(
        fixedPayments: [FixedPayment], remainderPayee: PartyID, remainderClause: String,
        percentagePayments: [PercentagePayment]? = nil
    ) {
        self.fixedPayments = fixedPayments
        self.remainderPayee = remainderPayee
        self.remainderClause = remainderClause
        self.percentagePayments = percentagePayments
    }

    /// Every party paid at release, in the order paid: the fixed payees, the percentage payees,
    /// then the remainder payee; each once.
    public var payees: [PartyID] {
        var result: [PartyID] = []
        for payee in fixedPayments.map(\.payee) + (percentagePayments ?? []).map(\.payee) + [remainderPayee]
        where !result.contains(payee) {
            result.append(payee)
        }
        return result
    }
}

/// Clause 1.7: if the trigger condition is not met by the deadline, every purchaser's own
/// deposits go back, and release is refused from then on.
public struct RefundTerms: Hashable, Sendable, Codable {
    /// The condition whose absence triggers the refund (the NIR waiver).
    public var unlessCondition: ConditionID
    /// Business days counted from ``AgreementTerms/dated`` (10 in the reference deal).
    public var businessDaysAfterAgreementDate: Int
    /// The refund's clause, e.g. `1.7`; a `clauses:` section that numbers it must agree.
    public var clause: String
    /// Whether a depositor who has given no written wire instructions may be refunded to the
    /// account its wire came from. `nil` (the default) means no: its refund falls due and is
    /// owed until its signed instructions are in, as 1.7's "pursuant to written wire
    /// instructions to be delivered by the Purchasers" says.
    public var toOriginatingAccount: Bool?

    /// True when a depositor without written instructions is refunded to its originating account.
    public var mayReturnToOriginatingAccount: Bool { toOriginatingAccount ?? false }

    /// Creates the refund terms.
    public init(unlessCondition: ConditionID, businessDaysAfterAgreementDate: Int, clause: String, toOriginatingAccount: Bool? = nil) {
        self.unlessCondition = unlessCondition
        self.businessDaysAfterAgreementDate = businessDaysAfterAgreementDate
        self.clause = clause
        self.toOriginatingAccount = toOriginatingAccount
    }
}
