import EscrowCore
import EscrowUsers
import Foundation
import Hummingbird

extension WebDesk {
    /// A second agent user rejects a request awaiting its check: the reason goes into the log
    /// with who rejected it; nothing runs and the money stays held. A refusal comes back beside
    /// the reason field, with what was typed kept.
    func reject(_ request: Request, _ context: Context) async throws -> Response {
        try await signedIn(request) { session in
            let form = try await WebForm.read(request, limit: Limits.webFormBytesMax)
            guard session.accepts(csrf: form["csrf"]) else {
                return WebLayout.problem(.forbidden, "Form refused", "The form did not come from this desk (its CSRF token does not match); nothing was changed.", session: session)
            }
            let access = try await api.access(context.signedIn(session), agentOnly: "rejecting a payment or bank details")
            let id = ApprovalID(context.parameters.get("approval") ?? "")
            let name = "reject-\(id.rawValue)"
            do {
                guard let reason = form.value("reason") else {
                    throw WebRefusal(message: "enter the reason for the rejection; it is recorded in the log", clause: "desk control", field: "reason")
                }
                guard reason.utf8.count <= Limits.textBytesMax else {
                    throw WebRefusal(message: "the reason is longer than \(Limits.textBytesMax) bytes", clause: "desk control", field: "reason")
                }
                do { _ = try await api.reject(id, reason: reason, access) } catch let problem as Problem where problem.status.code < 500 {
                    throw WebRefusal(message: problem.detail, clause: problem.clause, field: nil)
                }
            } catch let refusal as WebRefusal {
                let fresh = try await api.access(context.signedIn(session))
                return try await refused(refusal, form: name, values: form.fields, fresh, session)
            }
            return WebLayout.seeOther("/desk/escrows/\(access.escrowID.rawValue)?done=reject#approvals")
        }
    }
}
