import EscrowCore
import EscrowStore
import EscrowTesting
import Foundation
import Testing

/// `escrow export` and `escrow import`: a whole store moved between SQLite and PostgreSQL.
@Suite("Store transfer")
struct StoreTransferTests {
    /// Two escrows: one whose release is due, one only funded.
    static func fill(_ store: any EventStore) async throws {
        let service = EscrowService(store: store)
        try await ReferenceDealPlayer(service: service, escrowID: "roo-group-2005").prepare(readyToRelease: true)
        _ = try await service.execute(.release, on: "roo-group-2005", at: august(25, 15))
        try await ReferenceDealPlayer(service: service, escrowID: "roo-group-2005-b").prepare(readyToRelease: false)
    }

    @Test(
        "every escrow exported from one store and imported into another keeps every hash",
        arguments: StoreFactory.durable, StoreFactory.durable
    )
    func roundTrip(_ source: StoreFactory, _ destination: StoreFactory) async throws {
        try await withStore(source) { from throws in
            try await Self.fill(from)
            let export = try await StoreTransfer.export(from: from)
            let file = try StoreExport.decode(try export.encoded())
            #expect(file == export)
            try await withStore(destination) { into throws in
                let report = try await StoreTransfer.import(file, into: into)
                #expect(report.entries.map(\.id) == ["roo-group-2005", "roo-group-2005-b"])
                #expect(try await into.escrowIDs() == from.escrowIDs())
                for id in try await from.escrowIDs() {
                    let original = try await from.events(of: id, after: 0)
                    let copied = try await into.events(of: id, after: 0)
                    #expect(copied == original)
                    #expect(ChainVerifier.verify(copied).isIntact)
                }
                // The imported escrow works: the state folds and the next command appends.
                let service = EscrowService(store: into)
                let (state, _) = try await service.load("roo-group-2005-b")
                #expect(state.ledger.held == state.ledger.deposited)
            }
        }
    }

    @Test("an import into a store that already holds one of the escrows is refused and writes nothing", arguments: StoreFactory.durable)
    func alreadyPresent(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store throws in
            try await Self.fill(store)
            let export = try await StoreTransfer.export(from: store)
            let before = try await store.events(of: "roo-group-2005-b", after: 0)
            var partial = export
            partial.escrows.insert(StoreExport.EscrowLog(escrowID: "aaa-new", events: export.escrows[1].events.map {
                var copy = $0
                copy.escrowID = "aaa-new"
                return copy
            }), at: 0)
            await #expect(throws: StoreTransferError.brokenChain("aaa-new", "Event 1 does not match its own hash: it was altered after it was written.")) {
                try await StoreTransfer.import(partial, into: store)
            }
            await #expect(throws: StoreTransferError.alreadyPresent("roo-group-2005")) {
                try await StoreTransfer.import(export, into: store)
            }
            #expect(try await store.events(of: "roo-group-2005-b", after: 0) == before)
            #expect(try await store.lastSequence(of: "aaa-new") == 0)
        }
    }

    @Test("a file with one altered payload is refused before anything is written", arguments: StoreFactory.durable)
    func alteredFile(_ factory: StoreFactory) async throws {
        try await withStore(factory) { source throws in
            try await Self.fill(source)
            var export = try await StoreTransfer.export(from: source)
            export.escrows[1].events[3].payload = Data("{}".utf8)
            try await withStore(.inMemory) { destination throws in
                await #expect(throws: StoreTransferError.brokenChain("roo-group-2005-b", "Event 4 does not match its own hash: it was altered after it was written.")) {
                    try await StoreTransfer.import(export, into: destination)
                }
                #expect(try await destination.escrowIDs().isEmpty)
            }
        }
    }
}
