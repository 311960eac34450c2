/// The terms of one escrow agreement, as data: who the parties are, what each purchaser
/// subscribes, what must arrive before funds move, who must sign the release instrument,
/// who is paid what at release, and the deadline after which funds go back.
///
/// Read from an agreement file by ``AgreementFile``; see `docs/agreement-format.md`.
public struct AgreementTerms: Hashable, Sendable, Codable {
    /// Short stable identifier, e.g. `roo-group-2005`.
    public var id: String
    public var title: String
    /// The date the agreement is made as of; business-day spans count from it.
    public var dated: CivilDate
    public var currency: Currency
    public var calendar: CalendarTerms
    public var parties: [Party]
    public var offering: Offering?
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

    public init(
        id: String, title: String, dated: CivilDate, currency: Currency, calendar: CalendarTerms,
        parties: [Party], offering: Offering?, subscriptions: [Subscription],
        depositInstructions: DepositInstructions, conditions: [Condition],
        releaseInstrument: ReleaseInstrument, disbursement: DisbursementTerms, refund: RefundTerms?,
        clauses: [Rule: String]? = nil
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
    }

    public func party(_ id: PartyID) -> Party? { parties.first { $0.id == id } }
    public var purchasers: [Party] { parties.filter { $0.role == .purchaser } }
    public var company: Party? { parties.first { $0.role == .company } }
    public var escrowAgent: Party? { parties.first { $0.role == .escrowAgent } }
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

public struct Party: Hashable, Sendable, Codable {
    public var id: PartyID
    public var name: String
    public var role: PartyRole
    /// Postal or e-mail address for notices (2.2), free text.
    public var address: String?

    public init(id: PartyID, name: String, role: PartyRole, address: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.address = address
    }
}

/// The securities offering the subscriptions buy into, when the agreement states one.
public struct Offering: Hashable, Sendable, Codable {
    public var security: String
    public var shares: Int64
    public var pricePerShare: Money
    /// The stated total, checked against shares times price and against the subscriptions.
    public var total: Money

    public init(security: String, shares: Int64, pricePerShare: Money, total: Money) {
        self.security = security
        self.shares = shares
        self.pricePerShare = pricePerShare
        self.total = total
    }
}

/// One purchaser's commitment: shares (when stated) and the amount to wire.
public struct Subscription: Hashable, Sendable, Codable {
    public var purchaser: PartyID
    public var shares: Int64?
    public var amount: Money

    public init(purchaser: PartyID, shares: Int64?, amount: Money) {
        self.purchaser = purchaser
        self.shares = shares
        self.amount = amount
    }
}

/// Clause 1.3: the wire instructions shown to every purchaser.
public struct DepositInstructions: Hashable, Sendable, Codable {
    public var bank: String
    public var bankAddress: String?
    public var routingNumber: String
    public var accountName: String
    public var accountNumber: String
    /// What each purchaser quotes on its wire so the deposit can be matched.
    public var reference: String

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
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Every subscription amount deposited in full.
        case subscriptionFunds
        /// A named document delivered by the parties in `from` (one copy from each).
        case document
        /// Counterpart signature pages from each party in `from`.
        case counterparts
    }

    public var id: ConditionID
    public var kind: Kind
    public var title: String
    public var from: [SignerReference]
    /// The clause that imposes it, e.g. `1.2`.
    public var clause: String

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
    public var title: String
    public var signers: [SignerReference]
    /// The text every counterpart signs, so a signature over other text is refused.
    public var text: String
    public var clause: String

    public init(title: String, signers: [SignerReference], text: String, clause: String) {
        self.title = title
        self.signers = signers
        self.text = text
        self.clause = clause
    }
}

/// A payment fixed by the agreement and made at release, before the remainder.
public struct FixedPayment: Hashable, Sendable, Codable {
    public var payee: PartyID
    public var amount: Money
    public var purpose: String
    public var clause: String

    public init(payee: PartyID, amount: Money, purpose: String, clause: String) {
        self.payee = payee
        self.amount = amount
        self.purpose = purpose
        self.clause = clause
    }
}

/// Clauses 1.5 and 1.6.
public struct DisbursementTerms: Hashable, Sendable, Codable {
    public var fixedPayments: [FixedPayment]
    /// Who receives what is left, per its written instructions (1.6).
    public var remainderPayee: PartyID
    public var remainderClause: String

    public init(fixedPayments: [FixedPayment], remainderPayee: PartyID, remainderClause: String) {
        self.fixedPayments = fixedPayments
        self.remainderPayee = remainderPayee
        self.remainderClause = remainderClause
    }
}

/// Clause 1.7: if the trigger condition is not met by the deadline, every purchaser's own
/// deposits go back, and release is refused from then on.
public struct RefundTerms: Hashable, Sendable, Codable {
    /// The condition whose absence triggers the refund (the NIR waiver).
    public var unlessCondition: ConditionID
    /// Business days counted from ``AgreementTerms/dated`` (10 in the reference deal).
    public var businessDaysAfterAgreementDate: Int
    public var clause: String

    public init(unlessCondition: ConditionID, businessDaysAfterAgreementDate: Int, clause: String) {
        self.unlessCondition = unlessCondition
        self.businessDaysAfterAgreementDate = businessDaysAfterAgreementDate
        self.clause = clause
    }
}

/// The calendar deadlines are counted on.
public struct CalendarTerms: Hashable, Sendable, Codable {
    /// IANA time zone, `America/New_York` by default.
    public var timeZoneIdentifier: String
    /// When on a deadline's date it closes; `nil` means the end of that day.
    public var cutoff: TimeOfDay?
    /// Closures beyond the Federal Reserve schedule, e.g. a storm day.
    public var extraClosures: [CivilDate]

    public init(timeZoneIdentifier: String = "America/New_York", cutoff: TimeOfDay? = nil, extraClosures: [CivilDate] = []) {
        self.timeZoneIdentifier = timeZoneIdentifier
        self.cutoff = cutoff
        self.extraClosures = extraClosures
    }
}
