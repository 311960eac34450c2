/// An account of the escrow's double-entry ledger.
///
/// `deposits` is the outside world's side of every incoming wire; the others say where the
/// money is now. Because every posting moves one amount from one account to another, the
/// balances always sum to zero, which is the identity behind the invariant
/// deposited = held + paid out + refunded + deposited with court.
public enum LedgerAccount: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Money that came in by wire (its balance is minus the total deposited).
    case deposits
    /// Money in the escrow account now.
    case held
    /// Paid out at release or under a court order, per payee.
    case paidOut(String)
    /// Returned to a depositor, per depositor.
    case refunded(String)
    /// Delivered to a court under 2.14(2).
    case court

    public var description: String {
        switch self {
        case .deposits: "deposits"
        case .held: "held"
        case .paidOut(let payee): "paid-out:\(payee)"
        case .refunded(let depositor): "refunded:\(depositor)"
        case .court: "court"
        }
    }
}

/// One balanced movement: `amount` leaves `credit` and arrives in `debit`.
public struct Posting: Hashable, Sendable, Codable {
    public let debit: LedgerAccount
    public let credit: LedgerAccount
    public let amount: Money
    /// The clause that caused the movement.
    public let clause: String

    public init(debit: LedgerAccount, credit: LedgerAccount, amount: Money, clause: String) {
        precondition(amount.isPositive, "a posting moves a positive amount")
        precondition(debit != credit, "a posting moves money between two different accounts")
        self.debit = debit
        self.credit = credit
        self.amount = amount
        self.clause = clause
    }
}

/// The escrowed money, exactly: balances per account, kept by postings only.
public struct Ledger: Hashable, Sendable {
    public let currency: Currency
    public private(set) var balances: [LedgerAccount: Int64] = [:]
    public private(set) var postings: AppendOnlyList<Posting> = []

    public init(currency: Currency) { self.currency = currency }

    /// Records a posting. Overflow or a negative escrow balance is a broken invariant: the
    /// deciding code must have refused the command before producing such a posting.
    public mutating func post(_ posting: Posting) {
        precondition(posting.amount.currency == currency, "posting in \(posting.amount.currency), ledger in \(currency)")
        let amount = posting.amount.amountMinorUnits
        let (debitBalance, debitOverflow) = balances[posting.debit, default: 0].addingReportingOverflow(amount)
        let (creditBalance, creditOverflow) = balances[posting.credit, default: 0].subtractingReportingOverflow(amount)
        precondition(!debitOverflow && !creditOverflow, "ledger balance overflow")
        balances[posting.debit] = debitBalance
        balances[posting.credit] = creditBalance
        postings.append(posting)
        checkInvariant()
    }

    public func balance(_ account: LedgerAccount) -> Money { Money(minorUnits: balances[account, default: 0], currency) }

    /// Everything ever wired in.
    public var deposited: Money { Money(minorUnits: -balances[.deposits, default: 0], currency) }
    /// What the escrow account holds now.
    public var held: Money { balance(.held) }
    public var paidOut: Money { total { if case .paidOut = $0 { true } else { false } } }
    public var refunded: Money { total { if case .refunded = $0 { true } else { false } } }
    public var depositedWithCourt: Money { balance(.court) }

    private func total(_ matching: (LedgerAccount) -> Bool) -> Money {
        var sum: Int64 = 0
        for (account, balance) in balances where matching(account) { sum += balance }
        return Money(minorUnits: sum, currency)
    }

    /// deposited = held + paid out + refunded + deposited with court, and no account but
    /// `deposits` is ever negative. Checked after every posting.
    public func checkInvariant() {
        let sum = balances.values.reduce(Int64(0), +)
        precondition(sum == 0, "ledger does not balance: accounts sum to \(sum)")
        for (account, balance) in balances where account != .deposits {
            precondition(balance >= 0, "ledger account \(account) is negative: \(balance)")
        }
        precondition(
            deposited.amountMinorUnits
                == held.amountMinorUnits + paidOut.amountMinorUnits + refunded.amountMinorUnits
                + depositedWithCourt.amountMinorUnits,
            "deposited differs from held + paid out + refunded + court")
    }
}
