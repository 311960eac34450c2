/// The ledger as the agent and the company see it: every posting, the balances, and the
/// identity deposited = held + paid out + refunded + deposited with court.
public struct LedgerView: Encodable, Sendable {
    /// One posting: `amountMinorUnits` moved from `credit` to `debit` under `clause`.
    public struct Line: Encodable, Sendable {
        /// The account the money arrived in: `held`, `paid-out:company`, `court`...
        public var debit: String
        /// The account the money left: `deposits` for an incoming wire, `held` for money paid out,
        /// refunded or delivered to a court.
        public var credit: String
        /// The amount moved.
        public var amountMinorUnits: Int64
        /// The amount in plain decimal form, e.g. `15000.00`.
        public var amount: String
        /// The clause that caused the movement.
        public var clause: String
    }

    /// The ISO 4217 code every amount of the view is counted in.
    public var currency: String
    /// Everything wired in, whatever became of it since.
    public var depositedMinorUnits: Int64
    /// What the escrow account holds now.
    public var heldMinorUnits: Int64
    /// Paid out at release or under a court order, to all payees together.
    public var paidOutMinorUnits: Int64
    /// Returned to depositors, all of them together.
    public var refundedMinorUnits: Int64
    /// Delivered to a court under 2.14(2).
    public var depositedWithCourtMinorUnits: Int64
    /// Each account's balance in minor units, by account name (`held`, `paid-out:company`).
    public var balances: [String: Int64]
    /// Every posting, in the order it was made.
    public var postings: [Line]

    /// The view of `ledger`, or `nil` when `viewer` may not read the ledger.
    public init?(_ ledger: Ledger, viewer: Viewer) {
        guard viewer.mayReadLedger else { return nil }
        currency = ledger.currency.code
        depositedMinorUnits = ledger.deposited.amountMinorUnits
        heldMinorUnits = ledger.held.amountMinorUnits
        paidOutMinorUnits = ledger.paidOut.amountMinorUnits
        refundedMinorUnits = ledger.refunded.amountMinorUnits
        depositedWithCourtMinorUnits = ledger.depositedWithCourt.amountMinorUnits
        // A sender and a party may share a name; their accounts are shown added up. Each balance
        // is within the ceiling, so the sums cannot overflow.
        balances = Dictionary(ledger.balances.map { ($0.key.description, $0.value) }, uniquingKeysWith: +)
        postings = ledger.postings.map {
            Line(
                debit: $0.debit.description, credit: $0.credit.description, amountMinorUnits: $0.amount.amountMinorUnits,
                amount: $0.amount.decimalString, clause: $0.clause)
        }
    }
}
