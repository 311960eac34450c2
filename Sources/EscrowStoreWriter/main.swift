// The writer that the crash test kills.
//
// Usage: EscrowStoreWriter DATABASE [LAST_SEQUENCE] [--batch N]
//
// It opens the event log at DATABASE (an SQLite file path, or a `postgres://` URL) and appends one event per transaction to the
// escrow `crash-test`, each under the idempotency key `k-N` for sequence N, until it reaches
// LAST_SEQUENCE (default 100000) or is killed. With `--batch N` it hands N appends at a time
// to `appendBatch` (one transaction, one flush, as group commit does), each decided on top
// of the one before it: it names the hash that append will leave. After each append returns it writes `ack N` to
// standard output, unbuffered, so a line that was printed names an event the store promised
// to keep. On start it resumes after the last stored sequence, and first re-sends that
// sequence's command under its key, which must come back as a replay (`replay N`): a writer
// that died between the commit and its `ack` retries exactly this way.
//
// Exit codes: 0 at LAST_SEQUENCE, 64 for bad arguments, 1 for a store error, 2 when the store
// answers an append differently from what the rules promise.

import EscrowCore
import EscrowStore
import EscrowStorePostgres
import EscrowStoreSQLite
import Foundation

let escrowID: EscrowID = "crash-test"

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ status: Int32, _ line: String) -> Never {
    FileHandle.standardError.write(Data((line + "\n").utf8))
    exit(status)
}

/// The command for sequence `sequence`: one event, and the key and digest it is sent under.
func command(_ sequence: Int64) -> (event: NewEvent, key: IdempotencyKey) {
    let key = "k-\(sequence)"
    let payload = Data(#"{"key":"\#(key)","sequence":\#(sequence)}"#.utf8)
    return (
        NewEvent(type: "crash-test.appended", payload: payload, recordedAt: Date()),
        IdempotencyKey(key: key, commandDigest: "append \(key)")
    )
}

var arguments = Array(CommandLine.arguments.dropFirst())
var batchSize = 0
if let flag = arguments.firstIndex(of: "--batch") {
    guard flag + 1 < arguments.count, let size = Int(arguments[flag + 1]), size > 0 else {
        fail(64, "--batch needs a whole number of appends greater than 0.")
    }
    batchSize = size
    arguments.removeSubrange(flag...(flag + 1))
}
guard arguments.count == 1 || arguments.count == 2 else {
    fail(64, "usage: EscrowStoreWriter DATABASE [LAST_SEQUENCE] [--batch N]")
}
let path = arguments[0]
guard let lastSequenceMax = arguments.count == 2 ? Int64(arguments[1]) : 100_000 else {
    fail(64, "LAST_SEQUENCE must be a whole number, not \(arguments[1]).")
}

/// Appends `count` commands after `last` (whose hash is `lastHash`) in one batch and
/// acknowledges each; returns the new last sequence and hash.
func appendBatch(_ store: any EventStore, count: Int, after last: Int64, lastHash: String) async -> (Int64, String) {
    var requests: [AppendRequest] = []
    var link = lastHash
    for sequence in (last + 1)...(last + Int64(count)) {
        let (event, key) = command(sequence)
        requests.append(AppendRequest([event], to: escrowID, expectedLastSequence: sequence - 1, expectedLastHash: link, idempotency: key))
        link = RecordedEvent.chaining([event], to: escrowID, after: sequence - 1, previousHash: link)[0].hash
    }
    let results = await store.appendBatch(requests)
    for (offset, result) in results.enumerated() {
        let sequence = last + Int64(offset) + 1
        switch result {
        case .success(let answer) where answer.outcome == .appended(sequence...sequence):
            say("ack \(sequence)")
        case .success(let answer):
            fail(2, "Sending k-\(sequence) in a batch answered \(answer.outcome) instead of appending \(sequence).")
        case .failure(let error):
            fail(1, error.description)
        }
    }
    return (last + Int64(count), link)
}

/// Resumes and appends until `lastSequenceMax`, acknowledging each append.
@MainActor
func write(to store: any EventStore) async throws(StoreError) {
    var last = try await store.lastSequence(of: escrowID)
    if last > 0 {
        let (event, key) = command(last)
        let outcome = try await store.append([event], to: escrowID, expectedLastSequence: last - 1, idempotency: key)
        guard outcome == .replayed(last...last) else {
            fail(2, "Re-sending \(key.key) answered \(outcome) instead of a replay of \(last).")
        }
        say("replay \(last)")
    }
    if batchSize > 0 {
        var lastHash = try await store.events(of: escrowID, after: max(0, last - 1)).last?.hash ?? EventHash.genesis
        while last < lastSequenceMax {
            (last, lastHash) = await appendBatch(store, count: Int(min(Int64(batchSize), lastSequenceMax - last)), after: last, lastHash: lastHash)
        }
    }
    while last < lastSequenceMax {
        let next = last + 1
        let (event, key) = command(next)
        let outcome = try await store.append([event], to: escrowID, expectedLastSequence: last, idempotency: key)
        guard outcome == .appended(next...next) else {
            fail(2, "Sending \(key.key) answered \(outcome) instead of appending \(next).")
        }
        say("ack \(next)")
        last = next
    }
}

do {
    if path.hasPrefix("postgres://") || path.hasPrefix("postgresql://") {
        // The pool runs for as long as the writer writes: until LAST_SEQUENCE, or the kill.
        try await PostgresEventStore.withStore(url: try PostgresURL(path), maximumConnections: 1) { store in try await write(to: store) }
    } else {
        try await write(to: try SQLiteEventStore(path: path))
    }
} catch {
    fail(1, "\(error)")
}
