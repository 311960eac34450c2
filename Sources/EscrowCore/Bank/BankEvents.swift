public import Foundation

/// What the bank sent or confirmed, and what the desk did about it: each is an event of the
/// escrow's log, stored under its own type name (``type``).
public enum BankEvent: Hashable, Sendable {
    /// Payments put into one pain.001 credit transfer file.
    case fileExported(BankFileExported)
    /// A camt.053, camt.054 or camt.052 message read in (its balance and what it counted).
    case statementImported(BankStatementImported)
    /// A credit the engine could not attribute by itself, or attributed with a difference.
    case exceptionRecorded(BankExceptionRecorded)
    /// An agent user's decision on an exception.
    case exceptionResolved(BankExceptionResolved)
    /// What the bank said of one of our payments: accepted, executed, rejected or returned.
    case paymentStatusRecorded(BankPaymentStatusRecorded)
    /// Something the desk must look at now: a debit we never ordered, a payment refused.
    case alarmRaised(BankAlarmRaised)
    /// The ledger's held balance compared with the bank's closing booked balance.
    case reconciled(BankReconciled)
    /// The account of a payee outside the agreement (a court, counsel), given by an agent user.
    case payeeAccountGiven(BankPayeeAccountGiven)

    /// Every stored type name of a bank event.
    public static let types: Set<String> = [
        "bankFileExported", "bankStatementImported", "bankExceptionRecorded", "bankExceptionResolved",
        "bankPaymentStatusRecorded", "bankAlarmRaised", "bankReconciled", "bankPayeeAccountGiven",
    ]

    /// The stored type name.
    public var type: String {
        switch self {
        case .fileExported: "bankFileExported"
        case .statementImported: "bankStatementImported"
        case .exceptionRecorded: "bankExceptionRecorded"
        case .exceptionResolved: "bankExceptionResolved"
        case .paymentStatusRecorded: "bankPaymentStatusRecorded"
        case .alarmRaised: "bankAlarmRaised"
        case .reconciled: "bankReconciled"
        case .payeeAccountGiven: "bankPayeeAccountGiven"
        }
    }

    /// When it was recorded.
    public var at: Date {
        switch self {
        case .fileExported(let e): e.at
        case .statementImported(let e): e.at
        case .exceptionRecorded(let e): e.at
        case .exceptionResolved(let e): e.at
        case .paymentStatusRecorded(let e): e.at
        case .alarmRaised(let e): e.at
        case .reconciled(let e): e.at
        case .payeeAccountGiven(let e): e.at
        }
    }

    /// The clause the event is recorded under, as the agreement numbers it.
    public var clause: String {
        switch self {
        case .fileExported(let e): e.clause
        case .statementImported(let e): e.clause
        case .exceptionRecorded(let e): e.clause
        case .exceptionResolved(let e): e.clause
        case .paymentStatusRecorded(let e): e.clause
        case .alarmRaised(let e): e.clause
        case .reconciled(let e): e.clause
        case .payeeAccountGiven(let e): e.clause
        }
    }

    func encoded(with encoder: JSONEncoder) throws -> Data {
        switch self {
        case .fileExported(let e): try encoder.encode(e)
        case .statementImported(let e): try encoder.encode(e)
        case .exceptionRecorded(let e): try encoder.encode(e)
        case .exceptionResolved(let e): try encoder.encode(e)
        case .paymentStatusRecorded(let e): try encoder.encode(e)
        case .alarmRaised(let e): try encoder.encode(e)
        case .reconciled(let e): try encoder.encode(e)
        case .payeeAccountGiven(let e): try encoder.encode(e)
        }
    }

