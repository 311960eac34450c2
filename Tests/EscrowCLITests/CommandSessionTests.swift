import ArgumentParser
import EscrowCore
import EscrowStore
import Foundation
import Synchronization
import Testing

@testable import EscrowCLI

/// An event store that records each read of a log: the sequence it asked after and how many
/// events it got. Everything else is passed through to an in-memory store.
final class CountingEventStore: EventStore {
    let base: any EventStore = InMemoryEventStore()
    private let recorded = Mutex<[[Int64]]>([])

    /// `[after, events]` for each read since the last ``reset()``.
    var reads: [[Int64]] { recorded.withLock { $0 } }

    func reset() { recorded.withLock { $0.removeAll() } }

    func events(of escrowID: EscrowID, after sequence: Int64) async throws(StoreError) -> [RecordedEvent] {
        let events = try await base.events(of: escrowID, after: sequence)
        recorded.withLock { $0.append([sequence, Int64(events.count)]) }
        return events
    }

    func append(
        _ events: [NewEvent], to escrowID: EscrowID, expectedLastSequence: Int64, idempotency: IdempotencyKey?
    ) async throws(StoreError) -> AppendOutcome {
        try await base.append(events, to: escrowID, expectedLastSequence: expectedLastSequence, idempotency: idempotency)
    }

    func appendBatch(_ requests: [AppendRequest]) async -> [Result<AppendResult, StoreError>] { await base.appendBatch(requests) }

    func idempotencyRecord(escrowID: EscrowID, key: String) async throws(StoreError) -> IdempotencyRecord? {
        try await base.idempotencyRecord(escrowID: escrowID, key: key)
    }

    func lastSequence(of escrowID: EscrowID) async throws(StoreError) -> Int64 { try await base.lastSequence(of: escrowID) }

    func escrowIDs() async throws(StoreError) -> [EscrowID] { try await base.escrowIDs() }
}

/// A command-line write reads, verifies and folds the escrow's log once, however many times
/// it needs the escrow's state before it decides (the currency of each amount, the text a key
/// signs), and decides on that same fold.
@Suite("one read of the log per command")
struct CommandSessionTests {
    static let escrowID: EscrowID = "roo-group-2005"

    /// 2005-08-DD at HH:00 New York time (EDT, UTC-4).
    static func august(_ day: Int, _ hour: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(CivilDate(year: 2005, month: 8, day: day)!.dayNumber * 86_400 + (hour + 4) * 3_600))
    }

    /// The reference escrow with `warnings` more events after its opening, and the company's
    /// signing key registered; returns the private key.
    static func escrow(in store: CountingEventStore, warnings: Int) async throws -> String {
        let service = EscrowService(store: store)
        let terms = try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "reference")
        _ = try await service.open(escrowID, terms: terms, at: august(19, 9))
        let key = SignatureKeys.generate()
        _ = try await service.execute(.registerKey(party: "company", publicKeyBase64: key.publicKeyBase64), on: escrowID, at: august(19, 10))
        for number in 1...warnings {
            _ = try await service.execute(.recordWarning(from: "company", text: "warning \(number)"), on: escrowID, at: august(19, 11))
        }
        return key.privateKeyBase64
    }

    /// A session as `withSession` opens it in a new process: a service with nothing cached.
    static func session(_ options: StoreOptions, _ store: CountingEventStore) -> CommandSession {
        CommandSession(options: options, service: EscrowService(store: store))
    }

    @Test("1.1: a deposit reads the amount in the escrow's currency and records the wire on one read of the log")
    func deposit() async throws {
        let store = CountingEventStore()
        _ = try await Self.escrow(in: store, warnings: 100)
        store.reset()
        let deposit = try Deposit.parse(
            ["--from", "purchaser-1", "--amount", "3000000.00", "--reference", "FW1", "--escrow", "roo-group-2005", "--now", "2005-08-22T11:00:00-04:00"])
        try await deposit.perform(in: Self.session(deposit.options, store))
        // The whole log of 102 events once; before the append, only whatever came after it (nothing).
        #expect(store.reads == [[0, 102], [102, 0]])
        #expect(try await store.lastSequence(of: Self.escrowID) == 103)
    }

    @Test("1.6: instructions with two amounts, signed with a key over the escrow's text, read the log once")
    func instructions() async throws {
        let store = CountingEventStore()
        let privateKey = try await Self.escrow(in: store, warnings: 50)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("escrow-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let keyFile = folder.appendingPathComponent("company.key").path
        try Data(privateKey.utf8).write(to: URL(fileURLWithPath: keyFile))
        store.reset()
        let instruct = try Instruct.parse([
            "--party", "company", "--key", keyFile, "--escrow", "roo-group-2005", "--now", "2005-08-24T11:00:00-04:00",
            "--account", "AJW Offshore, Ltd.|Bank of New York|021000018|8900112233|3400000.00",
            "--account", "ROO Group, Inc.|Citibank, N.A.|021000089|40012345|1000000.00",
        ])
        try await instruct.perform(
            accounts: try instruct.account.map(Instruct.fields), given: try instruct.signing.given(), in: Self.session(instruct.options, store))
        #expect(store.reads == [[0, 52], [52, 0]])
        #expect(try await store.lastSequence(of: Self.escrowID) == 53)
    }
}
