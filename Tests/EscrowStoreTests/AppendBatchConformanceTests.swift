import EscrowCore
import EscrowStore
import Foundation
import Testing

/// Batches of appends committed together (group commit), on every store.
@Suite("Event store conformance: batches")
struct AppendBatchConformanceTests {
    static let otherEscrow = EscrowID("other-escrow")

    @Test("a batch applies its appends in order, each seeing the ones before it", arguments: StoreFactory.all)
    func inOrder(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store throws in
            let first = depositEvents(2)
            let chained = RecordedEvent.chaining(first, to: referenceEscrow, after: 0, previousHash: EventHash.genesis)
            let results = await store.appendBatch([
                AppendRequest(first, to: referenceEscrow, expectedLastSequence: 0, expectedLastHash: EventHash.genesis),
                AppendRequest(depositEvents(1), to: Self.otherEscrow, expectedLastSequence: 0),
                AppendRequest(depositEvents(1, from: 3), to: referenceEscrow, expectedLastSequence: 2, expectedLastHash: chained[1].hash),
            ])
            let answers = try results.map { try $0.get() }
            #expect(answers.map(\.outcome) == [.appended(1...2), .appended(1...1), .appended(3...3)])
            let stored = try await store.events(of: referenceEscrow, after: 0)
            #expect(stored == answers[0].recorded + answers[2].recorded)
            #expect(Array(stored.prefix(2)) == chained)
            #expect(try await store.lastSequence(of: Self.otherEscrow) == 1)
        }
    }

    @Test("a refused append fails alone: the appends around it in the batch are committed", arguments: StoreFactory.all)
    func refusalsStandAlone(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store throws in
            _ = try await store.append(depositEvents(1), to: referenceEscrow, expectedLastSequence: 0,
                idempotency: IdempotencyKey(key: "wire-1", commandDigest: "d-1"))
            let results = await store.appendBatch([
                AppendRequest(depositEvents(1, from: 2), to: referenceEscrow, expectedLastSequence: 1),
                AppendRequest(depositEvents(1, from: 9), to: referenceEscrow, expectedLastSequence: 1),
                AppendRequest(depositEvents(1, from: 8), to: referenceEscrow, expectedLastSequence: 2,
                    idempotency: IdempotencyKey(key: "wire-1", commandDigest: "d-other")),
                AppendRequest(depositEvents(1, from: 3), to: referenceEscrow, expectedLastSequence: 2),
            ])
            #expect(try results[0].get().outcome == .appended(2...2))
            #expect(results[1].failure == .sequenceConflict(escrowID: referenceEscrow, expected: 1, actual: 2))
            #expect(results[2].failure == .idempotencyKeyReused(key: "wire-1"))
            #expect(try results[3].get().outcome == .appended(3...3))
            let stored = try await store.events(of: referenceEscrow, after: 0).map(\.payload)
            #expect(stored == [depositEvent(1), depositEvent(2), depositEvent(3)].map(\.payload))
        }
    }

    @Test("an append decided against another log than the stored one fails its hash check and writes nothing", arguments: StoreFactory.all)
    func hashCheck(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store throws in
            _ = try await store.append(depositEvents(1), to: referenceEscrow, expectedLastSequence: 0, idempotency: nil)
            // Right length, wrong predecessor: the log another writer produced, not the one assumed.
            let assumed = RecordedEvent.chaining(depositEvents(1, from: 7), to: referenceEscrow, after: 0, previousHash: EventHash.genesis)
            let results = await store.appendBatch([
                AppendRequest(depositEvents(1, from: 2), to: referenceEscrow, expectedLastSequence: 1, expectedLastHash: assumed[0].hash,
                    idempotency: IdempotencyKey(key: "wire-2", commandDigest: "d-2"))
            ])
            #expect(results.first?.failure == .sequenceConflict(escrowID: referenceEscrow, expected: 1, actual: 1))
            #expect(try await store.lastSequence(of: referenceEscrow) == 1)
            #expect(try await store.idempotencyRecord(escrowID: referenceEscrow, key: "wire-2") == nil)
        }
    }

    @Test("a key sent twice in one batch is applied once and the second answered as a replay", arguments: StoreFactory.all)
    func keyTwiceInABatch(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store throws in
            let key = IdempotencyKey(key: "wire-1", commandDigest: "d-1")
            let results = await store.appendBatch([
                AppendRequest(depositEvents(1), to: referenceEscrow, expectedLastSequence: 0, idempotency: key),
                AppendRequest(depositEvents(1), to: referenceEscrow, expectedLastSequence: 0, idempotency: key),
            ])
            #expect(try results[0].get() == AppendResult(outcome: .appended(1...1), recorded: try await store.events(of: referenceEscrow, after: 0)))
            #expect(try results[1].get() == AppendResult(outcome: .replayed(1...1), recorded: []))
            #expect(try await store.lastSequence(of: referenceEscrow) == 1)
        }
    }
}

extension Result {
    /// The error of a failed result, `nil` for a success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
