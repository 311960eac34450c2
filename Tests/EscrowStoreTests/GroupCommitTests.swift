import EscrowCore
@testable import EscrowStore
import EscrowTesting
import Foundation
import Synchronization
import Testing

/// Commands that arrive while a commit is in progress: decided on top of it, committed
/// together after it, and decided again when what they were decided on did not happen.
@Suite("Group commit through the service")
struct GroupCommitTests {
    static let escrowID = EscrowID("roo-group-2005")
    static let wireTime = august(22, 10)

    static func wire(_ number: Int) throws -> EscrowCommand {
        .recordDeposit(bankReference: "FW-LATE-\(number)", purchaser: "purchaser-1", senderName: nil, amount: try Money.parse("1.00", .usd))
    }

    /// Runs `command` in a task of its own, as a concurrent request would.
    static func send(_ command: EscrowCommand, _ service: EscrowService) -> Task<EscrowService.Outcome, any Error> {
        Task { try await service.execute(command, on: escrowID, at: wireTime) }
    }

    /// Waits, a millisecond at a time, until `condition` holds (at most 10 seconds).
    static func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<10_000 where !condition() { try await Task.sleep(for: .milliseconds(1)) }
        try #require(condition())
    }

    /// The reference deal, funded, over `inner` behind a gate that is now closed.
    static func fundedBehindAGate(_ inner: any EventStore) async throws
        -> (GatedStore, EscrowService, (state: EscrowState, lastSequence: Int64))
    {
        let store = GatedStore(inner)
        let service = EscrowService(store: store)
        try await ReferenceDealPlayer(service: service, escrowID: escrowID).prepare(readyToRelease: false)
        let before = try await service.state(of: escrowID)
        store.closeGate()
        return (store, service, before)
    }

    @Test("1.1: nine wires that arrive while the first is being committed are decided on top of it and share the next commit", arguments: StoreFactory.all)
    func sharedCommit(_ factory: StoreFactory) async throws {
        try await withStore(factory) { inner throws in
            let (store, service, before) = try await Self.fundedBehindAGate(inner)

            let first = Self.send(try Self.wire(0), service)
            try await Self.eventually { store.batchSizes.count == 1 }
            let rest = try (1...9).map { number in
                Self.send(try Self.wire(number), service)
            }
            try await Self.eventually { service.committer.waitingCount == 9 }
            store.openGate()

            var outcomes = [try await first.value]
            for task in rest { outcomes.append(try await task.value) }
            #expect(store.batchSizes == [1, 9])
            let sequences = outcomes.flatMap(\.events).map(\.sequence).sorted()
            #expect(sequences == Array((before.lastSequence + 1)...(before.lastSequence + 10)))
            let after = try await service.load(Self.escrowID).0
            #expect(after.deposits.count == before.state.deposits.count + 10)
            #expect(after.deposited(by: "purchaser-1").amountMinorUnits == before.state.deposited(by: "purchaser-1").amountMinorUnits + 1_000)
            // Deposit ids follow the log, one each, whichever commit carried them.
            #expect(Set(after.deposits.suffix(10).map(\.depositID.rawValue)).count == 10)
        }
    }

    @Test("1.1: when an append fails, the wire decided on top of it is decided again against the log as it is", arguments: StoreFactory.all)
    func failedAppendRedecides(_ factory: StoreFactory) async throws {
        try await withStore(factory) { inner throws in
            let (store, service, before) = try await Self.fundedBehindAGate(inner)
            store.failFirstAppend(ofBatch: 2, with: .unavailable("the disk is full"))

            let x = Self.send(try Self.wire(0), service)
            try await Self.eventually { store.batchSizes.count == 1 }
            let a = Self.send(try Self.wire(1), service)
            try await Self.eventually { service.committer.waitingCount == 1 }
            let b = Self.send(try Self.wire(2), service)
            try await Self.eventually { service.committer.waitingCount == 2 }
            store.openGate()

            let first = try await x.value
            await #expect(throws: ServiceError.store(.unavailable("the disk is full"))) { try await a.value }
            let last = try await b.value
            #expect(first.events.map(\.sequence) == [before.lastSequence + 1])
            #expect(last.events.map(\.sequence) == [before.lastSequence + 2])
            let after = try await service.load(Self.escrowID).0
            #expect(after.deposits.suffix(2).map(\.bankReference) == ["FW-LATE-0", "FW-LATE-2"])
            // Decided again: its deposit id follows the wire that was recorded, not the one that failed.
            #expect(after.deposits.last?.depositID.rawValue == "D\(before.state.deposits.count + 2)")
            #expect(store.batchSizes == [1, 2, 1])
        }
    }

    static func wire(_ reference: String, amount: String) throws -> EscrowCommand {
        .recordDeposit(bankReference: reference, purchaser: "purchaser-1", senderName: nil, amount: try Money.parse(amount, .usd))
    }

    @Test("1.3: a wire refused because of a wire still being committed is answered only once that wire is on disk", arguments: StoreFactory.all)
    func refusalWaitsForTheDisk(_ factory: StoreFactory) async throws {
        try await withStore(factory) { inner throws in
            let (store, service, _) = try await Self.fundedBehindAGate(inner)
            let first = Self.send(try Self.wire("FW-DUP", amount: "1.00"), service)
            try await Self.eventually { store.batchSizes.count == 1 }
            let answered = Mutex(false)
            let second = Task {
                defer { answered.withLock { $0 = true } }
                return try await service.execute(try Self.wire("FW-DUP", amount: "2.00"), on: Self.escrowID, at: Self.wireTime)
            }
            try await Task.sleep(for: .milliseconds(50))
            #expect(answered.withLock { $0 } == false, "a refusal was answered before the wire it rests on was committed")
            store.openGate()

            let recorded = try await first.value
            #expect(recorded.events.count == 1)
            do {
                _ = try await second.value
                Issue.record("a second wire under one bank reference was recorded")
            } catch {
                #expect("\(error)".hasPrefix("bank reference FW-DUP is already recorded as "), "\(error)")
                #expect("\(error)".hasSuffix("(1.3)"), "\(error)")
            }
        }
    }

    @Test("1.3: a wire refused because of a wire whose append then failed is decided again, and recorded", arguments: StoreFactory.all)
    func refusalOnAFailedAppendIsDecidedAgain(_ factory: StoreFactory) async throws {
        try await withStore(factory) { inner throws in
            let (store, service, before) = try await Self.fundedBehindAGate(inner)
            store.failFirstAppend(ofBatch: 1, with: .unavailable("the disk is full"))
            let first = Self.send(try Self.wire("FW-DUP", amount: "1.00"), service)
            try await Self.eventually { store.batchSizes.count == 1 }
            let second = Self.send(try Self.wire("FW-DUP", amount: "2.00"), service)
            try await Task.sleep(for: .milliseconds(20))
            store.openGate()

            await #expect(throws: ServiceError.store(.unavailable("the disk is full"))) { try await first.value }
            let recorded = try await second.value
            #expect(recorded.events.map(\.sequence) == [before.lastSequence + 1])
            let after = try await service.load(Self.escrowID).0
            #expect(after.deposit(withBankReference: "FW-DUP")?.amount == (try Money.parse("2.00", .usd)))
        }
    }

    @Test("a server allowed a lag reads its cached state within it, and still decides against the log another process appended to", arguments: StoreFactory.all)
    func lagAndOtherWriters(_ factory: StoreFactory) async throws {
        try await withTwoServers(factory) { first, second throws in
            let uptime = ManualUptime()
            let lagging = EscrowService(store: first, externalWritesLag: .milliseconds(50), uptime: { uptime.now })
            let other = EscrowService(store: second)
            try await ReferenceDealPlayer(service: other, escrowID: Self.escrowID).prepare(readyToRelease: false)
            let seen = try await lagging.state(of: Self.escrowID)

            _ = try await other.execute(try Self.wire(1), on: Self.escrowID, at: Self.wireTime)
            #expect(try await lagging.state(of: Self.escrowID).lastSequence == seen.lastSequence)
            let decided = try await lagging.execute(try Self.wire(2), on: Self.escrowID, at: Self.wireTime)
            #expect(decided.events.map(\.sequence) == [seen.lastSequence + 2])
            #expect(decided.state.deposits.suffix(2).map(\.bankReference) == ["FW-LATE-1", "FW-LATE-2"])

            _ = try await other.execute(try Self.wire(3), on: Self.escrowID, at: Self.wireTime)
            uptime.advance(.milliseconds(50))
            #expect(try await lagging.state(of: Self.escrowID).lastSequence == seen.lastSequence + 3)
        }
    }
}

