import EscrowCore
public import EscrowStore
import Foundation
import GRDB

/// What an online backup wrote, once it was verified.
public struct SQLiteBackupReport: Sendable, Equatable {
    /// Every escrow in the backup, with its event count and last hash, each chain verified.
    public var escrows: [LogVerification]
    /// The file written.
    public var path: String
}

/// Why an online backup wrote nothing.
public enum SQLiteBackupError: Error, Equatable, CustomStringConvertible {
    /// The destination exists already; a backup never overwrites a file.
    case destinationExists(String)
    /// The copy or its verification failed; the partial copy was removed.
    case failed(String)
    /// The copy does not verify (it was removed): the chain of this escrow breaks there.
    case brokenChain(escrow: String, sequence: Int64, reason: String)

    /// The failure, in a sentence.
    public var description: String {
        switch self {
        case .destinationExists(let path): "\(path) exists already; a backup never overwrites a file"
        case .failed(let reason): reason
        case .brokenChain(let escrow, let sequence, let reason):
            "the copy of escrow \(escrow) does not verify at event \(sequence): \(reason)"
        }
    }
}

extension SQLiteEventStore {
    /// Copies the whole database (every escrow's log, idempotency keys, and the server's users
    /// when they live in the same file) to a new file at `path`, while writers go on.
    ///
    /// The copy is SQLite's online backup (through GRDB), made in one step inside one read
    /// transaction of the pool, so it holds exactly the appends committed before that
    /// transaction began: a prefix of every escrow's log, never half an append. Writers are
    /// not blocked (WAL). The copy is written beside `path` under a temporary name, every
    /// chain in it is verified, and only then is it renamed to `path`; a failure leaves
    /// nothing at `path`.
    public func backup(to path: String) throws(SQLiteBackupError) -> SQLiteBackupReport {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: path) else { throw .destinationExists(path) }
        let partial = path + ".partial-\(UUID().uuidString.prefix(8))"
        func removePartial() {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? manager.removeItem(atPath: partial + suffix) }
        }
        do {
            let destination = try DatabaseQueue(path: partial)
            try pool.backup(to: destination)
            try destination.close()
        } catch {
            removePartial()
            throw .failed("the backup to \(path) failed: \(error)")
        }
        let escrows: [LogVerification]
        do {
            escrows = try Self.verifyCopy(at: partial)
        } catch {
            removePartial()
            throw error
        }
        do {
            try manager.moveItem(atPath: partial, toPath: path)
        } catch {
            removePartial()
            throw .failed("the verified copy could not be moved to \(path): \(error)")
        }
        return SQLiteBackupReport(escrows: escrows, path: path)
    }

    /// Reads every escrow's log from the copy at `path`, read-only, and verifies each chain.
    private static func verifyCopy(at path: String) throws(SQLiteBackupError) -> [LogVerification] {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let copy = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? copy.close() }
            let escrows = try copy.read { db in
                try String.fetchAll(db, sql: "SELECT DISTINCT escrow_id FROM event ORDER BY escrow_id")
            }
            var results: [LogVerification] = []
            for id in escrows.map({ EscrowID($0) }).sorted() {
                let records = try copy.read { db in
                    try Row.fetchAll(
                        db, sql: "SELECT sequence, type, payload, recorded_at_ms, previous_hash, hash FROM event WHERE escrow_id = ? ORDER BY sequence",
                        arguments: [id.rawValue]
                    ).map { row in
                        RecordedEvent(
                            escrowID: id, sequence: try row.decode(Int64.self, atIndex: 0), type: try row.decode(String.self, atIndex: 1),
                            payload: try row.decode(Data.self, atIndex: 2), recordedAtMilliseconds: try row.decode(Int64.self, atIndex: 3),
                            previousHash: try row.decode(String.self, atIndex: 4), hash: try row.decode(String.self, atIndex: 5))
                    }
                }
                let verification = LogVerification(escrowID: id, records: records)
                if !verification.intact {
                    throw SQLiteBackupError.brokenChain(
                        escrow: id.rawValue, sequence: verification.firstAlteredSequence ?? 0, reason: verification.reason ?? "")
                }
                results.append(verification)
            }
            return results
        } catch let error as SQLiteBackupError {
            throw error
        } catch {
            throw .failed("the copy at \(path) could not be read back: \(error)")
        }
    }
}
