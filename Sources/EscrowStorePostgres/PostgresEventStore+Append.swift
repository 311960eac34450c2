public import EscrowCore
public import EscrowStore
import Foundation
import PostgresNIO

extension PostgresEventStore {
    /// See ``EventStore/append(_:to:expectedLastSequence:idempotency:)``: a batch of one.
    public func append(
        _ events: [NewEvent],
        to escrowID: EscrowID,
        expectedLastSequence: Int64,
        idempotency: IdempotencyKey?
    ) async throws(StoreError) -> AppendOutcome {
        let request = AppendRequest(events, to: escrowID, expectedLastSequence: expectedLastSequence, idempotency: idempotency)
        guard let result = await appendBatch([request]).first else {
            throw .unavailable("The store answered no append.")
        }
        return try result.get().outcome
    }

    /// See ``EventStore/appendBatch(_:)``: one statement, a call of `escrow_append_batch`
    /// (``PostgresAppendFunction``), which is its own transaction. The appends are handed
    /// over grouped by escrow id (keeping their order within an escrow), so two servers'
    /// batches lock escrow heads in the same order and cannot deadlock.
    ///
    /// The events are chained here, on the sequence and hash the caller decided against. An
    /// append that gives no hash (``AppendRequest/expectedLastHash`` `nil`) is chained on the
    /// head read just before (one more round trip, only for such appends); the function
    /// writes events only on top of the exact head they were chained from.
    public func appendBatch(_ requests: [AppendRequest]) async -> [Result<AppendResult, StoreError>] {
        guard !requests.isEmpty else { return [] }
        let order = requests.indices.sorted { (requests[$0].escrowID, $0) < (requests[$1].escrowID, $1) }
        do throws(StoreError) {
            let unhashed = Set(requests.filter { $0.expectedLastHash == nil }.map(\.escrowID.rawValue))
            var predicted: [String: (sequence: Int64, hash: String)] = [:]
            // Keys already recorded: an append under one is answered, not written, so it does
            // not move the head a later append of its escrow in this batch is chained on.
            var seenKeys: Set<[String]> = []
            if !unhashed.isEmpty {
                let keyed = order.dropLast().compactMap { index -> [String]? in
                    let request = requests[index]
                    guard unhashed.contains(request.escrowID.rawValue), let key = request.idempotency?.key else { return nil }
                    return [request.escrowID.rawValue, key]
                }
                (predicted, seenKeys) = try await heads(of: Array(unhashed), keys: keyed)
            }
            var call = BatchCall()
            var chained: [[RecordedEvent]] = []
            for index in order {
                let request = requests[index]
                let head = predicted[request.escrowID.rawValue] ?? (0, EventHash.genesis)
                let sequenceMatches = head.sequence == request.expectedLastSequence
                // Without a hash from the caller, a head other than the expected one makes the
                // append a conflict or a replay, which the function decides before the hash matters.
                let base = request.expectedLastHash ?? (sequenceMatches ? head.hash : EventHash.genesis)
                let recorded = RecordedEvent.chaining(
                    request.events, to: request.escrowID, after: request.expectedLastSequence, previousHash: base)
                // The head a later append of this escrow in the batch will find, if this one is
                // written. (Only appends without a hash read it; their escrows' heads were read.)
                let answeredByKey = request.idempotency.map { seenKeys.contains([request.escrowID.rawValue, $0.key]) } ?? false
                if let key = request.idempotency?.key { seenKeys.insert([request.escrowID.rawValue, key]) }
                if sequenceMatches, base == head.hash, !answeredByKey, let last = recorded.last {
                    predicted[request.escrowID.rawValue] = (last.sequence, last.hash)
                }
                call.add(request, base: base, recorded: recorded)
                chained.append(recorded)
            }
            let rows = try await retrying { connection, logger in
                try await call.run(connection: connection, logger: logger)
            }
            guard rows.count == order.count else {
                throw StoreError.unavailable("The append function answered \(rows.count) of \(order.count) appends.")
            }
            var results = [Result<AppendResult, StoreError>](repeating: .failure(.unavailable("not attempted")), count: requests.count)
            for (position, index) in order.enumerated() {
                results[index] = Self.result(of: requests[index], recorded: chained[position], row: rows[position])
            }
            return results
        } catch {
            return requests.map { _ in .failure(error) }
        }
    }

