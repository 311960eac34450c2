import EscrowCore

/// Builds a ``BankFile`` from the reader's events, walking ``BankMessagePaths`` so each
/// element costs a few byte comparisons and only the values read become strings.
struct BankMessageHandler: XMLHandler {
    private let bytes: [UInt8]
    private let paths = BankMessagePaths.shared
    private var kind: BankMessageKind?
    /// The node of every open element, outermost first.
    private var nodes: [Int] = []
    private var statementCount = 0
    private var currency: Currency?
    private var amountLine = 0

    private var messageID: String?
    private var statementID: String?
    private var accountID: String?
    private var closing: BankBalance?
    private var entries: [BankEntry] = []

    private var balanceType: String?
    private var balanceAmount: Money?
    private var balanceDebit: Bool?
    private var balanceDate: String?
    private var balanceLine = 0

    private var entry = EntryDraft()
    private var transaction = TransactionDraft()

    private var originalFileID: String?
    private var groupStatus: String?
    private var groupReason: String?
    private var statuses: [BankTransactionStatus] = []
    private var status = (endToEndID: String?.none, status: String?.none, reason: String?.none)
    private var statusLine = 0

    /// An entry (`Ntry`) as read so far.
    struct EntryDraft {
        var line = 0
        var entryRef: String?
        var servicerRef: String?
        var amount: Money?
        var debit: Bool?
        var status: String?
        var bookingDate: String?
        /// `NtryDtls/Btch/NbOfTxs`, when the bank states how many transactions a batch holds.
        var batchCount: Int?
        var transactions: [TransactionDraft] = []
    }

    /// One transaction's details (`NtryDtls/TxDtls`) as read so far.
    struct TransactionDraft {
        var line = 0
        var amount: Money?
        var bookedAmount: Money?
        var amountLine = 0
        var debit: Bool?
        var servicerRef: String?
        var endToEndID: String?
        var remittance: [String] = []
        var debtorName: String?
        var creditorName: String?
        var debtorAccount: String?
        var creditorAccount: String?
        var returnReason: String?
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        nodes.reserveCapacity(Limits.bankXMLDepthMax)
    }

    private func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// The local name of `name`: what follows its last `:`.
    private func local(_ name: Range<Int>) -> Range<Int> {
        var position = name.upperBound
        while position > name.lowerBound {
            if bytes[position - 1] == UInt8(ascii: ":") { return position..<name.upperBound }
            position -= 1
        }
        return name
    }

    private func isNamed(_ name: Range<Int>, _ expected: StaticString) -> Bool {
        guard name.count == expected.utf8CodeUnitCount else { return false }
        return expected.withUTF8Buffer { expected in
            var offset = name.lowerBound
            for byte in expected {
                if bytes[offset] != byte { return false }
                offset += 1
            }
            return true
        }
    }

    mutating func start(_ rawName: Range<Int>, attributes: [XMLAttribute], line: Int) throws(BankFileError) {
        let name = local(rawName)
        if nodes.isEmpty {
            try readRoot(rawName, local: name, attributes: attributes, line: line)
            nodes.append(paths.child(of: BankMessagePaths.top, named: name, in: bytes))
            return
        }
        if isNamed(name, "Amt") || isNamed(name, "InstdAmt") {
            if let ccy = attributes.first(where: { isNamed($0.name, "Ccy") }) {
                let code = XMLReader.value(of: ccy, in: bytes)
                guard let known = currency?.code == code ? currency : Currency(code: code) else {
                    throw BankFileError(line: line, element: string(name), "unknown currency '\(code)' (not an ISO 4217 code this engine knows)")
                }
                currency = known
            } else {
                currency = nil
            }
            amountLine = line
        }
        let node = paths.child(of: nodes[nodes.count - 1], named: name, in: bytes)
        nodes.append(node)
        switch paths.field(node) {
        case .statement:
            statementCount += 1
            guard statementCount == 1 else {
                throw BankFileError(line: line, element: string(name), "a second <\(string(name))> in one file; send one statement per file")
            }
        case .entry:
            entry = EntryDraft()
            entry.line = line
        case .transaction:
            transaction = TransactionDraft()
            transaction.line = line
        case .balance:
            balanceType = nil
            balanceAmount = nil
            balanceDebit = nil
            balanceDate = nil
            balanceLine = line
        case .statusTransaction:
            status = (nil, nil, nil)
            statusLine = line
        default: break
        }
    }

