import EscrowBank
import EscrowCore
import EscrowStore
@testable import EscrowServer
import EscrowTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A statement of the reference escrow's account: one purchaser's wire, a stranger's, one
/// naming two purchasers and one that is not the escrow's at all.
private func exceptionsStatement() -> [UInt8] {
    func credit(_ reference: String, _ amount: String, from sender: String, remittance: String?, account: String? = nil) -> BankEntry {
        BankEntry(
            reference: reference, amount: (try? Money.parse(amount, .usd)) ?? Money(minorUnits: 0, .usd), direction: .credit, isBooked: true,
            bookingDate: "2005-08-22", endToEndID: nil, remittance: remittance, counterpartyName: sender, counterpartyAccount: account,
            returnReason: nil)
    }
    let entries = [
        credit("FW001", "3000000.00", from: "Purchaser 1", remittance: "Roo Group, Inc. purchaser-1"),
        credit("FW005", "50000.00", from: "Stranger Holdings Ltd", remittance: "invoice 77", account: "99887766"),
        credit("FW008", "100.00", from: "A. Nominee", remittance: "for purchaser-2 / purchaser-4"),
        credit("FW009", "200.00", from: "Misdirected Payments Inc", remittance: "rent, unit 4B"),
    ]
    return Camt053Writer.write(
        messageID: "MSG-STMT-0822", statementID: "STMT-0822", accountID: "37317968", createdAt: TestServer.august(22, 22),
        closingBooked: BankBalance(amount: Money(minorUnits: 305_030_000, .usd), isDebit: false, date: "2005-08-22"), entries: entries)
}

@Suite("Bank routes: the exceptions list resolved by agent users, and reconciliation, over HTTP (1.3)")
struct BankRouteTests {
    /// The reference escrow opened, with the statement imported through the API.
    static func imported(_ client: some TestClientProtocol, _ server: TestServer) async throws {
        let created = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
        #expect(created.status == .created || created.status == .ok, "\(created.text)")
        server.clock.advance(to: TestServer.august(22, 18))
        let imported = try await client.call(
            .post, "/escrows/roo-group-2005/bank/imports", as: "alice", server: server, raw: Data(exceptionsStatement()))
        #expect(imported.status == .ok, "\(imported.text)")
    }

    @Test("each exception is resolved by the agent user calling, recorded in the log with that user; a party user is refused")
    func resolveExceptions() async throws {
        let server = try await TestServer.make()
        defer { server.dispose() }
        try await server.application().test(.router) { client in
            try await Self.imported(client, server)
            let base = "/escrows/roo-group-2005/bank/exceptions"
            let list = try await client.call(.get, base, as: "alice", server: server)
            #expect(list.status == .ok)
            let open = list.object["exceptions"] as? [[String: Any]] ?? []
            #expect(open.compactMap { $0["id"] as? String } == ["X1", "X2", "X3"])
            #expect(open.compactMap { $0["kind"] as? String } == ["unmatched", "ambiguous", "unmatched"])
            #expect(open.compactMap { $0["entryReference"] as? String } == ["FW005", "FW008", "FW009"])
            #expect(open.compactMap { $0["amountMinorUnits"] as? Int } == [5_000_000, 10_000, 20_000])
            #expect(open[1]["candidates"] as? [String] == ["purchaser-2", "purchaser-4"])
            #expect(open.allSatisfy { $0["status"] as? String == "open" })

            let refused = try await client.call(.post, base + "/X2/resolution", as: "purchaser-2", server: server, json: ["attributeTo": "purchaser-2"])
            #expect(refused.status == .forbidden)
            #expect(try await client.call(.get, base, as: "purchaser-2", server: server).status == .forbidden)
            let none = try await client.call(.post, base + "/X2/resolution", as: "alice", server: server, json: ["note": "undecided"])
            #expect(none.status == .unprocessableContent)
            #expect(none.text.contains("exactly one of attributeTo"))
            let two = try await client.call(.post, base + "/X2/resolution", as: "alice", server: server, json: ["attributeTo": "purchaser-2", "accept": true])
            #expect(two.status == .unprocessableContent)
            let notPurchaser = try await client.call(.post, base + "/X2/resolution", as: "alice", server: server, json: ["attributeTo": "company"])
            #expect(notPurchaser.status == .unprocessableContent)
            #expect(notPurchaser.text.contains("company is not a purchaser of this escrow"))

            let attributed = try await client.call(
                .post, base + "/X2/resolution", as: "alice", server: server, json: ["attributeTo": "purchaser-2", "note": "the nominee called"])
            #expect(attributed.status == .ok, "\(attributed.text)")
            let lines = (attributed.object["events"] as? [[String: Any]] ?? []).compactMap { $0["summary"] as? String }
            #expect(lines.last == "exception X2 resolved by agent user alice: attributed to purchaser-2 (the nominee called)")
            #expect(lines.count == 2)
            #expect(try await client.call(.post, base + "/X1/resolution", as: "bob", server: server, json: ["holdForSender": true]).status == .ok)
            #expect(try await client.call(.post, base + "/X3/resolution", as: "bob", server: server, json: ["notOurs": true]).status == .ok)
            let again = try await client.call(.post, base + "/X2/resolution", as: "bob", server: server, json: ["accept": true])
            #expect(again.status == .conflict)
            #expect(again.text.contains("exception X2 was already resolved by agent user alice"))
            let missing = try await client.call(.post, base + "/X9/resolution", as: "alice", server: server, json: ["accept": true])
            #expect(missing.status.code >= 400 && missing.status.code < 500)

            let resolved = try await client.call(.get, base, as: "alice", server: server).object["exceptions"] as? [[String: Any]] ?? []
            #expect(resolved.compactMap { $0["resolvedBy"] as? String } == ["bob", "alice", "bob"])
            #expect(resolved.compactMap { $0["note"] as? String } == ["the nominee called"])
            #expect(resolved.allSatisfy { $0["status"] as? String == "resolved" })
            let state = try await server.service.state(of: TestServer.escrowID).state
            #expect(state.deposited(by: "purchaser-2") == Money(minorUnits: 10_000, .usd))
            #expect(state.deposits.map(\.bankReference) == ["FW001", "FW008", "FW005"])
            #expect(state.ledger.held == Money(minorUnits: 305_010_000, .usd))
        }
    }

