/// The escrow's dealings with its bank, for the desk: each payment and where it stands, open
/// exceptions, alarms and the last reconciliation.
public struct BankStatusView: Encodable, Sendable {
    /// One payment the engine decided.
    public struct PaymentLine: Encodable, Sendable {
        /// Its end-to-end id.
        public var endToEndID: String
        /// Who is paid.
        public var payee: String
        /// How much, in minor units.
        public var amountMinorUnits: Int64
        /// `awaitingExport`, `exported`, `accepted`, `executed`, `rejected` or `returned`.
        public var status: String
        /// The payment file it went out in, when it did.
        public var fileID: String?
        /// Why it has not gone out yet, when it waits.
        public var waitingFor: String?
    }
    /// One alarm.
    public struct AlarmLine: Encodable, Sendable {
        /// What kind.
        public var kind: String
        /// The entry or payment concerned.
        public var reference: String
        /// What the desk is told.
        public var text: String
    }
    /// One open exception.
    public struct ExceptionLine: Encodable, Sendable {
        /// Its id.
        public var id: String
        /// Why it is on the list.
        public var kind: String
        /// The bank's entry reference.
        public var entryReference: String
        /// The amount, in minor units.
        public var amountMinorUnits: Int64
        /// The sender as the bank named it.
        public var sender: String?
    }
    /// The last reconciliation.
    public struct ReconciliationLine: Encodable, Sendable {
        /// The statement compared with.
        public var statementID: String
        /// What the ledger held, in minor units.
        public var ledgerHeldMinorUnits: Int64
        /// The bank's closing booked balance, in signed minor units.
        public var bankBalanceMinorUnits: Int64
        /// How many differences were named by entry.
        public var differences: Int
        /// What the named differences did not explain, in minor units.
        public var unexplainedMinorUnits: Int64
        /// Every difference, by the entry or payment behind it.
        public var items: [ReconciliationItemLine]
    }
    /// One difference of a reconciliation.
    public struct ReconciliationItemLine: Encodable, Sendable {
        /// The end-to-end id or bank entry reference.
        public var reference: String
        /// How much of the difference it explains, in minor units.
        public var amountMinorUnits: Int64
        /// `true` when the bank holds more than the ledger on its account for it.
        public var bankHoldsMore: Bool
        /// What it is.
        public var explanation: String
    }

    /// The escrow's currency.
    public var currency: String
    /// Every payment decided, in order.
    public var payments: [PaymentLine]
    /// The payment files exported, by id.
    public var files: [String]
    /// Exceptions not yet resolved.
    public var openExceptions: [ExceptionLine]
    /// Every alarm raised.
    public var alarms: [AlarmLine]
    /// The last reconciliation, if any.
    public var lastReconciliation: ReconciliationLine?

    /// The view of `state`.
    public init(_ state: EscrowState) {
        currency = state.currency.code
        let waiting = Dictionary(BankExport.waiting(state).map { ($0.order.endToEndID, $0.reason) }, uniquingKeysWith: { first, _ in first })
        payments = state.bank.orders.map { order in
            let (status, file): (String, String?) =
                switch order.status {
                case .awaitingExport: ("awaitingExport", nil)
                case .exported(let file): ("exported", file)
                case .accepted(let file): ("accepted", file)
                case .executed: ("executed", nil)
                case .failed(let how, _): (how.rawValue, nil)
                }
            return PaymentLine(
                endToEndID: order.endToEndID, payee: state.displayName(state.payee(of: order.payment)),
                amountMinorUnits: order.payment.amount.amountMinorUnits, status: status, fileID: file, waitingFor: waiting[order.endToEndID] ?? nil)
        }
        files = state.bank.files.map(\.fileID)
        openExceptions = state.bank.openExceptions.map {
            ExceptionLine(
                id: $0.exceptionID, kind: $0.kind.rawValue, entryReference: $0.entry.reference, amountMinorUnits: $0.entry.amount.amountMinorUnits,
                sender: $0.entry.counterpartyName)
        }
        alarms = state.bank.alarms.map { AlarmLine(kind: $0.kind.rawValue, reference: $0.reference, text: $0.text) }
        lastReconciliation = state.bank.lastReconciliation.map {
            let signedGap = $0.unexplainedLedgerHoldsMore ? $0.unexplained.amountMinorUnits : -$0.unexplained.amountMinorUnits
            return ReconciliationLine(
                statementID: $0.statementID, ledgerHeldMinorUnits: $0.ledgerHeld.amountMinorUnits, bankBalanceMinorUnits: $0.bankBalance.signedMinorUnits,
                differences: $0.items.count, unexplainedMinorUnits: signedGap,
                items: $0.items.map {
                    ReconciliationItemLine(
                        reference: $0.reference, amountMinorUnits: $0.amount.amountMinorUnits, bankHoldsMore: $0.bankHoldsMore, explanation: $0.explanation)
                })
        }
    }

    /// The view as lines of text.
    public var lines: [String] {
        let unit = Currency(code: currency) ?? .usd
        func money(_ minor: Int64) -> String { Money(minorUnits: minor, unit).description }
        var lines: [String] = ["Bank (ISO 20022):"]
        if payments.isEmpty { lines.append("  no payment decided yet") }
        for payment in payments {
            let file = payment.fileID.map { " in \($0)" } ?? ""
            let waits = payment.waitingFor.map { ": \($0)" } ?? ""
            lines.append("  \(payment.endToEndID) \(money(payment.amountMinorUnits)) to \(payment.payee): \(payment.status)\(file)\(waits)")
        }
        lines.append("  open exceptions: \(openExceptions.count)")
        for exception in openExceptions {
            lines.append("    \(exception.id) [\(exception.kind)] \(exception.entryReference) \(money(exception.amountMinorUnits)) from \(exception.sender ?? "unnamed sender")")
        }
        lines.append("  alarms: \(alarms.count)")
        for alarm in alarms { lines.append("    ALARM \(alarm.kind): \(alarm.text)") }
        if let last = lastReconciliation {
            lines.append(
                "  last reconciliation against \(last.statementID): ledger \(money(last.ledgerHeldMinorUnits)), bank \(money(last.bankBalanceMinorUnits)), \(last.differences) difference(s) by entry, unexplained \(money(last.unexplainedMinorUnits))")
            for item in last.items {
                lines.append("    \(item.reference): \(item.bankHoldsMore ? "bank holds" : "ledger holds") \(money(item.amountMinorUnits)) more: \(item.explanation)")
            }
        } else {
            lines.append("  not yet reconciled")
        }
        return lines
    }
}