/// A monotonic clock moved by hand.
final class ManualUptime: Sendable {
    private let instant = Mutex(ContinuousClock.now)
    var now: ContinuousClock.Instant { instant.withLock { $0 } }
    func advance(_ duration: Duration) { instant.withLock { $0 += duration } }
}

/// A real store whose batches can be held at a gate, and one of whose appends can be made to
/// fail as a full disk would, so tests can line commands up behind a commit in progress.
final class GatedStore: EventStore {
    private struct Controls {
        var gateClosed = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var batchSizes: [Int] = []
        var failure: (batch: Int, error: StoreError)?
    }

    let inner: any EventStore
    private let controls = Mutex(Controls())

    init(_ inner: any EventStore) { self.inner = inner }

    /// The size of every batch handed over since the gate was last closed, in order.
    var batchSizes: [Int] { controls.withLock { $0.batchSizes } }

    /// Holds the batches handed over from now on, and counts them from 1 again.
    func closeGate() {
        controls.withLock { controls in
            controls.gateClosed = true
            controls.batchSizes = []
        }
    }

    func openGate() {
        let waiters = controls.withLock { controls in
            controls.gateClosed = false
            defer { controls.waiters = [] }
            return controls.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Makes the first append of batch number `batch` (counting from 1) fail with `error`.
    func failFirstAppend(ofBatch batch: Int, with error: StoreError) {
        controls.withLock { $0.failure = (batch, error) }
    }

    func appendBatch(_ requests: [AppendRequest]) async -> [Result<AppendResult, StoreError>] {
        let (number, failure) = controls.withLock { controls in
            controls.batchSizes.append(requests.count)
            return (controls.batchSizes.count, controls.failure)
        }
        await withCheckedContinuation { (resume: CheckedContinuation<Void, Never>) in
            let wait = controls.withLock { controls in
                guard controls.gateClosed else { return false }
                controls.waiters.append(resume)
                return true
            }
            if !wait { resume.resume() }
        }
        guard let failure, failure.batch == number, !requests.isEmpty else { return await inner.appendBatch(requests) }
        return [.failure(failure.error)] + (await inner.appendBatch(Array(requests.dropFirst())))
    }

    func append(_ events: [NewEvent], to escrowID: EscrowID, expectedLastSequence: Int64, idempotency: IdempotencyKey?) async throws(StoreError)
        -> AppendOutcome
    {
        try await inner.append(events, to: escrowID, expectedLastSequence: expectedLastSequence, idempotency: idempotency)
    }

    func idempotencyRecord(escrowID: EscrowID, key: String) async throws(StoreError) -> IdempotencyRecord? {
        try await inner.idempotencyRecord(escrowID: escrowID, key: key)
    }

    func events(of escrowID: EscrowID, after sequence: Int64) async throws(StoreError) -> [RecordedEvent] {
        try await inner.events(of: escrowID, after: sequence)
    }

    func lastSequence(of escrowID: EscrowID) async throws(StoreError) -> Int64 {
        try await inner.lastSequence(of: escrowID)
    }

    func escrowIDs() async throws(StoreError) -> [EscrowID] {
        try await inner.escrowIDs()
    }
}
