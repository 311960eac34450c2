import EscrowCore
import EscrowStore
import EscrowTesting
import Foundation
import Testing

/// Several servers on one database, each with its own cache, write lanes and group commit,
/// as behind a load balancer: a valid command is never refused because another server
/// appended first; it is decided again on the new state.
@Suite("Several servers, one escrow")
struct SeveralServersTests {
    static let escrowID = EscrowID("roo-group-2005")
    static let clientsPerServer = 2
    static let depositsPerClient = 25

    @Test(
        "1.1, 1.3: four clients on two servers post wires to one escrow: none fails for the other server's append, each is recorded once",
        arguments: StoreFactory.durable
    )
    func fourClientsTwoServers(_ factory: StoreFactory) async throws {
        try await withTwoServers(factory) { first, second throws in
            // Each server looks for the other's events at most every 50 ms, as `escrow serve` does by default.
            let servers = [first, second].map { EscrowService(store: $0, externalWritesLag: .milliseconds(50)) }
            try await ReferenceDealPlayer(service: servers[0], escrowID: Self.escrowID).prepare(readyToRelease: false)
            let before = try await servers[1].load(Self.escrowID).0.ledger.deposited

            let failures = try await withThrowingTaskGroup(of: [String].self) { group in
                for (serverIndex, server) in servers.enumerated() {
                    for client in 0..<Self.clientsPerServer {
                        group.addTask {
                            var failures: [String] = []
                            for number in 0..<Self.depositsPerClient {
                                let reference = "FW-S\(serverIndex)-C\(client)-\(number)"
                                let wire = EscrowCommand.recordDeposit(
                                    bankReference: reference, purchaser: "purchaser-1", senderName: nil, amount: try Money.parse("1.00", .usd))
                                do throws(ServiceError) {
                                    let outcome = try await server.execute(wire, on: Self.escrowID, at: august(22, 10), idempotencyKey: reference)
                                    if outcome.replayed || outcome.events.count != 1 { failures.append("\(reference): \(outcome.events.count) events, replayed \(outcome.replayed)") }
                                } catch {
                                    failures.append("\(reference): \(error)")
                                }
                            }
                            return failures
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }

            #expect(failures == [])
            let total = 2 * Self.clientsPerServer * Self.depositsPerClient
            let (state, events) = try await servers[0].load(Self.escrowID)
            #expect(ChainVerifier.verify(events).isIntact)
            #expect(events.map(\.sequence) == Array(1...Int64(events.count)))
            let references = try EscrowService.decode(events).compactMap { event -> String? in
                if case .depositReceived(let deposit) = event { deposit.bankReference } else { nil }
            }.filter { $0.hasPrefix("FW-S") }
            #expect(references.count == total)
            #expect(Set(references).count == total, "each wire recorded once")
            #expect(state.ledger.deposited.amountMinorUnits - before.amountMinorUnits == Int64(total) * 100)
        }
    }
}
