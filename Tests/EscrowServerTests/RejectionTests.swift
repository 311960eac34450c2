import EscrowCore
@testable import EscrowServer
import EscrowStore
import EscrowTesting
import EscrowUsers
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A second agent user rejects a request awaiting its check, through the JSON API and the desk.
@Suite("desk rejections")
struct RejectionTests {
    @Test("1.5, 1.6: a release rejected through the API is in the log with who and why, no longer pending, and the money stays held", arguments: Backend.available)
    func rejectThroughAPI(_ backend: Backend) async throws {
        try await TestServer.with(backend) { server in
            try await ReferenceDealPlayer(service: server.service).play(through: .readyToRelease)
            server.clock.advance(to: TestServer.august(25, 14))
            try await server.application().test(.router) { client in
                let deal = ReferenceDealDriver(server: server, client: client)
                let pending = try await deal.expect(.accepted, .post, "/release", as: "alice", json: [:])
                let approval = try #require(pending.object["id"] as? String)
                let before = try await server.service.state(of: TestServer.escrowID).lastSequence

                try await deal.expect(.forbidden, .post, "/approvals/\(approval)/reject", as: "alice", json: ["reason": "my own"])
                try await deal.expect(.forbidden, .post, "/approvals/\(approval)/reject", as: "company", json: ["reason": "not an agent"])
                try await deal.expect(.badRequest, .post, "/approvals/\(approval)/reject", as: "bob", json: [:])
                let blank = try await deal.expect(.unprocessableContent, .post, "/approvals/\(approval)/reject", as: "bob", json: ["reason": "  "])
                #expect(blank.object["detail"] as? String == "reason for the rejection must not be empty (desk control)")
                #expect(try await server.service.state(of: TestServer.escrowID).lastSequence == before)

                let reason = "purchaser 3's counterpart came from an unknown e-mail address; call before releasing"
                let rejected = try await deal.expect(.ok, .post, "/approvals/\(approval)/reject", as: "bob", json: ["reason": reason])
                let events = rejected.object["events"] as? [[String: Any]] ?? []
                #expect(events.compactMap { $0["type"] as? String } == ["deskControlRejected"])
                #expect(events.first?["clause"] as? String == "1.5, 1.6")
                #expect(events.first?["summary"] as? String == "release requested by agent user alice (maker), rejected by agent user bob (checker): \(reason)")

                let listed = try await deal.expect(.ok, .get, "/approvals", as: "bob").array
                #expect(listed.first?["status"] as? String == "rejected")
                #expect(listed.first?["checker"] as? String == "bob")
                #expect(listed.first?["note"] as? String == reason)

                let head = try await server.service.state(of: TestServer.escrowID)
                #expect(head.lastSequence == before + 1)
                #expect(head.state.phase == .open)
                #expect(head.state.ledger.held == usd("7999999.98"))
                #expect(head.state.ledger.paidOut == usd("0.00"))

                // Once rejected, approving it is refused and moves nothing; a retry of the rejection is answered.
                let late = try await deal.expect(.conflict, .post, "/approvals/\(approval)/confirm", as: "bob", json: [:])
                #expect(late.text.contains("already rejected"))
                let again = try await deal.expect(.ok, .post, "/approvals/\(approval)/reject", as: "bob", json: ["reason": reason])
                #expect(again.object["replayed"] as? Bool == true)
                #expect(try await server.service.state(of: TestServer.escrowID).state.disbursements.isEmpty)
                let timeline = try await deal.expect(.ok, .get, "/timeline", as: "alice").text
                #expect(timeline.contains("rejected by agent user bob (checker)"))
                #expect(!timeline.contains("awaiting a second agent user"))
            }
        }
    }

