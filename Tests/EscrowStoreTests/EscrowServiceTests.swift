import EscrowCore
import EscrowStore
import EscrowTesting
import EscrowStoreSQLite
import Foundation
import Testing

private let escrow = ReferenceDeal.escrowID
private let terms = referenceTerms

/// Opens the reference escrow and funds it, as the reference script does.
private func fundedEscrow(_ service: EscrowService) async throws {
    try await ReferenceDealPlayer(service: service).play(through: .funded)
}

private func paper(_ text: String) -> SignatureEvidence { .paper(scanSHA256: SHA256Hex.of(text), attestedBy: "officer-1") }

@Suite("Escrow service over every store")
struct EscrowServiceTests {
    @Test("a retried command with the same idempotency key is answered, not applied twice", arguments: StoreFactory.all)
    func retriedCommandIsAnswered(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store throws in
            let service = EscrowService(store: store)
            try await fundedEscrow(service)
            let command = EscrowCommand.recordWarning(from: "Purchaser 3", text: "hold the funds")
            let first = try await service.execute(command, on: escrow, at: august(23, 9), idempotencyKey: "warn-1")
            let again = try await service.execute(command, on: escrow, at: august(23, 10), idempotencyKey: "warn-1")
            #expect(!first.replayed)
            #expect(again.replayed)
            #expect(again.events.map(\.sequence) == first.events.map(\.sequence))
            #expect(again.state.warnings.count == 1)
            await #expect(throws: ServiceError.store(.idempotencyKeyReused(key: "warn-1"))) {
                try await service.execute(.recordWarning(from: "Purchaser 3", text: "other"), on: escrow, at: august(23, 11), idempotencyKey: "warn-1")
            }
        }
    }

    @Test("a refused command changes nothing in the log", arguments: StoreFactory.all)
    func refusalChangesNothing(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store throws in
            let service = EscrowService(store: store)
            try await fundedEscrow(service)
            let before = try await store.lastSequence(of: escrow)
            await #expect(throws: ServiceError.self) { try await service.execute(.release, on: escrow, at: august(23, 9)) }
            // Refused after the 1.7 deadline: the deadline's own events are not written either.
            await #expect(throws: ServiceError.self) { try await service.execute(.release, on: escrow, at: august(31, 9).addingTimeInterval(7 * 86_400)) }
            #expect(try await store.lastSequence(of: escrow) == before)
        }
    }

    @Test("2.12: the successor imports the handed-over history, reproduces every hash and takes over")
    func handoverToSuccessor() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        for folder in ["agent", "successor"] {
            try FileManager.default.createDirectory(at: directory.url.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let agent = EscrowService(store: try SQLiteEventStore(path: directory.path("agent/events.sqlite")))
        try await fundedEscrow(agent)
        await #expect(throws: ServiceError.self) { try await agent.exportHandover(escrow) }
        _ = try await agent.execute(.resign(notice: "The Escrow Agent resigns"), on: escrow, at: august(24, 9))
        let successor = Party(id: "successor-trust", name: "Successor Trust Company", role: .escrowAgent)
        _ = try await agent.execute(.proposeSuccessor(successor), on: escrow, at: august(24, 10))
        for signer in terms.expand(terms.releaseInstrument.signers) {
            _ = try await agent.execute(
                .sign(instrument: .successorAppointment("successor-trust"), signer: signer, evidence: paper("appointment \(signer)")), on: escrow,
                at: august(24, 11))
        }
        let package = try await agent.exportHandover(escrow)
        #expect(package.fundsHeld == terms.aggregateSubscription)

        let successorService = EscrowService(store: try SQLiteEventStore(path: directory.path("successor/events.sqlite")))
        var tampered = package
        tampered.events[3].payload = Data(tampered.events[3].payload.reversed())
        await #expect(throws: ServiceError.self) { try await successorService.importHandover(tampered, as: "successor-trust", at: august(25, 9)) }
        await #expect(throws: ServiceError.self) { try await successorService.importHandover(package, as: "someone-else", at: august(25, 9)) }

        let outcome = try await successorService.importHandover(package, as: "successor-trust", at: august(25, 9))
        #expect(outcome.state.agent == "successor-trust")
        #expect(outcome.state.ledger.held == terms.aggregateSubscription)
        let imported = try await successorService.store.events(of: escrow, after: 0)
        #expect(Array(imported.prefix(package.events.count)).map(\.hash) == package.events.map(\.hash))
        #expect(imported.last?.type == "handoverAccepted")
    }
}
