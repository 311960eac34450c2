import EscrowCore
import Testing

/// The value types escrow states keep their growing parts in.
@Suite("Collections")
struct CollectionsTests {
    @Test("an append-only list holds every element at its place across chunks and blocks, and copies stay apart")
    func appendOnlyList() {
        var list = AppendOnlyList<Int>()
        for number in 0..<10_000 { list.append(number) }
        #expect(list.count == 10_000)
        #expect(Array(list) == Array(0..<10_000))
        #expect(list[4_095] == 4_095 && list[4_096] == 4_096 && list[9_999] == 9_999)

        var copy = list
        copy.append(10_000)
        list.append(-1)
        #expect(copy.count == 10_001 && list.count == 10_001)
        #expect(copy.last == 10_000 && list.last == -1)
        #expect(Array(copy.prefix(10_000)) == Array(list.prefix(10_000)))
        #expect(AppendOnlyList([1, 2, 3] as [Int]) != AppendOnlyList([1, 2] as [Int]))
    }

    @Test("a sharded dictionary finds, replaces and removes every key, and copies stay apart")
    func shardedDictionary() {
        var index = ShardedDictionary<String, Int>()
        #expect(index["FW1"] == nil)
        for number in 0..<20_000 { index["FW\(number)"] = number }
        #expect((0..<20_000).allSatisfy { (number: Int) in index["FW\(number)"] == number })

        var copy = index
        copy["FW7"] = 700
        copy["FW8"] = nil
        #expect(index["FW7"] == 7 && index["FW8"] == 8)
        #expect(copy["FW7"] == 700 && copy["FW8"] == nil)
        #expect(copy["FW9"] == 9)
    }
}

extension AppendOnlyList {
    init(_ elements: [Element]) {
        self.init()
        for element in elements { append(element) }
    }
}
