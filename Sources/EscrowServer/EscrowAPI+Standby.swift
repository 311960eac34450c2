import EscrowCore
import EscrowStore
import EscrowUsers
import Foundation
import Hummingbird

/// Reads a caller allows to be stale: status, ledger and timeline may be served by a standby
/// (``StandbyReads``) when the request says how stale an answer it accepts.
extension EscrowAPI {
    /// Request header: the staleness the caller accepts, e.g. `5s` or `250ms`; absent, the
    /// primary answers.
    static let maxStalenessHeader = "Escrow-Max-Staleness"
    /// Request header: the answer must include this sequence (e.g. the one in the
    /// `Escrow-Checkpoint` of the caller's own write).
    static let minSequenceHeader = "Escrow-Min-Sequence"
    /// Answer header: `primary` or `standby`.
    static let readFromHeader = "Escrow-Read-From"
    /// Answer header, on an answer from a standby: how stale it may be, e.g. `120ms`.
    static let stalenessHeader = "Escrow-Staleness"

    /// What the caller accepts of a read, from its headers.
    struct ReadPreference: Equatable {
        /// The staleness accepted; `nil` reads from the primary.
        var maxStaleness: Duration?
        /// The sequence the answer must include.
        var minSequence: Int64?
    }

    /// Where a read was answered from.
    enum ReadOrigin {
        case primary
        /// A standby measured this stale just before the read; later reads of the same answer
        /// (the timeline's log) go to the same standby.
        case standby(staleness: Duration)
    }

    /// The headers of a read, checked: a malformed value is a 400 naming the header.
    static func readPreference(_ request: Request) throws -> ReadPreference {
        var preference = ReadPreference()
        if let text = header(request, maxStalenessHeader) {
            guard let duration = staleness(text) else {
                throw Problem.badRequest(
                    "\(maxStalenessHeader) must be a whole number of seconds or milliseconds such as 5s or 250ms (no leading zeros), at most \(Limits.readStalenessSecondsMax)s")
            }
            preference.maxStaleness = duration
        }
        if let text = header(request, minSequenceHeader) {
            guard let sequence = wholeNumber(text, digitsMax: 18) else {
                throw Problem.badRequest("\(minSequenceHeader) must be an event sequence: a whole number from 0, at most 18 digits, no leading zeros")
            }
            preference.minSequence = sequence
        }
        return preference
    }

    private static func header(_ request: Request, _ name: String) -> String? {
        guard let field = HTTPFields.Element.Name(name) else { return nil }
        return request.headers[field]
    }

    /// `5s` or `250ms`, at most ``Limits/readStalenessSecondsMax``; `nil` for anything else
    /// (the OpenAPI document states the same rule as a pattern).
    static func staleness(_ text: String) -> Duration? {
        let limitSeconds = Int64(Limits.readStalenessSecondsMax)
        if text.hasSuffix("ms") {
            guard let count = wholeNumber(String(text.dropLast(2)), digitsMax: 7), count <= limitSeconds * 1_000 else { return nil }
            return .milliseconds(count)
        }
        if text.hasSuffix("s") {
            guard let count = wholeNumber(String(text.dropLast()), digitsMax: 7), count <= limitSeconds else { return nil }
            return .seconds(count)
        }
        return nil
    }

    /// Decimal digits without a leading zero (or `0` alone), at most `digitsMax` of them.
    static func wholeNumber(_ text: String, digitsMax: Int) -> Int64? {
        let digits = Array(text.utf8)
        guard (1...digitsMax).contains(digits.count), digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            digits.count == 1 || digits[0] != UInt8(ascii: "0")
        else { return nil }
        return Int64(text)
    }