    private mutating func readRoot(_ rawName: Range<Int>, local name: Range<Int>, attributes: [XMLAttribute], line: Int) throws(BankFileError) {
        guard isNamed(name, "Document") else {
            throw BankFileError(line: line, element: string(name), "the root element is <\(string(name))>, not an ISO 20022 <Document>")
        }
        let prefix = name.lowerBound > rawName.lowerBound ? "xmlns:" + string(rawName.lowerBound..<(name.lowerBound - 1)) : "xmlns"
        let namespace = attributes.first { string($0.name) == prefix }.map { XMLReader.value(of: $0, in: bytes) } ?? ""
        guard let kind = BankFile.namespaces[namespace] else {
            let known = BankFile.namespaces.keys.map { String($0.dropFirst("urn:iso:std:iso:20022:tech:xsd:".count)) }.sorted()
            throw BankFileError(
                line: line, element: string(name),
                "message type or version '\(namespace.isEmpty ? "none" : namespace)' is not read here; the engine reads \(known.joined(separator: ", "))")
        }
        self.kind = kind
    }

    mutating func end(_ rawName: Range<Int>, line: Int) throws(BankFileError) {
        let node = nodes.removeLast()
        switch paths.field(node) {
        case .entry:
            try finishEntry()
        case .transaction:
            entry.transactions.append(transaction)
        case .balance:
            if balanceType == "CLBD" {
                guard let amount = balanceAmount, let debit = balanceDebit else {
                    throw BankFileError(line: balanceLine, element: "Bal", "the closing booked balance lacks <Amt> or <CdtDbtInd>")
                }
                closing = BankBalance(amount: amount, isDebit: debit, date: balanceDate)
            }
        case .statusTransaction:
            guard let id = status.endToEndID, let code = status.status else {
                throw BankFileError(line: statusLine, element: "TxInfAndSts", "a transaction status lacks <OrgnlEndToEndId> or <TxSts>")
            }
            statuses.append(BankTransactionStatus(endToEndID: id, statusCode: code, reasonCode: status.reason))
        default: break
        }
    }

    mutating func text(_ text: XMLText, line: Int) throws(BankFileError) {
        guard let node = nodes.last else { return }
        let field = paths.field(node)
        switch field {
        case .structure, .statement, .balance, .entry, .transaction, .statusTransaction: return
        case .balanceAmount: balanceAmount = try amount(text, element: "Amt")
        case .entryAmount: entry.amount = try amount(text, element: "Amt")
        case .transactionAmount:
            transaction.amount = try amount(text, element: "Amt")
            transaction.amountLine = amountLine
        case .transactionBookedAmount:
            transaction.bookedAmount = try amount(text, element: "Amt")
            transaction.amountLine = amountLine
        case .balanceDirection: balanceDebit = try direction(text, line: line)
        case .entryDirection: entry.debit = try direction(text, line: line)
        case .transactionDirection: transaction.debit = try direction(text, line: line)
        case .batchTransactionCount:
            let value = self.string(text)
            guard let count = Int(value), count > 0 else {
                throw BankFileError(line: line, element: "NbOfTxs", "the batch's number of transactions '\(value)' is not a positive whole number")
            }
            entry.batchCount = (entry.batchCount ?? 0) + min(count, Limits.bankEntriesPerFileMax)
        default:
            let value = self.string(text)
            switch field {
            case .messageID: messageID = value
            case .statementID: statementID = value
            case .accountID: accountID = value
            case .balanceType: balanceType = value
            case .balanceDate: balanceDate = value
            case .entryReference: entry.entryRef = value
            case .entryServicerReference: entry.servicerRef = value
            case .entryStatus: entry.status = value
            case .entryBookingDate: entry.bookingDate = value
            case .transactionServicerReference: transaction.servicerRef = value
            case .endToEndID: if value != "NOTPROVIDED" { transaction.endToEndID = value }
            case .remittance: transaction.remittance.append(value)
            case .debtorName: transaction.debtorName = value
            case .creditorName: transaction.creditorName = value
            case .debtorAccount: transaction.debtorAccount = value
            case .creditorAccount: transaction.creditorAccount = value
            case .returnReason: transaction.returnReason = value
            case .originalMessageID: originalFileID = value
            case .groupStatus: groupStatus = value
            case .groupReason: groupReason = value
            case .originalEndToEndID: status.endToEndID = value
            case .transactionStatus: status.status = value
            case .transactionReason: status.reason = value
            default: break
            }
        }
    }

