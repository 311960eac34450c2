import EscrowCore
import EscrowStore
import EscrowStoreSQLite
import Foundation
import Testing

/// Makes one kind of store in a fresh scratch directory, so the same conformance tests run
/// against every implementation. A PostgreSQL store joins by adding a factory here.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable (URL) throws -> any EventStore

    var testDescription: String { name }

    static let inMemory = StoreFactory(name: "in memory") { _ in InMemoryEventStore() }
    static let sqlite = StoreFactory(name: "SQLite") { directory in
        try SQLiteEventStore(path: directory.appendingPathComponent("events.sqlite").path)
    }
    static let all: [StoreFactory] = [.inMemory, .sqlite]
}

/// A directory under the system's temporary folder, removed when the test is done with it.
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("escrow-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a fresh, empty store made by `factory`.
///
/// Closures passed here spell out `store throws in`: when the only `try`s are inside
/// `#expect`, the compiler infers a non-throwing closure and rejects them.
func withStore<Result>(
    _ factory: StoreFactory,
    _ body: (any EventStore) async throws -> Result
) async throws -> Result {
    let directory = try ScratchDirectory()
    defer { directory.remove() }
    return try await body(try factory.make(directory.url))
}

/// The escrow the tests write to, named after the reference agreement's date.
let referenceEscrow: EscrowID = "escrow-2005-08-19"

/// 2005-08-19T14:00:00Z, when the reference agreement was signed, in milliseconds since 1970.
let signingMilliseconds: Int64 = 1_124_460_000_000

/// A deposit event as the domain would hand it over: JSON with sorted keys, recorded `number`
/// seconds after the signing.
func depositEvent(_ number: Int, writer: Int = 0) -> NewEvent {
    let json = """
        {"amountMinorUnits":\(5_000_000 + number),"currency":"USD","depositID":"dep-\(writer)-\(number)",\
        "writer":\(writer)}
        """
    return NewEvent(
        type: "deposit.received",
        payload: Data(json.utf8),
        recordedAt: Date(timeIntervalSince1970: TimeInterval(signingMilliseconds / 1000 + Int64(number)))
    )
}

/// `count` deposit events numbered from `first`.
func depositEvents(_ count: Int, from first: Int = 1) -> [NewEvent] {
    (first..<(first + count)).map { depositEvent($0) }
}
