/// A list that only grows, cheap to copy however long it gets.
///
/// Escrow states are values: every command decides against one and produces another, and
/// a server keeps several alive at once (the committed state readers see, the state
/// commands are decided against). With a plain `Array`, each of those copies would copy
/// every deposit and posting ever recorded. Here the elements live in full chunks that
/// copies share, plus a short tail; copying costs one reference per chunk, and appending
/// touches only the tail.
public struct AppendOnlyList<Element> {
    /// Elements per full chunk.
    static var chunkSize: Int { 64 }

    private var chunks: [[Element]] = []
    private var tail: [Element] = []

    /// An empty list.
    public init() {}

    /// Adds `element` at the end.
    public mutating func append(_ element: Element) {
        if tail.isEmpty { tail.reserveCapacity(Self.chunkSize) }
        tail.append(element)
        if tail.count == Self.chunkSize {
            chunks.append(tail)
            tail = []
        }
    }
}

extension AppendOnlyList: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { chunks.count * Self.chunkSize + tail.count }

    public subscript(position: Int) -> Element {
        let (chunk, offset) = position.quotientAndRemainder(dividingBy: Self.chunkSize)
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
