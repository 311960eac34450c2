import EscrowCore
import EscrowStore
import EscrowUsers
import Foundation
import Hummingbird

/// A party's written wire instructions (1.6, 1.7), in two steps without JavaScript: the bank
/// details are typed, the page shows the exact text to sign (it covers the details' digest),
/// and the signature made with the party's key is uploaded. The details then wait for the
/// desk's call-back, confirmed by an agent user, before they take effect.
extension WebDesk {
    static let instructionFields = ["accountName", "bank", "routingNumber", "accountNumber"]

    /// The one instruction line the form gives (the whole amount to one account).
    static func instructionLines(_ form: WebForm) throws -> [InstructionLine] {
        var values: [String: String] = [:]
        let labels = ["accountName": "the account's name", "bank": "the bank", "routingNumber": "the routing number", "accountNumber": "the account number"]
        for name in instructionFields {
            guard let value = form.value(name) else { throw WebRefusal(message: "enter \(labels[name] ?? name)", clause: "1.6", field: name) }
            guard value.utf8.count <= 200 else { throw WebRefusal(message: "\(labels[name] ?? name) is longer than 200 bytes", clause: "1.6", field: name) }
            values[name] = value
        }
        guard let routing = values["routingNumber"], routing.count == 9, routing.allSatisfy(\.isASCII), routing.allSatisfy(\.isNumber) else {
            throw WebRefusal(message: "a routing number is nine digits", clause: "1.6", field: "routingNumber")
        }
        let account = BankAccount(
            accountName: values["accountName"] ?? "", bank: values["bank"] ?? "", routingNumber: routing, accountNumber: values["accountNumber"] ?? "")
        return [InstructionLine(account: account, amount: nil)]
    }

    static func instructionsMessage(_ lines: [InstructionLine], _ access: EscrowAPI.Access) -> SigningMessage? {
        guard let me = access.viewer.party else { return nil }
        return access.state.signingMessage(for: .paymentInstructions(EventCoding.digest(of: lines)), signer: me)
    }

    func registerInstructions(on router: Router<Context>) {
        router.get("/desk/escrows/:escrow/instructions/signing-text") { request, context in
            try await signedIn(request) { session in
                let access = try await api.access(context.signedIn(session))
                var form = WebForm()
                for name in Self.instructionFields { form.fields[name] = request.uri.queryParameters[Substring(name)].map(String.init) }
                guard let lines = try? Self.instructionLines(form), let message = Self.instructionsMessage(lines, access) else {
                    throw Problem.badRequest("give the four bank details of the instructions to sign")
                }
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .contentDisposition: "attachment; filename=\"wire-instructions.txt\""],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: message.bytes)))
            }
        }
        router.post("/desk/escrows/:escrow/instructions") { request, context in
            try await signedIn(request) { session in
                let form = try await WebForm.read(request, limit: Limits.webFormBytesMax)
                guard session.accepts(csrf: form["csrf"]) else {
                    return WebLayout.problem(.forbidden, "Form refused", "The form did not come from this desk (its CSRF token does not match); nothing was changed.", session: session)
                }
                let access = try await api.access(context.signedIn(session))
                var kept = form.fields
                kept["csrf"] = nil
                do {
                    guard let me = access.viewer.party else {
                        throw WebRefusal(message: "written wire instructions are given by the party itself", clause: "1.6", field: nil)
                    }
                    let lines = try Self.instructionLines(form)
                    guard let file = form.files["signature"], !file.data.isEmpty else {
                        // First step: show the text to sign for exactly these details.
                        return try await escrowPage(access, session, form: WebFormState(form: "instructions", values: kept, errors: [:]), notice: nil)
                    }
                    guard file.data.count <= 1_024 else {
                        throw WebRefusal(message: "a signature file holds at most 1 KiB of base64", clause: "1.6, 2.8", field: "signature")
                    }
                    let signature = String(decoding: file.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    let command = EscrowCommand.giveInstructions(party: me, lines: lines, evidence: .ed25519(signatureBase64: signature))
                    do { _ = try EscrowDecider.handle(command, state: access.state, at: api.clock.now()) } catch let error as EscrowRefusal {
                        let field = WebRefusal.field(of: error, names: [.accountName: "accountName", .bank: "bank", .instructingParty: "signature"]) ?? "signature"
                        throw WebRefusal(message: error.reason, clause: error.clause, field: field)
                    }
                    _ = try await api.users.propose(
                        command, kind: .callback, escrowID: access.escrowID, maker: session.principal.userID, at: api.clock.now(), idempotencyKey: nil)
                } catch let refusal as WebRefusal {
                    return try await refused(refusal, form: "instructions", values: kept, access, session)
                }
                return WebLayout.seeOther("/desk/escrows/\(access.escrowID.rawValue)?done=instructions#instructions")
            }
        }
    }
}

extension WebEscrowPage {
    /// The party's form: bank details first; once typed, the text to sign and the upload.
    var instructionsForm: HTML {
        guard viewer.party != nil, state.phase == .open else { return "" }
        let typed = form?.form == "instructions" ? (try? WebDesk.instructionLines(WebForm(fields: form?.values ?? [:]))) : nil
        var signing: HTML = ""
        if let lines = typed, let message = WebDesk.instructionsMessage(lines, access) {
            let query = WebDesk.instructionFields.map { name in
                "\(name)=\((form?.values[name] ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&")
            signing = """
                <p>Sign exactly this text with your registered key (<code>escrow keys sign</code>) and upload the signature. <a id="instructions-text-link" href="\(base)/instructions/signing-text?\(query)">Download the text of these instructions</a>.</p>
                <pre class="signing" id="instructions-signing-text">\(String(decoding: message.bytes, as: UTF8.self))</pre>
                \(WebField.input("instructions", "signature", label: "Signature file", type: "file", hint: "A file holding the base64 Ed25519 signature", state: form))
                """
        }
        return """
            <form class="desk" method="post" action="\(base)/instructions" enctype="multipart/form-data" novalidate><fieldset><legend>Give written wire instructions (1.6, 1.7)</legend>
            \(WebLayout.csrfField(session))\(WebField.formError("instructions", state: form))
            \(WebField.input("instructions", "accountName", label: "Account name", state: form))
            \(WebField.input("instructions", "bank", label: "Bank", state: form))
            \(WebField.input("instructions", "routingNumber", label: "Routing number", hint: "Nine digits", state: form, extra: " inputmode=\"numeric\""))
            \(WebField.input("instructions", "accountNumber", label: "Account number", state: form))
            \(signing)<button type="submit">\(typed == nil ? "Show the text to sign" : "Give the instructions")</button></fieldset></form>
            """
    }
}
