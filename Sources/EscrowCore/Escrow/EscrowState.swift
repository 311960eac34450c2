public import Foundation

/// The escrow as it stands: a fold over its events, nothing else.
///
/// `apply` checks every event it folds: amounts in the escrow's currency and within its
/// ceiling, money moved only as the ledger allows. The decider never produces an event that
/// fails these checks, so a failure means the log was written by something else (an imported
/// file, a tampered database) and is reported as ``EscrowFoldError``, never as a trap.
public struct EscrowState: Sendable {
    /// The escrow's id, from its opening.
    public let escrowID: EscrowID
    /// The terms the escrow runs on: those it was opened with, with any effective amendment's
    /// fixed-payment changes applied.
    public private(set) var terms: AgreementTerms
    /// The SHA-256 of the terms as opened, quoted in every signing message (2.8).
    public let termsSHA256: String
    /// When the escrow was opened.
    public let openedAt: Date
    /// The business calendar of the terms; the 1.7 deadline and any due date count on it.
    public let calendar: BusinessCalendar
    /// The acting escrow agent; a successor after an accepted handover (2.12).
    public private(set) var agent: PartyID
    /// The successor agent once it has accepted the handover (2.12), as appointed; `nil` before.
    public private(set) var successorParty: Party?
    /// Each party's registered Ed25519 public key, base64 (2.8); the latest registration wins.
    public private(set) var publicKeys: [PartyID: String] = [:]
    /// Every wire received, in order of arrival, flagged or not (1.1, 1.3).
    public private(set) var deposits: AppendOnlyList<DepositReceived> = []
    /// Each purchaser's deposits so far, in minor units, kept as deposits arrive.
    private(set) var depositedMinorUnits: [PartyID: Int64] = [:]
    /// Where the first deposit with each bank reference sits in ``deposits``.
    private(set) var depositsByReference = ShardedDictionary<String, Int>()
    /// Every document delivered towards a condition (1.2) or a further instrument (2.13), in order.
    public private(set) var documents: [DocumentReceived] = []
    /// The counterparts recorded, by instrument and then by signer (2.8).
    public private(set) var signatures: [Instrument: [PartyID: CounterpartSigned]] = [:]
    /// The 1.2 advice of funds received, once every condition is in; `nil` before.
    public private(set) var advice: FundsAdvised?
    /// When the Release Notice became effective (1.4, Exhibit A); `nil` until every required signer
    /// has signed.
    public private(set) var releaseNoticeEffectiveAt: Date?
    /// Each party's latest signed written wire instructions (1.6, 1.7).
    public private(set) var instructions: [PartyID: PaymentInstructionsGiven] = [:]
    /// Every disbursement, with each payee read as this engine reads payees (``payee(of:)``).
    public private(set) var disbursements: [Disbursed] = []
    /// The missed 1.7 deadline, once it has closed without the trigger condition; release is
    /// refused from then on.
    public private(set) var refundDeadlineMissed: RefundDeadlineMissed?
    /// Every refund, with each payee read as this engine reads payees (``payee(of:)``).
    public private(set) var refunds: [Refunded] = []
    /// Every time the refund fell due, with what each depositor was owed then.
    public private(set) var refundsFallenDue: [RefundsFellDue] = []
    /// What each depositor is owed of a refund that fell due and is not yet paid, in minor
    /// units; ``refundsOwed`` gives it in order with amounts.
    var refundOwedMinorUnits: [PayeeID: Int64] = [:]
    /// Every deadline by id: `refund` (1.7) and any further instrument's due date (2.13).
    public private(set) var deadlines: [DeadlineID: Deadline] = [:]
    /// Every amendment put forward, by id (2.4, 2.7), effective or not.
    public private(set) var amendments: [AmendmentID: AmendmentProposed] = [:]
    /// When each amendment took effect, by id.
    public private(set) var effectiveAmendments: [AmendmentID: Date] = [:]
    /// The alterations of the agent's duties made by effective amendments (2.7), in order.
    public private(set) var agentDuties: [String] = []
    /// Every warning recorded (2.9); they change nothing else.
    public private(set) var warnings: [WarningRecorded] = []
    /// Every court order recorded (2.9), in order.
    public private(set) var courtOrders: [CourtOrderRecorded] = []
    /// The dispute holds in force, by id (2.14).
    public private(set) var activeHolds: [HoldID: HoldPlaced] = [:]
    /// The holds lifted, by id, with how each ended (2.14).
    public private(set) var liftedHolds: [HoldID: HoldLifted] = [:]
    /// The delivery of the funds to a court (2.14(2)); `nil` while the agent still holds them.
    public private(set) var courtDeposit: DepositedWithCourt?
    /// Every counsel cost claim (2.11), in order.
    public private(set) var counselClaims: [CounselCostsClaimed] = []
    /// How many of ``counselClaims`` (the first ones) have been paid.
    public private(set) var counselClaimsPaid = 0
    /// Every further instrument the agent has required (2.13); each is a pending condition until
    /// furnished.
    public private(set) var furtherInstruments: [FurtherInstrumentRequested] = []
    /// The acting agent's resignation (2.12); `nil` when it has not resigned or a successor has
    /// taken over.
    public private(set) var resignation: AgentResigned?
    /// Every resignation ever given, kept for the notices record after a handover.
    public private(set) var resignations: [AgentResigned] = []
    /// The successor put forward for signature (2.12), if any.
    public private(set) var successorProposal: SuccessorProposed?
    /// The successor once the company and every purchaser have signed its appointment (2.12).
    public private(set) var successorAppointment: SuccessorAppointed?
    /// The accepted handover to the successor (2.12); `nil` before.
    public private(set) var handover: HandoverAccepted?
    /// Notices recorded under 2.2 beyond those other events carry (reminders, misses).
    public private(set) var recordedNotices: [NoticeRecorded] = []
    /// The agent's checkpoint keys, oldest first; the last one signs checkpoints now.
    public private(set) var checkpointKeys: [String] = []
    /// Desk controls (maker and checker, call-backs) applied, in order.
    public private(set) var deskControls: [DeskControlRecorded] = []
    /// Every dispute hold placed, lifted or not, in order (for the notices record).
    public internal(set) var holdsPlaced: [HoldPlaced] = []
    /// Joint written instructions put forward, by id, paid or not.
    public internal(set) var jointInstructions: [JointInstructionsID: JointInstructionsProposed] = [:]
    /// Joint written instructions paid, by id.
    public internal(set) var jointInstructionsPaid: [JointInstructionsID: JointInstructionsPaid] = [:]
    /// Requests a second agent user rejected, in order; nothing of them ran.
    public private(set) var deskRejections: [DeskControlRejected] = []
    /// The double-entry ledger of every deposit, payment, refund and court delivery.
    public private(set) var ledger: Ledger
    /// The escrow's dealings with its bank: payments and where they stand, files, exceptions,
    /// alarms, the last reconciliation.
    public private(set) var bank = BankState()
    /// How many events have been folded, counting the opening.
    public private(set) var eventCount = 0
    /// How the terms cite the rules the fold posts wires in and court deliveries under,
    /// worked out once: the fold runs for every stored event, and the numbering never changes.
    private let depositPostingClause: String
    private let courtPostingClause: String

