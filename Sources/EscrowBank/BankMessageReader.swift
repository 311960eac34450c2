public import EscrowCore
import Foundation

/// A bank file, read and checked: a statement (camt.053, camt.054, camt.052) or a payment
/// status report (pain.002).
public enum BankFile: Hashable, Sendable {
    /// A camt.053 statement, camt.054 notification or camt.052 report.
    case statement(BankStatement)
    /// A pain.002 payment status report.
    case statusReport(BankStatusReport)

    /// The message namespaces read, with the kind of each.
    public static let namespaces: [String: BankMessageKind] = [
        "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08": .camt053,
        "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02": .camt053,
        "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08": .camt054,
        "urn:iso:std:iso:20022:tech:xsd:camt.054.001.02": .camt054,
        "urn:iso:std:iso:20022:tech:xsd:camt.052.001.08": .camt052,
        "urn:iso:std:iso:20022:tech:xsd:pain.002.001.10": .pain002,
    ]

    /// Reads a whole bank file. Throws, naming the line and element, when the file is larger
    /// than ``Limits/bankFileBytesMax``, is not well-formed XML, declares a document type or
    /// entity, is another message or version, or carries a bad amount or unknown currency.
    ///
    /// `bytesMax` is the size limit, ``Limits/bankFileBytesMax`` unless a caller sets a lower one.
    public static func read(_ bytes: [UInt8], bytesMax: Int = Limits.bankFileBytesMax) throws(BankFileError) -> BankFile {
        guard bytes.count <= bytesMax else {
            throw BankFileError(line: 1, element: nil, "the file is \(bytes.count) bytes, more than \(bytesMax) (limit bankFileBytesMax)")
        }
        var handler = BankMessageHandler()
        var reader = XMLReader(bytes)
        try reader.read(into: &handler, depthMax: Limits.bankXMLDepthMax)
        return try handler.result()
    }
}

/// Builds a ``BankFile`` from the reader's events. Paths are kept as one string with the
/// message root written `M` and the statement, notification or report written `S`, so one
/// table of paths reads every version.
struct BankMessageHandler: XMLHandler {
    private var kind: BankMessageKind?
    private var names: [String] = []
    /// The path of every open element, outermost first; the last is the current one.
    private var keys: [String] = []
    private var key: String { keys.last ?? "" }
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
    private var entryLine = 0
    private var transactionsSeen = 0

    private var originalFileID: String?
    private var groupStatus: String?
    private var groupReason: String?
    private var transactions: [BankTransactionStatus] = []
    private var transaction = (endToEndID: String?.none, status: String?.none, reason: String?.none)
    private var transactionLine = 0

    struct EntryDraft {
        var entryRef: String?
        var servicerRef: String?
        var amount: Money?
        var debit: Bool?
        var status: String?
        var bookingDate: String?
        var endToEndID: String?
        var remittance: [String] = []
        var debtorName: String?
        var creditorName: String?
        var debtorAccount: String?
        var creditorAccount: String?
        var returnReason: String?
    }

    private static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    mutating func start(_ rawName: String, attributes: [(name: String, value: String)], line: Int) throws(BankFileError) {
        let name = Self.local(rawName)
        if names.isEmpty {
            guard name == "Document" else {
                throw BankFileError(line: line, element: name, "the root element is <\(name)>, not an ISO 20022 <Document>")
            }
            let prefix = rawName.contains(":") ? "xmlns:" + rawName.prefix(while: { $0 != ":" }) : "xmlns"
            let namespace = attributes.first { $0.name == prefix }?.value ?? ""
            guard let kind = BankFile.namespaces[namespace] else {
                let known = BankFile.namespaces.keys.map { $0.replacingOccurrences(of: "urn:iso:std:iso:20022:tech:xsd:", with: "") }.sorted()
                throw BankFileError(
                    line: line, element: name,
                    "message type or version '\(namespace.isEmpty ? "none" : namespace)' is not read here; the engine reads \(known.joined(separator: ", "))")
            }
            self.kind = kind
        }
        let depth = names.count
        let segment: String
        if depth == 1 {
            segment = "M"
        } else if depth == 2, kind != .pain002, name == "Stmt" || name == "Ntfctn" || name == "Rpt" {
            segment = "S"
        } else {
            segment = name
        }
        names.append(name)
        keys.append(keys.isEmpty ? segment : key + "/" + segment)
        if segment == "S" {
            statementCount += 1
            guard statementCount == 1 else {
                throw BankFileError(line: line, element: name, "a second <\(name)> in one file; send one statement per file")
            }
        }
        if name == "Amt" || name == "InstdAmt" {
            if let code = attributes.first(where: { $0.name == "Ccy" })?.value {
                guard let known = Currency(code: code) else {
                    throw BankFileError(line: line, element: name, "unknown currency '\(code)' (not an ISO 4217 code this engine knows)")
                }
                currency = known
            } else {
                currency = nil
            }
            amountLine = line
        }
        switch key {
        case "Document/M/S/Ntry":
            entry = EntryDraft()
            entryLine = line
            transactionsSeen = 0
        case "Document/M/S/Bal":
            balanceType = nil
            balanceAmount = nil
            balanceDebit = nil
            balanceDate = nil
            balanceLine = line
        case "Document/M/OrgnlPmtInfAndSts/TxInfAndSts":
            transaction = (nil, nil, nil)
            transactionLine = line
        default: break
        }
    }

