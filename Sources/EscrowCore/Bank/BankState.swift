public import Foundation

/// Where one payment the engine decided stands with the bank.
public enum BankOrderStatus: Hashable, Sendable, Codable {
    /// Decided, not yet in any payment file.
    case awaitingExport
    /// In a payment file, not yet confirmed.
    case exported(fileID: String)
    /// Accepted by the bank (pain.002).
    case accepted(fileID: String)
    /// Debited from the escrow account, per a statement entry.
    case executed(entryReference: String)
    /// Rejected by the bank or returned by the creditor's bank; the money is held again and
    /// a corrected payment is owed.
    case failed(BankPaymentStatus, reason: String?)
}

/// One payment the engine decided, as the bank is to see it.
public struct BankOrder: Hashable, Sendable, Codable {
    /// Its end-to-end id (at most 35 characters): escrow, event, payment and clause.
    public var endToEndID: String
    /// The payment as decided.
    public var payment: Payment
    /// The ledger account the payment went to, where a rejection puts it back from.
    public var ledgerAccount: LedgerAccount
    /// The position of the deciding event in the escrow's log.
    public var eventNumber: Int
    /// The end-to-end id of the rejected or returned payment this one corrects.
    public var reissueOf: String?
    /// When the payment failed (for a correction: when the failed payment failed).
    public var failedAt: Date?
    /// Where it stands.
    public var status: BankOrderStatus
}

/// The escrow's dealings with its bank, folded from its events: every payment and where it
/// stands, the files exported, the entries counted, the exceptions, alarms and the last
/// reconciliation.
public struct BankState: Sendable {
    /// Every payment decided, in order.
    public private(set) var orders: [BankOrder] = []
    private var orderIndex: [String: Int] = [:]
    /// Every payment file exported, in order.
    public private(set) var files: [BankFileExported] = []
    /// Every statement, notification and report imported, in order.
    public private(set) var statements: [BankStatementImported] = []
    /// Bank entry references already counted (deposits, exceptions, executions, alarms).
    public private(set) var countedEntries: Set<String> = []
    /// Credits counted, by entry reference, with the sender's account for returning them.
    public private(set) var credits: [String: BankEntry] = [:]
    /// Every exception, in order.
    public private(set) var exceptions: [BankExceptionRecorded] = []
    /// Resolutions by exception id.
    public private(set) var resolutions: [String: BankExceptionResolved] = [:]
    /// Every alarm raised, in order.
    public private(set) var alarms: [BankAlarmRaised] = []
    /// Every payment status recorded, in order.
    public private(set) var statuses: [BankPaymentStatusRecorded] = []
    /// The last reconciliation, if any.
    public private(set) var lastReconciliation: BankReconciled?
    /// pain.002 messages already read.
    public private(set) var statusReports: Set<String> = []
    /// The accounts given for payees outside the agreement, by payee name, the latest last.
    public private(set) var payeeAccounts: [String: BankPayeeAccountGiven] = [:]

    /// The order with this end-to-end id.
    public func order(_ endToEndID: String) -> BankOrder? { orderIndex[endToEndID].map { orders[$0] } }

    /// Exceptions no agent user has resolved yet.
    public var openExceptions: [BankExceptionRecorded] { exceptions.filter { resolutions[$0.exceptionID] == nil } }

    /// The last statement that stated a closing booked balance.
    public var lastClosingBalance: BankStatementImported? { statements.last { $0.closingBooked != nil } }

    /// The longest end-to-end id ISO 20022 allows (`Max35Text`).
    public static let endToEndIDLengthMax = 35

    /// The end-to-end id of payment `index` (from 1) of event `eventNumber`:
    /// `<escrow>/E<event>/P<index>/<clause>`, the escrow cut to 16 characters and the whole to 35.
    public static func endToEndID(escrow: EscrowID, eventNumber: Int, index: Int, clause: String, reissue: Int? = nil) -> String {
        let tag = String(escrow.rawValue.prefix(16))
        let tail = reissue.map { "R\($0)" } ?? clause.filter { !$0.isWhitespace }.replacingOccurrences(of: ",", with: "+")
        return String("\(tag)/E\(eventNumber)/P\(index)/\(tail)".prefix(endToEndIDLengthMax))
    }