    /// The id of the 1.7 refund deadline.
    public static let refundDeadlineID: DeadlineID = "refund"

    /// Starts the fold from the `opened` event.
    public init(opened: EscrowOpened) {
        escrowID = opened.escrowID
        terms = opened.terms
        termsSHA256 = opened.termsSHA256
        openedAt = opened.at
        calendar = BusinessCalendar(terms: opened.terms.calendar)
        agent = opened.terms.escrowAgent?.id ?? "escrow-agent"
        ledger = Ledger(currency: opened.terms.currency)
        depositPostingClause = opened.terms.cite(.escrowAccount)
        courtPostingClause = opened.terms.cite(.dispute)
        // Validation keeps the agreement date a year inside the calendar and the refund span
        // within 250 business days, so the count always lands; terms that skipped validation
        // get no refund deadline rather than a stopped program, and the fold refuses them.
        if let refund = opened.terms.refund,
            let date = try? calendar.adding(businessDays: refund.businessDaysAfterAgreementDate, to: opened.terms.dated)
        {
            deadlines[Self.refundDeadlineID] = Deadline(
                date: date, cutoff: opened.terms.calendar.cutoff, timeZoneIdentifier: opened.terms.calendar.timeZoneIdentifier)
        }
        eventCount = 1
    }

    /// Rebuilds a state from a whole history; `nil` when the first event is not `opened`.
    ///
    /// Throws when a later event breaks a rule of the fold (see ``apply(_:)``).
    public static func fold(_ events: some Sequence<EscrowEvent>) throws(EscrowFoldError) -> EscrowState? {
        var iterator = events.makeIterator()
        guard case .opened(let opened)? = iterator.next() else { return nil }
        // The terms of a stored opening are checked again: a log read from elsewhere must not
        // carry terms the agreement reader would refuse (an unknown time zone, say).
        do { try AgreementFile.validate(opened.terms) } catch {
            throw EscrowFoldError(eventNumber: 1, reason: "the terms are not valid: \(error)")
        }
        var state = EscrowState(opened: opened)
        while let event = iterator.next() { try state.apply(event) }
        return state
    }

