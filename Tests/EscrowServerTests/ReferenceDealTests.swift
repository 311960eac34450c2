import Crypto
import EscrowCore
import EscrowStore
import EscrowStoreSQLite
import EscrowServer
import EscrowTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Drives the 2005 reference deal through the HTTP API, each party with its own token.
struct ReferenceDealDriver {
    let server: TestServer
    let client: any TestClientProtocol
    var keys: [String: String] = [:]
    let base = "/escrows/roo-group-2005"
    static let signers = ["company", "purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4"]

    func at(_ day: Int, _ hour: Int) { server.clock.advance(to: TestServer.august(day, hour)) }

    @discardableResult
    func expect(
        _ status: HTTPResponse.Status, _ method: HTTPRequest.Method, _ path: String, as user: String, json: Any? = nil, raw: Data? = nil,
        headers: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Answer {
        let answer = try await client.call(method, base + path, as: user, server: server, json: json, raw: raw, headers: headers)
        #expect(answer.status == status, "\(method) \(path) as \(user): \(answer.text)", sourceLocation: sourceLocation)
        return answer
    }

    /// The signature a party makes over the text the server gives it to sign.
    func signature(_ instrument: String, as party: String, key: String? = nil) async throws -> String {
        let query = instrument.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-:"))) ?? instrument
        let onBehalf = key.map { $0 == party ? "" : "&party=\($0)" } ?? ""
        let answer = try await expect(.ok, .get, "/signing-text?instrument=\(query)\(onBehalf)", as: party)
        let text = answer.object["message"] as? String ?? ""
        let message = SigningMessageBytes(text: text)
        return SignatureKeys.signBytes(message.bytes, privateKeyBase64: keys[key ?? party] ?? "") ?? ""
    }

    /// Plays the reference script up to `stage`, each step through the API as its actor would;
    /// with `opening` false the escrow is open already and the script starts after its opening.
    mutating func play(through stage: ReferenceDeal.Stage, opening: Bool = true) async throws {
        for step in ReferenceDeal.steps(through: stage) where opening || step.step != .open { try await perform(step) }
    }

    /// Plays the whole closing: up to the disbursement.
    mutating func runAll() async throws { try await play(through: .released) }

    /// One step of the script at its instant: the agent user alice records wires and keys,
    /// each party posts its own documents, instructions and signatures, and a second agent
    /// user (bob) makes the call-back and checks the release.
    mutating func perform(_ timed: ReferenceDeal.TimedStep) async throws {
        server.clock.advance(to: timed.at.date)
        switch timed.step {
        case .open:
            let created = try await client.call(.post, "/escrows", as: "alice", server: server, json: ["agreement": ReferenceAgreement.yaml])
            #expect(created.status == .created, "\(created.text)")
        case .registerKey(let party):
            let pair = SignatureKeys.generate()
            keys[party.rawValue] = pair.privateKeyBase64
            try await expect(.ok, .post, "/keys", as: "alice", json: ["party": party.rawValue, "publicKeyBase64": pair.publicKeyBase64])
        case .deposit(let wire):
            try await expect(
                .ok, .post, "/deposits", as: "alice",
                json: ["bankReference": wire.bankReference, "purchaser": wire.purchaser.rawValue, "amount": wire.amount])
        case .deliver(let delivery):
            let answer = try await expect(
                .ok, .post, "/documents?condition=\(delivery.condition)", as: delivery.from.rawValue, raw: delivery.data)
            if delivery == ReferenceDeal.waiver {
                // The waiver is the last condition: the advice follows it in the same write (1.2), and the NIR group is not told.
                let types = (answer.object["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
                #expect(types == ["documentReceived"])
            }
        case .instruct(let party, let accounts):
            try await instruct(party, accounts)
        case .signReleaseNotice(let party):
            let signature = try await signature("release-notice", as: party.rawValue)
            try await expect(.ok, .post, "/signatures", as: party.rawValue, json: ["instrument": "release-notice", "signatureBase64": signature])
        case .release:
            try await release()
        case .tick:
            _ = try await server.service.execute(.tick, on: TestServer.escrowID, at: timed.at.date)
        case .hold(let id, let amount, let reason, let parties):
            var body: [String: Any] = ["id": id, "reason": reason, "partiesConcerned": parties.map(\.rawValue)]
            if let amount { body["amount"] = amount }
            try await expect(.ok, .post, "/holds", as: "alice", json: body)
        case .depositWithCourt(let court, let docket):
            var body: [String: Any] = ["court": court]
            if let docket { body["docket"] = docket }
            try await expect(.ok, .post, "/deposit-with-court", as: "alice", json: body)
        }
    }

    /// A party's signed wire instructions, confirmed by a second agent user's call-back.
    func instruct(_ party: PartyID, _ accounts: [ReferenceDeal.Account]) async throws {
        let lines: [[String: Any]] = accounts.map { account in
            var line: [String: Any] = [
                "accountName": account.accountName, "bank": account.bank, "routingNumber": account.routingNumber,
                "accountNumber": account.accountNumber,
            ]
            if let amount = account.amount { line["amount"] = amount }
            return line
        }
        let domainLines = try accounts.map { try $0.instructionLine(.usd) }
        // The escrow agent is a payee too (1.5); its own agent user files its signed instructions.
        let user = TestServer.partyUsers.contains(party.rawValue) ? party.rawValue : "alice"
        let signature = try await signature("payment-instructions:\(EventCoding.digest(of: domainLines))", as: user, key: party.rawValue)
        var body: [String: Any] = ["lines": lines, "signatureBase64": signature]
        if user != party.rawValue { body["party"] = party.rawValue }
        let pending = try await expect(.accepted, .post, "/instructions", as: user, json: body)
        let approval = pending.object["id"] as? String ?? ""
        #expect(pending.object["kind"] as? String == "callback")
        // Not yet in the log: bank details wait for the call-back.
        let status = try await expect(.ok, .get, "", as: "alice")
        #expect(status.object["nextStep"] as? String != "release the funds (1.5, 1.6)")
        try await expect(.badRequest, .post, "/approvals/\(approval)/confirm", as: "bob", json: [:])
        try await expect(
            .ok, .post, "/approvals/\(approval)/confirm", as: "bob",
            json: ["note": party == "company" ? "called ROO Group CFO at the number on file, 2005-08-24 11:20" : "called \(party) at the number on file"])
    }

    /// Release: alice makes, bob checks.
    func release() async throws {
        let pending = try await expect(.accepted, .post, "/release", as: "alice", json: [:])
        let approval = pending.object["id"] as? String ?? ""
        try await expect(.forbidden, .post, "/approvals/\(approval)/confirm", as: "alice", json: [:])
        let done = try await expect(.ok, .post, "/approvals/\(approval)/confirm", as: "bob", json: [:])
        let types = (done.object["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
        #expect(types == ["deskControlRecorded", "disbursed"])
        // A retried confirmation is answered, not executed twice.
        let again = try await expect(.ok, .post, "/approvals/\(approval)/confirm", as: "bob", json: [:])
        #expect(again.object["replayed"] as? Bool == true)
    }
}

/// What `SigningMessage.bytes` holds, rebuilt from the text the server hands out.
struct SigningMessageBytes {
    var text: String
    var bytes: Data { Data(text.utf8) }
}

extension SignatureKeys {
    /// Signs raw message bytes, as a party's own tool would after fetching the signing text.
    static func signBytes(_ bytes: Data, privateKeyBase64: String) -> String? {
        guard let raw = Data(base64Encoded: privateKeyBase64), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw),
            let signature = try? key.signature(for: bytes)
        else { return nil }
        return signature.base64EncodedString()
    }
}

@Suite("The reference deal over HTTP")
struct ReferenceDealTests {
    @Test("the 2005 closing runs end to end through the API, each party with its own token", arguments: Backend.available)
    func closing(_ backend: Backend) async throws {
        try await TestServer.with(backend) { server throws in
            try await server.application().test(.live) { client in
                var deal = ReferenceDealDriver(server: server, client: client)
                try await deal.runAll()
                let status = try await client.call(.get, "/escrows/roo-group-2005", as: "alice", server: server)
                #expect(status.object["phase"] as? String == "released")
                let funds = status.object["funds"] as? [String: Any]
                #expect(funds?["heldMinorUnits"] as? Int == 0)
                #expect(funds?["paidOutMinorUnits"] as? Int == 799_999_998)
                let timeline = try await client.call(.get, "/escrows/roo-group-2005/timeline", as: "alice", server: server)
                let types = timeline.array.compactMap { $0["type"] as? String }
                for expected in ["opened", "fundsAdvised", "deskControlRecorded", "releaseNoticeEffective", "disbursed"] {
                    #expect(types.contains(expected), "timeline lacks \(expected)")
                }
                // Both desk controls are in the hash-chained log, each right before what it let through.
                let lines = timeline.array.filter { $0["sequence"] is Int }
                for (control, next) in zip(lines, lines.dropFirst()) where control["type"] as? String == "deskControlRecorded" {
                    #expect(["paymentInstructionsGiven", "disbursed"].contains(next["type"] as? String ?? ""))
                }
                let controls = lines.filter { $0["type"] as? String == "deskControlRecorded" }.compactMap { $0["summary"] as? String }
                #expect(controls == [
                    "bank details of ROO Group, Inc. submitted by user company, confirmed by call-back by agent user bob: "
                        + "called ROO Group CFO at the number on file, 2005-08-24 11:20",
                    "bank details of Kramer Levin Naftalis & Frankel LLP submitted by user alice, confirmed by call-back by agent user bob: "
                        + "called escrow-agent at the number on file",
                    "bank details of Sichenzia Ross Friedman Ference LLP submitted by user sichenzia, confirmed by call-back by agent user bob: "
                        + "called sichenzia at the number on file",
                    "bank details of Burnham Hill Partners, a division of Pali Capital, Inc. submitted by user burnham-hill, confirmed by call-back by agent user bob: "
                        + "called burnham-hill at the number on file",
                    "release requested by agent user alice (maker), approved by agent user bob (checker)",
                ])
                // The log the server wrote verifies like any other.
                let (state, records) = try await server.service.load(TestServer.escrowID)
                #expect(state.phase == .released)
                #expect(records.count == timeline.array.filter { $0["sequence"] is Int }.count)
            }
        }
    }

    @Test("a purchaser sees its own money and the aggregate advised, never another purchaser's details")
    func purchaserView() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            var deal = ReferenceDealDriver(server: server, client: client)
            try await deal.runAll()
            let status = try await client.call(.get, "/escrows/roo-group-2005", as: "purchaser-2", server: server)
            #expect(status.status == .ok)
            #expect(status.object["advisedMinorUnits"] as? Int == 799_999_998)
            #expect(status.object["funds"] == nil)
            let subscriptions = status.object["subscriptions"] as? [[String: Any]] ?? []
            #expect(subscriptions.map { $0["purchaser"] as? String } == ["purchaser-2"])
            for other in ["purchaser-1", "purchaser-3", "purchaser-4", "FW20050822001", "Purchaser 1"] {
                #expect(!status.text.contains(other), "purchaser-2's status mentions \(other)")
            }
            let timeline = try await client.call(.get, "/escrows/roo-group-2005/timeline", as: "purchaser-2", server: server)
            for other in ["purchaser-1", "purchaser-3", "Purchaser 1", "Purchaser 3", "3,000,000", "3000000"] {
                #expect(!timeline.text.contains(other), "purchaser-2's timeline mentions \(other)")
            }
            let fee = try await client.call(.get, "/escrows/roo-group-2005", as: "sichenzia", server: server)
            let payments = fee.object["payments"] as? [[String: Any]] ?? []
            #expect(!payments.isEmpty && payments.allSatisfy { $0["payee"] as? String == "sichenzia" })
            let company = try await client.call(.get, "/escrows/roo-group-2005/ledger", as: "company", server: server)
            #expect(company.status == .ok)
            let ledger = try await client.call(.get, "/escrows/roo-group-2005/ledger", as: "purchaser-2", server: server)
            #expect(ledger.status == .forbidden)
            #expect(ledger.contentType == "application/problem+json")
        }
    }

