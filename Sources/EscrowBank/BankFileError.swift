/// Why a bank file was refused: what is wrong, the element and the line. Nothing of a refused
/// file is imported.
public struct BankFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line (from 1) where the problem is.
    public var line: Int
    /// The element concerned, when there is one (`Amt`, `MsgId`).
    public var element: String?
    /// What is wrong, in a sentence.
    public var message: String

    /// Creates an error at `line`, about `element`.
    public init(line: Int, element: String?, _ message: String) {
        self.line = line
        self.element = element
        self.message = message
    }

    public var description: String {
        let element = element.map { ", element <\($0)>" } ?? ""
        return "line \(line)\(element): \(message)"
    }
}
