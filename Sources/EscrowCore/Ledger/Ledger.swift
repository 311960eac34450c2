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
    case paidOut(PayeeID)
    /// Returned to a depositor, per depositor: a purchaser, or the sender of a wire who is not
    /// one, each in an account of its own.
    case refunded(PayeeID)
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
///
/// A posting is only a proposal until ``Ledger/post(_:)`` accepts it: that is where a
/// non-positive amount, a movement from an account to itself, a foreign currency or a
/// balance out of bounds is refused.
public struct Posting: Hashable, Sendable, Codable {
    /// The account the money arrives in; its balance goes up by ``amount``.
    public let debit: LedgerAccount
    /// The account the money leaves; its balance goes down by ``amount``.
    public let credit: LedgerAccount
    /// How much moves: positive and in the ledger's currency, or ``Ledger/post(_:)`` refuses it.
    public let amount: Money
    /// The clause that caused the movement.
    public let clause: String

    /// A proposed movement of `amount` from `credit` to `debit` under `clause`; nothing is
    /// checked until ``Ledger/post(_:)``.
    public init(debit: LedgerAccount, credit: LedgerAccount, amount: Money, clause: String) {
        self.debit = debit
        self.credit = credit
        self.amount = amount
        self.clause = clause
    }
}

/// Why the ledger refused a posting. The deciding code refuses such commands first; these
/// reach a caller only from a log that was written by something else (an imported file, a
/// tampered database), and are then reported as a damaged log, never as a trap.
public enum LedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    case currencyMismatch(ledger: Currency, posting: Currency)
    case amountNotPositive(Money)
    case sameAccount(LedgerAccount)
    /// The account would go below zero: more would leave it than it holds.
    case overdrawn(LedgerAccount, by: Money)
    /// All the money received would pass the currency's ceiling.
    case aboveCeiling(deposited: Money, ceiling: Money)

    public var description: String {
        switch self {
        case .currencyMismatch(let ledger, let posting):
            "a posting in \(posting.code) cannot enter a ledger kept in \(ledger.code)"
        case .amountNotPositive(let amount):
            "a posting must move a positive amount, not \(amount)"
        case .sameAccount(let account):
            "a posting must move money between two accounts, not within \(account)"
        case .overdrawn(let account, let shortfall):
            "account \(account) would be overdrawn by \(shortfall)"
        case .aboveCeiling(let deposited, let ceiling):
            "the money received would total \(deposited), above the ceiling of \(ceiling) (limit amountMajorUnitsMax)"
        }
    }
}

/// The escrowed money, exactly: balances per account, kept by postings only.
///
/// Every account but `deposits` stays at or above zero and the money received stays within
/// the currency's ceiling (``Limits/amountMinorUnitsMax(_:)``), so no balance and no sum of
/// balances can overflow; ``post(_:)`` refuses any posting that would break either bound.
public struct Ledger: Hashable, Sendable {
    /// The one currency of the escrow (its terms name it); a posting in another is refused.
    public let currency: Currency
    /// Each account's balance in minor units of ``currency``. `deposits` is minus everything
    /// received; every other account is zero or more. An account never posted to is absent.
    public private(set) var balances: [LedgerAccount: Int64] = [:]
    /// Every posting accepted, in the order it was made: the ledger's own history, never edited.
    public private(set) var postings: AppendOnlyList<Posting> = []

    /// An empty ledger in `currency`: nothing received, every balance zero.
    public init(currency: Currency) { self.currency = currency }

    /// Records a posting, or refuses it and changes nothing.
    public mutating func post(_ posting: Posting) throws(LedgerError) {
        let amount = posting.amount
        guard amount.currency == currency else { throw .currencyMismatch(ledger: currency, posting: amount.currency) }
        guard amount.isPositive else { throw .amountNotPositive(amount) }
        guard posting.debit != posting.credit else { throw .sameAccount(posting.debit) }
        let ceiling = Limits.amountMinorUnitsMax(currency)
        let (debitBalance, debitOverflow) = balances[posting.debit, default: 0].addingReportingOverflow(amount.amountMinorUnits)
        let (creditBalance, creditOverflow) = balances[posting.credit, default: 0].subtractingReportingOverflow(amount.amountMinorUnits)
        if posting.credit == .deposits {
            guard !creditOverflow, creditBalance >= -ceiling else {
                throw .aboveCeiling(deposited: Money(minorUnits: creditOverflow ? Int64.max : -creditBalance, currency), ceiling: currency.amountCeiling)
            }
        } else {
            guard !creditOverflow, creditBalance >= 0 else {
                throw .overdrawn(posting.credit, by: Money(minorUnits: creditOverflow ? Int64.max : -creditBalance, currency))
            }
        }
        // The debited account gains what the other lost; it stays within what was received.
        guard !debitOverflow, posting.debit == .deposits || debitBalance <= ceiling else {
            throw .aboveCeiling(deposited: Money(minorUnits: Int64.max, currency), ceiling: currency.amountCeiling)
        }
        if posting.debit == .deposits, debitBalance > 0 {
            throw .overdrawn(.deposits, by: Money(minorUnits: debitBalance, currency))
        }
        balances[posting.debit] = debitBalance
        balances[posting.credit] = creditBalance
        postings.append(posting)
    }

    /// The balance of `account` as money, zero for an account never posted to.
    public func balance(_ account: LedgerAccount) -> Money { Money(minorUnits: balances[account, default: 0], currency) }

    /// Everything ever wired in.
    public var deposited: Money { Money(minorUnits: 0 &- balances[.deposits, default: 0], currency) }
    /// What the escrow account holds now.
    public var held: Money { balance(.held) }
    /// Everything paid out, at release or under a court order, to all payees together.
    public var paidOut: Money { total { if case .paidOut = $0 { true } else { false } } }
    /// Everything returned to depositors, all of them together.
    public var refunded: Money { total { if case .refunded = $0 { true } else { false } } }
    /// What was delivered to a court under 2.14(2).
    public var depositedWithCourt: Money { balance(.court) }

    /// The sum of the matching accounts. Each is between zero and the ceiling and together they
    /// are at most what was deposited, so the checked sum cannot overflow; were it ever to, the
    /// figure saturates instead of stopping the process.
    private func total(_ matching: (LedgerAccount) -> Bool) -> Money {
        var sum: Int64 = 0
        for (account, balance) in balances where matching(account) {
            let (next, overflow) = sum.addingReportingOverflow(balance)
            sum = overflow ? Int64.max : next
        }
        return Money(minorUnits: sum, currency)
    }

    /// What is wrong with the ledger, or `nil` when deposited = held + paid out + refunded +
    /// deposited with court, the accounts sum to zero, and no account but `deposits` is
    /// negative. ``post(_:)`` keeps all three; tests and the log's checks ask again.
    public var invariantViolation: String? {
        var sum: Int64 = 0
        for balance in balances.values {
            let (next, overflow) = sum.addingReportingOverflow(balance)
            guard !overflow else { return "ledger balances overflow when summed" }
            sum = next
        }
        guard sum == 0 else { return "ledger does not balance: accounts sum to \(sum)" }
        for (account, balance) in balances where account != .deposits && balance < 0 {
            return "ledger account \(account) is negative: \(balance)"
        }
        let parts = [held, paidOut, refunded, depositedWithCourt]
        guard let accounted = try? Money.sum(parts, currency), accounted == deposited else {
            return "deposited differs from held + paid out + refunded + court"
        }
        return nil
    }
}
