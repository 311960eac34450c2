/// Whether money came in or went out of the escrow account.
public enum BankEntryDirection: String, Hashable, Sendable, Codable {
    /// Money in (`CRDT`).
    case credit
    /// Money out (`DBIT`).
    case debit
}

/// One entry of a statement, notification or report, as the bank reported it.
public struct BankEntry: Hashable, Sendable, Codable {
    /// The bank's reference for the entry (`AcctSvcrRef`, else `NtryRef`): the key that makes
    /// an entry count once however many messages repeat it.
    public var reference: String
    /// The amount, in the escrow's currency.
    public var amount: Money
    /// In or out.
    public var direction: BankEntryDirection
    /// Booked (`BOOK`); pending entries are not counted until a message books them.
    public var isBooked: Bool
    /// The booking date, `YYYY-MM-DD`, as reported.
    public var bookingDate: String?
    /// The end-to-end id of the transaction (`Refs/EndToEndId`), when not `NOTPROVIDED`.
    public var endToEndID: String?
    /// The remittance information: unstructured text and structured creditor references.
    public var remittance: String?
    /// The ordering party (credits) or the creditor (debits).
    public var counterpartyName: String?
    /// The ordering party's or creditor's account, as reported (IBAN or other id).
    public var counterpartyAccount: String?
    /// The return reason (`RtrInf/Rsn/Cd`) of a payment sent back to us.
    public var returnReason: String?

    /// Creates an entry.
    public init(
        reference: String, amount: Money, direction: BankEntryDirection, isBooked: Bool, bookingDate: String?, endToEndID: String?,
        remittance: String?, counterpartyName: String?, counterpartyAccount: String?, returnReason: String?
    ) {
        self.reference = reference
        self.amount = amount
        self.direction = direction
        self.isBooked = isBooked
        self.bookingDate = bookingDate
        self.endToEndID = endToEndID
        self.remittance = remittance
        self.counterpartyName = counterpartyName
        self.counterpartyAccount = counterpartyAccount
        self.returnReason = returnReason
    }
}

/// A camt.053, camt.054 or camt.052 message, read and checked, ready to be decided on.
public struct BankStatement: Hashable, Sendable, Codable {
    /// The message id (`GrpHdr/MsgId`).
    public var messageID: String
    /// Which message.
    public var kind: BankMessageKind
    /// The statement's, notification's or report's own id.
    public var statementID: String
    /// The account it is for, as the bank identifies it (IBAN or other id).
    public var accountID: String
    /// The closing booked balance, when stated.
    public var closingBooked: BankBalance?
    /// Its entries, in order.
    public var entries: [BankEntry]

    /// Creates a statement.
    public init(
        messageID: String, kind: BankMessageKind, statementID: String, accountID: String, closingBooked: BankBalance?, entries: [BankEntry]
    ) {
        self.messageID = messageID
        self.kind = kind
        self.statementID = statementID
        self.accountID = accountID
        self.closingBooked = closingBooked
        self.entries = entries
    }
}

/// One transaction's status in a pain.002 report.
public struct BankTransactionStatus: Hashable, Sendable, Codable {
    /// The payment's end-to-end id (`OrgnlEndToEndId`).
    public var endToEndID: String
    /// The ISO status code (`TxSts`): `ACCP`, `ACSC`, `RJCT`, …
    public var statusCode: String
    /// The reason code, when given.
    public var reasonCode: String?

    /// Creates a transaction status.
    public init(endToEndID: String, statusCode: String, reasonCode: String?) {
        self.endToEndID = endToEndID
        self.statusCode = statusCode
        self.reasonCode = reasonCode
    }
}

/// A pain.002 customer payment status report, read and checked.
public struct BankStatusReport: Hashable, Sendable, Codable {
    /// The report's message id.
    public var messageID: String
    /// The pain.001 file it answers (`OrgnlMsgId`).
    public var originalFileID: String
    /// The status of the whole file (`GrpSts`), when given; `RJCT` rejects every payment in it.
    public var groupStatusCode: String?
    /// The group's reason code, when given.
    public var groupReasonCode: String?
    /// Each transaction's status.
    public var transactions: [BankTransactionStatus]

    /// Creates a status report.
    public init(
        messageID: String, originalFileID: String, groupStatusCode: String?, groupReasonCode: String?, transactions: [BankTransactionStatus]
    ) {
        self.messageID = messageID
        self.originalFileID = originalFileID
        self.groupStatusCode = groupStatusCode
        self.groupReasonCode = groupReasonCode
        self.transactions = transactions
    }

    /// ISO status codes that accept a payment.
    public static let acceptedCodes: Set<String> = ["ACCP", "ACTC", "ACSP", "ACWC", "ACSC", "ACCC"]
    /// ISO status codes that leave a payment as it was (received, pending).
    public static let neutralCodes: Set<String> = ["RCVD", "PDNG", "PART"]
}
