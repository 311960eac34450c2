/// Character data as the reader found it: a run of the file's bytes that needs no decoding
/// (checked to be UTF-8), or text whose references were decoded.
enum XMLText {
    /// The bytes `range` of the file, valid UTF-8, with no reference in them.
    case raw(Range<Int>)
    /// Text whose entity and character references were decoded.
    case decoded(String)
}

/// One attribute of a start tag, as positions in the file's bytes.
struct XMLAttribute {
    /// The attribute's name, prefix kept.
    var name: Range<Int>
    /// The value between the quotes, references not yet decoded.
    var value: Range<Int>
    /// Whether the value holds a reference (`&amp;`) to decode.
    var hasReference: Bool
}

/// Receives what ``XMLReader`` reads, in document order. Names and text are positions in the
/// bytes being read, so nothing is copied unless the handler wants it.
protocol XMLHandler {
    /// An element starts; `attributes` in document order, prefixes kept.
    mutating func start(_ name: Range<Int>, attributes: [XMLAttribute], line: Int) throws(BankFileError)
    /// An element ends.
    mutating func end(_ name: Range<Int>, line: Int) throws(BankFileError)
    /// Character data inside the current element; whitespace-only runs are not reported.
    mutating func text(_ text: XMLText, line: Int) throws(BankFileError)
}

/// A small streaming reader for the XML that banks send: elements, attributes, text, CDATA,
/// comments and processing instructions, in UTF-8.
///
/// It refuses any document type declaration outright, so no entity can be declared, expanded
/// or fetched (no XXE, no entity expansion); only the five predefined entities and character
/// references are decoded. Tags must nest and match; nesting is bounded by
/// ``Limits/bankXMLDepthMax``. Every error names the line and, where there is one, the element.
///
/// It works on the bytes themselves: names, attributes and text are handed on as positions,
/// and text is checked as UTF-8 without being copied, so a statement of a hundred thousand
/// entries is read without a string per element.
struct XMLReader {
    let bytes: [UInt8]
    private var index = 0
    private var line = 1
    /// The start tags still open, outermost first.
    private var open: [Range<Int>] = []
    /// The current start tag's attributes, reused from tag to tag.
    private var attributes: [XMLAttribute] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The text of `range`, for messages and for handlers that keep a name or a value.
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private var openName: String? { open.last.map(string) }

