import EscrowCore

/// Which part of an escrow page's long lists is shown: the latest ``Limits/webPageLinesMax``
/// lines of each by default; `before` (a log sequence) pages the timeline back, `postings`
/// and `wires` (a position in the ledger or the list of wires) page those back.
struct WebPaging: Sendable, Equatable {
    var timelineBefore: Int64?
    var postingsBefore: Int?
    var wiresBefore: Int?

    /// Reads the page's query; a value that is not a positive whole number is the latest page.
    init(query: (String) -> String?) {
        timelineBefore = query("before").flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
        postingsBefore = query("postings").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        wiresBefore = query("wires").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    init() {}

    /// The window of `count` lines that ends before `end` (the latest when `nil`), at most
    /// `size` long.
    static func window(count: Int, endingBefore end: Int?, size: Int = Limits.webPageLinesMax) -> Range<Int> {
        let upper = min(end ?? count, count)
        return max(0, upper - size)..<upper
    }

    /// The index of the first line whose sequence is `sequence` or later, in lines sorted by it.
    static func index(of sequence: Int64, in lines: [TimelineEntry]) -> Int {
        var low = 0
        var high = lines.count
        while low < high {
            let middle = (low + high) / 2
            if (lines[middle].sequence ?? 0) < sequence { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
