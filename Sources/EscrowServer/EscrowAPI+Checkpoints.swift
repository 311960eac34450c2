import EscrowCore
import EscrowStore
import EscrowUsers
import Foundation
import Hummingbird
import Synchronization

/// Signed checkpoints over HTTP: the latest one on every answer about an escrow (the
/// `Escrow-Checkpoint` header), on its own route, and the proof that the log still holds one
/// handed out earlier.
extension EscrowAPI {
    /// The header every answer about an escrow carries.
    static let checkpointHeader = "Escrow-Checkpoint"

    /// `GET /escrows/{escrow}/checkpoint`: the latest checkpoint, signed with the agent's key.
    func checkpoint(_ context: Context) async throws -> Response {
        let (_, escrowID, _) = try Self.caller(context)
        return try Self.json(try await latestCheckpoint(escrowID))
    }

    /// `POST /escrows/{escrow}/checkpoint/verify`: whether the log still holds every event up
    /// to the checkpoint in the body, unchanged. A checkpoint that does not hold is a 200 with
    /// `holds: false` and the reason: the question was answered.
    func verifyCheckpoint(_ request: Request, _ context: Context) async throws -> Response {
        let (_, escrowID, _) = try Self.caller(context)
        let checkpoint = try await decode(Checkpoint.self, request, limit: Limits.checkpointBytesMax)
        let records: [RecordedEvent]
        do { records = try await service.store.events(of: escrowID, after: 0) } catch { throw Problem.from(ServiceError.store(error)) }
        guard !records.isEmpty else { throw Problem.notFound("there is no escrow '\(escrowID)'") }
        return try Self.json(
            CheckpointVerification(
                checkpoint: checkpoint, escrowID: escrowID, records: records,
                currentKeyBase64: configuration.checkpointSigner.publicKeyBase64))
    }

    /// The escrow's head signed, from the cache when the head has not moved.
    func latestCheckpoint(_ escrowID: EscrowID) async throws -> Checkpoint {
        let head: (state: EscrowState, lastSequence: Int64, lastHash: String)
        do { head = try await service.head(of: escrowID) } catch { throw Problem.from(error) }
        return checkpoints.checkpoint(escrowID: escrowID, sequence: head.lastSequence, hash: head.lastHash)
    }
}

/// The last checkpoint signed per escrow: a read answered at the same head reuses it instead
/// of signing again. Bounded: past ``entriesMax`` escrows it starts afresh.
final class CheckpointCache: Sendable {
    static let entriesMax = 4_096
    let signer: CheckpointSigner
    private let signed = Mutex<[EscrowID: Checkpoint]>([:])

    init(signer: CheckpointSigner) { self.signer = signer }

    func checkpoint(escrowID: EscrowID, sequence: Int64, hash: String) -> Checkpoint {
        if let cached = signed.withLock({ $0[escrowID] }), cached.sequence == sequence, cached.hash == hash { return cached }
        let fresh = signer.sign(escrowID: escrowID, sequence: sequence, hash: hash)
        signed.withLock { entries in
            if entries.count >= Self.entriesMax { entries.removeAll(keepingCapacity: true) }
            entries[escrowID] = fresh
        }
        return fresh
    }
}

/// Adds the escrow's latest checkpoint (`Escrow-Checkpoint`) to every successful answer about
/// an escrow the caller may see, so whoever holds any answer holds a signed log head.
struct CheckpointMiddleware: RouterMiddleware {
    typealias Context = EscrowRequestContext
    let api: EscrowAPI

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard (200..<300).contains(response.status.code), let principal = context.principal else { return response }
        let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count >= 3, segments[1] == "escrows", !segments[2].isEmpty else { return response }
        // An event stream answers at once and then keeps going: its events carry their hashes, and
        // signing the head here would only add a read of the log to every stream opened.
        if segments.count == 4, segments[3] == "events" { return response }
        let escrowID = EscrowID(String(segments[2]))
        guard principal.isAgent || principal.parties[escrowID] != nil else { return response }
        // A read served by a standby carries the checkpoint of the log it was built from.
        if let name = HTTPFields.Element.Name(EscrowAPI.checkpointHeader), response.headers[name] != nil { return response }
        // An answer about an escrow that is gone or unreadable is sent without a checkpoint
        // rather than not at all.
        if let checkpoint = try? await api.latestCheckpoint(escrowID) {
            // A constant, valid header name: the initializer cannot fail on it.
            if let name = HTTPFields.Element.Name(EscrowAPI.checkpointHeader) { response.headers[name] = checkpoint.headerValue }
        }
        return response
    }
}
