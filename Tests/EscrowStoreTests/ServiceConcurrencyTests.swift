import EscrowCore
import EscrowStore
import EscrowTesting
import Foundation
import Testing

/// Many writers and several servers on one store, through the service every front end uses.
@Suite("Concurrent writers and schedulers")
struct ServiceConcurrencyTests {
    /// Five escrows whose release is due; 25 writers on the first, 25 spread over the others.
    static let escrowIDs: [EscrowID] = (1...5).map { EscrowID("roo-group-2005-\($0)") }

    static func escrow(ofWriter writer: Int) -> EscrowID {
        writer < 25 ? escrowIDs[0] : escrowIDs[1 + writer % 4]
    }

    @Test(
        "50 writers on one escrow and on several: every command applies or is refused, no gap, one disbursement",
        arguments: StoreFactory.all
    )
    func fiftyWriters(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store throws in
            let service = EscrowService(store: store)
            for id in Self.escrowIDs {
                try await ReferenceDealPlayer(service: service, escrowID: id).prepare(readyToRelease: true)
            }
            let before = try await Self.totals(service)
            let releaseTime = august(25, 15)

            // Each writer records a warning, asks for the release, records another warning.
            let results = try await withThrowingTaskGroup(of: [WriterResult].self) { group in
                for writer in 0..<50 {
                    group.addTask {
                        let id = Self.escrow(ofWriter: writer)
                        let commands: [EscrowCommand] = [
                            .recordWarning(from: "writer-\(writer)", text: "first note of writer \(writer)"),
                            .release,
                            .recordWarning(from: "writer-\(writer)", text: "second note of writer \(writer)"),
                        ]
                        var results: [WriterResult] = []
                        for (index, command) in commands.enumerated() {
                            results.append(
                                try await Self.attempt(
                                    service, command, on: id, at: releaseTime, key: "writer-\(writer)-\(index)"))
                        }
                        return results
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }

            // Only a second release may be refused; every warning applies.
            for case .refused(_, let command) in results { #expect(command == .release) }
            for id in Self.escrowIDs {
                let writers = (0..<50).filter { Self.escrow(ofWriter: $0) == id }.count
                let (state, events) = try await service.load(id)
                #expect(events.map(\.sequence) == Array(1...Int64(events.count)), "\(id)")
                #expect(ChainVerifier.verify(events).isIntact, "\(id)")
                #expect(events.filter { $0.type == "disbursed" }.count == 1, "\(id): one disbursement")
                #expect(events.filter { $0.type == "warningRecorded" }.count == 2 * writers, "\(id): no lost warning")
                let appliedReleases = results.filter {
                    if case .applied(id, let types) = $0 { types.contains("disbursed") } else { false }
                }
                #expect(appliedReleases.count == 1, "\(id): exactly one release applied")
                let refusedReleases = results.filter { if case .refused(id, _) = $0 { true } else { false } }
                #expect(refusedReleases.count == writers - 1, "\(id)")
                let ledger = state.ledger
                #expect(
                    ledger.deposited.amountMinorUnits
                        == ledger.held.amountMinorUnits + ledger.paidOut.amountMinorUnits + ledger.refunded.amountMinorUnits
                        + ledger.depositedWithCourt.amountMinorUnits, "\(id): ledger invariant")
                #expect(ledger.held.amountMinorUnits == 0, "\(id): everything paid out")
            }
            #expect(try await Self.totals(service).deposited == before.deposited)
        }
    }

    enum WriterResult: Sendable {
        case applied(EscrowID, [String])
        case refused(EscrowID, EscrowCommand)
    }

    /// Sends one command, retrying on conflicts; a refusal by the agreement is an answer too.
    static func attempt(
        _ service: EscrowService, _ command: EscrowCommand, on id: EscrowID, at now: Date, key: String
    ) async throws -> WriterResult {
        let result: Result<EscrowService.Outcome, ServiceError>
        do throws(ServiceError) {
            result = .success(try await executeRetryingConflicts(service, command, on: id, at: now, idempotencyKey: key))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let outcome): return .applied(id, outcome.events.map(\.type))
        case .failure(.refused): return .refused(id, command)
        case .failure(let error): throw error
        }
    }

    static func totals(_ service: EscrowService) async throws -> (deposited: Int64, paid: Int64) {
        var deposited: Int64 = 0
        var paid: Int64 = 0
        for id in escrowIDs {
            let (state, _) = try await service.load(id)
            deposited += state.ledger.deposited.amountMinorUnits
            paid += state.ledger.paidOut.amountMinorUnits
        }
        return (deposited, paid)
    }

    @Test(
        "two schedulers on one store tick at the 1.7 deadline together: it fires exactly once",
        arguments: StoreFactory.all
    )
    func deadlineFiresOnce(_ factory: StoreFactory) async throws {
        try await withTwoServers(factory) { first, second throws in
            let escrowID: EscrowID = "roo-group-2005"
            try await ReferenceDealPlayer(service: EscrowService(store: first), escrowID: escrowID).prepare(readyToRelease: false)
            let schedulers = [EscrowService(store: first), EscrowService(store: second)]
            // Each scheduler ticks twice, under the deadline's key, then once more without a key.
            let outcomes = try await withThrowingTaskGroup(of: [EscrowService.Outcome].self) { group in
                for scheduler in schedulers + schedulers {
                    group.addTask {
                        [
                            try await executeRetryingConflicts(
                                scheduler, .tick, on: escrowID, at: ReferenceDeal.afterRefundDeadline.date,
                                idempotencyKey: "deadline-refund-2005-09-02"),
                            try await executeRetryingConflicts(
                                scheduler, .tick, on: escrowID, at: ReferenceDeal.afterRefundDeadline.date.addingTimeInterval(1),
                                idempotencyKey: nil),
                        ]
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let (state, events) = try await schedulers[1].load(escrowID)
            #expect(events.filter { $0.type == "refundDeadlineMissed" }.count == 1)
            #expect(events.filter { $0.type == "refundsFellDue" }.count == 1)
            #expect(outcomes.filter { !$0.replayed && !$0.events.isEmpty }.count == 1)
            #expect(events.map(\.sequence) == Array(1...Int64(events.count)))
            // Nobody has given refund instructions: the whole deposit is owed, once.
            #expect(state.ledger.held == state.ledger.deposited)
            #expect(try Money.sum(state.refundsOwed.map(\.amount), .usd) == state.ledger.deposited)
        }
    }
}
