/// A list that only grows, cheap to copy however long it gets.
///
/// Escrow states are values: every command decides against one and produces another, and
/// a server keeps several alive at once (the committed state readers see, the state
/// commands are decided against). With a plain `Array`, each of those copies would copy
/// every deposit and posting ever recorded. Here the elements live in full chunks of 64,
/// grouped in full blocks of 64 chunks, that copies share; copying costs one reference per
/// block plus at most 64 chunks and a tail of 64, and appending touches only the tail.
public struct AppendOnlyList<Element> {
    /// Elements per full chunk, and chunks per full block.
    static var width: Int { 64 }
    static var blockSize: Int { width * width }

    private var blocks: [[[Element]]] = []
    private var chunks: [[Element]] = []
    private var tail: [Element] = []

    /// An empty list.
    public init() {}

    /// Adds `element` at the end.
    public mutating func append(_ element: Element) {
        if tail.isEmpty { tail.reserveCapacity(Self.width) }
        tail.append(element)
        guard tail.count == Self.width else { return }
        chunks.append(tail)
        tail = []
        guard chunks.count == Self.width else { return }
        blocks.append(chunks)
        chunks = []
    }
}

extension AppendOnlyList: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { blocks.count * Self.blockSize + chunks.count * Self.width + tail.count }

    public subscript(position: Int) -> Element {
        let (block, inBlock) = position.quotientAndRemainder(dividingBy: Self.blockSize)
        if block < blocks.count {
            let (chunk, offset) = inBlock.quotientAndRemainder(dividingBy: Self.width)
            return blocks[block][chunk][offset]
        }
        let (chunk, offset) = inBlock.quotientAndRemainder(dividingBy: Self.width)
        return chunk < chunks.count ? chunks[chunk][offset] : tail[offset]
    }
}

extension AppendOnlyList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) {
        for element in elements { append(element) }
    }
}

extension AppendOnlyList: Sendable where Element: Sendable {}

extension AppendOnlyList: Equatable where Element: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.elementsEqual(rhs) }
}

extension AppendOnlyList: Hashable where Element: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { hasher.combine(element) }
    }
}