    /// The last sequence and hash of each of `ids` that has a head, and which of `keys`
    /// (escrow id and key) are recorded already: one round trip.
    private func heads(of ids: [String], keys: [[String]]) async throws(StoreError)
        -> ([String: (sequence: Int64, hash: String)], Set<[String]>)
    {
        try await run { connection, logger in
            var heads: [String: (sequence: Int64, hash: String)] = [:]
            var recorded: Set<[String]> = []
            let rows = try await connection.query(
                """
                SELECT escrow_id, last_sequence, last_hash, NULL::text FROM escrow_head WHERE escrow_id = ANY(\(ids)::text[])
                UNION ALL
                SELECT k.escrow_id, NULL::bigint, NULL::text, k.key FROM idempotency k
                    JOIN unnest(\(keys.map { $0[0] })::text[], \(keys.map { $0[1] })::text[]) AS wanted(escrow_id, key)
                    ON k.escrow_id = wanted.escrow_id AND k.key = wanted.key
                """,
                logger: logger)
            for try await (id, sequence, hash, key) in rows.decode((String, Int64?, String?, String?).self) {
                if let sequence, let hash { heads[id] = (sequence, hash) }
                if let key { recorded.insert([id, key]) }
            }
            return (heads, recorded)
        }
    }

    /// Turns the function's answer for one append into the store's result.
    private static func result(
        of request: AppendRequest, recorded: [RecordedEvent], row: BatchCall.Row
    ) -> Result<AppendResult, StoreError> {
        let range: ClosedRange<Int64>?
        switch (row.first, row.last) {
        case (nil, nil): range = nil
        case (let first?, let last?) where first <= last: range = first...last
        default:
            if row.outcome == PostgresAppendFunction.Outcome.conflict.rawValue, let actual = row.last {
                return .failure(.sequenceConflict(escrowID: request.escrowID, expected: request.expectedLastSequence, actual: actual))
            }
            return .failure(.corrupt("The append function answered an invalid range for escrow \(request.escrowID)."))
        }
        switch PostgresAppendFunction.Outcome(rawValue: row.outcome) {
        case .appended?:
            return .success(AppendResult(outcome: .appended(range), recorded: recorded))
        case .replayed?:
            return .success(AppendResult(outcome: .replayed(range), recorded: []))
        case .keyReused?:
            return .failure(.idempotencyKeyReused(key: request.idempotency?.key ?? ""))
        case .conflict?:
            return .failure(.corrupt("The append function answered a conflict without the head's sequence."))
        case nil:
            return .failure(.corrupt("The append function answered an unknown outcome \(row.outcome)."))
        }
    }
}

/// The arguments of one call of `escrow_append_batch`, gathered append by append.
private struct BatchCall: Sendable {
    /// One row of the function's answer.
    struct Row: Sendable {
        var outcome: Int16
        var first: Int64?
        var last: Int64?
    }

    var escrows: [String] = []
    var expected: [Int64] = []
    var baseHashes: [String] = []
    var hasKey: [Bool] = []
    var keys: [String] = []
    var digests: [String] = []
    var counts: [Int32] = []
    var types: [String] = []
    var payloads: [ByteBuffer] = []
    var times: [Int64] = []
    var previousHashes: [String] = []
    var hashes: [String] = []

    mutating func add(_ request: AppendRequest, base: String, recorded: [RecordedEvent]) {
        escrows.append(request.escrowID.rawValue)
        expected.append(request.expectedLastSequence)
        baseHashes.append(base)
        hasKey.append(request.idempotency != nil)
        keys.append(request.idempotency?.key ?? "")
        digests.append(request.idempotency?.commandDigest ?? "")
        counts.append(Int32(clamping: recorded.count))
        for event in recorded {
            types.append(event.type)
            payloads.append(ByteBuffer(bytes: event.payload))
            times.append(event.recordedAtMilliseconds)
            previousHashes.append(event.previousHash)
            hashes.append(event.hash)
        }
    }

    func run(connection: PostgresConnection, logger: Logger) async throws -> [Row] {
        let rows = try await connection.query(
            """
            SELECT out_outcome, out_first, out_last FROM escrow_append_batch(
                \(escrows)::text[], \(expected)::bigint[], \(baseHashes)::text[], \(hasKey)::boolean[],
                \(keys)::text[], \(digests)::text[], \(counts)::int[],
                \(types)::text[], \(payloads)::bytea[], \(times)::bigint[], \(previousHashes)::text[], \(hashes)::text[],
                \(EventHash.genesis)) ORDER BY out_index
            """, logger: logger)
        var answer: [Row] = []
        for try await (outcome, first, last) in rows.decode((Int16, Int64?, Int64?).self) {
            answer.append(Row(outcome: outcome, first: first, last: last))
        }
        return answer
    }
}