    static func decode(type: String, payload: Data, with decoder: JSONDecoder) throws -> BankEvent? {
        switch type {
        case "bankFileExported": .fileExported(try decoder.decode(BankFileExported.self, from: payload))
        case "bankStatementImported": .statementImported(try decoder.decode(BankStatementImported.self, from: payload))
        case "bankExceptionRecorded": .exceptionRecorded(try decoder.decode(BankExceptionRecorded.self, from: payload))
        case "bankExceptionResolved": .exceptionResolved(try decoder.decode(BankExceptionResolved.self, from: payload))
        case "bankPaymentStatusRecorded":
            .paymentStatusRecorded(try decoder.decode(BankPaymentStatusRecorded.self, from: payload))
        case "bankAlarmRaised": .alarmRaised(try decoder.decode(BankAlarmRaised.self, from: payload))
        case "bankReconciled": .reconciled(try decoder.decode(BankReconciled.self, from: payload))
        case "bankPayeeAccountGiven": .payeeAccountGiven(try decoder.decode(BankPayeeAccountGiven.self, from: payload))
        default: nil
        }
    }

    /// Every amount the event carries, for the fold's currency and ceiling checks.
    func forEachAmount<E: Error>(_ visit: (Money) throws(E) -> Void) throws(E) {
        switch self {
        case .fileExported(let e):
            try visit(e.controlSum)
            for transfer in e.transfers { try visit(transfer.amount) }
        case .statementImported(let e): if let balance = e.closingBooked { try visit(balance.amount) }
        case .exceptionRecorded(let e): try visit(e.entry.amount)
        case .exceptionResolved, .payeeAccountGiven: break
        case .paymentStatusRecorded(let e): try visit(e.amount)
        case .alarmRaised(let e): if let amount = e.amount { try visit(amount) }
        case .reconciled(let e):
            try visit(e.ledgerHeld)
            try visit(e.bankBalance.amount)
            for item in e.items { try visit(item.amount) }
        }
    }

    /// One line for the timeline.
    public var summary: String {
        switch self {
        case .fileExported(let e):
            let reissued = e.transfers.filter { $0.isReissue }.count
            let again = reissued == 0 ? "" : " (\(reissued) corrected payment(s) of returned ones)"
            return "payment file \(e.fileID) exported: \(e.transfers.count) credit transfer(s), control sum \(e.controlSum)\(again)"
        case .statementImported(let e):
            let balance = e.closingBooked.map { "; closing booked balance \($0)" } ?? ""
            return "\(e.messageKind.rawValue) \(e.messageID) imported: \(e.entriesCounted) new entr(ies) counted, \(e.entriesAlreadyCounted) already counted\(balance)"
        case .exceptionRecorded(let e):
            return "bank entry \(e.entry.reference) of \(e.entry.amount) from \(e.entry.counterpartyName ?? "an unnamed sender") put on the exceptions list as \(e.exceptionID): \(e.kind.sentence)"
        case .exceptionResolved(let e):
            return "exception \(e.exceptionID) resolved by agent user \(e.resolvedBy): \(e.resolution)" + (e.note.map { " (\($0))" } ?? "")
        case .paymentStatusRecorded(let e):
            let reason = e.reasonCode.map { " (reason \($0))" } ?? ""
            let back = e.status.putsMoneyBack ? "; \(e.amount) held again, owed to \(e.payee)" : ""
            return "payment \(e.endToEndID) of \(e.amount) to \(e.payee) \(e.status.rawValue) per \(e.source)\(reason)\(back)"
        case .alarmRaised(let e):
            return "ALARM \(e.kind.rawValue): \(e.text)"
        case .reconciled(let e):
            let verdict = e.unexplained.isZero ? "every difference explained" : "\(e.unexplained) unexplained"
            return "reconciled against \(e.statementID): ledger holds \(e.ledgerHeld), bank shows \(e.bankBalance); \(e.items.count) difference(s) by entry, \(verdict)"
        case .payeeAccountGiven(let e):
            return "bank details of \(e.payee) given by agent user \(e.givenBy): \(e.account)"
        }
    }
}

