// Throughput of the SQLite event log, printed as figures (no assertions).
//
//     swift run -c release EscrowBench
//
// Each figure appends to a fresh file in a temporary directory, with synchronous = FULL (every
// commit reaches the disk) and a realistic ~300-byte JSON payload per event:
//
// - events appended per second through SQLiteEventStore: 1,000 and 100 events per append,
//   and one event per append (one transaction each); every append carries an idempotency key,
//   as a command from a client would;
// - the same rows inserted by bare GRDB in the same batches (same schema and settings, no
//   hashing, no idempotency check, no last-sequence read): the storage ceiling, and our figure
//   as a fraction of it;
// - events read back and hash-verified per second;
// - a place for the events-folded-per-second figure, once the domain fold exists.
//
// - with ESCROW_BENCH_POSTGRES_URL set (scripts/bench-postgres starts a cluster with fsync on
//   and sets it), the same appends on PostgreSQL, beside bare postgres-nio inserts of the
//   same rows (Postgres.swift).
//
// Each figure is the median of `repetitions` runs.

import EscrowCore
import EscrowStore
import EscrowStorePostgres
import EscrowStoreSQLite
import Foundation
import GRDB

let repetitions = 5
let escrowID: EscrowID = "escrow-2005-08-19"
/// 2005-08-19T14:00:00Z in milliseconds since 1970.
let signingMilliseconds: Int64 = 1_124_460_000_000

/// One batch size and how many events to append at it: fewer for small batches, whose
/// cost is dominated by one disk sync per transaction.
struct Workload {
    var eventsPerAppend: Int
    var appends: Int
    var events: Int { eventsPerAppend * appends }

    /// The events to append, prepared before the clock starts.
    func batches() -> [[NewEvent]] {
        (0..<appends).map { newEvents(eventsPerAppend, from: $0 * eventsPerAppend + 1) }
    }
}

let workloads = [
    Workload(eventsPerAppend: 1_000, appends: 20),
    Workload(eventsPerAppend: 100, appends: 50),
    Workload(eventsPerAppend: 1, appends: 300),
]

/// A deposit-received event as the domain would encode it: JSON with sorted keys, about 300 bytes.
func payload(_ number: Int) -> Data {
    let json = """
        {"amountMinorUnits":\(25_000_000 + number % 977),"currency":"USD",\
        "depositID":"dep-\(String(number, radix: 10))","escrowID":"escrow-2005-08-19",\
        "memo":"Subscription funds per section 1.1, wire reference quoted as instructed in 1.3",\
        "purchaserID":"purchaser-\(number % 17)","receivedOn":"2005-08-22",\
        "sender":{"bic":"CHASUS33","name":"Purchaser \(number % 17) Capital Partners LP"},"section":"1.2"}
        """
    return Data(json.utf8)
}

func newEvents(_ count: Int, from first: Int) -> [NewEvent] {
    (first..<(first + count)).map { number in
        NewEvent(
            type: "deposit.received",
            payload: payload(number),
            recordedAt: Date(timeIntervalSince1970: TimeInterval(signingMilliseconds / 1000 + Int64(number)))
        )
    }
}

/// Seconds, as a floating-point figure for printing rates.
func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    values.sorted()[values.count / 2]
}

func rate(_ events: Int, _ duration: Duration) -> Double {
    Double(events) / seconds(duration)
}

/// A rate in whole events per second, right-aligned in `width` columns.
func format(_ rate: Double, width: Int = 10) -> String {
    let digits = String(Int(rate.rounded()))
    return String(repeating: " ", count: max(0, width - digits.count)) + digits
}

/// Text left-aligned in `width` columns.
func column(_ text: String, _ width: Int) -> String {
    text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
}

let scratch = FileManager.default.temporaryDirectory
    .appendingPathComponent("escrow-bench-\(UUID().uuidString)", isDirectory: true)
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)

func freshPath() -> String {
    scratch.appendingPathComponent("bench-\(UUID().uuidString).sqlite").path
}

let clock = ContinuousClock()

/// Appends `workload` through the store; returns the time taken and the store's file.
func appendThroughStore(_ workload: Workload) async throws -> (Duration, String) {
    let path = freshPath()
    let store = try SQLiteEventStore(path: path)
    let batches = workload.batches()
    var last: Int64 = 0
    let duration = try await clock.measure {
        for (index, batch) in batches.enumerated() {
            let key = IdempotencyKey(key: "command-\(index)", commandDigest: "sha256:\(index)")
            _ = try await store.append(batch, to: escrowID, expectedLastSequence: last, idempotency: key)
            last += Int64(batch.count)
        }
    }
    try store.close()
    return (duration, path)
}

/// Inserts the same rows with bare GRDB into a file with the same schema and settings.
func appendThroughBareGRDB(_ workload: Workload) async throws -> Duration {
    let path = freshPath()
    // The store creates the schema, so both measurements write the same tables and triggers.
    try SQLiteEventStore(path: path).close()
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    let pool = try DatabasePool(path: path, configuration: configuration)
    try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    let fixedHash = String(repeating: "a", count: 64)
    let batches = workload.batches()
    var last: Int64 = 0
    let duration = try await clock.measure {
        for batch in batches {
            let first = last
            try await pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let insert = try db.cachedStatement(
                        sql: """
                            INSERT INTO event (escrow_id, sequence, type, payload, recorded_at_ms, previous_hash, hash)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """)
                    for (offset, event) in batch.enumerated() {
                        try insert.execute(arguments: [
                            escrowID.rawValue, first + Int64(offset) + 1, event.type, event.payload,
                            signingMilliseconds + Int64(offset), fixedHash, fixedHash,
                        ])
                    }
                    return .commit
                }
            }
            last += Int64(batch.count)
        }
    }
    try pool.close()
    return duration
}

