/// A dictionary split into a fixed number of shards, cheap to copy however large it gets.
///
/// Like ``AppendOnlyList``, it serves escrow states that are copied on every command:
/// copying costs one reference per shard, and a write copies only the shard it touches.
public struct ShardedDictionary<Key: Hashable, Value> {
    /// How many shards the keys are spread over.
    static var shardCount: Int { 256 }

    private var shards: [[Key: Value]] = []

    /// An empty dictionary.
    public init() {}

    private static func shard(of key: Key) -> Int {
        Int(UInt(bitPattern: key.hashValue) % UInt(shardCount))
    }

    /// The value stored under `key`; assigning `nil` removes it.
    public subscript(key: Key) -> Value? {
        get { shards.isEmpty ? nil : shards[Self.shard(of: key)][key] }
        set {
            if shards.isEmpty {
                guard newValue != nil else { return }
                shards = Array(repeating: [:], count: Self.shardCount)
            }
            shards[Self.shard(of: key)][key] = newValue
        }
    }
}

extension ShardedDictionary: Sendable where Key: Sendable, Value: Sendable {}
