import EscrowCore
import EscrowServer
import EscrowStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET …/events`: each stream reads only the events after the last one it folded, and shows
/// each viewer exactly the log lines its timeline shows.
@Suite("Server-sent events")
struct EventStreamTests {
    static let base = "/escrows/roo-group-2005"

    /// The lines of a stream (the JSON of each `data:` field, keys sorted) and of a timeline
    /// (its log lines, in order of sequence), in one form to compare.
    static func streamLines(_ text: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { normalized(Data($0.dropFirst("data: ".count).utf8)) }
    }

    static func timelineLines(_ answer: Answer, after start: Int) -> [String] {
        answer.array.filter { ($0["sequence"] as? Int ?? 0) > start }
            .sorted { ($0["sequence"] as? Int ?? 0) < ($1["sequence"] as? Int ?? 0) }
            .map { normalized((try? JSONSerialization.data(withJSONObject: $0)) ?? Data()) }
    }

    static func normalized(_ json: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: json),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    @Test("a stream that holds the log up to event N reads only the event appended next, not the N + 1 events of the log")
    func readsOnlyNewEvents() async throws {
        let server = try await TestServer.make(wrapping: { CountingEventStore($0) })
        let store = try #require(server.store as? CountingEventStore)
        let terms = try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "reference")
        _ = try await server.service.open(TestServer.escrowID, terms: terms, at: TestServer.august(19, 9))
        for number in 1...200 {
            _ = try await server.service.execute(
                .recordWarning(from: "company", text: "warning \(number)"), on: TestServer.escrowID, at: TestServer.august(19, 10))
        }
        let last = try await store.lastSequence(of: TestServer.escrowID)
        #expect(last == 201)
        store.reset()
        try await server.application().test(.live) { client in
            async let stream = client.call(.get, "\(Self.base)/events?limit=1", as: "alice", server: server)
            // The access check and the stream's first look at the log each ask for the events after N.
            for _ in 0..<250 where store.reads.filter({ $0.after == last }).count < 2 {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(store.reads.filter { $0.after == last }.count == 2, "\(store.reads)")
            // The test client holds one connection, busy with the stream: the desk writes over a second one.
            let token = try #require(server.tokens["alice"])
            try await TestClient.withClient(host: "127.0.0.1", port: try #require(client.port)) { desk in
                let response = try await desk.post(
                    "\(Self.base)/warnings", headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                    body: ByteBuffer(string: #"{"from": "company", "text": "the last warning"}"#))
                #expect(response.status == .ok)
            }
            let answer = try await stream
            #expect(answer.status == .ok)
            #expect(answer.text.contains("id: 202\n"))
            #expect(answer.text.contains("the last warning"))
            #expect(!answer.text.contains("warning 200"))
        }
        let reads = store.reads
        // Never the whole log: every read asked for the events after the last one folded,
        // and the one event appended is the only event read.
        #expect(!reads.contains { $0.after < last }, "\(reads)")
        #expect(reads.map(\.events).reduce(0, +) == 1, "\(reads)")
    }

    /// Who follows the deal: the desk, the company, two purchasers, a fee payee and the NIR group.
    static let viewers = ["alice", "company", "purchaser-1", "purchaser-2", "sichenzia", "nir-group"]

    @Test("each viewer's stream, connected once the escrow is open and followed through the reference deal, shows exactly the log lines of its timeline")
    func liveStreamsMatchTimelines() async throws {
        // How many lines each viewer sees after the opening, from a rehearsal of the same deal.
        let rehearsal = try await TestServer.make()
        defer { rehearsal.dispose() }
        let counts = try await rehearsal.application().test(.router) { client in
            var deal = ReferenceDealDriver(server: rehearsal, client: client)
            try await deal.runAll()
            var counts: [String: Int] = [:]
            for viewer in Self.viewers {
                let timeline = try await client.call(.get, "\(Self.base)/timeline", as: viewer, server: rehearsal)
                counts[viewer] = Self.timelineLines(timeline, after: 1).count
            }
            return counts
        }
        #expect(counts.values.allSatisfy { $0 > 0 }, "\(counts)")

        let server = try await TestServer.make()
        defer { server.dispose() }
        let terms = try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "reference")
        _ = try await server.service.open(TestServer.escrowID, terms: terms, at: TestServer.august(19, 9))
        try await server.application().test(.live) { client in
            let port = try #require(client.port)
            let streams = try await withThrowingTaskGroup(of: (String, String).self) { group in
                for viewer in Self.viewers {
                    let token = try #require(server.tokens[viewer])
                    let limit = counts[viewer] ?? 0
                    group.addTask {
                        // `after=1`: a stream that connects late still starts after the opening.
                        let answer = try await TestClient.withClient(host: "127.0.0.1", port: port) { stream in
                            try await stream.get("\(Self.base)/events?after=1&limit=\(limit)", headers: [.authorization: "Bearer \(token)"])
                        }
                        return (viewer, String(buffer: answer.body ?? ByteBuffer()))
                    }
                }
                try await Task.sleep(for: .milliseconds(300))
                var deal = ReferenceDealDriver(server: server, client: client)
                try await deal.play(through: .released, opening: false)
                return try await group.reduce(into: [String: String]()) { $0[$1.0] = $1.1 }
            }
            for viewer in Self.viewers {
                let timeline = try await client.call(.get, "\(Self.base)/timeline", as: viewer, server: server)
                let expected = Self.timelineLines(timeline, after: 1)
                #expect(expected.count == counts[viewer], "\(viewer)")
                #expect(Self.streamLines(streams[viewer] ?? "") == expected, "\(viewer)")
            }
        }
    }

    @Test("a stream resumed after event N shows the timeline's log lines after N, each viewer its own", arguments: [0, 12, 30])
    func resumedStreamsMatchTimelines(after start: Int) async throws {
        let server = try await TestServer.make()
        defer { server.dispose() }
        try await server.application().test(.router) { client in
            var deal = ReferenceDealDriver(server: server, client: client)
            try await deal.runAll()
            for viewer in Self.viewers + ["purchaser-4", "burnham-hill"] {
                let timeline = try await client.call(.get, "\(Self.base)/timeline", as: viewer, server: server)
                let expected = Self.timelineLines(timeline, after: start)
                guard !expected.isEmpty else { continue }
                let byQuery = try await client.call(.get, "\(Self.base)/events?after=\(start)&limit=\(expected.count)", as: viewer, server: server)
                #expect(Self.streamLines(byQuery.text) == expected, "\(viewer)")
                let byHeader = try await client.call(
                    .get, "\(Self.base)/events?limit=\(expected.count)", as: viewer, server: server, headers: ["Last-Event-ID": "\(start)"])
                #expect(Self.streamLines(byHeader.text) == expected, "\(viewer)")
            }
        }
    }
}
