import EscrowCore
import EscrowStore
import EscrowUsers
import Foundation
import Hummingbird

/// The desk's forms. Each is checked for its CSRF token, turned into the same
/// ``EscrowCommand`` the JSON API builds, and decided by the same service; a refusal comes
/// back on the same page, beside the field it is about, with what was typed kept.
extension WebDesk {
    /// What a form asks for: a command, and the form field each refusal field is shown beside.
    struct Step {
        var command: EscrowCommand
        var fields: [EscrowRefusal.Field: String] = [:]
    }

    /// Reads, checks and runs a form that becomes one command.
    func write(
        _ request: Request, _ context: Context, form name: String, limit: Int = Limits.webFormBytesMax,
        build: (EscrowAPI.Access, WebForm) throws -> Step
    ) async throws -> Response {
        try await signedIn(request) { session in
            let form = try await WebForm.read(request, limit: limit)
            guard session.accepts(csrf: form["csrf"]) else {
                return WebLayout.problem(.forbidden, "Form refused", "The form did not come from this desk (its CSRF token does not match); nothing was changed.", session: session)
            }
            let access = try await api.access(context.signedIn(session))
            do {
                let step = try build(access, form)
                try await run(step, access)
            } catch let refusal as WebRefusal {
                return try await refused(refusal, form: name, values: form.fields, access, session)
            }
            return WebLayout.seeOther("/desk/escrows/\(access.escrowID.rawValue)?done=\(name)#main")
        }
    }

    /// Runs a command through the service; a refusal is thrown as a ``WebRefusal`` naming its field.
    func run(_ step: Step, _ access: EscrowAPI.Access) async throws {
        do {
            let outcome = try await api.service.execute(step.command, on: access.escrowID, at: api.clock.now(), idempotencyKey: nil)
            if !outcome.replayed { api.changes.publish(access.escrowID) }
        } catch .refused(let refusal) {
            throw WebRefusal(message: refusal.reason, clause: refusal.clause, field: WebRefusal.field(of: refusal, names: step.fields))
        } catch {
            throw Problem.from(error)
        }
    }

    func refused(
        _ refusal: WebRefusal, form: String, values: [String: String], _ access: EscrowAPI.Access, _ session: WebSession
    ) async throws -> Response {
        var kept = values
        kept["csrf"] = nil
        let state = WebFormState(form: form, values: kept, errors: [refusal.field ?? "": refusal.sentence])
        return try await escrowPage(access, session, form: state, notice: nil, status: .unprocessableContent)
    }

    static func requireAgent(_ access: EscrowAPI.Access, _ what: String, clause: String) throws {
        guard access.viewer.isAgent else { throw WebRefusal(message: "\(what) is for agent users only", clause: clause, field: nil) }
    }

    /// An amount as typed (`3,000,000.00` or `3000000.00`), refused beside its field when it
    /// is not one.
    static func amount(_ text: String?, _ access: EscrowAPI.Access, field: String, clause: String) throws -> Money {
        guard let text, !text.isEmpty else { throw WebRefusal(message: "enter an amount", clause: clause, field: field) }
        do { return try Money.parse(text.replacingOccurrences(of: ",", with: ""), access.state.currency) } catch {
            throw WebRefusal(message: "'\(text)' is not an amount in \(access.state.currency.code): \(error)", clause: clause, field: field)
        }
    }

    static func required(_ form: WebForm, _ name: String, _ what: String, clause: String) throws -> String {
        guard let value = form.value(name) else { throw WebRefusal(message: "enter \(what)", clause: clause, field: name) }
        return value
    }

    func recordWire(_ access: EscrowAPI.Access, _ form: WebForm) throws -> Step {
        try Self.requireAgent(access, "recording a wire", clause: "1.1, 1.3")
        let amount = try Self.amount(form.value("amount"), access, field: "amount", clause: "1.1")
        let reference = try Self.required(form, "bankReference", "the bank's reference of the wire", clause: "1.3")
        let purchaser = form.value("purchaser").map { PartyID($0) }
        return Step(
            command: .recordDeposit(bankReference: reference, purchaser: purchaser, senderName: form.value("senderName"), amount: amount),
            fields: [.depositAmount: "amount", .bankReference: "bankReference", .depositor: "purchaser", .senderName: "senderName"])
    }

    func placeHold(_ access: EscrowAPI.Access, _ form: WebForm) throws -> Step {
        try Self.requireAgent(access, "a dispute hold", clause: "2.14")
        let id = try Self.required(form, "id", "an id for the hold", clause: "2.14")
        let amount = try form.value("amount").map { try Self.amount($0, access, field: "amount", clause: "2.14") }
        let reason = try Self.required(form, "reason", "what the dispute is about", clause: "2.14")
        let party = try Self.required(form, "party", "the party concerned", clause: "2.14")
        return Step(
            command: .placeHold(id: HoldID(id), amount: amount, reason: reason, partiesConcerned: [PartyID(party)]),
            fields: [.holdAmount: "amount", .dispute: "reason", .partyConcerned: "party"])
    }