/// A balance the bank reports: an amount and whether it is in the account's favour.
public struct BankBalance: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The amount, never negative.
    public var amount: Money
    /// `true` when the account is overdrawn by `amount` (the bank's `DBIT`).
    public var isDebit: Bool
    /// The day the balance is for, as the bank wrote it (`YYYY-MM-DD`).
    public var date: String?

    /// Creates a balance.
    public init(amount: Money, isDebit: Bool, date: String?) {
        self.amount = amount
        self.isDebit = isDebit
        self.date = date
    }

    /// The balance in signed minor units: negative when overdrawn.
    public var signedMinorUnits: Int64 { isDebit ? -amount.amountMinorUnits : amount.amountMinorUnits }

    public var description: String { isDebit ? "-\(amount)" : "\(amount)" }
}

/// A bank account a credit transfer goes to or comes from.
public struct BankAccountIdentification: Hashable, Sendable, Codable {
    /// The holder's name.
    public var name: String
    /// An IBAN, for a EUR account.
    public var iban: String?
    /// Any other account number (a US account number).
    public var accountNumber: String?
    /// The ABA routing number of a US bank.
    public var routingNumber: String?
    /// The BIC of the account's bank.
    public var bic: String?

    /// Creates an account identification.
    public init(name: String, iban: String?, accountNumber: String?, routingNumber: String?, bic: String?) {
        self.name = name
        self.iban = iban
        self.accountNumber = accountNumber
        self.routingNumber = routingNumber
        self.bic = bic
    }
}

/// One credit transfer of a pain.001 file, as exported: everything the file says of it.
public struct ExportedTransfer: Hashable, Sendable, Codable {
    /// The end-to-end id: escrow, event, payment and clause, e.g. `roo-group-2005/E42/P3/1.5`.
    public var endToEndID: String
    /// The amount, in the escrow's currency.
    public var amount: Money
    /// Who is paid, as the ledger names the payee.
    public var payee: String
    /// The creditor's account from its signed, called-back instructions.
    public var creditor: BankAccountIdentification
    /// The remittance text: escrow, purpose and clause.
    public var remittance: String
    /// The clause the payment is made under.
    public var clause: String
    /// A corrected payment of one the bank rejected or returned.
    public var isReissue: Bool

    /// Creates an exported transfer.
    public init(
        endToEndID: String, amount: Money, payee: String, creditor: BankAccountIdentification, remittance: String, clause: String,
        isReissue: Bool
    ) {
        self.endToEndID = endToEndID
        self.amount = amount
        self.payee = payee
        self.creditor = creditor
        self.remittance = remittance
        self.clause = clause
        self.isReissue = isReissue
    }
}

/// Payments put into one pain.001 file. The file is rendered from this event alone, so it can
/// be produced again, byte for byte.
public struct BankFileExported: Hashable, Sendable, Codable {
    /// The file's message id (`GrpHdr/MsgId`), unique per escrow.
    public var fileID: String
    /// The escrow account the transfers are paid from (the agreement's deposit instructions).
    public var debtor: BankAccountIdentification
    /// Every transfer of the file, in order.
    public var transfers: [ExportedTransfer]
    /// The sum of the transfers (`CtrlSum`).
    public var controlSum: Money
    /// The day the bank is asked to execute the transfers (`ReqdExctnDt`), `YYYY-MM-DD`.
    public var requestedExecutionDate: String
    /// The clause of the payments, as the agreement numbers them.
    public var clause: String
    /// When the file was exported; also its creation time (`CreDtTm`).
    public var at: Date
}

/// The kinds of bank-to-customer message read in.
public enum BankMessageKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// End-of-day statement.
    case camt053 = "camt.053"
    /// Debit and credit notification.
    case camt054 = "camt.054"
    /// Intraday account report.
    case camt052 = "camt.052"
    /// Payment status report.
    case pain002 = "pain.002"
}