    @Test("the deal calendar is served per party: a purchaser gets the escrow's deadlines, the agent every one, as JSON or iCalendar")
    func calendarPerParty() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            var deal = ReferenceDealDriver(server: server, client: client)
            try await deal.runAll()
            let mine = try await client.call(.get, "/escrows/roo-group-2005/calendar", as: "purchaser-2", server: server)
            #expect(mine.status == .ok)
            #expect(mine.array.map { $0["clause"] as? String } == ["1.7"])
            #expect(mine.array.first?["status"] as? String == "met on 2005-08-24")
            let all = try await client.call(.get, "/escrows/roo-group-2005/calendar", as: "alice", server: server)
            let clauses = all.array.compactMap { $0["clause"] as? String }
            #expect(clauses.contains("item 5") && clauses.contains("Schedule A 1") && clauses.contains("1.7"))
            #expect(all.array.first { $0["clause"] as? String == "item 5" }?["due"] as? String == "2005-11-01")
            let ics = try await client.call(.get, "/escrows/roo-group-2005/calendar?format=ics", as: "purchaser-2", server: server)
            #expect(ics.status == .ok)
            #expect(ics.contentType?.hasPrefix("text/calendar") == true)
            #expect(ics.text.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(ics.text.contains("DTSTART;VALUE=DATE:20050902"))
            #expect(!ics.text.contains("AJW"))
        }
    }
}