    @Test("an approved release cannot be rejected afterwards (409), and stays paid")
    func approvedIsNotRejected() async throws {
        try await TestServer.with(.sqlite) { server in
            try await ReferenceDealPlayer(service: server.service).play(through: .readyToRelease)
            server.clock.advance(to: TestServer.august(25, 14))
            try await server.application().test(.router) { client in
                let deal = ReferenceDealDriver(server: server, client: client)
                let pending = try await deal.expect(.accepted, .post, "/release", as: "alice", json: [:])
                let approval = try #require(pending.object["id"] as? String)
                try await deal.expect(.ok, .post, "/approvals/\(approval)/confirm", as: "bob", json: [:])
                let late = try await deal.expect(.conflict, .post, "/approvals/\(approval)/reject", as: "bob", json: ["reason": "second thoughts"])
                #expect(late.object["detail"] as? String == "request \(approval) was already approved by a second agent user; it is decided once (desk control)")
                #expect(try await server.service.state(of: TestServer.escrowID).state.phase == .released)
            }
        }
    }

    @Test("the desk's reject form: a reason is needed beside its field, then the release is rejected and nothing is paid", arguments: Backend.available)
    func rejectThroughDesk(_ backend: Backend) async throws {
        try await WebDeskTests.server(backend) { server in
            try await ReferenceDealPlayer(service: server.service).play(through: .readyToRelease)
            server.clock.advance(to: TestServer.august(25, 14))
            try await server.application().test(.router) { client in
                var alice = try await WebDeskTests.signIn(client, "alice").0
                let page = try await WebDeskTests.get(client, "/desk/escrows/roo-group-2005", &alice)
                #expect(try await WebDeskTests.post(client, "/desk/escrows/roo-group-2005/release", [("csrf", page.csrf ?? "")], &alice).status == .seeOther)
                let approval = try #require(try await server.users.approvals(escrowID: TestServer.escrowID).first).id.rawValue
                let own = try await WebDeskTests.get(client, "/desk/escrows/roo-group-2005", &alice)
                #expect(!own.text.contains("/approvals/\(approval)/reject"))

                var bob = try await WebDeskTests.signIn(client, "bob").0
                let bobPage = try await WebDeskTests.get(client, "/desk/escrows/roo-group-2005", &bob)
                #expect(bobPage.text.contains("action=\"/desk/escrows/roo-group-2005/approvals/\(approval)/reject\""))
                let uri = "/desk/escrows/roo-group-2005/approvals/\(approval)/reject"
                let forged = try await WebDeskTests.post(client, uri, [("csrf", "forged"), ("reason", "x")], &bob)
                #expect(forged.status == .forbidden)
                let empty = try await WebDeskTests.post(client, uri, [("csrf", bobPage.csrf ?? ""), ("reason", " ")], &bob)
                #expect(empty.status == .unprocessableContent)
                #expect(empty.text.contains("id=\"reject-\(approval)-reason-error\">enter the reason for the rejection; it is recorded in the log (desk control)</p>"))
                #expect(empty.text.contains("aria-invalid=\"true\""))
                #expect(try await server.service.state(of: TestServer.escrowID).state.deskRejections.isEmpty)

                let rejected = try await WebDeskTests.post(client, uri, [("csrf", bobPage.csrf ?? ""), ("reason", "payee bank changed <by e-mail>")], &bob)
                #expect(rejected.status == .seeOther)
                #expect(rejected.location == "/desk/escrows/roo-group-2005?done=reject#approvals")
                let after = try await WebDeskTests.get(client, "/desk/escrows/roo-group-2005?done=reject", &bob)
                #expect(after.text.contains("Rejected: nothing ran, the money stays held, and the reason is in the log."))
                #expect(after.text.contains("Nothing awaits a second agent user."))
                #expect(after.text.contains("rejected: payee bank changed &lt;by e-mail&gt;"))
                #expect(after.text.contains("release requested by agent user alice (maker), rejected by agent user bob (checker): payee bank changed &lt;by e-mail&gt;"))
                let state = try await server.service.state(of: TestServer.escrowID).state
                #expect(state.phase == .open)
                #expect(state.ledger.held == usd("7999999.98"))
                #expect(state.deskRejections.map(\.control.checker) == ["bob"])

                let approveLate = try await WebDeskTests.post(client, "/desk/escrows/roo-group-2005/approvals/\(approval)/approve", [("csrf", bobPage.csrf ?? "")], &bob)
                #expect(approveLate.status == .unprocessableContent)
                #expect(approveLate.text.contains("already rejected"))
                #expect(try await server.service.state(of: TestServer.escrowID).state.disbursements.isEmpty)
            }
        }
    }
}