    mutating func addOrders(_ payments: [Payment], escrow: EscrowID, eventNumber: Int, account: (Payment) -> LedgerAccount) {
        for (offset, payment) in payments.enumerated() {
            let id = Self.endToEndID(escrow: escrow, eventNumber: eventNumber, index: offset + 1, clause: payment.clause)
            insert(
                BankOrder(
                    endToEndID: id, payment: payment, ledgerAccount: account(payment), eventNumber: eventNumber, reissueOf: nil, failedAt: nil,
                    status: .awaitingExport))
        }
    }

    private mutating func insert(_ order: BankOrder) {
        orderIndex[order.endToEndID] = orders.count
        orders.append(order)
    }

    /// The id a correction of `failed` gets: its event and payment, with `R` and a count.
    func reissueID(of failed: BankOrder, escrow: EscrowID) -> String {
        let corrections = orders.filter { $0.eventNumber == failed.eventNumber && $0.reissueOf != nil }.count
        let index = Int(failed.endToEndID.split(separator: "/").dropFirst(2).first?.dropFirst() ?? "") ?? 0
        return Self.endToEndID(escrow: escrow, eventNumber: failed.eventNumber, index: index, clause: "", reissue: corrections + 1)
    }

    /// Folds a bank event in; answers the ledger postings it makes (a failed payment held
    /// again, its correction paid out), for the caller to post.
    mutating func apply(_ event: BankEvent, escrow: EscrowID, position: Int) throws(EscrowFoldError) -> [Posting] {
        var postings: [Posting] = []
        func post(_ posting: Posting) { postings.append(posting) }
        switch event {
        case .fileExported(let e):
            for transfer in e.transfers {
                guard let index = orderIndex[transfer.endToEndID] else {
                    throw EscrowFoldError(eventNumber: position, reason: "payment file \(e.fileID) carries unknown payment \(transfer.endToEndID)")
                }
                guard orders[index].status == .awaitingExport else {
                    throw EscrowFoldError(eventNumber: position, reason: "payment \(transfer.endToEndID) is already in a payment file")
                }
                orders[index].status = .exported(fileID: e.fileID)
                if orders[index].reissueOf != nil {
                    // A corrected payment leaves the held funds again, to the account the failed one left to.
                    post(Posting(debit: orders[index].ledgerAccount, credit: .held, amount: transfer.amount, clause: transfer.clause))
                }
            }
            files.append(e)
        case .statementImported(let e):
            statements.append(e)
            if e.messageKind == .pain002 { statusReports.insert(e.messageID) }
        case .exceptionRecorded(let e):
            countedEntries.insert(e.entry.reference)
            credits[e.entry.reference] = e.entry
            exceptions.append(e)
        case .exceptionResolved(let e):
            resolutions[e.exceptionID] = e
        case .paymentStatusRecorded(let e):
            statuses.append(e)
            guard let index = orderIndex[e.endToEndID] else {
                throw EscrowFoldError(eventNumber: position, reason: "a status for unknown payment \(e.endToEndID)")
            }
            switch e.status {
            case .accepted:
                if case .exported(let file) = orders[index].status { orders[index].status = .accepted(fileID: file) }
            case .executed:
                countedEntries.insert(e.source)
                orders[index].status = .executed(entryReference: e.source)
            case .rejected, .returned:
                if e.status == .returned { countedEntries.insert(e.source) }
                let failed = orders[index]
                orders[index].status = .failed(e.status, reason: e.reasonCode)
                orders[index].failedAt = e.at
                post(Posting(debit: .held, credit: failed.ledgerAccount, amount: failed.payment.amount, clause: failed.payment.clause))
                var correction = failed
                correction.endToEndID = reissueID(of: failed, escrow: escrow)
                correction.reissueOf = failed.endToEndID
                correction.failedAt = e.at
                correction.status = .awaitingExport
                insert(correction)
            }
        case .alarmRaised(let e):
            if e.kind == .unorderedDebit || e.kind == .debitAmountMismatch { countedEntries.insert(e.reference) }
            alarms.append(e)
        case .reconciled(let e):
            lastReconciliation = e
        case .payeeAccountGiven(let e):
            payeeAccounts[e.payee] = e
        }
        return postings
    }

}
