import EscrowCore
import EscrowStore
import EscrowUsers
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
    let checkpoints: CheckpointCache
    /// Where reads that accept staleness may go; `nil` when the server has no standby.
    var standby: StandbyReads? = nil

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
        (.post, "/escrows/{escrow}/approvals/{approval}/reject"),
        (.post, "/escrows/{escrow}/court-orders"), (.post, "/escrows/{escrow}/deposit-with-court"),
        (.post, "/escrows/{escrow}/warnings"), (.post, "/escrows/{escrow}/amendments"), (.post, "/escrows/{escrow}/counsel-costs"),
        (.post, "/escrows/{escrow}/instrument-requests"), (.post, "/escrows/{escrow}/resignation"),
        (.post, "/escrows/{escrow}/successor"), (.get, "/escrows/{escrow}/handover"), (.post, "/handover"),
        (.get, "/escrows/{escrow}/bank"), (.post, "/escrows/{escrow}/bank/exports"), (.get, "/escrows/{escrow}/bank/exports/{file}"),
        (.post, "/escrows/{escrow}/bank/imports"), (.get, "/escrows/{escrow}/bank/exceptions"),
        (.post, "/escrows/{escrow}/bank/exceptions/{exception}/resolution"), (.post, "/escrows/{escrow}/bank/reconciliations"),
        (.get, "/escrows/{escrow}/bank/reconciliation"),
        (.get, "/escrows/{escrow}/checkpoint"), (.post, "/escrows/{escrow}/checkpoint/verify"),
    ]

    /// The methods registered for a concrete request path, in the order of ``routes``; empty
    /// when no route template matches it. A `{name}` segment matches any one non-empty segment.
    static func methods(forPath path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var methods: [HTTPRequest.Method] = []
        for (method, template) in routes {
            let parts = template.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            guard parts.count == segments.count else { continue }
            let matches = zip(parts, segments).allSatisfy { part, segment in
                part.hasPrefix("{") ? !segment.isEmpty : part == segment
            }
            if matches, !methods.contains(method) { methods.append(method) }
        }
        // HEAD is answered wherever GET is (RFC 9110, 9.3.2).
        if methods.contains(.get) { methods.append(.head) }
        return methods
    }

    func router(metrics: PrometheusCollectorRegistry) -> Router<Context> {
        let router = Router(context: Context.self)
        router.add(middleware: ObservabilityMiddleware(registry: metrics))
        router.add(middleware: AuthenticationMiddleware(users: users, clock: clock))
        router.add(middleware: CheckpointMiddleware(api: self))

        router.get("/health") { _, _ in try Self.json(["status": "ok"]) }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
        router.get("/openapi.json") { _, _ in
            guard let document = OpenAPIDocument.body else {
                throw Problem(.internalServerError, "internal", "Internal error", detail: OpenAPIDocument.missing)
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: document))
        }

        router.get("/escrows") { _, context in try await listEscrows(context) }
        router.post("/escrows") { request, context in try await createEscrow(request, context) }
        router.get("/escrows/:escrow") { request, context in try await status(request, context) }
        router.get("/escrows/:escrow/verify") { _, context in try await verify(context) }
        router.get("/escrows/:escrow/checkpoint") { _, context in try await checkpoint(context) }
        router.post("/escrows/:escrow/checkpoint/verify") { request, context in try await verifyCheckpoint(request, context) }
        router.get("/escrows/:escrow/ledger") { request, context in
            let (access, origin) = try await readAccess(request, context)
            guard let view = LedgerView(access.state.ledger, viewer: access.viewer) else {
                throw Problem.forbidden("the ledger is open to the agent and the company only")
            }
            var response = try Self.json(view)
            label(&response, origin, escrowID: access.escrowID, sequence: access.lastSequence, hash: access.lastHash)
            return response
        }
        router.get("/escrows/:escrow/timeline") { request, context in
            let (access, origin) = try await readAccess(request, context)
            let records = try await records(access.escrowID, from: origin)
            let events = try EscrowService.decode(records)
            var entries = Scoping.timeline(records, events: events, viewer: access.viewer)
            let approvals = try await users.approvals(escrowID: access.escrowID)
            let terms: AgreementTerms? = if case .opened(let opened)? = events.first { opened.terms } else { nil }
            entries += Scoping.pendingControls(approvals, terms: terms, viewer: access.viewer)
            entries.sort { $0.at < $1.at || ($0.at == $1.at && ($0.sequence ?? .max) < ($1.sequence ?? .max)) }
            var response = try Self.json(entries)
            label(&response, origin, escrowID: access.escrowID, sequence: records.last?.sequence ?? access.lastSequence, hash: records.last?.hash ?? access.lastHash)
            return response
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
            guard access.state.party(signer) != nil else { throw Problem.notFound("there is no party '\(signer)' in this escrow to sign") }
            guard let message = access.state.signingMessage(for: instrument, signer: signer) else {
                throw Problem.notFound("there is no \(instrument) to sign")
            }
            return try Self.json(["instrument": instrument.description, "signer": signer.rawValue, "message": String(decoding: message.bytes, as: UTF8.self)])
        }
        router.post("/escrows/:escrow/keys") { request, context in
            let access = try await access(context, agentOnly: "registering a signing key", citing: [.reliance])
            let body = try await decode(Body.RegisterKey.self, request)
            return try await execute(.registerKey(party: PartyID(body.party), publicKeyBase64: body.publicKeyBase64), access, request)
        }
        router.post("/escrows/:escrow/deposits") { request, context in
            let access = try await access(context, agentOnly: "recording a wire", citing: [.escrowAccount, .depositInstructions])
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
                guard access.viewer.isAgent else { throw Problem.forbidden("only an agent user attests a paper counterpart (\(access.state.terms.cite(.genuineness)))") }
                guard DocumentStore.isHash(scan) else { throw Problem(.unprocessableContent, "invalid", "Invalid value", detail: "paperScanSHA256 must be 64 lowercase hex digits") }
                evidence = .paper(scanSHA256: scan, attestedBy: access.principal.userID.rawValue)
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
            try await execute(.advise, try await access(context, agentOnly: "the advice of funds received", citing: [.advice]), request)
        }
        router.post("/escrows/:escrow/release") { request, context in
            try await propose(.release, kind: .disbursement, try await access(context, agentOnly: "a release", citing: [.release, .remainder]), request)
        }
        router.post("/escrows/:escrow/refund") { request, context in
            try await propose(.refund, kind: .disbursement, try await access(context, agentOnly: "a refund", citing: [.refund]), request)
        }
        router.post("/escrows/:escrow/tick") { request, context in
            try await execute(.tick, try await access(context, agentOnly: "moving the clock"), request)
        }
        router.get("/escrows/:escrow/approvals") { _, context in
            let access = try await access(context, agentOnly: "listing approvals")
            return try Self.json(try await users.approvals(escrowID: access.escrowID).map { ApprovalView($0, decision: access.state.deskDecision(of: $0.id)) })
        }
        router.post("/escrows/:escrow/approvals/:approval/confirm") { request, context in try await confirm(request, context) }
        router.post("/escrows/:escrow/approvals/:approval/reject") { request, context in try await rejectRoute(request, context) }
        router.post("/escrows/:escrow/holds") { request, context in
            let access = try await access(context, agentOnly: "a dispute hold", citing: [.dispute])
            let body = try await decode(Body.Hold.self, request)
            let amount = try body.amount.map { try Self.money($0, access.state.currency, field: "amount") }
            return try await execute(
                .placeHold(id: HoldID(body.id), amount: amount, reason: body.reason, partiesConcerned: body.partiesConcerned.map { PartyID($0) }), access, request)
        }
        router.post("/escrows/:escrow/court-orders") { request, context in
            let access = try await access(context, agentOnly: "recording a court order", citing: [.courtOrders])
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
                        Payment(
                            payee: access.state.payee(named: $0.payee), amount: try Self.money($0.amount, currency, field: "directive.payments.amount"),
                            destination: $0.destination, purpose: "", clause: access.state.terms.cite(.courtOrders))
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
            let access = try await access(context, agentOnly: "delivering funds to the court", citing: [.dispute])
            let body = try await decode(Body.DepositWithCourt.self, request)
            return try await execute(.depositWithCourt(court: body.court, docket: body.docket), access, request)
        }
        router.post("/escrows/:escrow/warnings") { request, context in
            let access = try await access(context)
            let body = try await decode(Body.Warning.self, request)
            let from = try access.viewer.isAgent ? (body.from ?? access.principal.userID.rawValue) : Self.actingParty(access, named: body.from).rawValue
            return try await execute(.recordWarning(from: from, text: body.text), access, request)
        }
        router.post("/escrows/:escrow/amendments") { request, context in
            let access = try await access(context, agentOnly: "proposing an amendment", citing: [.amendments, .agentDuties])
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
            let access = try await access(context, agentOnly: "claiming counsel costs", citing: [.counselCosts])
            let body = try await decode(Body.CounselCosts.self, request)
            guard DocumentStore.isHash(body.invoiceSHA256) else {
                throw Problem(.unprocessableContent, "invalid", "Invalid value", detail: "invoiceSHA256 must be 64 lowercase hex digits")
            }
            return try await execute(
                .claimCounselCosts(counsel: body.counsel, amount: try Self.money(body.amount, access.state.currency, field: "amount"), invoiceSHA256: body.invoiceSHA256),
                access, request)
        }
        router.post("/escrows/:escrow/instrument-requests") { request, context in
            let access = try await access(context, agentOnly: "requesting a further instrument", citing: [.furtherInstruments])
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
            let access = try await access(context, agentOnly: "the agent's resignation", citing: [.resignation])
            let body = try await decode(Body.Resignation.self, request)
            return try await execute(.resign(notice: body.notice), access, request)
        }
        router.post("/escrows/:escrow/successor") { request, context in
            let access = try await access(context)
            guard access.viewer.isAgent || access.viewer.role == .company else {
                throw Problem.forbidden("a successor agent is put forward by the company (\(access.state.terms.cite(.succession)))")
            }
            let body = try await decode(Body.Successor.self, request)
            return try await execute(
                .proposeSuccessor(Party(id: PartyID(body.id), name: body.name, role: .escrowAgent, address: body.address)), access, request)
        }
        router.get("/escrows/:escrow/handover") { _, context in
            let access = try await access(context, agentOnly: "exporting the handover package", citing: [.succession])
            let package: HandoverPackage
            do { package = try await service.exportHandover(access.escrowID) } catch { throw Problem.from(error) }
            return try Self.json(package)
        }
        router.post("/handover") { request, context in
            let principal = try Self.principal(context)
            guard principal.isAgent else { throw Problem.forbidden("only an agent user imports a handover (\(Rule.succession.words))") }
            struct Import: Decodable { var successor: String; var package: HandoverPackage }
            let body = try await decode(Import.self, request, decoder: EventCoding.decoder, limit: Limits.handoverBytesMax)
            let outcome: EscrowService.Outcome
            do { outcome = try await service.importHandover(body.package, as: PartyID(body.successor), at: clock.now()) } catch {
                // A package that does not verify is bad input here, not a fault of this server's log.
                if case .corrupt(let reason)? = error as? ServiceError {
                    throw Problem(.unprocessableContent, "invalid-handover", "The handover package does not verify", detail: reason, clause: Rule.succession.words)
                }
                throw Problem.from(error)
            }
            changes.publish(body.package.escrowID)
            return try result(outcome, escrowID: body.package.escrowID, command: "accept-handover", viewer: .agent(userID: principal.userID), status: .created)
        }
        registerBankRoutes(router, metrics: metrics)
        WebDesk(api: self, sessionClock: SystemEscrowClock(), demo: configuration.demo).register(on: router)
        return router
    }
}
