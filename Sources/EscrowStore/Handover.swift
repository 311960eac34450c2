public import EscrowCore
public import Foundation

/// 2.12: what a resigning agent delivers to its successor: the whole verified history, the
/// funds held and a manifest of the documents (by SHA-256).
public struct HandoverPackage: Codable, Sendable {
    /// The layout version this program writes and reads; a package of another is refused.
    public static let formatVersion = 1
    /// The layout version the package was written in.
    public var format: Int
    /// The escrow handed over.
    public var escrowID: EscrowID
    /// What the resigning agent declares it holds; the successor refuses a package whose
    /// history does not fold to this amount.
    public var fundsHeld: Money
    /// The manifest of the documents received, by SHA-256: the files travel separately, and
    /// each can be checked against its hash.
    public var documents: [DocumentEntry]
    /// The whole log, from sequence 1, with its hashes; verified before it is written.
    public var events: [RecordedEvent]

    /// One document of the manifest: the bytes themselves travel separately.
    public struct DocumentEntry: Codable, Sendable, Hashable {
        /// The condition (1.2) or further instrument (2.13) the document answered.
        public var condition: String
        /// The party that delivered it.
        public var from: String
        /// Its title as recorded.
        public var title: String
        /// The SHA-256 of its bytes.
        public var sha256: String
    }
}

extension EscrowService {
    /// Exports an escrow for its successor. Refused unless the agent has resigned and the
    /// company and every purchaser have appointed a successor (2.12).
    public func exportHandover(_ escrowID: EscrowID) async throws(ServiceError) -> HandoverPackage {
        let (state, records) = try await load(escrowID)
        guard state.resignation != nil, state.successorAppointment != nil else {
            throw .refused(EscrowRefusal(.handoverNotReady, in: state))
        }
        let documents = state.documents.map {
            HandoverPackage.DocumentEntry(condition: $0.condition.rawValue, from: $0.from.rawValue, title: $0.title, sha256: $0.sha256)
        }
        return HandoverPackage(
            format: HandoverPackage.formatVersion, escrowID: escrowID, fundsHeld: state.ledger.held, documents: documents, events: records)
    }

    /// The successor's side: verifies the package's chain, writes the history into this
    /// store reproducing every hash, checks the funds, and takes over as agent.
    public func importHandover(_ package: HandoverPackage, as successor: PartyID, at now: Date) async throws(ServiceError) -> Outcome {
        guard package.format == HandoverPackage.formatVersion else {
            throw .corrupt("handover package format \(package.format) is not supported")
        }
        let report = ChainVerifier.verify(package.events)
        if let broken = report.firstBroken {
            throw .corrupt("handover refused: event \(broken.sequence) fails verification: \(broken)")
        }
        guard package.events.allSatisfy({ $0.escrowID == package.escrowID }) else {
            throw .corrupt("handover refused: the package mixes escrows")
        }
        let events = try Self.decode(package.events)
        guard let state = try Self.fold(events, package.escrowID) else { throw .corrupt("handover refused: the history does not start with the opening") }
        guard state.ledger.held == package.fundsHeld else {
            throw .corrupt("handover refused: the history holds \(state.ledger.held) but the package declares \(package.fundsHeld)")
        }
        guard let last = package.events.last else { throw .corrupt("handover refused: empty history") }
        let existing = try await storeCall { () async throws(StoreError) in try await store.lastSequence(of: package.escrowID) }
        if existing == 0 {
            let copies = package.events.map { NewEvent(type: $0.type, payload: $0.payload, recordedAt: $0.recordedAt) }
            do {
                _ = try await store.append(copies, to: package.escrowID, expectedLastSequence: 0, idempotency: nil)
            } catch {
                throw .store(error)
            }
            let written = try await storeCall { () async throws(StoreError) in try await store.events(of: package.escrowID, after: 0) }
            guard written.map(\.hash) == package.events.map(\.hash) else {
                throw .corrupt("handover refused: the history did not reproduce its hashes in this store")
            }
        } else if existing != last.sequence {
            throw .refused(EscrowRefusal(.escrowAlreadyInStore(package.escrowID), in: state))
        }
        return try await execute(
            .acceptHandover(successor: successor, eventsVerified: package.events.count, lastHash: last.hash), on: package.escrowID,
            at: now, idempotencyKey: "handover-\(last.hash)")
    }
}
