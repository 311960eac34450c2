import EscrowCore
import EscrowStore
import EscrowUsers
import Foundation
import Hummingbird
import Logging

/// Writes: commands through the service, desk approvals, new escrows and documents.
extension EscrowAPI {
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
                sequence: record.sequence, at: record.recordedAt, clause: event.clause(in: outcome.state), type: event.type,
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
        let id = ApprovalID(context.parameters.get("approval") ?? "")
        let body = try await decode(Body.Confirm.self, request)
        let (approval, outcome) = try await approve(id, note: body.note, access)
        return try result(outcome, escrowID: access.escrowID, command: approval.command.name, viewer: access.viewer, status: .ok)
    }

    /// The second agent user's check of an approval, from the JSON API or the web desk: the
    /// command it holds runs, with the control recorded in the same append.
    func approve(_ id: ApprovalID, note: String?, _ access: Access) async throws -> (PendingApproval, EscrowService.Outcome) {
        guard let approval = try await users.approval(id, escrowID: access.escrowID) else { throw Problem.notFound("there is no approval \(id)") }
        guard approval.maker != access.principal.userID else {
            throw Problem.forbidden("the agent user who made the request cannot also check it; a second agent user must")
        }
        if approval.kind == .callback, (note ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw Problem.badRequest("a call-back confirmation needs a note: whom you called, at which number on file, when")
        }
        // The command runs under a key of the approval, so a retried confirmation is answered,
        // not repeated; once checked, the approval answers with its first checker's control.
        let key = "approval-\(approval.id)"
        let control = DeskControl(
            kind: approval.kind == .callback ? .callBack : .makerChecker, approvalID: approval.id, maker: approval.maker,
            checker: approval.checker ?? access.principal.userID, note: approval.checker == nil ? note : approval.note)
        let outcome: EscrowService.Outcome
        do {
            outcome = try await service.execute(.approved(approval.command, control: control), on: access.escrowID, at: clock.now(), idempotencyKey: key)
        } catch .store(.idempotencyKeyReused) {
            // Another agent user's check of this approval, on this server or another, ran first.
            throw Problem(
                .conflict, "already-checked", "The approval was already given",
                detail: "approval \(approval.id) was already checked by another agent user; it runs once")
        } catch {
            throw Problem(error)
        }
        if approval.checker == nil {
            try await users.check(approval.id, escrowID: access.escrowID, checker: access.principal.userID, note: note, at: clock.now())
        }
        if !outcome.replayed { changes.publish(access.escrowID) }
        return (approval, outcome)
    }

    func createEscrow(_ request: Request, _ context: Context) async throws -> Response {
        let principal = try Self.principal(context)
        guard principal.isAgent else { throw Problem.forbidden("opening an escrow is for agent users only") }
        let body = try await decode(Body.CreateEscrow.self, request)
        let terms: AgreementTerms
        do { terms = try AgreementFile.parse(body.agreement, sourceName: "agreement") } catch {
            throw Problem(.unprocessableContent, "invalid-agreement", "The agreement file is not valid", detail: "\(error)")
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
}
