import EscrowCore
import EscrowStore
import EscrowStoreSQLite
import EscrowTesting
import Foundation
import Testing

/// `escrow backup`: SQLite's online backup, taken while writers append.
@Suite("SQLite online backup")
struct SQLiteBackupTests {
    static let escrows: [EscrowID] = ["backup-a", "backup-b", "backup-c"]

    static func event(_ number: Int) -> NewEvent {
        NewEvent(type: "warningRecorded", payload: Data("{\"text\":\"note \(number)\"}".utf8), recordedAt: august(22, 10))
    }

    @Test("a backup taken while three writers append holds, for every escrow, an intact prefix of its log, and verifies")
    func consistentUnderWrites() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = try SQLiteEventStore(path: directory.path("live.sqlite"))
        defer { try? store.close() }
        for id in Self.escrows {
            _ = try await store.append([Self.event(0)], to: id, expectedLastSequence: 0, idempotency: nil)
        }

        // Three writers, one per escrow, append two events at a time while backups are taken.
        let reports = try await withThrowingTaskGroup(of: [SQLiteBackupReport].self) { group in
            for id in Self.escrows {
                group.addTask {
                    var last: Int64 = 1
                    for number in 1...150 {
                        _ = try await store.append(
                            [Self.event(2 * number), Self.event(2 * number + 1)], to: id, expectedLastSequence: last,
                            idempotency: IdempotencyKey(key: "k\(number)", commandDigest: "d\(number)"))
                        last += 2
                    }
                    return []
                }
            }
            group.addTask {
                var reports: [SQLiteBackupReport] = []
                for copy in 0..<4 {
                    try await Task.sleep(for: .milliseconds(20))
                    reports.append(try store.backup(to: directory.path("copy-\(copy).sqlite")))
                }
                return reports
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }

        #expect(reports.count == 4)
        for report in reports {
            let copy = try SQLiteEventStore(path: report.path)
            defer { try? copy.close() }
            for id in Self.escrows {
                let live = try await store.events(of: id, after: 0)
                let copied = try await copy.events(of: id, after: 0)
                #expect(live.count == 301)
                #expect(!copied.isEmpty && copied.count % 2 == 1, "\(id): whole appends only, got \(copied.count) events")
                #expect(copied == Array(live.prefix(copied.count)), "\(id): a prefix of the live log")
                #expect(ChainVerifier.verify(copied).isIntact)
                #expect(report.escrows.first { $0.escrow == id.rawValue }?.eventsChecked == copied.count)
                // The keys came along with the appends they belong to.
                let lastKey = (copied.count - 1) / 2
                if lastKey > 0 {
                    #expect(try await copy.idempotencyRecord(escrowID: id, key: "k\(lastKey)") != nil)
                }
                #expect(try await copy.idempotencyRecord(escrowID: id, key: "k\(lastKey + 1)") == nil)
            }
        }
    }

    @Test("a backup never overwrites a file: an existing destination is refused and left as it was")
    func existingDestination() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = try SQLiteEventStore(path: directory.path("live.sqlite"))
        defer { try? store.close() }
        _ = try await store.append([Self.event(0)], to: "backup-a", expectedLastSequence: 0, idempotency: nil)
        let existing = directory.path("existing.sqlite")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: existing))
        #expect(throws: SQLiteBackupError.destinationExists(existing)) { try store.backup(to: existing) }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains(".partial-") }
        #expect(left == [])
    }
}