    /// Folds one event in.
    ///
    /// Throws when the event carries an amount in another currency or above the ceiling, or a
    /// money movement the ledger refuses. The state is then partly changed and must be thrown
    /// away, as every caller does with the history it came from.
    public mutating func apply(_ event: EscrowEvent) throws(EscrowFoldError) {
        eventCount += 1
        let position = eventCount
        func post(_ posting: Posting) throws(EscrowFoldError) {
            do { try ledger.post(posting) } catch { throw EscrowFoldError(eventNumber: position, reason: error.description) }
        }
        let currency = terms.currency
        try event.forEachAmount { (amount: Money) throws(EscrowFoldError) in
            guard amount.currency == currency else {
                throw EscrowFoldError(eventNumber: position, reason: "an amount in \(amount.currency.code) in an escrow held in \(currency.code)")
            }
            guard amount.isWithinCeiling else {
                throw EscrowFoldError(eventNumber: position, reason: "\(amount) is outside zero to the ceiling of \(currency.amountCeiling)")
            }
        }
        switch event {
        case .opened:
            throw EscrowFoldError(eventNumber: position, reason: "an escrow is opened once, by its first event")
        case .keyRegistered(let e):
            publicKeys[e.party] = e.publicKeyBase64
        case .depositReceived(let e):
            // Posted first: the ledger bounds all money received by the ceiling, so the
            // purchaser's running total below cannot overflow.
            try post(Posting(debit: .held, credit: .deposits, amount: e.amount, clause: depositPostingClause))
            if depositsByReference[e.bankReference] == nil { depositsByReference[e.bankReference] = deposits.count }
            deposits.append(e)
            if let purchaser = e.purchaser { depositedMinorUnits[purchaser, default: 0] += e.amount.amountMinorUnits }
        case .documentReceived(let e):
            documents.append(e)
        case .counterpartSigned(let e):
            signatures[e.instrument, default: [:]][e.signer] = e
        case .fundsAdvised(let e):
            advice = e
        case .paymentInstructionsGiven(let e):
            instructions[e.party] = e
        case .releaseNoticeEffective(let e):
            releaseNoticeEffectiveAt = e.at
        case .disbursed(let e):
            var disbursed = e
            disbursed.payments = e.payments.map(resolvingPayee)
            for payment in disbursed.payments {
                try post(Posting(debit: .paidOut(payment.payee), credit: .held, amount: payment.amount, clause: payment.clause))
            }
            if disbursed.payments.contains(where: Self.isCounselPayment) { counselClaimsPaid = counselClaims.count }
            disbursements.append(disbursed)
            bank.addOrders(disbursed.payments, escrow: escrowID, eventNumber: position) { .paidOut($0.payee) }
        case .refundDeadlineMissed(let e):
            refundDeadlineMissed = e
        case .refunded(let e):
            var refunded = e
            refunded.payments = e.payments.map(resolvingPayee)
            for payment in refunded.payments {
                // Counsel is paid out of a refund; everyone else gets its own money back.
                let account: LedgerAccount = Self.isCounselPayment(payment) ? .paidOut(payment.payee) : .refunded(payment.payee)
                try post(Posting(debit: account, credit: .held, amount: payment.amount, clause: payment.clause))
            }
            if refunded.payments.contains(where: Self.isCounselPayment) { counselClaimsPaid = counselClaims.count }
            for payment in refunded.payments where !Self.isCounselPayment(payment) {
                // A payment to a depositor settles what it was owed first.
                if let owed = refundOwedMinorUnits[payment.payee] {
                    let left = owed - min(owed, payment.amount.amountMinorUnits)
                    refundOwedMinorUnits[payment.payee] = left > 0 ? left : nil
                }
            }
            refunds.append(refunded)
            bank.addOrders(refunded.payments, escrow: escrowID, eventNumber: position) {
                Self.isCounselPayment($0) ? .paidOut($0.payee) : .refunded($0.payee)
            }
        case .refundsFellDue(let e):
            var due = e
            due.owed = e.owed.map(resolvingPayee)
            for line in due.owed {
                let (sum, overflow) = refundOwedMinorUnits[line.payee, default: 0].addingReportingOverflow(line.amount.amountMinorUnits)
                guard !overflow, sum <= currency.amountCeiling.amountMinorUnits else {
                    throw EscrowFoldError(eventNumber: position, reason: "the refunds owed to \(line.payee) pass the ceiling of \(currency.amountCeiling)")
                }
                refundOwedMinorUnits[line.payee] = sum
            }
            refundsFallenDue.append(due)
        case .amendmentProposed(let e):
            amendments[e.amendmentID] = e
        case .amendmentEffective(let e):
            effectiveAmendments[e.amendmentID] = e.at
            for change in amendments[e.amendmentID]?.changes ?? [] {
                switch change {
                case .extendDeadline(let id, let date):
                    deadlines[id]?.date = date
                case .changeFixedPayment(let payee, let amount):
                    for index in terms.disbursement.fixedPayments.indices
                    where terms.disbursement.fixedPayments[index].payee == payee {
                        terms.disbursement.fixedPayments[index].amount = amount
                    }
                case .agentDuties(let text):
                    agentDuties.append(text)
                }
            }
        case .warningRecorded(let e):
            warnings.append(e)
        case .courtOrderRecorded(let e):
            courtOrders.append(e)
        case .holdPlaced(let e):
            activeHolds[e.holdID] = e
            holdsPlaced.append(e)
        case .holdLifted(let e):
            activeHolds[e.holdID] = nil
            liftedHolds[e.holdID] = e
        case .depositedWithCourt(let e):
            try post(Posting(debit: .court, credit: .held, amount: e.amount, clause: courtPostingClause))
            courtDeposit = e
            let delivery = Payment(
                payee: .outside(e.court), amount: e.amount, destination: e.court, purpose: "funds delivered to the court", clause: courtPostingClause)
            bank.addOrders([delivery], escrow: escrowID, eventNumber: position) { _ in .court }
        case .counselCostsClaimed(let e):
            counselClaims.append(e)
        case .furtherInstrumentRequested(let e):
            furtherInstruments.append(e)
            if let due = e.dueBy { deadlines[DeadlineID(e.condition.rawValue)] = due }
        case .agentResigned(let e):
            resignation = e
            resignations.append(e)
        case .successorProposed(let e):
            successorProposal = e
        case .successorAppointed(let e):
            successorAppointment = e
        case .handoverAccepted(let e):
            handover = e
            agent = e.successor
            successorParty = successorAppointment?.successor
            resignation = nil
        case .noticeRecorded(let e):
            recordedNotices.append(e)
        case .deskControlRecorded(let e):
            deskControls.append(e)
        case .bank(let e):
            for posting in try bank.apply(e, escrow: escrowID, position: position) { try post(posting) }
        case .checkpointKeyRecorded(let e):
            checkpointKeys.append(e.publicKeyBase64)
        case .jointInstructions(.proposed(let e)):
            jointInstructions[e.id] = e
        case .jointInstructions(.paid(let e)):
            for payment in e.payments {
                try post(Posting(debit: .paidOut(payment.payee), credit: .held, amount: payment.amount, clause: payment.clause))
            }
            jointInstructionsPaid[e.id] = e
            bank.addOrders(e.payments, escrow: escrowID, eventNumber: position) { .paidOut($0.payee) }
        case .deskControlRejected(let e):
            deskRejections.append(e)
        }
    }
}

