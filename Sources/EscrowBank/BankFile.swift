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
        var handler = BankMessageHandler(bytes: bytes)
        var reader = XMLReader(bytes)
        try reader.read(into: &handler, depthMax: Limits.bankXMLDepthMax)
        return try handler.result()
    }
}