    mutating func end(_ rawName: String, line: Int) throws(BankFileError) {
        switch key {
        case "Document/M/S/Ntry":
            try finishEntry(line: line)
        case "Document/M/S/Ntry/NtryDtls/TxDtls":
            transactionsSeen += 1
        case "Document/M/S/Bal":
            if balanceType == "CLBD" {
                guard let amount = balanceAmount, let debit = balanceDebit else {
                    throw BankFileError(line: balanceLine, element: "Bal", "the closing booked balance lacks <Amt> or <CdtDbtInd>")
                }
                closing = BankBalance(amount: amount, isDebit: debit, date: balanceDate)
            }
        case "Document/M/OrgnlPmtInfAndSts/TxInfAndSts":
            guard let id = transaction.endToEndID, let status = transaction.status else {
                throw BankFileError(line: transactionLine, element: "TxInfAndSts", "a transaction status lacks <OrgnlEndToEndId> or <TxSts>")
            }
            transactions.append(BankTransactionStatus(endToEndID: id, statusCode: status, reasonCode: transaction.reason))
        default: break
        }
        names.removeLast()
        keys.removeLast()
    }

    mutating func text(_ text: String, line: Int) throws(BankFileError) {
        let element = names.last ?? ""
        switch key {
        case "Document/M/GrpHdr/MsgId": messageID = text
        case "Document/M/S/Id": statementID = text
        case "Document/M/S/Acct/Id/IBAN", "Document/M/S/Acct/Id/Othr/Id": accountID = text
        case "Document/M/S/Bal/Tp/CdOrPrtry/Cd": balanceType = text
        case "Document/M/S/Bal/Amt": balanceAmount = try amount(text, element: element)
        case "Document/M/S/Bal/CdtDbtInd": balanceDebit = try direction(text, line: line)
        case "Document/M/S/Bal/Dt/Dt": balanceDate = text
        case "Document/M/S/Ntry/NtryRef": entry.entryRef = text
        case "Document/M/S/Ntry/AcctSvcrRef": entry.servicerRef = text
        case "Document/M/S/Ntry/Amt": entry.amount = try amount(text, element: element)
        case "Document/M/S/Ntry/CdtDbtInd": entry.debit = try direction(text, line: line)
        case "Document/M/S/Ntry/Sts/Cd", "Document/M/S/Ntry/Sts": entry.status = text
        case "Document/M/S/Ntry/BookgDt/Dt": entry.bookingDate = text
        case "Document/M/OrgnlGrpInfAndSts/OrgnlMsgId": originalFileID = text
        case "Document/M/OrgnlGrpInfAndSts/GrpSts": groupStatus = text
        case "Document/M/OrgnlGrpInfAndSts/StsRsnInf/Rsn/Cd": groupReason = text
        case "Document/M/OrgnlPmtInfAndSts/TxInfAndSts/OrgnlEndToEndId": transaction.endToEndID = text
        case "Document/M/OrgnlPmtInfAndSts/TxInfAndSts/TxSts": transaction.status = text
        case "Document/M/OrgnlPmtInfAndSts/TxInfAndSts/StsRsnInf/Rsn/Cd": transaction.reason = text
        // The first transaction's details describe the entry; a batch entry's others are not read.
        case "Document/M/S/Ntry/NtryDtls/TxDtls/Refs/EndToEndId":
            if transactionsSeen == 0, text != "NOTPROVIDED" { entry.endToEndID = text }
        case "Document/M/S/Ntry/NtryDtls/TxDtls/RmtInf/Ustrd", "Document/M/S/Ntry/NtryDtls/TxDtls/RmtInf/Strd/CdtrRefInf/Ref":
            if transactionsSeen == 0 { entry.remittance.append(text) }
        case "Document/M/S/Ntry/NtryDtls/TxDtls/RltdPties/Dbtr/Pty/Nm", "Document/M/S/Ntry/NtryDtls/TxDtls/RltdPties/Dbtr/Nm":
            if transactionsSeen == 0 { entry.debtorName = text }
        case "Document/M/S/Ntry/NtryDtls/TxDtls/RltdPties/Cdtr/Pty/Nm", "Document/M/S/Ntry/NtryDtls/TxDtls/RltdPties/Cdtr/Nm":
            if transactionsSeen == 0 { entry.creditorName = text }
        case "Document/M/S/Ntry/NtryDtls/TxDtls/RltdPties/DbtrAcct/Id/IBAN", "Document/M/S/Ntry/NtryDtls/TxDtls/RltdPties/DbtrAcct/Id/Othr/Id":
            if transactionsSeen == 0 { entry.debtorAccount = text }
        case "Document/M/S/Ntry/NtryDtls/TxDtls/RltdPties/CdtrAcct/Id/IBAN", "Document/M/S/Ntry/NtryDtls/TxDtls/RltdPties/CdtrAcct/Id/Othr/Id":
            if transactionsSeen == 0 { entry.creditorAccount = text }
        case "Document/M/S/Ntry/NtryDtls/TxDtls/RtrInf/Rsn/Cd":
            if transactionsSeen == 0 { entry.returnReason = text }
        default:
            break
        }
    }

