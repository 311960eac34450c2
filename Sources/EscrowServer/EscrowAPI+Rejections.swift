import EscrowCore
import EscrowStore
import EscrowUsers
import Foundation
import Hummingbird

/// The second agent user's refusal of a request: the log records who rejected it and why,
/// nothing runs, and the request is no longer pending.
extension EscrowAPI {
    func rejectRoute(_ request: Request, _ context: Context) async throws -> Response {
        let access = try await access(context, agentOnly: "rejecting a payment or bank details")
        let id = ApprovalID(context.parameters.get("approval") ?? "")
        let body = try await decode(Body.Reject.self, request)
        let (approval, outcome) = try await reject(id, reason: body.reason, access)
        return try result(outcome, escrowID: access.escrowID, command: "reject-\(approval.command.name)", viewer: access.viewer, status: .ok)
    }

    /// Rejects an approval, from the JSON API or the web desk. The log decides a request once:
    /// a request already approved is refused (409), and an approved one can no longer run
    /// after this. A retried rejection is answered, not recorded twice.
    func reject(_ id: ApprovalID, reason: String, _ access: Access) async throws -> (PendingApproval, EscrowService.Outcome) {
        guard let approval = try await users.approval(id, escrowID: access.escrowID) else { throw Problem.notFound("there is no approval \(id)") }
        guard approval.maker != access.principal.userID else {
            throw Problem.forbidden("the agent user who made the request cannot also check it; a second agent user must")
        }
        let control = DeskControl(
            kind: approval.kind == .callback ? .callBack : .makerChecker, approvalID: approval.id, maker: approval.maker,
            checker: access.principal.userID, note: nil)
        let outcome: EscrowService.Outcome
        do {
            outcome = try await service.execute(
                .rejected(approval.command, control: control, reason: reason), on: access.escrowID, at: clock.now(),
                idempotencyKey: "rejection-\(approval.id)")
        } catch .store(.idempotencyKeyReused) {
            throw Problem(
                .conflict, "already-checked", "The request was already rejected",
                detail: "approval \(approval.id) was already rejected by another agent user or with another reason; it is decided once")
        } catch {
            throw Problem(error)
        }
        // The directory stops listing it as pending; the log already says why.
        if approval.checker == nil {
            try await users.check(approval.id, escrowID: access.escrowID, checker: access.principal.userID, note: reason, at: clock.now())
        }
        if !outcome.replayed { changes.publish(access.escrowID) }
        return (approval, outcome)
    }
}
