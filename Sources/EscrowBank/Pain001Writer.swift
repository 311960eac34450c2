public import EscrowCore
import Foundation

/// Writes a pain.001.001.09 customer credit transfer initiation file from the record of its
/// export. Everything in the file comes from that record (its creation time is the export's
/// instant, in the agreement's time zone), so writing it again gives the same bytes.
public enum Pain001Writer {
    /// The namespace of the files written.
    public static let namespace = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"

    /// The file's bytes, UTF-8.
    public static func write(_ file: BankFileExported, timeZoneIdentifier: String) -> [UInt8] {
        let currency = file.controlSum.currency
        let isSEPA = currency.code == "EUR"
        var xml = XMLWriter()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.open("Document", attributes: [("xmlns", namespace)])
        xml.open("CstmrCdtTrfInitn")
        xml.open("GrpHdr")
        xml.element("MsgId", file.fileID)
        xml.element("CreDtTm", timestamp(file.at, timeZoneIdentifier: timeZoneIdentifier))
        xml.element("NbOfTxs", String(file.transfers.count))
        xml.element("CtrlSum", file.controlSum.decimalString)
        xml.open("InitgPty")
        xml.element("Nm", limited(file.debtor.name, 140))
        xml.close("InitgPty")
        xml.close("GrpHdr")
        xml.open("PmtInf")
        xml.element("PmtInfId", limited(file.fileID + "-B1", 35))
        xml.element("PmtMtd", "TRF")
        xml.element("NbOfTxs", String(file.transfers.count))
        xml.element("CtrlSum", file.controlSum.decimalString)
        xml.open("PmtTpInf")
        xml.open("SvcLvl")
        xml.element("Cd", isSEPA ? "SEPA" : "URGP")
        xml.close("SvcLvl")
        xml.close("PmtTpInf")
        xml.open("ReqdExctnDt")
        xml.element("Dt", file.requestedExecutionDate)
        xml.close("ReqdExctnDt")
        xml.open("Dbtr")
        xml.element("Nm", limited(file.debtor.name, 140))
        xml.close("Dbtr")
        account(&xml, "DbtrAcct", file.debtor, currency: currency)
        agent(&xml, "DbtrAgt", file.debtor, always: true)
        xml.element("ChrgBr", isSEPA ? "SLEV" : "DEBT")
        for transfer in file.transfers {
            xml.open("CdtTrfTxInf")
            xml.open("PmtId")
            xml.element("InstrId", limited(transfer.endToEndID, 35))
            xml.element("EndToEndId", limited(transfer.endToEndID, 35))
            xml.close("PmtId")
            xml.open("Amt")
            xml.element("InstdAmt", transfer.amount.decimalString, attributes: [("Ccy", currency.code)])
            xml.close("Amt")
            agent(&xml, "CdtrAgt", transfer.creditor, always: false)
            xml.open("Cdtr")
            xml.element("Nm", limited(transfer.creditor.name, 140))
            xml.close("Cdtr")
            account(&xml, "CdtrAcct", transfer.creditor, currency: nil)
            xml.open("RmtInf")
            xml.element("Ustrd", limited(transfer.remittance, 140))
            xml.close("RmtInf")
            xml.close("CdtTrfTxInf")
        }
        xml.close("PmtInf")
        xml.close("CstmrCdtTrfInitn")
        xml.close("Document")
        return xml.bytes
    }

    private static func account(_ xml: inout XMLWriter, _ name: String, _ account: BankAccountIdentification, currency: Currency?) {
        xml.open(name)
        xml.open("Id")
        if let iban = account.iban {
            xml.element("IBAN", iban)
        } else {
            xml.open("Othr")
            xml.element("Id", limited(account.accountNumber ?? "", 34))
            xml.close("Othr")
        }
        xml.close("Id")
        if let currency { xml.element("Ccy", currency.code) }
        xml.close(name)
    }

    private static func agent(_ xml: inout XMLWriter, _ name: String, _ account: BankAccountIdentification, always: Bool) {
        guard account.bic != nil || account.routingNumber != nil || always else { return }
        xml.open(name)
        xml.open("FinInstnId")
        if let bic = account.bic {
            xml.element("BICFI", bic)
        } else if let routing = account.routingNumber {
            xml.open("ClrSysMmbId")
            xml.open("ClrSysId")
            xml.element("Cd", "USABA")
            xml.close("ClrSysId")
            xml.element("MmbId", routing)
            xml.close("ClrSysMmbId")
        } else {
            xml.open("Othr")
            xml.element("Id", "NOTPROVIDED")
            xml.close("Othr")
        }
        xml.close("FinInstnId")
        xml.close(name)
    }

    /// At most `count` characters: the schema's `MaxNText` limits.
    static func limited(_ text: String, _ count: Int) -> String { String(text.prefix(count)) }

    /// `2005-09-02T09:15:00-04:00`: the instant in the agreement's time zone, to the second.
    static func timestamp(_ date: Date, timeZoneIdentifier: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 0)
        return formatter.string(from: date)
    }
}

/// Indented XML, text and attribute values escaped.
struct XMLWriter {
    private(set) var bytes: [UInt8] = []
    private var depth = 0

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func indent() { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2)) }

    mutating func open(_ name: String, attributes: [(String, String)] = []) {
        indent()
        raw("<\(name)\(Self.attributes(attributes))>\n")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        indent()
        raw("</\(name)>\n")
    }

    mutating func element(_ name: String, _ text: String, attributes: [(String, String)] = []) {
        indent()
        raw("<\(name)\(Self.attributes(attributes))>\(Self.escaped(text))</\(name)>\n")
    }

    private static func attributes(_ list: [(String, String)]) -> String {
        list.map { " \($0.0)=\"\(escaped($0.1))\"" }.joined()
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Control characters have no place in a payment file; a space keeps the text readable.
                if let ascii = character.asciiValue, ascii < 0x20 { out += " " } else { out.append(character) }
            }
        }
        return out
    }
}