/// A statement, notification or report read in: the entries themselves become deposits,
/// exceptions, statuses and alarms; this records the message and its balance.
public struct BankStatementImported: Hashable, Sendable, Codable {
    /// The message's id (`GrpHdr/MsgId`).
    public var messageID: String
    /// Which message it was.
    public var messageKind: BankMessageKind
    /// The statement's id (`Stmt/Id`, `Ntfctn/Id` or `Rpt/Id`).
    public var statementID: String
    /// The closing booked balance (`CLBD`), when the message states one.
    public var closingBooked: BankBalance?
    /// Entries counted for the first time by this message.
    public var entriesCounted: Int
    /// Entries that an earlier message had already counted (overlapping statements).
    public var entriesAlreadyCounted: Int
    /// Entries not yet booked (pending), left for a later statement.
    public var entriesPending: Int
    /// The clause: the deposit instructions of the escrow account.
    public var clause: String
    /// When it was imported.
    public var at: Date
}

/// Why a credit went to the exceptions list.
public enum BankExceptionKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Nothing on the entry names a purchaser.
    case unmatched
    /// The entry fits more than one purchaser, or names one whose amount it does not fit.
    case ambiguous
    /// Attributed to a purchaser and recorded; it takes the purchaser above its subscription.
    case overpaid
    /// Attributed to a purchaser and recorded; it leaves the purchaser below its subscription.
    case underpaid

    /// What the desk is told.
    public var sentence: String {
        switch self {
        case .unmatched: "no remittance reference, ordering party or amount names a purchaser; held aside until an agent user attributes it"
        case .ambiguous: "it fits more than one purchaser, or a purchaser whose amount it does not fit; held aside until an agent user attributes it"
        case .overpaid: "recorded as the purchaser's deposit, above its subscription"
        case .underpaid: "recorded as the purchaser's deposit, below its subscription"
        }
    }

    /// Whether the money was recorded as a deposit when the exception was raised.
    public var isRecordedAsDeposit: Bool { self == .overpaid || self == .underpaid }
}

/// A credit put on the exceptions list.
public struct BankExceptionRecorded: Hashable, Sendable, Codable {
    /// The exception's id, `X1`, `X2`, … in order.
    public var exceptionID: String
    /// Why.
    public var kind: BankExceptionKind
    /// The entry as the bank reported it.
    public var entry: BankEntry
    /// The purchaser it was attributed to (over- and under-payments), or the purchasers it
    /// could be (ambiguous ones).
    public var candidates: [PartyID]
    /// The deposit recorded for it, for over- and under-payments.
    public var depositID: DepositID?
    /// The clause: the deposit instructions.
    public var clause: String
    /// When it was recorded.
    public var at: Date
}

/// How an agent user resolved an exception.
public enum BankExceptionResolution: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The money is the purchaser's deposit.
    case attribute(PartyID)
    /// The money is held as a wire from someone who is not a purchaser; it goes back to its
    /// sender when the funds leave.
    case holdForSender
    /// An over- or under-payment was looked at and stands as recorded.
    case accept
    /// The money is not the escrow's (booked to its account in error, or already sent back by
    /// the bank): it is not recorded as a deposit, and reconciliation shows it until the bank
    /// takes it back.
    case notOurs

    public var description: String {
        switch self {
        case .attribute(let party): "attributed to \(party)"
        case .holdForSender: "held as a wire from someone who is not a purchaser, to go back to its sender"
        case .accept: "accepted as recorded"
        case .notOurs: "marked not the escrow's money, returned or to be taken back by the bank; not recorded as a deposit"
        }
    }
}

/// An agent user's decision on an exception.
public struct BankExceptionResolved: Hashable, Sendable, Codable {
    /// The exception resolved.
    public var exceptionID: String
    /// The decision.
    public var resolution: BankExceptionResolution
    /// The agent user who made it.
    public var resolvedBy: String
    /// Their note, when they gave one.
    public var note: String?
    /// The deposit the decision recorded, when it recorded one.
    public var depositID: DepositID?
    /// The clause: the deposit instructions.
    public var clause: String
    /// When it was decided.
    public var at: Date
}