    func receiveDocument(_ request: Request, _ context: Context) async throws -> Response {
        var staged: (URL, String)?
        let response = try await write(request, context, form: "document", limit: api.configuration.documentBytesMax + Limits.webFormBytesMax) { access, form in
            try Self.requireAgent(access, "receiving a document", clause: "1.2")
            let condition = try Self.required(form, "condition", "the condition the document answers", clause: "1.2")
            let from = try Self.required(form, "from", "who delivered it", clause: "1.2")
            guard let file = form.files["file"], !file.data.isEmpty else {
                throw WebRefusal(message: "choose the document's file; it is received by its SHA-256", clause: "1.2", field: "file")
            }
            let sha = DocumentStore.sha256(file.data)
            guard let url = try? api.documents.stage(file.data) else {
                throw Problem(.serviceUnavailable, "unavailable", "Documents cannot be stored", detail: "the document store is not writable")
            }
            staged = (url, sha)
            return Step(
                command: .receiveDocument(condition: ConditionID(condition), from: PartyID(from), title: nil, sha256: sha, byteCount: file.data.count),
                fields: [.documentSender: "from", .documentHash: "file"])
        }
        if let (url, sha) = staged {
            if response.status == .seeOther { try? api.documents.commit(url, sha256: sha) } else { api.documents.discard(url) }
        }
        return response
    }

    /// A party delivers its counterpart signed with its key; an agent user attests a scanned page.
    func sign(_ request: Request, _ context: Context) async throws -> Response {
        let isAgent = await session(request)?.principal.isAgent ?? false
        return try await write(request, context, form: isAgent ? "attest" : "sign", limit: api.configuration.documentBytesMax + Limits.webFormBytesMax) { access, form in
            switch access.viewer {
            case .party(let me, _):
                guard let file = form.files["signature"], !file.data.isEmpty, file.data.count <= 1_024 else {
                    throw WebRefusal(message: "choose the file holding your base64 signature (at most 1 KiB)", clause: "1.4, 2.8", field: "signature")
                }
                let signature = String(decoding: file.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                return Step(
                    command: .sign(instrument: .releaseNotice, signer: me, evidence: .ed25519(signatureBase64: signature)),
                    fields: [.signer(.releaseNotice): "signature"])
            case .agent(let user):
                let signer = try Self.required(form, "signer", "the signer", clause: "2.10")
                guard let scan = form.files["scan"], !scan.data.isEmpty else {
                    throw WebRefusal(message: "choose the scanned signature page", clause: "2.10", field: "scan")
                }
                return Step(
                    command: .sign(instrument: .releaseNotice, signer: PartyID(signer), evidence: .paper(scanSHA256: DocumentStore.sha256(scan.data), attestedBy: user.rawValue)),
                    fields: [.signer(.releaseNotice): "signer", .scanHash: "scan"])
            }
        }
    }

    /// A release or refund waits for a second agent user (maker and checker).
    func requestDisbursement(_ command: EscrowCommand, _ request: Request, _ context: Context, form name: String) async throws -> Response {
        try await signedIn(request) { session in
            let form = try await WebForm.read(request, limit: Limits.webFormBytesMax)
            guard session.accepts(csrf: form["csrf"]) else {
                return WebLayout.problem(.forbidden, "Form refused", "The form did not come from this desk (its CSRF token does not match); nothing was changed.", session: session)
            }
            let access = try await api.access(context.signedIn(session), agentOnly: "a release or refund")
            do { _ = try EscrowDecider.handle(command, state: access.state, at: api.clock.now()) } catch let error as EscrowRefusal {
                return try await refused(WebRefusal(message: error.reason, clause: error.clause, field: nil), form: name, values: [:], access, session)
            }
            _ = try await api.users.propose(
                command, kind: .disbursement, escrowID: access.escrowID, maker: session.principal.userID, at: api.clock.now(), idempotencyKey: nil)
            return WebLayout.seeOther("/desk/escrows/\(access.escrowID.rawValue)?done=\(name)#approvals")
        }
    }

    func approve(_ request: Request, _ context: Context) async throws -> Response {
        try await signedIn(request) { session in
            let form = try await WebForm.read(request, limit: Limits.webFormBytesMax)
            guard session.accepts(csrf: form["csrf"]) else {
                return WebLayout.problem(.forbidden, "Form refused", "The form did not come from this desk (its CSRF token does not match); nothing was changed.", session: session)
            }
            let access = try await api.access(context.signedIn(session), agentOnly: "approving a payment or confirming bank details")
            let id = ApprovalID(context.parameters.get("approval") ?? "")
            do { _ = try await api.approve(id, note: form.value("note"), access) } catch let problem as Problem where problem.status.code < 500 {
                let fresh = try await api.access(context.signedIn(session))
                return try await refused(
                    WebRefusal(message: problem.detail, clause: problem.clause, field: nil), form: "approve-\(id.rawValue)", values: form.fields, fresh, session)
            }
            return WebLayout.seeOther("/desk/escrows/\(access.escrowID.rawValue)?done=approve#approvals")
        }
    }

    /// Demo only: the deal's clock moves to 10:00 of the next business day, and deadlines
    /// that closed meanwhile fire (1.7's refund among them).
    func nextBusinessDay(_ request: Request) async throws -> Response {
        try await signedIn(request) { session in
            let form = try await WebForm.read(request, limit: Limits.webFormBytesMax)
            guard let demo, session.accepts(csrf: form["csrf"]) else {
                return WebLayout.problem(.notFound, "Not here", "The clock moves only on a demo server, from its own form.", session: session)
            }
            try await demo.nextBusinessDay(service: api.service, changes: api.changes)
            return WebLayout.seeOther("/desk")
        }
    }
}
