public import EscrowCore
public import Foundation

/// A whole store written out: every escrow's full log, as it is stored, hashes included.
///
/// Written by `escrow export` and read by `escrow import`, to move a store between SQLite
/// and PostgreSQL (or to another machine). Idempotency keys are not carried: a command
/// retried after the move is decided again against the moved log.
public struct StoreExport: Codable, Sendable, Equatable {
    /// The version of this file's layout, checked on import.
    public static let formatVersion = 1

    /// One escrow's log, from sequence 1.
    public struct EscrowLog: Codable, Sendable, Equatable {
        /// The escrow the log belongs to.
        public var escrowID: EscrowID
        /// Every event as stored, hashes included, so the destination can show it reproduced them.
        public var events: [RecordedEvent]

        /// Creates one escrow's entry.
        public init(escrowID: EscrowID, events: [RecordedEvent]) {
            self.escrowID = escrowID
            self.events = events
        }
    }

    /// The layout version the file was written in (``formatVersion`` when this program wrote it).
    public var format: Int
    /// The escrows, in ascending order of id.
    public var escrows: [EscrowLog]

    /// Creates an export of the given logs.
    public init(escrows: [EscrowLog]) {
        format = Self.formatVersion
        self.escrows = escrows
    }

    /// The file's bytes: JSON with sorted keys (payloads in base64).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a file written by ``encoded()``.
    public static func decode(_ data: Data) throws -> StoreExport {
        try JSONDecoder().decode(StoreExport.self, from: data)
    }
}

/// Why an export or an import stopped.
public enum StoreTransferError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The source or the destination store failed.
    case store(StoreError)
    /// The file's layout version is not one this program reads.
    case unsupportedFormat(Int)
    /// An escrow's log in the file does not verify (or is empty, or mixes escrows).
    case brokenChain(EscrowID, String)
    /// The destination already holds events of this escrow; nothing was imported.
    case alreadyPresent(EscrowID)
    /// The destination did not reproduce the file's hashes for this escrow.
    case hashesDiffer(EscrowID)

    /// A plain sentence naming what went wrong.
    public var description: String {
        switch self {
        case .store(let error): error.description
        case .unsupportedFormat(let format): "Export format \(format) is not supported (this program reads format \(StoreExport.formatVersion))."
        case .brokenChain(let id, let reason): "The log of escrow \(id) in the file does not verify: \(reason)"
        case .alreadyPresent(let id): "The destination already holds escrow \(id); nothing was imported."
        case .hashesDiffer(let id): "The destination did not reproduce the hashes of escrow \(id)."
        }
    }
}

/// Moves whole stores: every escrow's log out of one store, and into another with each chain
/// verified before and after it is written.
public enum StoreTransfer {
    /// How many events one append carries on import.
    public static let importBatchSize = 1_000

    /// Reads every escrow's whole log from `store`, verifying each chain as it goes.
    public static func export(from store: any EventStore) async throws(StoreTransferError) -> StoreExport {
        var logs: [StoreExport.EscrowLog] = []
        do {
            for id in try await store.escrowIDs() {
                let events = try await store.events(of: id, after: 0)
                if let broken = ChainVerifier.verify(events).firstBroken {
                    throw StoreTransferError.brokenChain(id, broken.description)
                }
                logs.append(StoreExport.EscrowLog(escrowID: id, events: events))
            }
        } catch let error as StoreError {
            throw .store(error)
        } catch let error as StoreTransferError {
            throw error
        } catch {
            throw .store(.unavailable(String(describing: error)))
        }
        return StoreExport(escrows: logs)
    }

    /// What an import wrote.
    public struct ImportReport: Sendable, Equatable {
        /// One imported escrow: how many events, and the hash of the last one (as in the file).
        public struct Entry: Sendable, Equatable {
            /// The escrow imported.
            public var id: EscrowID
            /// How many events its log now holds in the destination.
            public var events: Int
            /// The hash of its last event, the same in the file and in the destination.
            public var lastHash: String
        }
        /// The imported escrows, in the file's order.
        public var entries: [Entry] = []
    }

    /// Writes every log of `export` into `store`.
    ///
    /// First every chain in the file is verified and the destination is checked to hold none
    /// of the escrows, so a refused import writes nothing. Then each log is appended (in
    /// batches of ``importBatchSize``) through the store's own append, which recomputes every
    /// hash, and the hashes read back are compared with the file's.
    public static func `import`(_ export: StoreExport, into store: any EventStore) async throws(StoreTransferError)
        -> ImportReport
    {
        guard export.format == StoreExport.formatVersion else { throw .unsupportedFormat(export.format) }
        for log in export.escrows {
            guard !log.events.isEmpty else { throw .brokenChain(log.escrowID, "The log is empty.") }
            guard log.events.allSatisfy({ $0.escrowID == log.escrowID }) else {
                throw .brokenChain(log.escrowID, "The log holds events of another escrow.")
            }
            if let broken = ChainVerifier.verify(log.events).firstBroken {
                throw .brokenChain(log.escrowID, broken.description)
            }
            let existing: Int64
            do { existing = try await store.lastSequence(of: log.escrowID) } catch { throw .store(error) }
            guard existing == 0 else { throw .alreadyPresent(log.escrowID) }
        }
        var report = ImportReport()
        for log in export.escrows {
            var expected: Int64 = 0
            var start = 0
            while start < log.events.count {
                let batch = log.events[start..<min(start + importBatchSize, log.events.count)]
                let copies = batch.map { NewEvent(type: $0.type, payload: $0.payload, recordedAt: $0.recordedAt) }
                do {
                    _ = try await store.append(copies, to: log.escrowID, expectedLastSequence: expected, idempotency: nil)
                } catch .sequenceConflict {
                    throw .alreadyPresent(log.escrowID)
                } catch {
                    throw .store(error)
                }
                expected += Int64(copies.count)
                start += copies.count
            }
            let written: [RecordedEvent]
            do { written = try await store.events(of: log.escrowID, after: 0) } catch { throw .store(error) }
            guard written.map(\.hash) == log.events.map(\.hash) else { throw .hashesDiffer(log.escrowID) }
            report.entries.append(.init(id: log.escrowID, events: written.count, lastHash: written.last?.hash ?? ""))
        }
        return report
    }
}