/// What the bank said of one of our payments.
public enum BankPaymentStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Accepted by the bank (pain.002 `ACCP`, `ACTC`, `ACSP`, `ACWC`, `ACSC`).
    case accepted
    /// Debited from the escrow account (a booked debit on a statement).
    case executed
    /// Refused by the bank (pain.002 `RJCT`): the money never left.
    case rejected
    /// Sent back by the creditor's bank (a credit carrying our end-to-end id and a return reason).
    case returned

    /// Rejected and returned payments put the money back as held, owed to the same payee.
    public var putsMoneyBack: Bool { self == .rejected || self == .returned }
}

/// What the bank said of one payment.
public struct BankPaymentStatusRecorded: Hashable, Sendable, Codable {
    /// The payment's end-to-end id.
    public var endToEndID: String
    /// The new status.
    public var status: BankPaymentStatus
    /// The payment's amount.
    public var amount: Money
    /// The payee, as the ledger names it.
    public var payee: String
    /// Where the status came from: a pain.002 message id or a statement entry reference.
    public var source: String
    /// The bank's reason code, when it gave one (`AC04`, `AM05`).
    public var reasonCode: String?
    /// The payment's clause.
    public var clause: String
    /// When it was recorded.
    public var at: Date
}

/// Kinds of alarm.
public enum BankAlarmKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// The statement shows a debit that matches none of our payments.
    case unorderedDebit
    /// A payment was rejected by the bank.
    case paymentRejected
    /// A payment came back from the creditor's bank.
    case paymentReturned
    /// A debit for one of our payments has another amount than the payment.
    case debitAmountMismatch
}

/// Something the desk must look at now.
public struct BankAlarmRaised: Hashable, Sendable, Codable {
    /// What kind.
    public var kind: BankAlarmKind
    /// The entry reference or end-to-end id it concerns.
    public var reference: String
    /// The amount concerned.
    public var amount: Money?
    /// What the desk is told.
    public var text: String
    /// The clause.
    public var clause: String
    /// When it was raised.
    public var at: Date
}

/// One difference between the ledger and the bank, named by the entry or payment behind it.
public struct ReconciliationItem: Hashable, Sendable, Codable {
    /// The end-to-end id or bank entry reference.
    public var reference: String
    /// How much of the difference it explains.
    public var amount: Money
    /// `true` when the bank holds more than the ledger on its account (a credit not yet
    /// attributed); `false` when the ledger holds more (a payment not yet debited).
    public var bankHoldsMore: Bool
    /// What it is.
    public var explanation: String
}

/// The ledger's held balance against the bank's closing booked balance.
public struct BankReconciled: Hashable, Sendable, Codable {
    /// The statement compared with.
    public var statementID: String
    /// What the ledger holds.
    public var ledgerHeld: Money
    /// What the bank's closing booked balance says.
    public var bankBalance: BankBalance
    /// Every difference, by entry.
    public var items: [ReconciliationItem]
    /// What the items do not explain (ledger minus bank minus the items), never negative.
    public var unexplained: Money
    /// `true` when the ledger holds more than the bank beyond the items.
    public var unexplainedLedgerHoldsMore: Bool
    /// The clause: the escrow account.
    public var clause: String
    /// When it was done.
    public var at: Date
}

/// The account of a payee outside the agreement (a court receiving the funds, the agent's
/// counsel, a court-ordered payee who is no party), given by an agent user from the court's
/// order or the payee's letter; payments waiting for that payee go out to it.
public struct BankPayeeAccountGiven: Hashable, Sendable, Codable {
    /// The payee, by the name the payment carries.
    public var payee: String
    /// The account, its routing number or IBAN and BIC checked.
    public var account: BankAccount
    /// The agent user who gave it.
    public var givenBy: String
    /// The clause of the payments waiting for it.
    public var clause: String
    /// When it was given.
    public var at: Date
}