@Suite("Desk approvals racing")
struct ApprovalRaceTests {
    @Test("1.5: when another agent user's check of a release ran first, a second check is answered 409 and the funds move once")
    func secondCheckerLoses() async throws {
        let server = try await TestServer.make()
        try await server.application().test(.live) { client in
            var deal = ReferenceDealDriver(server: server, client: client)
            try await deal.play(through: .readyToRelease)
            deal.at(25, 15)
            let pending = try await deal.expect(.accepted, .post, "/release", as: "alice", json: [:])
            let approval = ApprovalID(try #require(pending.object["id"] as? String))
            // Another server's confirmation by carol executed, and its check is not yet recorded.
            let control = DeskControl(kind: .makerChecker, approvalID: approval, maker: "alice", checker: "carol", note: nil)
            _ = try await server.service.execute(
                .approved(.release, control: control), on: TestServer.escrowID, at: TestServer.august(25, 15), idempotencyKey: "approval-\(approval)")

            let late = try await deal.expect(.conflict, .post, "/approvals/\(approval)/confirm", as: "bob", json: [:])
            #expect(late.object["detail"] as? String == "approval \(approval) was already checked by another agent user; it runs once")
            let (state, _) = try await server.service.load(TestServer.escrowID)
            #expect(state.disbursements.count == 1)
            // Bob's call-backs on the company's and the fee payees' instructions, then carol's check of the release: no second one.
            #expect(state.deskControls.map(\.control.checker) == ["bob", "bob", "bob", "bob", "carol"])
            #expect(state.deskControls.map(\.command) == ["give-instructions", "give-instructions", "give-instructions", "give-instructions", "release"])
        }
    }
}
