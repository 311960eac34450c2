import EscrowCore
import EscrowUsers
import Foundation

/// The agent's part of an escrow's page: requests awaiting a second agent user, with approve
/// and reject, the release and refund requests, and the decisions the log records.
extension WebEscrowPage {
    /// Decisions shown under the pending requests; the timeline holds every one.
    static let decisionsShownMax = 20

    /// Still waiting: no second agent user has approved or rejected it, in the directory or
    /// in the log (which decides when the two disagree after an interrupted write).
    func isPending(_ approval: PendingApproval) -> Bool {
        approval.checker == nil && state.deskDecision(of: approval.id) == nil
    }

    func describe(_ command: EscrowCommand) -> String {
        switch command {
        case .giveInstructions(let party, let lines, _):
            return "bank details of \(state.displayName(party)): "
                + lines.map { "\($0.account.accountName), \($0.account.bank), account \($0.account.accountNumber)" }.joined(separator: "; ")
        default: return command.name
        }
    }

    func checkForms(_ approval: PendingApproval) -> HTML {
        guard approval.maker != session.principal.userID else { return "<span>made by you; a second agent user must check it</span>" }
        let id = approval.id.rawValue
        let note: HTML =
            approval.kind == .callback
            ? WebField.input("approve-\(id)", "note", label: "Call-back record", hint: "Whom you called, at which number on file, when", state: form) : ""
        return """
            <form method="post" action="\(base)/approvals/\(id)/approve" class="desk" novalidate>\(WebLayout.csrfField(session))\
            \(WebField.formError("approve-\(id)", state: form))\(note)<button type="submit">Approve</button></form>\
            <form method="post" action="\(base)/approvals/\(id)/reject" class="desk" novalidate>\(WebLayout.csrfField(session))\
            \(WebField.formError("reject-\(id)", state: form))\
            \(WebField.input("reject-\(id)", "reason", label: "Reason to reject", hint: "Recorded in the log; nothing is paid and the money stays held", state: form))\
            <button type="submit" class="reject">Reject</button></form>
            """
    }

    var approvalsSection: HTML {
        let pending = approvals.filter(isPending)
        let rows = HTML.join(pending.map { approval in
            "<tr><td>\(approval.id.rawValue)</td><td>\(approval.kind == .callback ? "call-back (1.6, 1.7)" : "maker-checker (1.5, 1.6)")</td><td>\(describe(approval.command))</td><td>\(approval.maker.rawValue)</td><td>\(when(approval.madeAt))</td><td>\(checkForms(approval))</td></tr>"
        })
        let table: HTML = pending.isEmpty
            ? "<p>Nothing awaits a second agent user.</p>"
            : "<table><caption>Awaiting a second agent user's check</caption><thead><tr><th scope=\"col\">Approval</th><th scope=\"col\">Control</th><th scope=\"col\">What</th><th scope=\"col\">Maker</th><th scope=\"col\">Made</th><th scope=\"col\">Check</th></tr></thead><tbody>\(rows)</tbody></table>"
        let requests: HTML = state.phase == .open ? """
            <form class="desk" method="post" action="\(base)/release" novalidate><fieldset><legend>Request the release (1.5, 1.6)</legend>\(WebLayout.csrfField(session))\(WebField.formError("release", state: form))
            <p>A second agent user must approve it before any money moves.</p><button type="submit">Request the release</button></fieldset></form>
            <form class="desk" method="post" action="\(base)/refund" novalidate><fieldset><legend>Request the refund (1.7)</legend>\(WebLayout.csrfField(session))\(WebField.formError("refund", state: form))
            <p>A second agent user must approve it before any money moves.</p><button type="submit">Request the refund</button></fieldset></form>
            """ : ""
        return "<h2 id=\"approvals\">Payments awaiting a second agent user</h2>\(table)\(decisions)\(requests)"
    }

    /// The latest checks the log records: approved (the command ran) or rejected (with why).
    var decisions: HTML {
        struct Line { var at: Date; var id: String; var what: String; var maker: String; var checker: String; var outcome: String; var clause: String }
        var lines = state.deskControls.map { recorded in
            Line(
                at: recorded.at, id: recorded.control.approvalID.rawValue, what: recorded.command, maker: recorded.control.maker.rawValue,
                checker: recorded.control.checker.rawValue, outcome: "approved" + (recorded.control.note.map { ": \($0)" } ?? ""), clause: recorded.clause)
        }
        lines += state.deskRejections.map { rejected in
            Line(
                at: rejected.at, id: rejected.control.approvalID.rawValue, what: rejected.command, maker: rejected.control.maker.rawValue,
                checker: rejected.control.checker.rawValue, outcome: "rejected: \(rejected.reason)", clause: rejected.clause)
        }
        guard !lines.isEmpty else { return "" }
        let latest = lines.sorted { $0.at > $1.at }.prefix(Self.decisionsShownMax)
        let rows = HTML.join(latest.map { line in
            "<tr><td>\(line.id)</td><td>\(line.what)</td><td>\(line.maker)</td><td>\(line.checker)</td><td>\(when(line.at))</td><td>\(line.outcome)</td><td>\(Self.clauseLinks(line.clause))</td></tr>"
        })
        return """
            <table><caption>Checked by a second agent user (latest first)</caption><thead><tr><th scope="col">Approval</th><th scope="col">What</th>\
            <th scope="col">Maker</th><th scope="col">Checker</th><th scope="col">When</th><th scope="col">Decision</th><th scope="col">Clause</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }
}
