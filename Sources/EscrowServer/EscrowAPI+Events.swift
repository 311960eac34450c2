import EscrowCore
import EscrowStore
import Foundation
import Hummingbird
import ServiceLifecycle

/// Server-sent events: the timeline as it grows, scoped to the caller.
extension EscrowAPI {
    // MARK: Server-sent events

    /// A query parameter or header that must be a whole number from `minimum` up to
    /// `Int64.max`, written in ASCII digits; nil when absent, a 400 problem when malformed.
    static func wholeNumber(_ text: String?, name: String, minimum: Int64) throws -> Int64? {
        guard let text else { return nil }
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let value = Int64(text), value >= minimum
        else { throw Problem.badRequest("\(name) must be a whole number from \(minimum) to \(Int64.max)") }
        return value
    }

    /// What a stream writes next: the events after a change, or a heartbeat comment.
    enum StreamSignal: Sendable {
        case changed
        case heartbeat
    }

    /// Where a stream's fold of the log stands: the escrow after the event at `lastSequence`
    /// (`nil` before the opening) and that event's hash, against which the next events are
    /// verified.
    struct StreamFold {
        var state: EscrowState?
        var lastSequence: Int64
        var lastHash: String
    }

    /// Streams the timeline lines after `Last-Event-ID` (or `?after=N`; by default, after the
    /// last event now), scoped to the caller, as the log grows.
    ///
    /// Each stream keeps its own fold of the log and, when the escrow changes, reads only the
    /// events after the last one it folded, verified against that event's hash. A stream that
    /// starts from now continues the fold the caller's access was checked against; one that
    /// resumes from an earlier event folds the log from its opening once.
    func events(_ request: Request, _ context: Context) async throws -> Response {
        let query = request.uri.queryParameters
        // Checked before anything is read: a malformed position or limit is the request's fault.
        let lastEventIDHeader = request.headers.first { $0.name.canonicalName == "last-event-id" }?.value
        let header = try Self.wholeNumber(lastEventIDHeader, name: "Last-Event-ID", minimum: 0)
        let after = try Self.wholeNumber(query["after"].map(String.init), name: "after", minimum: 0)
        let limit = try Self.wholeNumber(query["limit"].map(String.init), name: "limit", minimum: 1).map(Int.init)
        let lastEventID = header ?? after
        let access = try await access(context)
        let subscription = changes.subscription()
        let service = service
        let escrowID = access.escrowID
        let viewer = access.viewer
        let heartbeat = configuration.eventStreamHeartbeatDuration
        let start = lastEventID ?? access.lastSequence
        // Lines after `start` need the escrow as it was before each of them.
        let initial =
            start < access.lastSequence
            ? StreamFold(state: nil, lastSequence: 0, lastHash: EventHash.genesis)
            : StreamFold(state: access.state, lastSequence: access.lastSequence, lastHash: access.lastHash)
        let body = ResponseBody { writer in
            var fold = initial
            var last = start
            var sent = 0
            func flush(_ writer: inout any ResponseBodyWriter) async throws -> Bool {
                let (records, events) = try await service.events(of: escrowID, after: fold.lastSequence, hash: fold.lastHash)
                guard let newest = records.last else { return false }
                let entries = Scoping.timeline(records, events: events, viewer: viewer, continuing: &fold.state).filter { ($0.sequence ?? 0) > last }
                fold.lastSequence = newest.sequence
                fold.lastHash = newest.hash
                for entry in entries {
                    let data = String(decoding: try Self.encoder.encode(entry), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: "id: \(entry.sequence ?? 0)\nevent: \(entry.type)\ndata: \(data)\n\n"))
                    sent += 1
                    if let limit, sent >= limit { return true }
                }
                last = max(last, newest.sequence)
                return false
            }
            try await writer.write(ByteBuffer(string: ": escrow \(escrowID) events for \(viewer.label)\n\n"))
            // A stream never ends by itself: at graceful shutdown it is closed so that the
            // server can finish its other in-flight requests and stop.
            try await withGracefulShutdownHandler {
                guard !(try await flush(&writer)) else { return }
                // One sequence of things to write: the escrow changed, or the stream has been
                // quiet for a heartbeat. A heartbeat is a comment line clients ignore; writing it
                // keeps proxies from closing a quiet stream and fails once the client has gone,
                // which ends the stream and frees its connection.
                let (signals, signal) = AsyncStream<StreamSignal>.makeStream(bufferingPolicy: .bufferingNewest(64))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await changed in subscription.stream where changed == escrowID { signal.yield(.changed) }
                        signal.finish()
                    }
                    group.addTask {
                        while true {
                            try await Task.sleep(for: heartbeat)
                            signal.yield(.heartbeat)
                        }
                    }
                    defer { group.cancelAll() }
                    for await next in signals {
                        switch next {
                        case .changed:
                            if try await flush(&writer) { return }
                        case .heartbeat:
                            try await writer.write(ByteBuffer(string: ": heartbeat\n\n"))
                        }
                    }
                }
            } onGracefulShutdown: {
                subscription.finish()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }
}