// MARK: - Events folded per second

/// A realistic escrow history for the fold: the reference deal's opening, then deposits,
/// documents and warnings in turn (each deposit posts to the ledger).
func domainLog(count: Int) -> [RecordedEvent] {
    let terms = try! AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "reference")
    let start = Date(timeIntervalSince1970: 1_124_456_400)
    var events: [EscrowEvent] = [try! EscrowDecider.open(escrowID: escrowID, terms: terms, at: start)]
    for number in 1..<count {
        let at = start.addingTimeInterval(TimeInterval(number))
        switch number % 3 {
        case 0:
            events.append(
                .depositReceived(
                    DepositReceived(
                        depositID: DepositID("D\(number)"), bankReference: "FW\(number)", purchaser: PartyID("purchaser-\(number % 4 + 1)"),
                        senderName: "Purchaser \(number % 4 + 1)", amount: Money(minorUnits: Int64(number), .usd), flags: [.underSubscription], at: at)))
        case 1:
            events.append(
                .documentReceived(
                    DocumentReceived(condition: "closing-documents", from: "company", title: "Closing documents", sha256: String(repeating: "a", count: 64), byteCount: number, at: at)))
        default:
            events.append(.warningRecorded(WarningRecorded(from: "Purchaser 3", text: "Please hold the funds until we confirm", at: at)))
        }
    }
    let new = events.map { NewEvent(type: $0.type, payload: (try? $0.payload()) ?? Data(), recordedAt: $0.at) }
    return RecordedEvent.chaining(new, to: escrowID, after: 0, previousHash: EventHash.genesis)
}

/// Rebuilding an escrow: decoding stored payloads into domain events, and folding them.
func measureFold(count: Int) throws -> (decode: Double, fold: Double, both: Double) {
    let records = domainLog(count: count)
    var decodeRates: [Double] = []
    var foldRates: [Double] = []
    var bothRates: [Double] = []
    for _ in 0..<repetitions {
        var events: [EscrowEvent] = []
        let decodeDuration = try clock.measure {
            events = try records.map { try EscrowEvent.decode(type: $0.type, payload: $0.payload) }
        }
        var state: EscrowState?
        let foldDuration = clock.measure { state = (try? EscrowState.fold(events)) ?? nil }
        precondition(state?.eventCount == count, "the fold saw every event")
        decodeRates.append(rate(count, decodeDuration))
        foldRates.append(rate(count, foldDuration))
        bothRates.append(rate(count, decodeDuration + foldDuration))
    }
    return (median(decodeRates), median(foldRates), median(bothRates))
}

print("SQLite event log, synchronous = FULL, \(payload(1).count)-byte JSON payloads, median of \(repetitions) runs")
print("")
print(column("appended", 34) + "ours (events/s)  bare GRDB (events/s)  ours / bare")

var largestLogPath: String?
for workload in workloads {
    var ours: [Double] = []
    var bare: [Double] = []
    for _ in 0..<repetitions {
        let (duration, path) = try await appendThroughStore(workload)
        ours.append(rate(workload.events, duration))
        if workload.eventsPerAppend == workloads[0].eventsPerAppend, largestLogPath == nil {
            largestLogPath = path
        }
        bare.append(rate(workload.events, try await appendThroughBareGRDB(workload)))
    }
    let label = "\(workload.events) events, \(workload.eventsPerAppend) per append"
    let fraction = median(ours) / median(bare)
    print(
        column(label, 34) + format(median(ours), width: 15) + format(median(bare), width: 22)
            + String(format: "%13.2f", fraction)
    )
}

if let path = largestLogPath {
    let store = try SQLiteEventStore(path: path)
    var readRates: [Double] = []
    var verifyRates: [Double] = []
    var bothRates: [Double] = []
    var events: [RecordedEvent] = []
    for _ in 0..<repetitions {
        let readDuration = try await clock.measure {
            events = try await store.events(of: escrowID, after: 0)
        }
        var report = ChainReport(eventsChecked: 0, firstBroken: nil)
        let verifyDuration = clock.measure {
            report = ChainVerifier.verify(events)
        }
        precondition(report.isIntact && report.eventsChecked == events.count, "the benchmark log does not verify")
        readRates.append(rate(events.count, readDuration))
        verifyRates.append(rate(events.count, verifyDuration))
        bothRates.append(rate(events.count, readDuration + verifyDuration))
    }
    print("")
    print("reading back \(events.count) events")
    print(column("  read", 22) + format(median(readRates)) + " events/s")
    print(column("  hash-verify", 22) + format(median(verifyRates)) + " events/s")
    print(column("  read + hash-verify", 22) + format(median(bothRates)) + " events/s")
    try store.close()
}

try FileManager.default.removeItem(at: scratch)

let foldEvents = 200_000
let fold = try measureFold(count: foldEvents)
print("")
print("rebuilding an escrow of \(foldEvents) domain events (deposits, documents, warnings)")
print(column("  decode payloads", 22) + format(fold.decode) + " events/s")
print(column("  fold into state", 22) + format(fold.fold) + " events/s")
print(column("  decode + fold", 22) + format(fold.both) + " events/s")

// MARK: - PostgreSQL, in the same run

if let text = ProcessInfo.processInfo.environment["ESCROW_BENCH_POSTGRES_URL"], !text.isEmpty {
    try await PostgresBench.run(server: try PostgresURL(text))
} else {
    print("")
    print("PostgreSQL not measured: set ESCROW_BENCH_POSTGRES_URL (scripts/bench-postgres starts a cluster and sets it).")
}
