public import EscrowCore
public import EscrowStore
public import Foundation

/// The escrow the store tests write to, named after the reference agreement's date.
public let referenceEscrow: EscrowID = "escrow-2005-08-19"

/// 2005-08-19T14:00:00Z, when the reference agreement was signed, in milliseconds since 1970.
public let signingMilliseconds: Int64 = 1_124_460_000_000

/// A deposit event as the domain would hand it over: JSON with sorted keys, recorded `number`
/// seconds after the signing.
public func depositEvent(_ number: Int, writer: Int = 0) -> NewEvent {
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
public func depositEvents(_ count: Int, from first: Int = 1) -> [NewEvent] {
    (first..<(first + count)).map { depositEvent($0) }
}

/// Executes a command, deciding again as long as another writer keeps appending first, as a
/// client that gets a conflict is told to: the command is either applied, answered as a
/// replay, or refused by the agreement (thrown).
public func executeRetryingConflicts(
    _ service: EscrowService, _ command: EscrowCommand, on escrowID: EscrowID, at now: Date, idempotencyKey: String?
) async throws(ServiceError) -> EscrowService.Outcome {
    var attempts = 0
    while true {
        do {
            return try await service.execute(command, on: escrowID, at: now, idempotencyKey: idempotencyKey)
        } catch .store(.sequenceConflict) where attempts < 1_000 {
            attempts += 1
            try? await Task.sleep(for: .milliseconds(Int.random(in: 0...3)))
        }
    }
}

/// `writers` concurrent writers, each appending `eventsPerWriter` deposits one at a time to the
/// reference escrow, deciding again after every conflict, as clients of a busy log do.
public func appendRetryingOnConflict(_ store: any EventStore, writers: Int, eventsPerWriter: Int) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<writers {
            group.addTask {
                for number in 1...eventsPerWriter {
                    var expected = try await store.lastSequence(of: referenceEscrow)
                    while true {
                        do throws(StoreError) {
                            _ = try await store.append(
                                [depositEvent(number, writer: writer)], to: referenceEscrow, expectedLastSequence: expected, idempotency: nil)
                            break
                        } catch .sequenceConflict(_, _, let actual) {
                            expected = actual
                        }
                    }
                }
            }
        }
        try await group.waitForAll()
    }
}
