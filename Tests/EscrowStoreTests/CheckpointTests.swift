import EscrowCore
import EscrowStore
import EscrowStorePostgres
import EscrowStoreSQLite
import EscrowTesting
import Foundation
import GRDB
import PostgresNIO
import Testing

/// Signed checkpoints (issue 11, item 4): a party holding an earlier checkpoint catches a log
/// cut short or rewritten behind the agent's back, which the hash chain alone cannot.
@Suite("Signed checkpoints of the log head")
struct CheckpointTests {
    static let escrowID = ReferenceDeal.escrowID

    /// Plays the reference deal to funded and returns the service and a checkpoint of its head.
    static func funded(_ store: any EventStore, signer: CheckpointSigner) async throws -> (EscrowService, Checkpoint) {
        let service = EscrowService(store: store)
        try await ReferenceDealPlayer(service: service).play(through: .funded)
        try await service.recordCheckpointKey(of: signer, on: escrowID, at: august(22, 10))
        return (service, try await service.checkpoint(of: escrowID, signer: signer))
    }

    @Test("a checkpoint signs the escrow, the last sequence and its hash, and verifies against the log that produced it")
    func checkpointMatchesHead() async throws {
        let signer = CheckpointSigner.generate()
        try await withStore(.sqlite) { store throws in
            let (_, checkpoint) = try await Self.funded(store, signer: signer)
            let records = try await store.events(of: Self.escrowID, after: 0)
            #expect(checkpoint.escrow == "roo-group-2005")
            #expect(checkpoint.sequence == records.last?.sequence)
            #expect(checkpoint.hash == records.last?.hash)
            #expect(checkpoint.publicKeyBase64 == signer.publicKeyBase64)
            #expect(checkpoint.hasValidSignature)
            let result = CheckpointVerification(checkpoint: checkpoint, escrowID: Self.escrowID, records: records, currentKeyBase64: nil)
            #expect(result.holds)
            #expect(result.keyIsAgents)
            #expect(result.reason == nil)
        }
    }

