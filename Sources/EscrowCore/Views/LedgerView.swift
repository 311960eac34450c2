/// The ledger as the agent and the company see it: every posting, the balances, and the
/// identity deposited = held + paid out + refunded + deposited with court.
public struct LedgerView: Encodable, Sendable {
    /// One posting: `amountMinorUnits` moved from `credit` to `debit` under `clause`.
    public struct Line: Encodable, Sendable {
        public var debit: String
        public var credit: String
        public var amountMinorUnits: Int64
        /// The amount in plain decimal form, e.g. `15000.00`.
        public var amount: String
        public var clause: String
    }

    public var currency: String
    public var depositedMinorUnits: Int64
    public var heldMinorUnits: Int64
    public var paidOutMinorUnits: Int64
    public var refundedMinorUnits: Int64
    public var depositedWithCourtMinorUnits: Int64
    /// Each account's balance in minor units, by account name (`held`, `paid-out:company`).
    public var balances: [String: Int64]
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
        balances = Dictionary(uniqueKeysWithValues: ledger.balances.map { ($0.key.description, $0.value) })
        postings = ledger.postings.map {
            Line(
                debit: $0.debit.description, credit: $0.credit.description, amountMinorUnits: $0.amount.amountMinorUnits,
                amount: $0.amount.decimalString, clause: $0.clause)
        }
    }
}