    private func amount(_ text: String, element: String) throws(BankFileError) -> Money {
        guard let currency else {
            throw BankFileError(line: amountLine, element: element, "amount '\(text)' has no currency (attribute Ccy)")
        }
        guard !text.hasPrefix("-") else {
            throw BankFileError(line: amountLine, element: element, "amount '\(text)' is negative; the direction is given by <CdtDbtInd>")
        }
        do { return try Money.parse(text, currency) } catch {
            throw BankFileError(line: amountLine, element: element, "bad amount: \(error)")
        }
    }

    private func direction(_ text: String, line: Int) throws(BankFileError) -> Bool {
        switch text {
        case "CRDT": return false
        case "DBIT": return true
        default: throw BankFileError(line: line, element: "CdtDbtInd", "'\(text)' is neither CRDT nor DBIT")
        }
    }

    private mutating func finishEntry(line: Int) throws(BankFileError) {
        guard let amount = entry.amount else { throw BankFileError(line: entryLine, element: "Ntry", "the entry has no <Amt>") }
        guard let debit = entry.debit else { throw BankFileError(line: entryLine, element: "Ntry", "the entry has no <CdtDbtInd>") }
        guard let reference = entry.servicerRef ?? entry.entryRef else {
            throw BankFileError(line: entryLine, element: "Ntry", "the entry has neither <AcctSvcrRef> nor <NtryRef> to count it by")
        }
        guard let status = entry.status else { throw BankFileError(line: entryLine, element: "Ntry", "the entry has no status <Sts>") }
        let remittance = entry.remittance.isEmpty ? nil : entry.remittance.joined(separator: " ")
        entries.append(
            BankEntry(
                reference: reference, amount: amount, direction: debit ? .debit : .credit, isBooked: status == "BOOK", bookingDate: entry.bookingDate,
                endToEndID: entry.endToEndID, remittance: remittance, counterpartyName: debit ? entry.creditorName : entry.debtorName,
                counterpartyAccount: debit ? entry.creditorAccount : entry.debtorAccount, returnReason: entry.returnReason))
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
                    transactions: transactions))
        }
        guard let statementID else { throw BankFileError(line: 1, element: "Id", "the \(kind.rawValue) message has no statement <Id>") }
        guard let accountID else { throw BankFileError(line: 1, element: "Acct", "the \(kind.rawValue) message names no account <Acct><Id>") }
        return .statement(
            BankStatement(messageID: messageID, kind: kind, statementID: statementID, accountID: accountID, closingBooked: closing, entries: entries))
    }
}