    /// Reads the whole document into `handler`.
    mutating func read<H: XMLHandler>(into handler: inout H, depthMax: Int) throws(BankFileError) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        open.reserveCapacity(depthMax)
        var sawRoot = false
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte != UInt8(ascii: "<") {
                let startLine = line
                let text = try readText()
                if open.isEmpty {
                    guard text == nil else {
                        throw BankFileError(line: startLine, element: nil, "text outside the root element")
                    }
                } else if let text {
                    try handler.text(text, line: startLine)
                }
                continue
            }
            guard index + 1 < count else { throw BankFileError(line: line, element: openName, "the document ends inside a tag") }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "?") {
                try skip(past: "?>", what: "processing instruction")
            } else if next == UInt8(ascii: "!") {
                if matches("<!--") {
                    try skip(past: "-->", what: "comment")
                } else if matches("<![CDATA[") {
                    guard !open.isEmpty else { throw BankFileError(line: line, element: nil, "CDATA outside the root element") }
                    let startLine = line
                    index += 9
                    let start = index
                    try skip(past: "]]>", what: "CDATA section")
                    let range = start..<(index - 3)
                    guard Self.isUTF8(bytes[range]) else {
                        throw BankFileError(line: startLine, element: openName, "text that is not valid UTF-8")
                    }
                    if !bytes[range].allSatisfy(Self.isSpace) { try handler.text(.raw(range), line: startLine) }
                } else if matches("<!DOCTYPE") || matches("<!ENTITY") {
                    throw BankFileError(
                        line: line, element: nil,
                        "a document type declaration is refused: bank files may not declare or reference entities (no DTD, no external entity)")
                } else {
                    throw BankFileError(line: line, element: openName, "markup '<!' that is neither a comment nor CDATA")
                }
            } else if next == UInt8(ascii: "/") {
                let tagLine = line
                index += 2
                let name = try readName()
                skipSpace()
                guard index < count, bytes[index] == UInt8(ascii: ">") else {
                    throw BankFileError(line: line, element: string(name), "end tag </\(string(name))> is not closed with '>'")
                }
                index += 1
                guard let expected = open.popLast() else {
                    throw BankFileError(line: tagLine, element: string(name), "end tag </\(string(name))> without a start tag")
                }
                guard bytes[expected].elementsEqual(bytes[name]) else {
                    throw BankFileError(
                        line: tagLine, element: string(name), "end tag </\(string(name))> does not match start tag <\(string(expected))>")
                }
                try handler.end(name, line: tagLine)
            } else {
                let tagLine = line
                index += 1
                let name = try readName()
                if open.isEmpty {
                    guard !sawRoot else { throw BankFileError(line: tagLine, element: string(name), "a second root element") }
                    sawRoot = true
                }
                let selfClosing = try readAttributes(of: name)
                open.append(name)
                guard open.count <= depthMax else {
                    throw BankFileError(line: tagLine, element: string(name), "elements nest deeper than \(depthMax) (limit bankXMLDepthMax)")
                }
                try handler.start(name, attributes: attributes, line: tagLine)
                if selfClosing {
                    open.removeLast()
                    try handler.end(name, line: tagLine)
                }
            }
        }
        if let unclosed = openName {
            throw BankFileError(line: line, element: unclosed, "the document ends before </\(unclosed)>")
        }
        guard sawRoot else { throw BankFileError(line: line, element: nil, "the file holds no XML element") }
    }

    /// Reads a start tag's attributes into `attributes`, through its `>` or `/>`; answers
    /// whether the tag closes itself.
    private mutating func readAttributes(of element: Range<Int>) throws(BankFileError) -> Bool {
        attributes.removeAll(keepingCapacity: true)
        let count = bytes.count
        while true {
            skipSpace()
            guard index < count else {
                throw BankFileError(line: line, element: string(element), "the document ends inside tag <\(string(element))>")
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") {
                index += 1
                return false
            }
            if byte == UInt8(ascii: "/") {
                guard index + 1 < count, bytes[index + 1] == UInt8(ascii: ">") else {
                    throw BankFileError(line: line, element: string(element), "'/' inside tag <\(string(element))> not followed by '>'")
                }
                index += 2
                return true
            }
            let name = try readName(in: element)
            skipSpace()
            guard index < count, bytes[index] == UInt8(ascii: "=") else {
                throw BankFileError(line: line, element: string(element), "attribute \(string(name)) has no value")
            }
            index += 1
            skipSpace()
            guard index < count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw BankFileError(line: line, element: string(element), "attribute \(string(name)) value is not quoted")
            }
            let quote = bytes[index]
            index += 1
            let start = index
            var hasReference = false
            var isASCII = true
            while index < count, bytes[index] != quote {
                let value = bytes[index]
                if value == 0x0A { line += 1 }
                if value == UInt8(ascii: "&") { hasReference = true }
                if value >= 0x80 { isASCII = false }
                if value == UInt8(ascii: "<") {
                    throw BankFileError(line: line, element: string(element), "'<' inside an attribute value")
                }
                index += 1
            }
            guard index < count else { throw BankFileError(line: line, element: string(element), "attribute \(string(name)) value is not closed") }
            let value = start..<index
            index += 1
            if !isASCII, !Self.isUTF8(bytes[value]) {
                throw BankFileError(line: line, element: string(element), "text that is not valid UTF-8")
            }
            if hasReference { _ = try Self.decodeReferences(bytes[value], line: line, element: string(element)) }
            guard !attributes.contains(where: { bytes[$0.name].elementsEqual(bytes[name]) }) else {
                throw BankFileError(line: line, element: string(element), "attribute \(string(name)) appears twice")
            }
            attributes.append(XMLAttribute(name: name, value: value, hasReference: hasReference))
        }
    }

    /// The value of `attribute` in `bytes`, its references decoded.
    static func value(of attribute: XMLAttribute, in bytes: [UInt8]) -> String {
        let raw = String(decoding: bytes[attribute.value], as: UTF8.self)
        guard attribute.hasReference else { return raw }
        // The reader decoded it once already, so this cannot fail; the raw text stands in if it did.
        return (try? decodeReferences(bytes[attribute.value], line: 0, element: nil)) ?? raw
    }

    private func matches(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return text.withUTF8Buffer { expected in
            for offset in 0..<count where bytes[index + offset] != expected[offset] { return false }
            return true
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
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

    /// Moves past the next `end`, counting lines; refuses a construct that is never closed.
    private mutating func skip(past end: StaticString, what: String) throws(BankFileError) {
        let startLine = line
        let found: Bool = end.withUTF8Buffer { end in
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte == 0x0A { line += 1 }
                if byte == end[0], index + end.count <= count {
                    var same = true
                    for offset in 1..<end.count where bytes[index + offset] != end[offset] {
                        same = false
                        break
                    }
                    if same {
                        index += end.count
                        return true
                    }
                }
                index += 1
            }
            return false
        }
        guard found else { throw BankFileError(line: startLine, element: nil, "\(what) is not closed") }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x3A || byte == 0x5F
            || byte == 0x2D || byte == 0x2E || byte >= 0x80
    }

    /// A tag's or attribute's name; `element` is the tag it is in, for messages.
    private mutating func readName(in element: Range<Int>? = nil) throws(BankFileError) -> Range<Int> {
        let start = index
        var isASCII = true
        while index < bytes.count, Self.isNameByte(bytes[index]) {
            if bytes[index] >= 0x80 { isASCII = false }
            index += 1
        }
        guard index > start else { throw BankFileError(line: line, element: element.map(string) ?? openName, "a tag without a valid name") }
        let first = bytes[start]
        guard !(first >= 0x30 && first <= 0x39), first != 0x2D, first != 0x2E else {
            throw BankFileError(line: line, element: element.map(string) ?? openName, "a name may not start with a digit, '-' or '.'")
        }
        let name = start..<index
        if !isASCII, !Self.isUTF8(bytes[name]) {
            throw BankFileError(line: line, element: element.map(string) ?? openName, "a name that is not valid UTF-8")
        }
        return name
    }

    /// Text up to the next `<` (not consumed): `nil` when it is whitespace only (layout between
    /// tags, never data), else its bytes, or its decoded text when it holds references.
    private mutating func readText() throws(BankFileError) -> XMLText? {
        let start = index
        let count = bytes.count
        var hasReference = false
        var onlySpace = true
        var isASCII = true
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") { break }
            if byte == 0x0A {
                line += 1
            } else if byte != 0x20, byte != 0x09, byte != 0x0D {
                onlySpace = false
                if byte == UInt8(ascii: "&") { hasReference = true }
                if byte >= 0x80 { isASCII = false }
            }
            index += 1
        }
        if onlySpace { return nil }
        let raw = start..<index
        let element = open.last
        guard isASCII || Self.isUTF8(bytes[raw]) else {
            throw BankFileError(line: line, element: element.map(string), "text that is not valid UTF-8")
        }
        guard hasReference else { return .raw(raw) }
        return .decoded(try Self.decodeReferences(bytes[raw], line: line, element: element.map(string)))
    }

    static func isUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    private static func decodeReferences(_ raw: ArraySlice<UInt8>, line: Int, element: String?) throws(BankFileError) -> String {
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
