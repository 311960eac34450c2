import EscrowCore
import Foundation

/// One line of the escrow list: phase, funds held, the next deadline with business days
/// left, what the escrow waits for, and what should alarm the desk.
enum WebEscrowList {
    static func row(_ state: EscrowState, viewer: Viewer, now: Date) -> HTML {
        let status = StatusView(state, viewer: viewer, now: now)
        let held: HTML = status.funds.map { HTML.text(WebFormat.money($0.heldMinorUnits, state.currency)) } ?? "—"
        let next = status.deadlines.filter { !$0.missed && !$0.status.hasPrefix("met") && $0.status != "moot" }.min { $0.closesAt < $1.closesAt }
        let nextText: HTML = next.map { line in
            HTML.text("\(line.id): \(state.deadlines[DeadlineID(line.id)].map { WebFormat.date($0.date) } ?? line.deadline)")
        } ?? "none"
        let left: HTML = next?.businessDaysLeft.map { HTML.text(String($0)) } ?? "—"
        var waiting = status.conditions.filter { !$0.met }.map { "\($0.title) (\($0.clause))" }
        if status.releaseNotice.awaitingCount > 0 { waiting.append("\(status.releaseNotice.awaitingCount) Release Notice counterpart(s) (1.4)") }
        var alarms: [String] = []
        let flagged = status.deposits.filter { !$0.flags.isEmpty }.count
        if flagged > 0 { alarms.append("\(flagged) flagged wire(s)") }
        let missed = status.deadlines.filter { $0.missed && !$0.status.hasPrefix("met") && $0.status != "moot" }
        if !missed.isEmpty { alarms.append("missed: " + missed.map(\.id).joined(separator: ", ")) }
        if !status.holds.isEmpty { alarms.append("\(status.holds.count) hold(s) (2.14)") }
        let alarmCell: HTML = alarms.isEmpty ? "<span class=\"ok\">none</span>" : "<span class=\"bad\">\(alarms.joined(separator: "; "))</span>"
        return """
            <tr><th scope="row"><a href="/desk/escrows/\(state.escrowID.rawValue)">\(state.terms.title)</a><br><small>\(state.escrowID.rawValue)</small></th>\
            <td>\(status.phase)</td><td class="num">\(held)</td><td>\(nextText)</td><td class="num">\(left)</td>\
            <td>\(waiting.isEmpty ? (status.nextStep ?? "nothing") : waiting.joined(separator: "; "))</td><td>\(alarmCell)</td></tr>
            """
    }
}