    private func string(_ text: XMLText) -> String {
        switch text {
        case .raw(let range): string(range)
        case .decoded(let value): value
        }
    }

    private func amount(_ text: XMLText, element: String) throws(BankFileError) -> Money {
        guard let currency else {
            throw BankFileError(line: amountLine, element: element, "amount '\(string(text))' has no currency (attribute Ccy)")
        }
        // The usual case, a plain decimal within the currency's digits and ceiling, straight
        // from the bytes; anything else goes through Money.parse, which says what is wrong.
        if case .raw(let range) = text, let minorUnits = Self.minorUnits(bytes[range], currency) {
            return Money(minorUnits: minorUnits, currency)
        }
        let value = string(text)
        guard !value.hasPrefix("-") else {
            throw BankFileError(line: amountLine, element: element, "amount '\(value)' is negative; the direction is given by <CdtDbtInd>")
        }
        do { return try Money.parse(value, currency) } catch {
            throw BankFileError(line: amountLine, element: element, "bad amount: \(error)")
        }
    }

    /// Digits, optionally a point and at most the currency's minor-unit digits, within its
    /// ceiling: the amount in minor units. `nil` for anything else.
    static func minorUnits(_ digits: ArraySlice<UInt8>, _ currency: Currency) -> Int64? {
        var value: Int64 = 0
        var fractionDigits = 0
        var sawPoint = false
        var sawDigit = false
        for byte in digits {
            if byte == UInt8(ascii: ".") {
                guard !sawPoint, sawDigit else { return nil }
                sawPoint = true
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            if sawPoint {
                fractionDigits += 1
                guard fractionDigits <= currency.minorUnitDigits else { return nil }
            }
            // At most 18 digits: no Int64 overflow before the ceiling check below.
            guard value < 100_000_000_000_000_000 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
            sawDigit = true
        }
        guard sawDigit, !(sawPoint && fractionDigits == 0) else { return nil }
        for _ in fractionDigits..<currency.minorUnitDigits {
            guard value < 100_000_000_000_000_000 else { return nil }
            value *= 10
        }
        guard value <= Limits.amountMinorUnitsMax(currency) else { return nil }
        return value
    }

    private func direction(_ text: XMLText, line: Int) throws(BankFileError) -> Bool {
        if case .raw(let range) = text {
            if isNamed(range, "CRDT") { return false }
            if isNamed(range, "DBIT") { return true }
        }
        throw BankFileError(line: line, element: "CdtDbtInd", "'\(string(text))' is neither CRDT nor DBIT")
    }

    private mutating func finishEntry() throws(BankFileError) {
        let line = entry.line
        guard let amount = entry.amount else { throw BankFileError(line: line, element: "Ntry", "the entry has no <Amt>") }
        guard let debit = entry.debit else { throw BankFileError(line: line, element: "Ntry", "the entry has no <CdtDbtInd>") }
        guard let reference = entry.servicerRef ?? entry.entryRef else {
            throw BankFileError(line: line, element: "Ntry", "the entry has neither <AcctSvcrRef> nor <NtryRef> to count it by")
        }
        guard let status = entry.status else { throw BankFileError(line: line, element: "Ntry", "the entry has no status <Sts>") }
        let transactions = entry.transactions
        if let stated = entry.batchCount, !transactions.isEmpty, stated != transactions.count {
            throw BankFileError(
                line: line, element: "Ntry",
                "batch entry \(reference) states \(stated) transactions (<NbOfTxs>) but details \(transactions.count) (<TxDtls>)")
        }
        guard transactions.count > 1 else {
            entries.append(Self.entry(reference, amount, debit, status == "BOOK", entry.bookingDate, transactions.first ?? TransactionDraft()))
            return
        }
        // A batch booking: one credit or debit per transaction, each counted by its own
        // reference, and together exactly the entry's amount.
        var total: Int64 = 0
        var batch: [BankEntry] = []
        batch.reserveCapacity(transactions.count)
        for (offset, transaction) in transactions.enumerated() {
            guard let part = transaction.amount ?? transaction.bookedAmount else {
                throw BankFileError(
                    line: transaction.line, element: "TxDtls",
                    "transaction \(offset + 1) of batch entry \(reference) has no amount (<Amt> or <AmtDtls><TxAmt>)")
            }
            guard part.currency == amount.currency else {
                throw BankFileError(
                    line: transaction.amountLine, element: "Amt",
                    "transaction \(offset + 1) of batch entry \(reference) is in \(part.currency.code), the entry in \(amount.currency.code)")
            }
            if let direction = transaction.debit, direction != debit {
                throw BankFileError(
                    line: transaction.line, element: "CdtDbtInd",
                    "transaction \(offset + 1) of batch entry \(reference) goes the other way from its entry")
            }
            let (sum, overflow) = total.addingReportingOverflow(part.amountMinorUnits)
            guard !overflow else {
                throw BankFileError(line: line, element: "Ntry", "the transactions of batch entry \(reference) add up to more than any amount")
            }
            total = sum
            let own = transaction.servicerRef ?? "\(reference)/\(offset + 1)"
            batch.append(Self.entry(own, part, debit, status == "BOOK", entry.bookingDate, transaction))
        }
        guard total == amount.amountMinorUnits else {
            throw BankFileError(
                line: line, element: "Ntry",
                "batch entry \(reference) is \(amount) but its \(transactions.count) transactions add up to \(Money(minorUnits: total, amount.currency))")
        }
        entries.append(contentsOf: batch)
    }

    private static func entry(
        _ reference: String, _ amount: Money, _ debit: Bool, _ isBooked: Bool, _ bookingDate: String?, _ transaction: TransactionDraft
    ) -> BankEntry {
        let remittance = transaction.remittance.isEmpty ? nil : transaction.remittance.joined(separator: " ")
        return BankEntry(
            reference: reference, amount: amount, direction: debit ? .debit : .credit, isBooked: isBooked, bookingDate: bookingDate,
            endToEndID: transaction.endToEndID, remittance: remittance, counterpartyName: debit ? transaction.creditorName : transaction.debtorName,
            counterpartyAccount: debit ? transaction.creditorAccount : transaction.debtorAccount, returnReason: transaction.returnReason)
    }

    func result() throws(BankFileError) -> BankFile {
        guard let kind else { throw BankFileError(line: 1, element: nil, "no ISO 20022 message") }
        guard let messageID else { throw BankFileError(line: 1, element: "MsgId", "the group header has no <MsgId>") }
        if kind == .pain002 {
            guard let originalFileID else {
                throw BankFileError(line: 1, element: "OrgnlMsgId", "the status report names no original payment file <OrgnlMsgId>")
            }
            return .statusReport(
                BankStatusReport(
                    messageID: messageID, originalFileID: originalFileID, groupStatusCode: groupStatus, groupReasonCode: groupReason,
                    transactions: statuses))
        }
        guard let statementID else { throw BankFileError(line: 1, element: "Id", "the \(kind.rawValue) message has no statement <Id>") }
        guard let accountID else { throw BankFileError(line: 1, element: "Acct", "the \(kind.rawValue) message names no account <Acct><Id>") }
        return .statement(
            BankStatement(messageID: messageID, kind: kind, statementID: statementID, accountID: accountID, closingBooked: closing, entries: entries))
    }
}