    /// The caller's access for a read: from the standby when the request allows it and the
    /// standby qualifies, else from the primary. The answer is never older than the
    /// `Escrow-Min-Sequence` asked for (412 when the log has not reached it) nor than what this
    /// server has already seen of the escrow.
    func readAccess(_ request: Request, _ context: Context) async throws -> (access: Access, origin: ReadOrigin) {
        let preference = try Self.readPreference(request)
        let (principal, escrowID, party) = try Self.caller(context)
        if let standby, let maxStaleness = preference.maxStaleness {
            // Never older than an answer this server gave (its own writes included).
            let required = max(preference.minSequence ?? 0, service.cachedLastSequence(of: escrowID) ?? 0)
            let served = await standby.attempt { () async throws -> StandbyHead? in
                guard let staleness = try await standby.staleness(), staleness <= maxStaleness else { return nil }
                let head = try await standby.service.head(of: escrowID)
                guard head.lastSequence >= required else { return nil }
                return StandbyHead(state: head.state, lastSequence: head.lastSequence, lastHash: head.lastHash, staleness: staleness)
            }
            if let served {
                let access = try makeAccess(principal, escrowID, party, (served.state, served.lastSequence, served.lastHash))
                return (access, .standby(staleness: served.staleness))
            }
        }
        var head: (state: EscrowState, lastSequence: Int64, lastHash: String)
        do {
            head = try await service.head(of: escrowID)
            if let wanted = preference.minSequence, head.lastSequence < wanted { head = try await service.freshHead(of: escrowID) }
        } catch { throw Problem.from(error) }
        let access = try makeAccess(principal, escrowID, party, head)
        if let wanted = preference.minSequence, head.lastSequence < wanted {
            throw Problem(
                .preconditionFailed, "sequence-not-reached", "The log has not reached that sequence",
                detail: "\(Self.minSequenceHeader) asks for event \(wanted) but the log of \(escrowID) ends at event \(head.lastSequence)")
        }
        return (access, .primary)
    }

    /// A head read from the standby, with how stale the standby measured itself.
    struct StandbyHead: Sendable {
        var state: EscrowState
        var lastSequence: Int64
        var lastHash: String
        var staleness: Duration
    }

    /// The access a caller has to an escrow at a given head; a party user not tied to the escrow
    /// is told it does not exist.
    func makeAccess(
        _ principal: Principal, _ escrowID: EscrowID, _ party: PartyID?, _ head: (state: EscrowState, lastSequence: Int64, lastHash: String)
    ) throws -> Access {
        guard let viewer = Viewer(principal, party: party, state: head.state) else { throw Problem.notFound("there is no escrow '\(escrowID)'") }
        return Access(principal: principal, escrowID: escrowID, viewer: viewer, state: head.state, lastSequence: head.lastSequence, lastHash: head.lastHash)
    }

    /// The escrow's whole log, verified, from where the read was answered.
    func records(_ escrowID: EscrowID, from origin: ReadOrigin) async throws -> [RecordedEvent] {
        guard case .standby = origin, let standby else { return try await records(escrowID) }
        do { return try await standby.service.load(escrowID).1 } catch { throw Problem.from(error) }
    }

    /// Says where the answer came from; an answer from a standby carries the checkpoint of the
    /// log it was built from (at `sequence` with `hash`), not the primary's newer one.
    func label(_ response: inout Response, _ origin: ReadOrigin, escrowID: EscrowID, sequence: Int64, hash: String) {
        guard let readFrom = HTTPFields.Element.Name(Self.readFromHeader), let stale = HTTPFields.Element.Name(Self.stalenessHeader),
            let checkpointName = HTTPFields.Element.Name(Self.checkpointHeader)
        else { return }
        switch origin {
        case .primary:
            response.headers[readFrom] = "primary"
        case .standby(let staleness):
            response.headers[readFrom] = "standby"
            let (seconds, attoseconds) = staleness.components
            response.headers[stale] = "\(seconds * 1_000 + attoseconds / 1_000_000_000_000_000)ms"
            response.headers[checkpointName] = checkpoints.checkpoint(escrowID: escrowID, sequence: sequence, hash: hash).headerValue
        }
    }
}
