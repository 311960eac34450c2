public import EscrowCore
public import Foundation

/// Writes a camt.053.001.08 statement of an account: what a bank sends at the end of the day.
/// The engine only reads statements; this writes them for bank simulations, test fixtures and
/// the benchmark, in the form ``BankFile/read(_:)`` reads back.
public enum Camt053Writer {
    /// The namespace of the statements written.
    public static let namespace = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"

    /// The statement's bytes, UTF-8.
    public static func write(
        messageID: String, statementID: String, accountID: String, createdAt: Date, closingBooked: BankBalance, entries: [BankEntry]
    ) -> [UInt8] {
        var xml = XMLWriter()
        let created = Pain001Writer.timestamp(createdAt, timeZoneIdentifier: "UTC")
        let currency = closingBooked.amount.currency.code
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.open("Document", attributes: [("xmlns", namespace)])
        xml.open("BkToCstmrStmt")
        xml.open("GrpHdr")
        xml.element("MsgId", messageID)
        xml.element("CreDtTm", created)
        xml.close("GrpHdr")
        xml.open("Stmt")
        xml.element("Id", statementID)
        xml.element("CreDtTm", created)
        xml.open("Acct")
        xml.open("Id")
        xml.open("Othr")
        xml.element("Id", accountID)
        xml.close("Othr")
        xml.close("Id")
        xml.element("Ccy", currency)
        xml.close("Acct")
        xml.open("Bal")
        xml.open("Tp")
        xml.open("CdOrPrtry")
        xml.element("Cd", "CLBD")
        xml.close("CdOrPrtry")
        xml.close("Tp")
        xml.element("Amt", closingBooked.amount.decimalString, attributes: [("Ccy", currency)])
        xml.element("CdtDbtInd", closingBooked.isDebit ? "DBIT" : "CRDT")
        xml.open("Dt")
        xml.element("Dt", closingBooked.date ?? String(created.prefix(10)))
        xml.close("Dt")
        xml.close("Bal")
        for entry in entries {
            let isDebit = entry.direction == .debit
            xml.open("Ntry")
            xml.element("Amt", entry.amount.decimalString, attributes: [("Ccy", entry.amount.currency.code)])
            xml.element("CdtDbtInd", isDebit ? "DBIT" : "CRDT")
            xml.open("Sts")
            xml.element("Cd", entry.isBooked ? "BOOK" : "PDNG")
            xml.close("Sts")
            if let date = entry.bookingDate {
                xml.open("BookgDt")
                xml.element("Dt", date)
                xml.close("BookgDt")
            }
            xml.element("AcctSvcrRef", entry.reference)
            xml.open("BkTxCd")
            xml.open("Domn")
            xml.element("Cd", "PMNT")
            xml.open("Fmly")
            xml.element("Cd", isDebit ? "ICDT" : "RCDT")
            xml.element("SubFmlyCd", entry.returnReason != nil ? "RRTN" : (isDebit ? "DMCT" : "DMCT"))
            xml.close("Fmly")
            xml.close("Domn")
            xml.close("BkTxCd")
            xml.open("NtryDtls")
            xml.open("TxDtls")
            xml.open("Refs")
            xml.element("EndToEndId", entry.endToEndID ?? "NOTPROVIDED")
            xml.close("Refs")
            xml.element("Amt", entry.amount.decimalString, attributes: [("Ccy", entry.amount.currency.code)])
            xml.element("CdtDbtInd", isDebit ? "DBIT" : "CRDT")
            if entry.counterpartyName != nil || entry.counterpartyAccount != nil {
                xml.open("RltdPties")
                let party = isDebit ? "Cdtr" : "Dbtr"
                if let name = entry.counterpartyName {
                    xml.open(party)
                    xml.open("Pty")
                    xml.element("Nm", name)
                    xml.close("Pty")
                    xml.close(party)
                }
                if let account = entry.counterpartyAccount {
                    xml.open(party + "Acct")
                    xml.open("Id")
                    xml.open("Othr")
                    xml.element("Id", account)
                    xml.close("Othr")
                    xml.close("Id")
                    xml.close(party + "Acct")
                }
                xml.close("RltdPties")
            }
            if let remittance = entry.remittance {
                xml.open("RmtInf")
                xml.element("Ustrd", String(remittance.prefix(140)))
                xml.close("RmtInf")
            }
            if let reason = entry.returnReason {
                xml.open("RtrInf")
                xml.open("Rsn")
                xml.element("Cd", reason)
                xml.close("Rsn")
                xml.close("RtrInf")
            }
            xml.close("TxDtls")
            xml.close("NtryDtls")
            xml.close("Ntry")
        }
        xml.close("Stmt")
        xml.close("BkToCstmrStmt")
        xml.close("Document")
        return xml.bytes
    }
}
