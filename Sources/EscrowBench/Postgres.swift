import EscrowCore
import EscrowStore
import EscrowStorePostgres
import Foundation
import PostgresNIO

/// The same workloads on PostgreSQL: through `PostgresEventStore`, and as bare postgres-nio
/// inserts of the same rows in the same batches (one `INSERT ... SELECT FROM unnest(...)`
/// per batch, in its own transaction, no lock, no hashing, no idempotency check): the ceiling.
/// Each run on a database of its own, created for it and dropped after it.
@MainActor
enum PostgresBench {
    @discardableResult
    static func withClient<T>(_ url: PostgresURL, _ body: (PostgresClient) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: url.clientConfiguration())
        // The client runs in a child task for as long as `body` does.
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    static func withScratchDatabase<T>(_ server: PostgresURL, _ body: (PostgresURL) async throws -> T) async throws -> T {
        let name = "escrow_bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await withClient(server) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        let result = try await body(server.with(database: name))
        try await withClient(server) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"))
        }
        return result
    }

    static func appendThroughStore(_ workload: Workload, server: PostgresURL) async throws -> Duration {
        try await withScratchDatabase(server) { url in
            try await PostgresEventStore.withStore(url: url, maximumConnections: 2) { store in
                let batches = workload.batches()
                var last: Int64 = 0
                return try await clock.measure {
                    for (index, batch) in batches.enumerated() {
                        let key = IdempotencyKey(key: "command-\(index)", commandDigest: "sha256:\(index)")
                        _ = try await store.append(batch, to: escrowID, expectedLastSequence: last, idempotency: key)
                        last += Int64(batch.count)
                    }
                }
            }
        }
    }

    static func appendThroughBareInserts(_ workload: Workload, server: PostgresURL) async throws -> Duration {
        try await withScratchDatabase(server) { url in
            // The store creates the schema, so both measurements write the same tables and triggers.
            try await PostgresEventStore.withStore(url: url, maximumConnections: 1) { _ in }
            let fixedHash = String(repeating: "a", count: 64)
            let batches = workload.batches()
            var last: Int64 = 0
            return try await withClient(url) { client in
                try await clock.measure {
                    for batch in batches {
                        let sequences = batch.indices.map { last + Int64($0) + 1 }
                        let types = batch.map(\.type)
                        let payloads = batch.map { ByteBuffer(bytes: $0.payload) }
                        let times = batch.indices.map { signingMilliseconds + Int64($0) }
                        let hashes = Array(repeating: fixedHash, count: batch.count)
                        try await client.query(
                            """
                            INSERT INTO event (escrow_id, sequence, type, payload, recorded_at_ms, previous_hash, hash)
                            SELECT \(escrowID.rawValue), * FROM unnest(
                                \(sequences)::bigint[], \(types)::text[], \(payloads)::bytea[],
                                \(times)::bigint[], \(hashes)::text[], \(hashes)::text[])
                            """)
                        last += Int64(batch.count)
                    }
                }
            }
        }
    }

    static func run(server: PostgresURL) async throws {
        let settings = try await withClient(server) { client in
            var values: [String] = []
            for try await (name, setting) in try await client.query(
                "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'server_version') ORDER BY name"
            ).decode((String, String).self) {
                values.append("\(name) = \(setting)")
            }
            return values.joined(separator: ", ")
        }
        print("")
        print("PostgreSQL event log (\(settings)), same payloads, median of \(repetitions) runs")
        print("")
        print(column("appended", 34) + "ours (events/s)  bare inserts (events/s)  ours / bare")
        for workload in workloads {
            var ours: [Double] = []
            var bare: [Double] = []
            for _ in 0..<repetitions {
                ours.append(rate(workload.events, try await appendThroughStore(workload, server: server)))
                bare.append(rate(workload.events, try await appendThroughBareInserts(workload, server: server)))
            }
            let label = "\(workload.events) events, \(workload.eventsPerAppend) per append"
            print(
                column(label, 34) + format(median(ours), width: 15) + format(median(bare), width: 25)
                    + String(format: "%13.2f", median(ours) / median(bare)))
        }
    }
}
