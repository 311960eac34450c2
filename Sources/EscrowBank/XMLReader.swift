/// Receives what ``XMLReader`` reads, in document order.
protocol XMLHandler {
    /// An element starts; `attributes` in document order, prefixes kept.
    mutating func start(_ name: String, attributes: [(name: String, value: String)], line: Int) throws(BankFileError)
    /// An element ends.
    mutating func end(_ name: String, line: Int) throws(BankFileError)
    /// Character data inside the current element, entities decoded; whitespace-only runs are
    /// not reported.
    mutating func text(_ text: String, line: Int) throws(BankFileError)
}

/// A small streaming reader for the XML that banks send: elements, attributes, text, CDATA,
/// comments and processing instructions, in UTF-8.
///
/// It refuses any document type declaration outright, so no entity can be declared, expanded
/// or fetched (no XXE, no entity expansion); only the five predefined entities and character
/// references are decoded. Tags must nest and match; nesting is bounded by
/// ``Limits/bankXMLDepthMax``. Every error names the line and, where there is one, the element.
struct XMLReader {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads the whole document into `handler`.
    mutating func read<H: XMLHandler>(into handler: inout H, depthMax: Int) throws(BankFileError) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        var open: [String] = []
        var sawRoot = false
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte != UInt8(ascii: "<") {
                let startLine = line
                let text = try readText(until: UInt8(ascii: "<"), element: open.last, isAttribute: false)
                if open.isEmpty {
                    guard text.isEmpty else {
                        throw BankFileError(line: startLine, element: nil, "text outside the root element")
                    }
                } else if !text.isEmpty {
                    try handler.text(text, line: startLine)
                }
                continue
            }
            guard index + 1 < count else { throw BankFileError(line: line, element: open.last, "the document ends inside a tag") }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "?") {
                try skip(past: Array("?>".utf8), what: "processing instruction")
            } else if next == UInt8(ascii: "!") {
                if matches("<!--") {
                    try skip(past: Array("-->".utf8), what: "comment")
                } else if matches("<![CDATA[") {
                    guard !open.isEmpty else { throw BankFileError(line: line, element: nil, "CDATA outside the root element") }
                    let startLine = line
                    index += 9
                    let start = index
                    try skip(past: Array("]]>".utf8), what: "CDATA section")
                    let text = String(decoding: bytes[start..<(index - 3)], as: UTF8.self)
                    if !text.allSatisfy(\.isWhitespace) { try handler.text(text, line: startLine) }
                } else if matches("<!DOCTYPE") || matches("<!ENTITY") {
                    throw BankFileError(
                        line: line, element: nil,
                        "a document type declaration is refused: bank files may not declare or reference entities (no DTD, no external entity)")
                } else {
                    throw BankFileError(line: line, element: open.last, "markup '<!' that is neither a comment nor CDATA")
                }
            } else if next == UInt8(ascii: "/") {
                let tagLine = line
                index += 2
                let name = try readName(context: open.last)
                skipSpace()
                guard index < count, bytes[index] == UInt8(ascii: ">") else {
                    throw BankFileError(line: line, element: name, "end tag </\(name)> is not closed with '>'")
                }
                index += 1
                guard let expected = open.popLast() else {
                    throw BankFileError(line: tagLine, element: name, "end tag </\(name)> without a start tag")
                }
                guard expected == name else {
                    throw BankFileError(line: tagLine, element: name, "end tag </\(name)> does not match start tag <\(expected)>")
                }
                try handler.end(name, line: tagLine)
            } else {
                let tagLine = line
                index += 1
                let name = try readName(context: open.last)
                if open.isEmpty {
                    guard !sawRoot else { throw BankFileError(line: tagLine, element: name, "a second root element") }
                    sawRoot = true
                }
                var attributes: [(name: String, value: String)] = []
                var selfClosing = false
                while true {
                    skipSpace()
                    guard index < count else { throw BankFileError(line: line, element: name, "the document ends inside tag <\(name)>") }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ">") {
                        index += 1
                        break
                    }
                    if byte == UInt8(ascii: "/") {
                        guard index + 1 < count, bytes[index + 1] == UInt8(ascii: ">") else {
                            throw BankFileError(line: line, element: name, "'/' inside tag <\(name)> not followed by '>'")
                        }
                        index += 2
                        selfClosing = true
                        break
                    }
                    let attribute = try readName(context: name)
                    skipSpace()
                    guard index < count, bytes[index] == UInt8(ascii: "=") else {
                        throw BankFileError(line: line, element: name, "attribute \(attribute) has no value")
                    }
                    index += 1
                    skipSpace()
                    guard index < count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                        throw BankFileError(line: line, element: name, "attribute \(attribute) value is not quoted")
                    }
                    let quote = bytes[index]
                    index += 1
                    let value = try readText(until: quote, element: name, isAttribute: true)
                    guard index < count else { throw BankFileError(line: line, element: name, "attribute \(attribute) value is not closed") }
                    index += 1
                    guard !attributes.contains(where: { $0.name == attribute }) else {
                        throw BankFileError(line: line, element: name, "attribute \(attribute) appears twice")
                    }
                    attributes.append((attribute, value))
                }
                open.append(name)
                guard open.count <= depthMax else {
                    throw BankFileError(line: tagLine, element: name, "elements nest deeper than \(depthMax) (limit bankXMLDepthMax)")
                }
                try handler.start(name, attributes: attributes, line: tagLine)
                if selfClosing {
                    open.removeLast()
                    try handler.end(name, line: tagLine)
                }
            }
        }
        if let unclosed = open.last {
            throw BankFileError(line: line, element: unclosed, "the document ends before </\(unclosed)>")
        }
        guard sawRoot else { throw BankFileError(line: line, element: nil, "the file holds no XML element") }
    }

    private func matches(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return text.withUTF8Buffer { expected in
            for offset in 0..<count where bytes[index + offset] != expected[offset] { return false }
            return true
        }
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
            } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                return
            }
            index += 1
        }
    }

    private mutating func skip(past end: [UInt8], what: String) throws(BankFileError) {
        let startLine = line
        while index < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            if bytes[index] == end[0], index + end.count <= bytes.count, bytes[index..<(index + end.count)].elementsEqual(end) {
                index += end.count
                return
            }
            index += 1
        }
        throw BankFileError(line: startLine, element: nil, "\(what) is not closed")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x3A || byte == 0x5F
            || byte == 0x2D || byte == 0x2E || byte >= 0x80
    }

    private mutating func readName(context: String?) throws(BankFileError) -> String {
        let start = index
        while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
        guard index > start else { throw BankFileError(line: line, element: context, "a tag without a valid name") }
        let first = bytes[start]
        guard !(first >= 0x30 && first <= 0x39), first != 0x2D, first != 0x2E else {
            throw BankFileError(line: line, element: context, "a name may not start with a digit, '-' or '.'")
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Text up to `end` (not consumed), with entity and character references decoded.
    private mutating func readText(until end: UInt8, element: String?, isAttribute: Bool) throws(BankFileError) -> String {
        let start = index
        var hasReference = false
        var onlySpace = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == end { break }
            if byte == 0x0A {
                line += 1
            } else if onlySpace, byte != 0x20, byte != 0x09, byte != 0x0D {
                onlySpace = false
            }
            if byte == UInt8(ascii: "&") { hasReference = true }
            if isAttribute, byte == UInt8(ascii: "<") {
                throw BankFileError(line: line, element: element, "'<' inside an attribute value")
            }
            index += 1
        }
        let raw = bytes[start..<index]
        // Whitespace between tags is layout, never data; an attribute keeps its spaces.
        if onlySpace && !isAttribute { return "" }
        guard hasReference else {
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw BankFileError(line: line, element: element, "text that is not valid UTF-8")
            }
            return text
        }
        return try decodeReferences(raw, element: element)
    }

    private func decodeReferences(_ raw: ArraySlice<UInt8>, element: String?) throws(BankFileError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var position = raw.startIndex
        while position < raw.endIndex {
            let byte = raw[position]
            guard byte == UInt8(ascii: "&") else {
                out.append(byte)
                position += 1
                continue
            }
            guard let semicolon = raw[position...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                throw BankFileError(line: line, element: element, "'&' that starts no entity or character reference")
            }
            let name = String(decoding: raw[(position + 1)..<semicolon], as: UTF8.self)
            switch name {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let scalarValue: UInt32? =
                    if name.hasPrefix("#x") { UInt32(name.dropFirst(2), radix: 16) } else if name.hasPrefix("#") { UInt32(name.dropFirst(), radix: 10) } else { nil }
                if name.hasPrefix("#") {
                    guard let value = scalarValue, let scalar = Unicode.Scalar(value), value != 0 else {
                        throw BankFileError(line: line, element: element, "character reference '&\(name);' names no character")
                    }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                } else {
                    throw BankFileError(
                        line: line, element: element, "entity '&\(name);' is refused: only the five predefined XML entities are read")
                }
            }
            position = semicolon + 1
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw BankFileError(line: line, element: element, "text that is not valid UTF-8")
        }
        return text
    }
}