extension EscrowState {
    /// A payment of the agent's counsel costs, which leaves the escrow as a payment out even
    /// within a refund.
    static func isCounselPayment(_ payment: Payment) -> Bool {
        if case .counsel = payment.payee { true } else { false }
    }

    /// The payee a stored payment pays, as this escrow reads it.
    ///
    /// A payment recorded before payees had kinds stored its payee as text alone and reads
    /// back as a party by that text. When the text is no party's id, the payee was the agent's
    /// counsel (such a payment cites the counsel clause of the 2005 numbering, which those
    /// escrows use) or someone outside the agreement, and is read as such, so its ledger
    /// account is the one this engine keeps for that payee now.
    public func payee(of payment: Payment) -> PayeeID {
        guard case .party(let id) = payment.payee, !isParty(id) else { return payment.payee }
        let counselClause = ReferenceAgreement.clauseNumber(of: .counselCosts)
        return payment.clause == counselClause ? .counsel(id.rawValue) : .outside(id.rawValue)
    }

    /// The payment with its payee read by ``payee(of:)``.
    func resolvingPayee(_ payment: Payment) -> Payment {
        var resolved = payment
        resolved.payee = payee(of: payment)
        return resolved
    }

    /// A party to the agreement, or a successor agent proposed or appointed under it.
    func isParty(_ id: PartyID) -> Bool {
        terms.party(id) != nil || successorParty?.id == id || successorProposal?.successor.id == id
            || successorAppointment?.successor.id == id
    }
}

/// A history that cannot be folded: an event breaks a rule the decider never breaks, so the
/// log was not written by this engine's rules (an imported file, a tampered database).
public struct EscrowFoldError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The event's position in the history, counting the opening as 1.
    public var eventNumber: Int
    /// What rule of the fold the event broke, in a sentence.
    public var reason: String

    /// Creates a fold error for the event at `eventNumber`.
    public init(eventNumber: Int, reason: String) {
        self.eventNumber = eventNumber
        self.reason = reason
    }

    public var description: String { "event \(eventNumber) cannot be folded: \(reason)" }
}
