/// Checks of the bank identifiers a payment goes out on: an ABA routing number's check digit,
/// an IBAN's mod-97 check digits, a BIC's shape. A wrong digit in any of them sends money to
/// the wrong bank or bounces the wire, so written instructions are refused when they fail.
public enum BankIdentifiers {
    /// A nine-digit ABA routing number whose weighted digit sum (3, 7, 1, repeated) is a
    /// multiple of ten, as the American Bankers Association defines the check digit.
    public static func isValidRoutingNumber(_ text: String) -> Bool {
        let digits = text.utf8.map { Int($0) - 48 }
        guard digits.count == 9, digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        let weights = [3, 7, 1, 3, 7, 1, 3, 7, 1]
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return sum % 10 == 0
    }

    /// An IBAN (ISO 13616) without spaces: two letters, two check digits, up to 30 letters
    /// and digits, whose mod-97 remainder (country and check digits moved to the end, letters
    /// as 10 to 35) is 1.
    public static func isValidIBAN(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (15...34).contains(bytes.count) else { return false }
        guard bytes[0...1].allSatisfy(isUpperLetter), bytes[2...3].allSatisfy(isDigit) else { return false }
        guard bytes.allSatisfy({ isUpperLetter($0) || isDigit($0) }) else { return false }
        var remainder = 0
        for byte in bytes[4...] + bytes[0..<4] {
            if isDigit(byte) {
                remainder = (remainder * 10 + Int(byte) - 48) % 97
            } else {
                remainder = (remainder * 100 + Int(byte) - 55) % 97
            }
        }
        return remainder == 1
    }

    /// A BIC (ISO 9362): four letters of the institution, two of the country, two letters or
    /// digits of the location, and optionally three of the branch.
    public static func isValidBIC(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 8 || bytes.count == 11 else { return false }
        return bytes[0..<6].allSatisfy(isUpperLetter) && bytes[6...].allSatisfy { isUpperLetter($0) || isDigit($0) }
    }

    private static func isUpperLetter(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
