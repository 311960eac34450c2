/// A dictionary split into 64 × 64 shards, cheap to copy however large it gets.
///
/// Like ``AppendOnlyList``, it serves escrow states that are copied on every command:
/// copying costs one reference per group of shards, and a write copies only the group and
/// the shard it touches.
public struct ShardedDictionary<Key: Hashable, Value> {
    /// Groups, and shards per group.
    static var width: Int { 64 }

    private var groups: [[[Key: Value]]] = []

    /// An empty dictionary.
    public init() {}

    private static func place(of key: Key) -> (group: Int, shard: Int) {
        let bits = UInt(bitPattern: key.hashValue)
        let width = UInt(Self.width)
        return (Int(bits % width), Int((bits / width) % width))
    }

    /// The value stored under `key`; assigning `nil` removes it.
    public subscript(key: Key) -> Value? {
        get {
            guard !groups.isEmpty else { return nil }
            let (group, shard) = Self.place(of: key)
            return groups[group][shard][key]
        }
        set {
            if groups.isEmpty {
                guard newValue != nil else { return }
                groups = Array(repeating: Array(repeating: [:], count: Self.width), count: Self.width)
            }
            let (group, shard) = Self.place(of: key)
            groups[group][shard][key] = newValue
        }
    }
}

extension ShardedDictionary: Sendable where Key: Sendable, Value: Sendable {}
