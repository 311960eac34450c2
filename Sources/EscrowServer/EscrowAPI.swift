import EscrowCore
import EscrowStore
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// The routes. Every write goes through ``EscrowService``; this type only checks who may
/// ask, turns JSON into commands and scopes what each caller reads.
struct EscrowAPI: Sendable {
    typealias Context = EscrowRequestContext

    let service: EscrowService
    let users: any UserDirectory
    let clock: any EscrowClock
    let configuration: ServerConfiguration
    let documents: DocumentStore
    let changes: ChangeFeed
    let statusViews = RenderedViews()

    /// Configured once and shared by every answer.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// Reads request bodies with Foundation's defaults.
    static let requestDecoder = JSONDecoder()

    /// Every route the router registers, as `METHOD path`; the OpenAPI test checks each.
    static let routes: [(HTTPRequest.Method, String)] = [
        (.get, "/health"), (.get, "/metrics"), (.get, "/openapi.json"),
        (.get, "/escrows"), (.post, "/escrows"),
        (.get, "/escrows/{escrow}"), (.get, "/escrows/{escrow}/ledger"), (.get, "/escrows/{escrow}/timeline"), (.get, "/escrows/{escrow}/verify"),
        (.get, "/escrows/{escrow}/notices"), (.get, "/escrows/{escrow}/calendar"), (.get, "/escrows/{escrow}/events"), (.get, "/escrows/{escrow}/signing-text"),
        (.post, "/escrows/{escrow}/keys"), (.post, "/escrows/{escrow}/deposits"), (.post, "/escrows/{escrow}/documents"),
        (.get, "/escrows/{escrow}/documents/{sha256}"), (.post, "/escrows/{escrow}/signatures"),
        (.post, "/escrows/{escrow}/instructions"), (.post, "/escrows/{escrow}/advice"), (.post, "/escrows/{escrow}/release"),
        (.post, "/escrows/{escrow}/refund"), (.post, "/escrows/{escrow}/tick"), (.get, "/escrows/{escrow}/approvals"),
        (.post, "/escrows/{escrow}/approvals/{approval}/confirm"), (.post, "/escrows/{escrow}/holds"),
        (.post, "/escrows/{escrow}/court-orders"), (.post, "/escrows/{escrow}/deposit-with-court"),
        (.post, "/escrows/{escrow}/warnings"), (.post, "/escrows/{escrow}/amendments"), (.post, "/escrows/{escrow}/counsel-costs"),
        (.post, "/escrows/{escrow}/instrument-requests"), (.post, "/escrows/{escrow}/resignation"),
        (.post, "/escrows/{escrow}/successor"), (.get, "/escrows/{escrow}/handover"), (.post, "/handover"),
    ]