    @Test("deleting the last events of an SQLite log, triggers dropped, passes the chain check but fails the earlier checkpoint, naming the first missing sequence")
    func truncatedSQLiteLog() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("escrow.db")
        let signer = CheckpointSigner.generate()
        let store = try SQLiteEventStore(path: path)
        let (service, checkpoint) = try await Self.funded(store, signer: signer)
        _ = try await service.execute(.tick, on: Self.escrowID, at: august(22, 10))
        try store.close()

        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER event_no_delete")
            try db.execute(sql: "DELETE FROM event WHERE sequence >= ?", arguments: [checkpoint.sequence - 1])
        }
        try queue.close()

        let reopened = try SQLiteEventStore(path: path)
        defer { try? reopened.close() }
        let records = try await reopened.events(of: Self.escrowID, after: 0)
        #expect(LogVerification(escrowID: Self.escrowID, records: records).intact, "the chain alone cannot see a cut tail")
        // The cut took the key's record with it: the verifier knows the agent's key from its key file.
        let result = CheckpointVerification(
            checkpoint: checkpoint, escrowID: Self.escrowID, records: records, currentKeyBase64: signer.publicKeyBase64)
        #expect(!result.holds)
        #expect(result.firstMissingSequence == checkpoint.sequence - 1)
        #expect(result.logSequence == checkpoint.sequence - 2)
        #expect(
            result.reason
                == "the log ends at event \(checkpoint.sequence - 2) but the checkpoint covers \(checkpoint.sequence): events \(checkpoint.sequence - 1) to \(checkpoint.sequence) are missing"
        )
    }

    @Test("deleting the last event of a PostgreSQL log, trigger dropped, fails the earlier checkpoint naming the missing sequence")
    func truncatedPostgresLog() async throws {
        guard PostgresTestServer.url != nil else { return }
        let signer = CheckpointSigner.generate()
        try await PostgresTestServer.withStore { store in
            let (_, checkpoint) = try await Self.funded(store, signer: signer)
            try await PostgresTestServer.admin(store.url) { client in
                try await client.query("DROP TRIGGER event_no_delete ON event")
                try await client.query("DELETE FROM event WHERE escrow_id = \(Self.escrowID.rawValue) AND sequence = \(checkpoint.sequence)")
            }
            let records = try await store.events(of: Self.escrowID, after: 0)
            #expect(LogVerification(escrowID: Self.escrowID, records: records).intact)
            let result = CheckpointVerification(
                checkpoint: checkpoint, escrowID: Self.escrowID, records: records, currentKeyBase64: signer.publicKeyBase64)
            #expect(!result.holds)
            #expect(result.firstMissingSequence == checkpoint.sequence)
            #expect(result.reason?.hasSuffix("event \(checkpoint.sequence) is missing") == true)
        }
    }

    @Test("a tail rewritten into a self-consistent chain no longer has the checkpoint's hash at its sequence")
    func rewrittenTail() async throws {
        let signer = CheckpointSigner.generate()
        try await withStore(.inMemory) { store throws in
            let (_, checkpoint) = try await Self.funded(store, signer: signer)
            var records = try await store.events(of: Self.escrowID, after: 0)
            // The last event replaced by another one, hashed and linked correctly.
            let last = records.removeLast()
            let forged = RecordedEvent.chaining(
                [NewEvent(type: last.type, payload: Data(last.payload.reversed()), recordedAt: last.recordedAt)],
                to: Self.escrowID, after: last.sequence - 1, previousHash: last.previousHash)
            records += forged
            #expect(LogVerification(escrowID: Self.escrowID, records: records).intact)
            let result = CheckpointVerification(
                checkpoint: checkpoint, escrowID: Self.escrowID, records: records, currentKeyBase64: signer.publicKeyBase64)
            #expect(!result.holds)
            #expect(result.firstAlteredSequence == checkpoint.sequence)
        }
    }

    @Test("a checkpoint whose sequence or hash was edited, or signed by a key the log never records, is refused")
    func forgedCheckpoints() async throws {
        let signer = CheckpointSigner.generate()
        try await withStore(.inMemory) { store throws in
            let (_, checkpoint) = try await Self.funded(store, signer: signer)
            let records = try await store.events(of: Self.escrowID, after: 0)
            var edited = checkpoint
            edited.sequence -= 1
            let forged = CheckpointVerification(checkpoint: edited, escrowID: Self.escrowID, records: records, currentKeyBase64: nil)
            #expect(!forged.holds && !forged.signatureValid)
            let stranger = CheckpointSigner.generate().sign(escrowID: Self.escrowID, sequence: checkpoint.sequence - 1, hash: records[records.count - 2].hash)
            let unknown = CheckpointVerification(checkpoint: stranger, escrowID: Self.escrowID, records: records, currentKeyBase64: nil)
            #expect(unknown.signatureValid && !unknown.keyIsAgents && !unknown.holds)
            #expect(unknown.reason?.contains("which the log never records as the agent's") == true)
        }
    }

    @Test("key rotation is recorded in the log: the new key names the one it replaces, and checkpoints signed by either still verify")
    func keyRotation() async throws {
        let first = CheckpointSigner.generate()
        let second = CheckpointSigner.generate()
        try await withStore(.sqlite) { store throws in
            let (service, early) = try await Self.funded(store, signer: first)
            try await service.recordCheckpointKey(of: first, on: Self.escrowID, at: august(22, 10))  // already current: nothing
            try await service.recordCheckpointKey(of: second, on: Self.escrowID, at: august(22, 10))
            let late = try await service.checkpoint(of: Self.escrowID, signer: second)
            let (state, records) = try await service.load(Self.escrowID)
            #expect(state.checkpointKeys == [first.publicKeyBase64, second.publicKeyBase64])
            let recorded = records.filter { $0.type == "checkpointKeyRecorded" }
            #expect(recorded.count == 2)
            guard case .checkpointKeyRecorded(let rotation)? = try? EscrowEvent.decode(type: "checkpointKeyRecorded", payload: recorded[1].payload)
            else {
                Issue.record("the rotation does not decode")
                return
            }
            #expect(rotation.replacesPublicKeyBase64 == first.publicKeyBase64)
            for checkpoint in [early, late] {
                let result = CheckpointVerification(
                    checkpoint: checkpoint, escrowID: Self.escrowID, records: records, currentKeyBase64: second.publicKeyBase64)
                #expect(result.holds, "\(result.reason ?? "")")
            }
        }
    }

    @Test("the Escrow-Checkpoint header reads back the same checkpoint, and malformed headers are refused, not trapped")
    func headerRoundTrip() {
        let checkpoint = CheckpointSigner.generate().sign(escrowID: Self.escrowID, sequence: 12, hash: EventHash.genesis)
        #expect(Checkpoint(headerValue: checkpoint.headerValue) == checkpoint)
        for bad in ["", ";", "escrow=a", "escrow=a; sequence=-1; hash=h; key=k; signature=s", "escrow=a; escrow=b; sequence=1; hash=h; key=k",
            "escrow=a; sequence=99999999999999999999; hash=h; key=k; signature=s"]
        {
            #expect(Checkpoint(headerValue: bad) == nil, "\(bad)")
        }
    }

    @Test("a key file is created beside the database on first use, owner-only, and read back as the same key")
    func keyFile() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = CheckpointSigner.keyPath(besideDatabase: directory.path("escrow.db"))
        #expect(path.hasSuffix("escrow.db.agent-key"))
        let created = try CheckpointSigner.loadOrCreate(at: path)
        let read = try CheckpointSigner.loadOrCreate(at: path)
        #expect(created.publicKeyBase64 == read.publicKeyBase64)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CheckpointKeyError.self) { try CheckpointSigner.loadOrCreate(at: path) }
    }
}
