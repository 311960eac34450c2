// The writer that the crash test kills.
//
// Usage: EscrowStoreWriter DATABASE [LAST_SEQUENCE]
//
// It opens the event log at DATABASE (an SQLite file path, or a `postgres://` URL) and appends one event per transaction to the
// escrow `crash-test`, each under the idempotency key `k-N` for sequence N, until it reaches
// LAST_SEQUENCE (default 100000) or is killed. After each append returns it writes `ack N` to
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

let arguments = CommandLine.arguments
guard arguments.count == 2 || arguments.count == 3 else {
    fail(64, "usage: EscrowStoreWriter DATABASE [LAST_SEQUENCE]")
}
let path = arguments[1]
guard let lastSequenceMax = arguments.count == 3 ? Int64(arguments[2]) : 100_000 else {
    fail(64, "LAST_SEQUENCE must be a whole number, not \(arguments[2]).")
}

do throws(StoreError) {
    let store: any EventStore =
        path.hasPrefix("postgres://") || path.hasPrefix("postgresql://")
        ? try await PostgresEventStore.connect(url: path, maximumConnections: 1)
        : try SQLiteEventStore(path: path)
    var last = try await store.lastSequence(of: escrowID)
    if last > 0 {
        let (event, key) = command(last)
        let outcome = try await store.append([event], to: escrowID, expectedLastSequence: last - 1, idempotency: key)
        guard outcome == .replayed(last...last) else {
            fail(2, "Re-sending \(key.key) answered \(outcome) instead of a replay of \(last).")
        }
        say("replay \(last)")
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
} catch {
    fail(1, error.description)
}
