import EscrowCore
public import EscrowStore
import Foundation
import Testing

/// The rules every event store follows, as checks any implementation's tests can run: the
/// store tests run each one against the in-memory store, SQLite and PostgreSQL.
public enum EventStoreConformance {
    /// One rule, checked on a fresh, empty store.
    public struct Check: Sendable, CustomStringConvertible {
        /// What the rule says, as the test report shows it.
        public let name: String
        /// Checks the rule on `store`, recording failures as test issues.
        public let run: @Sendable (any EventStore) async throws -> Void

        init(_ name: String, _ run: @escaping @Sendable (any EventStore) async throws -> Void) {
            self.name = name
            self.run = run
        }

        public var description: String { name }
    }

    /// A second escrow beside ``referenceEscrow``.
    static let otherEscrow = EscrowID("other-escrow")

    /// Every rule: appends, sequences, idempotency, hash chain, batches.
    public static let checks: [Check] = [
        Check("an escrow with no events ends at sequence 0 and reads back nothing") { store throws in
            #expect(try await store.lastSequence(of: referenceEscrow) == 0)
            #expect(try await store.events(of: referenceEscrow, after: 0).isEmpty)
            #expect(try await store.escrowIDs().isEmpty)
        },
        Check("sequences start at 1 and stay gapless across appends") { store throws in
            let first = try await store.append(
                depositEvents(3), to: referenceEscrow, expectedLastSequence: 0, idempotency: nil)
            let second = try await store.append(
                depositEvents(2, from: 4), to: referenceEscrow, expectedLastSequence: 3, idempotency: nil)
            let third = try await store.append(
                depositEvents(4, from: 6), to: referenceEscrow, expectedLastSequence: 5, idempotency: nil)

            #expect(first == .appended(1...3))
            #expect(second == .appended(4...5))
            #expect(third == .appended(6...9))
            #expect(try await store.lastSequence(of: referenceEscrow) == 9)
            #expect(try await store.events(of: referenceEscrow, after: 0).map(\.sequence) == Array(1...9))
            #expect(try await store.events(of: referenceEscrow, after: 5).map(\.sequence) == [6, 7, 8, 9])
            #expect(try await store.events(of: referenceEscrow, after: 9).isEmpty)
        },
        Check("events read back exactly as appended, the record time kept to the millisecond") { store throws in
            let withSubMillisecond = NewEvent(
                type: "release.notice.signed",
                payload: Data(#"{"party":"purchaser-3","section":"1.4"}"#.utf8),
                // 2005-08-22T15:30:00.1234Z: the 0.4 ms is rounded away.
                recordedAt: Date(timeIntervalSince1970: 1_124_724_600.1234)
            )
            let emptyPayload = NewEvent(
                type: "escrow.opened", payload: Data(), recordedAt: Date(timeIntervalSince1970: 1_124_460_000))
            _ = try await store.append(
                [emptyPayload, withSubMillisecond], to: referenceEscrow, expectedLastSequence: 0, idempotency: nil)

            let events = try await store.events(of: referenceEscrow, after: 0)
            try #require(events.count == 2)
            #expect(events[0].type == "escrow.opened")
            #expect(events[0].payload == Data())
            #expect(events[0].recordedAtMilliseconds == signingMilliseconds)
            #expect(events[0].previousHash == EventHash.genesis)
            #expect(events[1].type == "release.notice.signed")
            #expect(events[1].payload == withSubMillisecond.payload)
            #expect(events[1].recordedAtMilliseconds == 1_124_724_600_123)
            #expect(events[1].recordedAt == Date(timeIntervalSince1970: 1_124_724_600.123))
            #expect(events[1].previousHash == events[0].hash)
            #expect(events.allSatisfy { $0.escrowID == referenceEscrow })
        },
        Check("a stale expected sequence is refused as a conflict and writes nothing") { store throws in
            _ = try await store.append(depositEvents(5), to: referenceEscrow, expectedLastSequence: 0, idempotency: nil)

            await #expect(throws: StoreError.sequenceConflict(escrowID: referenceEscrow, expected: 2, actual: 5)) {
                try await store.append(
                    depositEvents(3, from: 3), to: referenceEscrow, expectedLastSequence: 2,
                    idempotency: IdempotencyKey(key: "late", commandDigest: "d-late"))
            }
            await #expect(throws: StoreError.sequenceConflict(escrowID: referenceEscrow, expected: 6, actual: 5)) {
                try await store.append([], to: referenceEscrow, expectedLastSequence: 6, idempotency: nil)
            }
            #expect(try await store.lastSequence(of: referenceEscrow) == 5)
            #expect(try await store.idempotencyRecord(escrowID: referenceEscrow, key: "late") == nil)
        },
        Check("writers racing at the same expected sequence: exactly one wins each round, the rest conflict") { store throws in
            let rounds = 12
            let writers = 8
            for round in 0..<rounds {
                let expected = Int64(round)
                let results = await withTaskGroup(of: Result<AppendOutcome, StoreError>.self) { group in
                    for writer in 0..<writers {
                        group.addTask {
                            do throws(StoreError) {
                                return .success(
                                    try await store.append(
                                        [depositEvent(round, writer: writer)], to: referenceEscrow,
                                        expectedLastSequence: expected, idempotency: nil))
                            } catch {
                                return .failure(error)
                            }
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                let wins = results.compactMap { try? $0.get() }
                #expect(wins == [.appended((expected + 1)...(expected + 1))], "round \(round)")
                let conflict = StoreError.sequenceConflict(
                    escrowID: referenceEscrow, expected: expected, actual: expected + 1)
                let losses = results.filter { if case .failure(let error) = $0 { error == conflict } else { false } }
                #expect(losses.count == writers - 1, "round \(round)")
            }
            let events = try await store.events(of: referenceEscrow, after: 0)
            #expect(events.map(\.sequence) == Array(1...Int64(rounds)))
            #expect(ChainVerifier.verify(events).isIntact)
        },
        Check("writers that retry after a conflict lose no event and duplicate none") { store throws in
            let writers = 6
            let eventsPerWriter = 15
            try await appendRetryingOnConflict(store, writers: writers, eventsPerWriter: eventsPerWriter)
            let events = try await store.events(of: referenceEscrow, after: 0)
            #expect(events.map(\.sequence) == Array(1...Int64(writers * eventsPerWriter)))
            let written = Set(events.map(\.payload))
            let intended = Set((0..<writers).flatMap { writer in
                (1...eventsPerWriter).map { depositEvent($0, writer: writer).payload }
            })
            #expect(written == intended)
            #expect(ChainVerifier.verify(events).isIntact)
        },
        Check("a batch is visible all at once or not at all to a concurrent reader") { store throws in
            let batchSize = 50
            let batches = 10
            async let observed: [Int64] = {
                var seen: [Int64] = []
                while seen.last != Int64(batchSize * batches) {
                    try Task.checkCancellation()
                    seen.append(try await store.lastSequence(of: referenceEscrow))
                    await Task.yield()
                }
                return seen
            }()
            for batch in 0..<batches {
                _ = try await store.append(
                    depositEvents(batchSize, from: batch * batchSize + 1), to: referenceEscrow,
                    expectedLastSequence: Int64(batch * batchSize), idempotency: nil)
            }
            let lastSequences = try await observed
            #expect(lastSequences.allSatisfy { $0 % Int64(batchSize) == 0 })
        },
        Check("a replayed idempotency key answers the first range and writes nothing") { store throws in
            let deposit = IdempotencyKey(key: "wire-20050822-001", commandDigest: "sha256:4f1c")
            let first = try await store.append(
                depositEvents(3), to: referenceEscrow, expectedLastSequence: 0, idempotency: deposit)
            _ = try await store.append(
                depositEvents(2, from: 4), to: referenceEscrow, expectedLastSequence: 3,
                idempotency: IdempotencyKey(key: "wire-20050822-002", commandDigest: "sha256:9a07"))

            // The client never saw the first answer and sends the same command again, decided
            // against the empty log it saw then.
            let replay = try await store.append(
                depositEvents(3), to: referenceEscrow, expectedLastSequence: 0, idempotency: deposit)

            #expect(first == .appended(1...3))
            #expect(replay == .replayed(1...3))
            #expect(try await store.lastSequence(of: referenceEscrow) == 5)
            #expect(
                try await store.idempotencyRecord(escrowID: referenceEscrow, key: deposit.key)
                    == IdempotencyRecord(commandDigest: "sha256:4f1c", sequences: 1...3))
            #expect(try await store.idempotencyRecord(escrowID: referenceEscrow, key: "never-sent") == nil)
        },
        Check("an idempotency key reused for a different command is refused") { store throws in
            _ = try await store.append(
                depositEvents(2), to: referenceEscrow, expectedLastSequence: 0,
                idempotency: IdempotencyKey(key: "release-1", commandDigest: "sha256:aaaa"))

            await #expect(throws: StoreError.idempotencyKeyReused(key: "release-1")) {
                try await store.append(
                    depositEvents(1, from: 3), to: referenceEscrow, expectedLastSequence: 2,
                    idempotency: IdempotencyKey(key: "release-1", commandDigest: "sha256:bbbb"))
            }
            #expect(try await store.lastSequence(of: referenceEscrow) == 2)
            #expect(
                try await store.idempotencyRecord(escrowID: referenceEscrow, key: "release-1")?.commandDigest
                    == "sha256:aaaa")
        },
        Check("a command that produced no events is still recorded under its key") { store throws in
            let noOp = IdempotencyKey(key: "acknowledge-warning-2.9", commandDigest: "sha256:7777")
            #expect(
                try await store.append([], to: referenceEscrow, expectedLastSequence: 0, idempotency: noOp)
                    == .appended(nil))
            #expect(
                try await store.append([], to: referenceEscrow, expectedLastSequence: 0, idempotency: noOp)
                    == .replayed(nil))
            #expect(
                try await store.idempotencyRecord(escrowID: referenceEscrow, key: noOp.key)
                    == IdempotencyRecord(commandDigest: "sha256:7777", sequences: nil))
            #expect(try await store.lastSequence(of: referenceEscrow) == 0)
        },
        Check("each escrow has its own sequence and its own idempotency keys") { store throws in
            let other: EscrowID = "escrow-2005-09-02"
            let key = IdempotencyKey(key: "open", commandDigest: "sha256:0001")
            #expect(
                try await store.append(depositEvents(2), to: referenceEscrow, expectedLastSequence: 0, idempotency: key)
                    == .appended(1...2))
            #expect(
                try await store.append(depositEvents(3), to: other, expectedLastSequence: 0, idempotency: key)
                    == .appended(1...3))
            #expect(try await store.escrowIDs() == [referenceEscrow, other])
            #expect(try await store.lastSequence(of: referenceEscrow) == 2)
            #expect(try await store.lastSequence(of: other) == 3)
            #expect(try await store.events(of: other, after: 0).allSatisfy { $0.escrowID == other })
            #expect(ChainVerifier.verify(try await store.events(of: other, after: 0)).isIntact)
        },
        Check("the hash chain of an appended log verifies") { store throws in
            var expected: Int64 = 0
            for batchSize in [1, 5, 3, 11] {
                _ = try await store.append(
                    depositEvents(batchSize, from: Int(expected) + 1), to: referenceEscrow,
                    expectedLastSequence: expected, idempotency: nil)
                expected += Int64(batchSize)
            }
            let events = try await store.events(of: referenceEscrow, after: 0)
            let report = ChainVerifier.verify(events)
            #expect(report == ChainReport(eventsChecked: 20, firstBroken: nil))
            #expect(report.isIntact)
            #expect(events.first?.previousHash == EventHash.genesis)
            #expect(zip(events, events.dropFirst()).allSatisfy { $0.hash == $1.previousHash })
        },
        Check("a batch applies its appends in order, each seeing the ones before it") { store throws in
            let first = depositEvents(2)
            let chained = RecordedEvent.chaining(first, to: referenceEscrow, after: 0, previousHash: EventHash.genesis)
            let results = await store.appendBatch([
                AppendRequest(first, to: referenceEscrow, expectedLastSequence: 0, expectedLastHash: EventHash.genesis),
                AppendRequest(depositEvents(1), to: otherEscrow, expectedLastSequence: 0),
                AppendRequest(depositEvents(1, from: 3), to: referenceEscrow, expectedLastSequence: 2, expectedLastHash: chained[1].hash),
            ])
            let answers = try results.map { try $0.get() }
            #expect(answers.map(\.outcome) == [.appended(1...2), .appended(1...1), .appended(3...3)])
            let stored = try await store.events(of: referenceEscrow, after: 0)
            #expect(stored == answers[0].recorded + answers[2].recorded)
            #expect(Array(stored.prefix(2)) == chained)
            #expect(try await store.lastSequence(of: otherEscrow) == 1)
        },
        Check("a refused append fails alone: the appends around it in the batch are committed") { store throws in
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
        },
        Check("an append decided against another log than the stored one fails its hash check and writes nothing") { store throws in
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
        },
        Check("a key sent twice in one batch is applied once and the second answered as a replay") { store throws in
            let key = IdempotencyKey(key: "wire-1", commandDigest: "d-1")
            let results = await store.appendBatch([
                AppendRequest(depositEvents(1), to: referenceEscrow, expectedLastSequence: 0, idempotency: key),
                AppendRequest(depositEvents(1), to: referenceEscrow, expectedLastSequence: 0, idempotency: key),
            ])
            #expect(try results[0].get() == AppendResult(outcome: .appended(1...1), recorded: try await store.events(of: referenceEscrow, after: 0)))
            #expect(try results[1].get() == AppendResult(outcome: .replayed(1...1), recorded: []))
            #expect(try await store.lastSequence(of: referenceEscrow) == 1)
        },
    ]
}

extension Result {
    /// The error of a failed result, `nil` for a success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