    func router(metrics: PrometheusCollectorRegistry) -> Router<Context> {
        let router = Router(context: Context.self)
        router.add(middleware: ObservabilityMiddleware(registry: metrics))
        router.add(middleware: AuthenticationMiddleware(users: users, clock: clock))

        router.get("/health") { _, _ in try Self.json(["status": "ok"]) }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(OpenAPIDocument.json.utf8))))
        }

        router.get("/escrows") { _, context in try await listEscrows(context) }
        router.post("/escrows") { request, context in try await createEscrow(request, context) }
        router.get("/escrows/:escrow") { _, context in try await status(context) }
        router.get("/escrows/:escrow/verify") { _, context in try await verify(context) }
        router.get("/escrows/:escrow/ledger") { _, context in
            let access = try await access(context)
            guard access.viewer.seesWholeDeal else { throw Problem.forbidden("the ledger is open to the agent and the company only") }
            return try Self.json(LedgerView(access.state.ledger))
        }
        router.get("/escrows/:escrow/timeline") { _, context in
            let access = try await access(context)
            let records = try await records(access.escrowID)
            var entries = Scoping.timeline(records, events: try EscrowService.decode(records), viewer: access.viewer)
            let approvals = try await users.approvals(escrowID: access.escrowID)
            entries += Scoping.pendingControls(approvals, viewer: access.viewer)
            entries.sort { $0.at < $1.at || ($0.at == $1.at && ($0.sequence ?? .max) < ($1.sequence ?? .max)) }
            return try Self.json(entries)
        }
        router.get("/escrows/:escrow/notices") { _, context in
            let access = try await access(context)
            let records = try await records(access.escrowID)
            return try Self.json(Scoping.notices(records, events: try EscrowService.decode(records), viewer: access.viewer))
        }
        router.get("/escrows/:escrow/calendar") { request, context in
            let access = try await access(context)
            return try calendar(access, format: request.uri.queryParameters["format"].map(String.init))
        }
        router.get("/escrows/:escrow/events") { request, context in try await events(request, context) }
        router.get("/escrows/:escrow/signing-text") { request, context in
            let access = try await access(context)
            let instrument = try Self.instrument(request.uri.queryParameters["instrument"].map(String.init) ?? "release-notice")
            let signer = try Self.actingParty(access, named: request.uri.queryParameters["party"].map(String.init))
            guard let message = access.state.signingMessage(for: instrument, signer: signer) else {
                throw Problem.notFound("there is no \(instrument) to sign")
            }
            return try Self.json(["instrument": instrument.description, "signer": signer.rawValue, "message": String(decoding: message.bytes, as: UTF8.self)])
        }
        router.post("/escrows/:escrow/keys") { request, context in
            let access = try await access(context, agentOnly: "registering a signing key (2.8)")
            let body = try await decode(Body.RegisterKey.self, request)
            return try await execute(.registerKey(party: PartyID(body.party), publicKeyBase64: body.publicKeyBase64), access, request)
        }
        router.post("/escrows/:escrow/deposits") { request, context in
            let access = try await access(context, agentOnly: "recording a wire (1.1, 1.3)")
            let body = try await decode(Body.Deposit.self, request)
            let command = EscrowCommand.recordDeposit(
                bankReference: body.bankReference, purchaser: body.purchaser.map { PartyID($0) }, senderName: body.senderName,
                amount: try Self.money(body.amount, access.state.currency, field: "amount"))
            return try await execute(command, access, request)
        }
        router.post("/escrows/:escrow/documents") { request, context in try await uploadDocument(request, context) }
        router.get("/escrows/:escrow/documents/:sha256") { _, context in
            let access = try await access(context)
            let sha = context.parameters.get("sha256") ?? ""
            let known = access.state.documents.filter { $0.sha256 == sha }
            guard !known.isEmpty, access.viewer.seesWholeDeal || known.contains(where: { $0.from == access.viewer.party }),
                let data = documents.read(sha)
            else { throw Problem.notFound("there is no document \(sha) for this user in this escrow") }
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.post("/escrows/:escrow/signatures") { request, context in
            let access = try await access(context)
            let body = try await decode(Body.Sign.self, request)
            let instrument = try Self.instrument(body.instrument)
            let signer = try Self.actingParty(access, named: body.signer)
            let evidence: SignatureEvidence
            switch (body.signatureBase64, body.paperScanSHA256) {
            case (let signature?, nil): evidence = .ed25519(signatureBase64: signature)
            case (nil, let scan?):
                guard access.viewer.isAgent else { throw Problem.forbidden("only an agent user attests a paper counterpart (2.10)") }
                guard DocumentStore.isHash(scan) else { throw Problem(.unprocessableContent, "invalid", "Invalid value", detail: "paperScanSHA256 must be 64 lowercase hex digits") }
                evidence = .paper(scanSHA256: scan, attestedBy: access.principal.userID)
            default: throw Problem.badRequest("give exactly one of signatureBase64 or paperScanSHA256")
            }
            return try await execute(.sign(instrument: instrument, signer: signer, evidence: evidence), access, request)
        }
        router.post("/escrows/:escrow/instructions") { request, context in
            let access = try await access(context)
            let body = try await decode(Body.Instructions.self, request)
            let party = try Self.actingParty(access, named: body.party)
            let lines = try body.lines.map { line in
                InstructionLine(
                    account: BankAccount(accountName: line.accountName, bank: line.bank, routingNumber: line.routingNumber, accountNumber: line.accountNumber),
                    amount: try line.amount.map { try Self.money($0, access.state.currency, field: "lines.amount") })
            }
            // Bank details take effect only after a second agent user confirms them by a call-back.
            let command = EscrowCommand.giveInstructions(party: party, lines: lines, evidence: .ed25519(signatureBase64: body.signatureBase64))
            return try await propose(command, kind: .callback, access, request)
        }
        router.post("/escrows/:escrow/advice") { request, context in
            try await execute(.advise, try await access(context, agentOnly: "the 1.2 advice"), request)
        }
        router.post("/escrows/:escrow/release") { request, context in
            try await propose(.release, kind: .disbursement, try await access(context, agentOnly: "a release (1.5, 1.6)"), request)
        }
        router.post("/escrows/:escrow/refund") { request, context in
            try await propose(.refund, kind: .disbursement, try await access(context, agentOnly: "a refund (1.7)"), request)
        }
        router.post("/escrows/:escrow/tick") { request, context in
            try await execute(.tick, try await access(context, agentOnly: "moving the clock"), request)
        }
        router.get("/escrows/:escrow/approvals") { _, context in
            let access = try await access(context, agentOnly: "listing approvals")
            return try Self.json(try await users.approvals(escrowID: access.escrowID).map(ApprovalView.init))
        }
        router.post("/escrows/:escrow/approvals/:approval/confirm") { request, context in try await confirm(request, context) }
        router.post("/escrows/:escrow/holds") { request, context in
            let access = try await access(context, agentOnly: "a dispute hold (2.14)")
            let body = try await decode(Body.Hold.self, request)
            let amount = try body.amount.map { try Self.money($0, access.state.currency, field: "amount") }
            return try await execute(
                .placeHold(id: HoldID(body.id), amount: amount, reason: body.reason, partiesConcerned: body.partiesConcerned.map { PartyID($0) }), access, request)
        }
        router.post("/escrows/:escrow/court-orders") { request, context in
            let access = try await access(context, agentOnly: "recording a court order (2.9)")
            let body = try await decode(Body.CourtOrder.self, request)
            guard DocumentStore.isHash(body.documentSHA256) else {
                throw Problem(.unprocessableContent, "invalid", "Invalid value", detail: "documentSHA256 must be 64 lowercase hex digits")
            }
            let currency = access.state.currency
            let directive: CourtDirective
            switch body.directive.kind {
            case "hold": directive = .hold(amount: try body.directive.amount.map { try Self.money($0, currency, field: "directive.amount") })
            case "liftHold":
                guard let hold = body.directive.holdId else { throw Problem.badRequest("directive.holdId is required for liftHold") }
                directive = .liftHold(HoldID(hold))
            case "pay":
                directive = .pay(
                    try (body.directive.payments ?? []).map {
                        Payment(payee: $0.payee, amount: try Self.money($0.amount, currency, field: "directive.payments.amount"), destination: $0.destination, purpose: "", clause: "2.9")
                    })
            case "refundAll": directive = .refundAll
            case "depositWithCourt": directive = .depositWithCourt
            default: throw Problem.badRequest("directive.kind must be hold, liftHold, pay, refundAll or depositWithCourt")
            }
            return try await execute(
                .recordCourtOrder(docket: body.docket, court: body.court, isFinal: body.final, directive: directive, documentSHA256: body.documentSHA256),
                access, request)
        }
        router.post("/escrows/:escrow/deposit-with-court") { request, context in
            let access = try await access(context, agentOnly: "delivering funds to the court (2.14)")
            let body = try await decode(Body.DepositWithCourt.self, request)
            return try await execute(.depositWithCourt(court: body.court, docket: body.docket), access, request)
        }
        router.post("/escrows/:escrow/warnings") { request, context in
            let access = try await access(context)
            let body = try await decode(Body.Warning.self, request)
            let from = try access.viewer.isAgent ? (body.from ?? access.principal.userID) : Self.actingParty(access, named: body.from).rawValue
            return try await execute(.recordWarning(from: from, text: body.text), access, request)
        }
        router.post("/escrows/:escrow/amendments") { request, context in
            let access = try await access(context, agentOnly: "proposing an amendment (2.4, 2.7)")
            let body = try await decode(Body.Amendment.self, request)
            var changes: [AmendmentChange] = []
            for (id, text) in (body.extendDeadlines ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let date = CivilDate(iso: text), BusinessCalendar.supportedYears.contains(date.year) else {
                    throw Problem(.unprocessableContent, "invalid", "Invalid value", detail: "extendDeadlines.\(id) must be a YYYY-MM-DD date in 1990-2100")
                }
                changes.append(.extendDeadline(DeadlineID(id), to: date))
            }
            for (payee, amount) in (body.fixedPayments ?? [:]).sorted(by: { $0.key < $1.key }) {
                changes.append(.changeFixedPayment(payee: PartyID(payee), amount: try Self.money(amount, access.state.currency, field: "fixedPayments.\(payee)")))
            }
            if let duties = body.agentDuties { changes.append(.agentDuties(duties)) }
            return try await execute(.proposeAmendment(id: AmendmentID(body.id), changes: changes, text: body.text), access, request)
        }
        router.post("/escrows/:escrow/counsel-costs") { request, context in
            let access = try await access(context, agentOnly: "claiming counsel costs (2.11)")
            let body = try await decode(Body.CounselCosts.self, request)
            guard DocumentStore.isHash(body.invoiceSHA256) else {
                throw Problem(.unprocessableContent, "invalid", "Invalid value", detail: "invoiceSHA256 must be 64 lowercase hex digits")
            }
            return try await execute(
                .claimCounselCosts(counsel: body.counsel, amount: try Self.money(body.amount, access.state.currency, field: "amount"), invoiceSHA256: body.invoiceSHA256),
                access, request)
        }
        router.post("/escrows/:escrow/instrument-requests") { request, context in
            let access = try await access(context, agentOnly: "requesting a further instrument (2.13)")
            let body = try await decode(Body.InstrumentRequest.self, request)
            let due = try body.dueBy.map { text in
                guard let date = CivilDate(iso: text), BusinessCalendar.supportedYears.contains(date.year) else {
                    throw Problem(.unprocessableContent, "invalid", "Invalid value", detail: "dueBy must be a YYYY-MM-DD date in 1990-2100")
                }
                return date
            }
            return try await execute(
                .requestInstrument(id: ConditionID(body.id), title: body.title, from: body.from.map { PartyID($0) }, dueBy: due), access, request)
        }
        router.post("/escrows/:escrow/resignation") { request, context in
            let access = try await access(context, agentOnly: "the agent's resignation (2.12)")
            let body = try await decode(Body.Resignation.self, request)
            return try await execute(.resign(notice: body.notice), access, request)
        }
        router.post("/escrows/:escrow/successor") { request, context in
            let access = try await access(context)
            guard access.viewer.isAgent || access.viewer.role == .company else {
                throw Problem.forbidden("a successor agent is put forward by the company (2.12)")
            }
            let body = try await decode(Body.Successor.self, request)
            return try await execute(
                .proposeSuccessor(Party(id: PartyID(body.id), name: body.name, role: .escrowAgent, address: body.address)), access, request)
        }
        router.get("/escrows/:escrow/handover") { _, context in
            let access = try await access(context, agentOnly: "exporting the handover package (2.12)")
            let package: HandoverPackage
            do { package = try await service.exportHandover(access.escrowID) } catch { throw Problem.from(error) }
            return try Self.json(package)
        }
        router.post("/handover") { request, context in
            let principal = try Self.principal(context)
            guard principal.isAgent else { throw Problem.forbidden("only an agent user imports a handover (2.12)") }
            struct Import: Decodable { var successor: String; var package: HandoverPackage }
            let body = try await decode(Import.self, request, decoder: EventCoding.decoder, limit: configuration.documentBytesMax)
            let outcome: EscrowService.Outcome
            do { outcome = try await service.importHandover(body.package, as: PartyID(body.successor), at: clock.now()) } catch {
                // A package that does not verify is bad input here, not a fault of this server's log.
                if case .corrupt(let reason)? = error as? ServiceError {
                    throw Problem(.unprocessableContent, "invalid-handover", "The handover package does not verify", detail: reason, clause: "2.12")
                }
                throw Problem.from(error)
            }
            changes.publish(body.package.escrowID)
            return try result(outcome, escrowID: body.package.escrowID, command: "accept-handover", viewer: .agent(userID: principal.userID), status: .created)
        }
        return router
    }

    // MARK: Access

    struct Access {
        var principal: Principal
        var escrowID: EscrowID
        var viewer: Viewer
        var state: EscrowState
        /// The sequence of the escrow's last event when the state was read.
        var lastSequence: Int64
    }

    /// The escrow's status as the caller may see it; unchanged answers are sent again as
    /// encoded the first time.
    func status(_ context: Context) async throws -> Response {
        let access = try await access(context)
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
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
    }

    /// Recomputes the escrow's hash chain from the stored events (agent users only). Unlike
    /// every other read it does not fold the log, so a log that fails verification is
    /// answered with where it breaks rather than an error.
    func verify(_ context: Context) async throws -> Response {
        let principal = try Self.principal(context)
        let escrowID = EscrowID(context.parameters.get("escrow") ?? "")
        guard principal.isAgent || principal.parties[escrowID] != nil else { throw Problem.notFound("there is no escrow '\(escrowID)'") }
        guard principal.isAgent else { throw Problem.forbidden("verifying the log is for agent users only") }
        let records: [RecordedEvent]
        do { records = try await service.store.events(of: escrowID, after: 0) } catch { throw Problem.from(ServiceError.store(error)) }
        guard !records.isEmpty else { throw Problem.notFound("there is no escrow '\(escrowID)'") }
        return try Self.json(LogVerification(escrowID: escrowID, records: records))
    }

    static func principal(_ context: Context) throws -> Principal {
        guard let principal = context.principal else { throw Problem.unauthorized("send an API token as 'Authorization: Bearer TOKEN'") }
        return principal
    }

    /// Loads the escrow for the caller; a party user not tied to it is told it does not
    /// exist, so ids of other escrows do not leak.
    func access(_ context: Context, agentOnly action: String? = nil) async throws -> Access {
        let principal = try Self.principal(context)
        let escrowID = EscrowID(context.parameters.get("escrow") ?? "")
        let party = principal.parties[escrowID]
        guard principal.isAgent || party != nil else { throw Problem.notFound("there is no escrow '\(escrowID)'") }
        if let action, !principal.isAgent { throw Problem.forbidden("\(action) is for agent users only") }
        // The cached fold, brought up to date: a read does not reload the whole log.
        let state: EscrowState
        let lastSequence: Int64
        do { (state, lastSequence) = try await service.state(of: escrowID) } catch { throw Problem.from(error) }
        return Access(
            principal: principal, escrowID: escrowID, viewer: Viewer(principal, party: party, state: state), state: state, lastSequence: lastSequence)
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

    // MARK: Writes

    func idempotencyKey(_ request: Request, _ principal: Principal) throws -> String? {
        guard let key = request.headers[.init("Idempotency-Key")!] else { return nil }
        guard !key.isEmpty, key.count <= 200 else { throw Problem.badRequest("Idempotency-Key must be 1 to 200 characters") }
        // Keys are per escrow in the log; scoping them by user keeps two users' keys apart.
        return "\(principal.userID):\(key)"
    }

    func execute(_ command: EscrowCommand, _ access: Access, _ request: Request, key: String? = nil) async throws -> Response {
        let outcome: EscrowService.Outcome
        do {
            outcome = try await service.execute(
                command, on: access.escrowID, at: clock.now(), idempotencyKey: try key ?? idempotencyKey(request, access.principal))
        } catch { throw Problem.from(error) }
        if !outcome.replayed { changes.publish(access.escrowID) }
        return try result(outcome, escrowID: access.escrowID, command: command.name, viewer: access.viewer, status: .ok)
    }

    func result(_ outcome: EscrowService.Outcome, escrowID: EscrowID, command: String, viewer: Viewer, status: HTTPResponse.Status) throws -> Response {
        // The lines are summarised against the state before each event: reload-free, from
        // the outcome's state for the agent and from the events themselves otherwise.
        let lines = zip(outcome.events, outcome.domainEvents).filter { Scoping.isVisible($1, to: viewer, in: outcome.state) }.map { record, event in
            TimelineEntry(
                sequence: record.sequence, at: record.recordedAt, clause: event.clause, type: event.type,
                summary: Scoping.summary(event, in: outcome.state, for: viewer), hash: viewer.isAgent ? record.hash : nil)
        }
        return try Self.json(CommandResult(escrow: escrowID.rawValue, command: command, replayed: outcome.replayed, events: lines), status: status)
    }

    /// Records a write that needs a second agent user and answers 202 with the approval.
    func propose(_ command: EscrowCommand, kind: PendingApproval.Kind, _ access: Access, _ request: Request) async throws -> Response {
        // Refuse at once what the agreement refuses now, so nobody approves a doomed request;
        // the decision is made again, against the state of the day, when it is approved.
        do { _ = try EscrowDecider.handle(command, state: access.state, at: clock.now()) } catch {
            throw Problem(ServiceError.refused(error))
        }
        let approval = try await users.propose(
            command, kind: kind, escrowID: access.escrowID, maker: access.principal.userID, at: clock.now(),
            idempotencyKey: try idempotencyKey(request, access.principal))
        return try Self.json(ApprovalView(approval), status: .accepted)
    }

    func confirm(_ request: Request, _ context: Context) async throws -> Response {
        let access = try await access(context, agentOnly: "approving a payment or confirming bank details")
        let id = context.parameters.get("approval") ?? ""
        let body = try await decode(Body.Confirm.self, request)
        guard let approval = try await users.approval(id, escrowID: access.escrowID) else { throw Problem.notFound("there is no approval \(id)") }
        guard approval.maker != access.principal.userID else {
            throw Problem.forbidden("the agent user who made the request cannot also check it; a second agent user must")
        }
        if approval.kind == .callback, (body.note ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw Problem.badRequest("a call-back confirmation needs a note: whom you called, at which number on file, when")
        }
        // The command runs under a key of the approval, so a retried confirmation is answered,
        // not repeated; once checked, the approval answers with its first checker's control.
        let key = "approval-\(approval.id)"
        let control = DeskControl(
            kind: approval.kind == .callback ? .callBack : .makerChecker, approvalID: approval.id, maker: approval.maker,
            checker: approval.checker ?? access.principal.userID, note: approval.checker == nil ? body.note : approval.note)
        let outcome: EscrowService.Outcome
        do {
            outcome = try await service.execute(.approved(approval.command, control: control), on: access.escrowID, at: clock.now(), idempotencyKey: key)
        } catch {
            throw Problem(error)
        }
        if approval.checker == nil {
            try await users.check(approval.id, escrowID: access.escrowID, checker: access.principal.userID, note: body.note, at: clock.now())
        }
        if !outcome.replayed { changes.publish(access.escrowID) }
        return try result(outcome, escrowID: access.escrowID, command: approval.command.name, viewer: access.viewer, status: .ok)
    }

    func createEscrow(_ request: Request, _ context: Context) async throws -> Response {
        let principal = try Self.principal(context)
        guard principal.isAgent else { throw Problem.forbidden("opening an escrow (1.1) is for agent users only") }
        let body = try await decode(Body.CreateEscrow.self, request)
        let terms: AgreementTerms
        do { terms = try AgreementFile.parse(body.agreement, sourceName: "agreement") } catch {
            throw Problem(.unprocessableContent, "invalid-agreement", "The agreement file is not valid", detail: "\(error)", clause: "1.1")
        }
        let escrowID = EscrowID(body.id ?? terms.id)
        let key = try idempotencyKey(request, principal)
        let outcome: EscrowService.Outcome
        do { outcome = try await service.open(escrowID, terms: terms, at: clock.now(), idempotencyKey: key) } catch { throw Problem.from(error) }
        changes.publish(escrowID)
        return try result(outcome, escrowID: escrowID, command: "create", viewer: .agent(userID: principal.userID), status: outcome.replayed ? .ok : .created)
    }

    func listEscrows(_ context: Context) async throws -> Response {
        let principal = try Self.principal(context)
        struct Line: Encodable { var id: String; var party: String? }
        let ids: [EscrowID]
        do { ids = try await service.store.escrowIDs() } catch { throw Problem(ServiceError.store(error)) }
        let lines = ids.compactMap { id -> Line? in
            if principal.isAgent { return Line(id: id.rawValue, party: nil) }
            return principal.parties[id].map { Line(id: id.rawValue, party: $0.rawValue) }
        }
        return try Self.json(lines)
    }

    func uploadDocument(_ request: Request, _ context: Context) async throws -> Response {
        let access = try await access(context)
        let query = request.uri.queryParameters
        guard let condition = query["condition"].map(String.init), !condition.isEmpty else {
            throw Problem.badRequest("name the condition the document satisfies: ?condition=ID")
        }
        let from = try Self.actingParty(access, named: query["from"].map(String.init))
        let buffer = try await collect(request, limit: configuration.documentBytesMax)
        guard buffer.readableBytes > 0 else { throw Problem.badRequest("the document is empty") }
        let data = Data(buffer.readableBytesView)
        let sha = DocumentStore.sha256(data)
        let staged: URL
        do { staged = try documents.stage(data) } catch {
            throw Problem(.serviceUnavailable, "unavailable", "Documents cannot be stored", detail: "the document store is not writable")
        }
        let response: Response
        do {
            response = try await execute(
                .receiveDocument(condition: ConditionID(condition), from: from, title: query["title"].map(String.init), sha256: sha, byteCount: data.count),
                access, request)
        } catch {
            documents.discard(staged)
            throw error
        }
        do { try documents.commit(staged, sha256: sha) } catch {
            context.logger.error("document recorded but not moved into place", metadata: ["sha256": "\(sha)", "error": "\(error)", "request_id": "\(context.requestID)"])
        }
        return response
    }

    // MARK: Server-sent events

    func events(_ request: Request, _ context: Context) async throws -> Response {
        let access = try await access(context)
        let query = request.uri.queryParameters
        let lastEventID = request.headers[.init("Last-Event-ID")!].flatMap { Int64($0) } ?? query["after"].flatMap { Int64(String($0)) }
        let limit = query["limit"].flatMap { Int(String($0)) }
        let subscription = changes.subscription()
        let service = service
        let escrowID = access.escrowID
        let viewer = access.viewer
        let start = lastEventID ?? access.lastSequence
        let body = ResponseBody { writer in
            var last = start
            var sent = 0
            func flush(_ writer: inout any ResponseBodyWriter) async throws -> Bool {
                let (_, records) = try await service.load(escrowID)
                let events = try EscrowService.decode(records)
                let fresh = records.filter { $0.sequence > last }
                guard !fresh.isEmpty else { return false }
                let entries = Scoping.timeline(records, events: events, viewer: viewer).filter { ($0.sequence ?? 0) > last }
                for entry in entries {
                    let data = String(decoding: try Self.encoder.encode(entry), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: "id: \(entry.sequence ?? 0)\nevent: \(entry.type)\ndata: \(data)\n\n"))
                    sent += 1
                    if let limit, sent >= limit { return true }
                }
                last = fresh.last?.sequence ?? last
                return false
            }
            try await writer.write(ByteBuffer(string: ": escrow \(escrowID) events for \(viewer.label)\n\n"))
            // A stream never ends by itself: at graceful shutdown it is closed so that the
            // server can finish its other in-flight requests and stop.
            try await withGracefulShutdownHandler {
                var done = try await flush(&writer)
                if !done {
                    for await changed in subscription.stream where changed == escrowID {
                        done = try await flush(&writer)
                        if done { break }
                    }
                }
            } onGracefulShutdown: {
                subscription.finish()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    // MARK: Decoding and encoding

    func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        do { return try await request.body.collect(upTo: limit) } catch {
            throw Problem.tooLarge("the body exceeds the limit of \(limit) bytes for this route")
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ request: Request, decoder: JSONDecoder = EscrowAPI.requestDecoder, limit: Int? = nil) async throws -> T {
        if let contentType = request.headers[.contentType], !contentType.lowercased().contains("json") {
            throw Problem(.unsupportedMediaType, "unsupported-media-type", "JSON expected", detail: "send the body as application/json")
        }
        let buffer = try await collect(request, limit: limit ?? configuration.requestBodyBytesMax)
        do { return try decoder.decode(T.self, from: Data(buffer.readableBytesView)) } catch let error as DecodingError {
            throw Problem.badRequest(Self.describe(error))
        } catch {
            throw Problem.badRequest("the body is not valid JSON")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the body" : text
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not valid JSON" : "\(path(context.codingPath)) is malformed"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is required"
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)) must be \(Self.typeName(type))"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)) must be \(Self.typeName(type)), not null"
        @unknown default: return "the body does not match the expected shape"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "an integer"
        default: "\(type)"
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func money(_ text: String, _ currency: Currency, field: String) throws -> Money {
        do { return try Money.parse(text, currency) } catch {
            throw Problem(.unprocessableContent, "invalid-amount", "Invalid amount", detail: "\(field): \(error)")
        }
    }

    static func instrument(_ text: String) throws -> Instrument {
        guard let instrument = Instrument(text: text) else {
            throw Problem(
                .unprocessableContent, "invalid", "Invalid value",
                detail: "instrument '\(text)' must be release-notice, amendment:ID, successor-appointment:ID or settlement:HOLD")
        }
        return instrument
    }
}