    @Test("reconciliation over HTTP names every difference by entry, and the bank status shows the last one")
    func reconcile() async throws {
        let server = try await TestServer.make()
        defer { server.dispose() }
        try await server.application().test(.router) { client in
            try await Self.imported(client, server)
            let base = "/escrows/roo-group-2005/bank"
            #expect(try await client.call(.get, base + "/reconciliation", as: "alice", server: server).status == .notFound)
            #expect(try await client.call(.post, base + "/reconciliations", as: "purchaser-1", server: server).status == .forbidden)
            let exceptions = base + "/exceptions"
            #expect(try await client.call(.post, exceptions + "/X1/resolution", as: "alice", server: server, json: ["holdForSender": true]).status == .ok)
            #expect(try await client.call(.post, exceptions + "/X3/resolution", as: "bob", server: server, json: ["notOurs": true]).status == .ok)

            let done = try await client.call(.post, base + "/reconciliations", as: "alice", server: server)
            #expect(done.status == .ok, "\(done.text)")
            let summaries = (done.object["events"] as? [[String: Any]] ?? []).compactMap { $0["summary"] as? String }
            #expect(
                summaries == [
                    "reconciled against STMT-0822: ledger holds USD 3,050,000.00, bank shows USD 3,050,300.00; 2 difference(s) by entry, every difference explained"
                ])
            let last = try await client.call(.get, base + "/reconciliation", as: "alice", server: server)
            #expect(last.status == .ok)
            #expect(last.object["ledgerHeldMinorUnits"] as? Int == 305_000_000)
            #expect(last.object["bankBalanceMinorUnits"] as? Int == 305_030_000)
            #expect(last.object["unexplainedMinorUnits"] as? Int == 0)
            let items = last.object["items"] as? [[String: Any]] ?? []
            #expect(items.compactMap { $0["reference"] as? String } == ["FW008", "FW009"])
            #expect(items.compactMap { $0["amountMinorUnits"] as? Int } == [10_000, 20_000])
            #expect(items.allSatisfy { $0["bankHoldsMore"] as? Bool == true })
            #expect((items.last?["explanation"] as? String)?.contains("marked not the escrow's by bob") == true)
            let status = try await client.call(.get, base, as: "alice", server: server).object
            let shown = status["lastReconciliation"] as? [String: Any]
            #expect(shown?["statementID"] as? String == "STMT-0822")
            #expect((shown?["items"] as? [[String: Any]])?.count == 2)
        }
    }
}
