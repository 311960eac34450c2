import EscrowCore
import EscrowStore
import EscrowUsers
import Foundation
import Hummingbird

/// Who is asking, what they may see, and the reads built on that.
extension EscrowAPI {
    // MARK: Access

    struct Access {
        var principal: Principal
        var escrowID: EscrowID
        var viewer: Viewer
        var state: EscrowState
        /// The sequence of the escrow's last event when the state was read.
        var lastSequence: Int64
        /// That event's hash.
        var lastHash: String
    }

    /// The escrow's status as the caller may see it; unchanged answers are sent again as
    /// encoded the first time. From a standby when the request accepts its staleness.
    func status(_ request: Request, _ context: Context) async throws -> Response {
        let (access, origin) = try await readAccess(request, context)
        let now = clock.now()
        let key = RenderedViews.Key(escrowID: access.escrowID, viewer: access.viewer.label)
        let body: ByteBuffer
        if let kept = statusViews.body(for: key, lastSequence: access.lastSequence, at: now) {
            body = kept
        } else {
            body = ByteBuffer(bytes: try Self.encoder.encode(StatusView(access.state, viewer: access.viewer, now: now)))
            // The view says which deadlines are missed: it holds until the next one closes.
            let nextClosing = access.state.deadlines.values.map(\.closesAt).filter { $0 > now }.min()
            statusViews.keep(body, for: key, lastSequence: access.lastSequence, validUntil: nextClosing)
        }
        var response = Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
        label(&response, origin, escrowID: access.escrowID, sequence: access.lastSequence, hash: access.lastHash)
        return response
    }

    /// Recomputes the escrow's hash chain from the stored events (agent users only). Unlike
    /// every other read it does not fold the log, so a log that fails verification is
    /// answered with where it breaks rather than an error.
    func verify(_ context: Context) async throws -> Response {
        let (_, escrowID, _) = try Self.caller(context, agentOnly: "verifying the log")
        let records: [RecordedEvent]
        do { records = try await service.store.events(of: escrowID, after: 0) } catch { throw Problem.from(ServiceError.store(error)) }
        guard !records.isEmpty else { throw Problem.notFound("there is no escrow '\(escrowID)'") }
        return try Self.json(LogVerification(escrowID: escrowID, records: records))
    }

    /// The caller and the escrow of the route, checked before anything is read: a party user
    /// not tied to the escrow is told it does not exist, and `action`, when given, is for
    /// agent users only.
    static func caller(_ context: Context, agentOnly action: String? = nil) throws -> (Principal, EscrowID, PartyID?) {
        let principal = try principal(context)
        let escrowID = EscrowID(context.parameters.get("escrow") ?? "")
        let party = principal.parties[escrowID]
        guard principal.isAgent || party != nil else { throw Problem.notFound("there is no escrow '\(escrowID)'") }
        if let action, !principal.isAgent { throw Problem.forbidden("\(action) is for agent users only") }
        return (principal, escrowID, party)
    }

    static func principal(_ context: Context) throws -> Principal {
        guard let principal = context.principal else { throw Problem.unauthorized("send an API token as 'Authorization: Bearer TOKEN'") }
        return principal
    }

    /// Loads the escrow for the caller; a party user not tied to it is told it does not
    /// exist, so ids of other escrows do not leak.
    /// With `agentOnly`, a party user is refused the act, citing `rules` as this escrow's
    /// agreement numbers them.
    func access(_ context: Context, agentOnly action: String? = nil, citing rules: [Rule] = []) async throws -> Access {
        let (principal, escrowID, party) = try Self.caller(context)
        // The cached fold, brought up to date: a read does not reload the whole log.
        let state: EscrowState
        let lastSequence: Int64
        let lastHash: String
        do { (state, lastSequence, lastHash) = try await service.head(of: escrowID) } catch { throw Problem.from(error) }
        // `caller` lets a party user through only with its party in this escrow.
        guard let viewer = Viewer(principal, party: party, state: state) else { throw Problem.notFound("there is no escrow '\(escrowID)'") }
        if let action, !principal.isAgent {
            let clause = rules.isEmpty ? "" : " (\(state.terms.cite(rules.map(Citation.rule))))"
            throw Problem.forbidden("\(action)\(clause) is for agent users only")
        }
        return Access(principal: principal, escrowID: escrowID, viewer: viewer, state: state, lastSequence: lastSequence, lastHash: lastHash)
    }

    /// The deal calendar (escrow and linked obligation instruments), scoped to the caller:
    /// JSON rows, or an RFC 5545 iCalendar file with `?format=ics`.
    func calendar(_ access: Access, format: String?) throws -> Response {
        let now = clock.now()
        let asOf = CivilDate(instant: now, timeZoneIdentifier: access.state.terms.calendar.timeZoneIdentifier)
        guard BusinessCalendar.supportedYears.contains(asOf.year) else {
            throw Problem.badRequest("the server's date \(asOf) is outside the calendar's years")
        }
        let linked = configuration.obligations.filter { $0.escrowLink?.escrowID == access.escrowID.rawValue }
        var calendar: DealCalendar
        if let terms = linked.first {
            calendar = DealCalendar.of(escrow: access.state, obligations: terms, asOf: asOf)
        } else {
            let entries = EscrowInterplay.escrowEntries(access.state, link: nil)
            let none = ObligationTerms(
                id: "none", title: "no linked instrument", dated: access.state.terms.dated, currency: access.state.currency,
                calendar: access.state.terms.calendar, parties: [], obligations: [])
            calendar = DealCalendar(escrow: entries, waiver: WaiverState(terms: none), asOf: asOf)
        }
        if case .party(let party, let role) = access.viewer {
            calendar = calendar.rows(concerning: access.state.displayName(party), isEscrowParty: role == .company || role == .purchaser)
        }
        switch format {
        case "ics":
            return Response(
                status: .ok, headers: [.contentType: "text/calendar; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: calendar.icsText(stamp: now))))
        case nil, "json":
            return try Self.json(calendar.rows.map(CalendarRowView.init))
        case let other?:
            throw Problem.badRequest("format '\(other)' is not json or ics")
        }
    }

    /// The escrow's whole log, verified, for the reads that show history.
    func records(_ escrowID: EscrowID) async throws -> [RecordedEvent] {
        do { return try await service.load(escrowID).1 } catch { throw Problem.from(error) }
    }

    /// The party a write acts for: a party user acts only as itself; an agent user names one.
    static func actingParty(_ access: Access, named: String?) throws -> PartyID {
        switch access.viewer {
        case .party(let me, _):
            if let named, PartyID(named) != me { throw Problem.forbidden("\(me) cannot act for \(named)") }
            return me
        case .agent:
            guard let named else { throw Problem.badRequest("an agent user must name the party it acts for") }
            return PartyID(named)
        }
    }
}
