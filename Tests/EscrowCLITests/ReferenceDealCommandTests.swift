import EscrowCore
import Foundation
import Testing

/// What the reference deal prints when it closes: the 1.5 fixed payments, then the 1.6
/// remainder split per the company's written instructions, to the cent.
enum ReferenceOutcome {
    static let disbursedSummary =
        "disbursed USD 7,999,999.98: USD 15,000.00 to Kramer Levin Naftalis & Frankel LLP (1.5); "
        + "USD 48,500.00 to Sichenzia Ross Friedman Ference LLP (1.5); "
        + "USD 520,000.00 to Burnham Hill Partners, a division of Pali Capital, Inc. (1.5); "
        + "USD 3,400,000.00 to ROO Group, Inc. (1.6); USD 4,016,499.98 to ROO Group, Inc. (1.6)"

    /// The disbursement as the 32nd event, at the release instant.
    static let disbursedLine = "#32 2005-08-25T15:00:00-04:00 [1.5, 1.6] " + disbursedSummary

    /// 1.7: every purchaser's deposit falls due at once at the deadline...
    static let refundDueLine =
        "#19 2005-09-03T00:00:00-04:00 [1.7] refund of USD 7,999,999.98 fell due: USD 3,000,000.00 to Purchaser 1; "
        + "USD 2,499,999.99 to Purchaser 2; USD 1,500,000.00 to Purchaser 3; USD 999,999.99 to Purchaser 4"

    /// ...and each is paid to its written wire instructions: Purchaser 2's were in already,
    /// the others' arrive on 2005-09-06.
    static let refundedLines = [
        "#20 2005-09-03T00:00:00-04:00 [1.7] refunded USD 2,499,999.99: USD 2,499,999.99 to Purchaser 2",
        "#22 2005-09-06T10:00:00-04:00 [1.7] refunded USD 3,000,000.00: USD 3,000,000.00 to Purchaser 1",
        "#24 2005-09-06T11:00:00-04:00 [1.7] refunded USD 1,500,000.00: USD 1,500,000.00 to Purchaser 3",
        "#26 2005-09-06T12:00:00-04:00 [1.7] refunded USD 999,999.99: USD 999,999.99 to Purchaser 4",
    ]

    /// What 1.7 says to a release once the NIR Waiver's deadline has passed without it.
    static let releaseRefusedAfterDeadline =
        "release refused: NIR Waiver (Exhibit B) was not received by 2005-09-02 end of day America/New_York; "
        + "the funds go back to the purchasers (1.7)"

    /// The clause of each of the 32 events of the closing, in order.
    static let clauses: [String] =
        ["1.1"] + Array(repeating: "2.8", count: 5) + Array(repeating: "1.1, 1.3", count: 4)
        + Array(repeating: "1.2", count: 8) + ["1.6, 1.7"] + Array(repeating: "2.8", count: 3) + Array(repeating: "1.6, 1.7", count: 3)
        + Array(repeating: "1.4, Exhibit A", count: 6) + ["1.5, 1.6"]
}

@Suite("escrow demo")
struct DemoCommandTests {
    @Test("the closing scenario pays the 1.5 fees and splits the 1.6 remainder per the company's instructions")
    func closingScenario() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.escrow(["demo", "--db", "demo.db"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "")
        #expect(result.lines.first == "Reference escrow roo-group-2005, closing scenario (database demo.db)")
        #expect(result.lines.contains(ReferenceOutcome.disbursedLine), "\(result)")
        #expect(result.lines.contains("meanwhile: release refused: Release Notice lacks counterparts from Purchaser 3 (1.5, Exhibit A)"))
        #expect(
            result.lines.last
                == "ledger: deposited USD 7,999,999.98 = held USD 0.00 + paid out USD 7,999,999.98 + refunded USD 0.00 + with court USD 0.00"
        )
        let events = result.lines.filter { $0.hasPrefix("#") }
        #expect(events.count == 32)
        #expect(events.map(Self.clause) == ReferenceOutcome.clauses)
    }

    @Test("the refund scenario: no NIR Waiver by 2005-09-02, so 1.7 makes each deposit due back, pays it to its purchaser's instructions and refuses release")
    func refundScenario() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.escrow(["demo", "--scenario", "refund", "--db", "demo.db"])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first == "Reference escrow roo-group-2005, refund scenario (database demo.db)")
        #expect(
            result.lines.contains(
                "#18 2005-09-03T00:00:00-04:00 [1.7] nir-waiver not received by 2005-09-02 end of day America/New_York: "
                    + "release is no longer possible; funds go back"), "\(result)")
        #expect(result.lines.contains(ReferenceOutcome.refundDueLine), "\(result)")
        for line in ReferenceOutcome.refundedLines { #expect(result.lines.contains(line), "\(result)") }
        #expect(result.lines.contains("then: \(ReferenceOutcome.releaseRefusedAfterDeadline)"), "\(result)")
        #expect(
            result.lines.contains(
                "on 2005-09-03: refunds owed await each depositor's signed written wire instructions: USD 3,000,000.00 to Purchaser 1, "
                    + "USD 1,500,000.00 to Purchaser 3, USD 999,999.99 to Purchaser 4 (1.7)"), "\(result)")
        #expect(!result.stdout.contains("disbursed"))
        #expect(
            result.lines.last
                == "ledger: deposited USD 7,999,999.98 = held USD 0.00 + paid out USD 0.00 + refunded USD 7,999,999.98 + with court USD 0.00"
        )
    }

    @Test("--json prints the timeline as a JSON array of 32 events, the last the disbursement")
    func jsonTimeline() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.escrow(["demo", "--json", "--db", "demo.db"])
        #expect(result.status == 0, "\(result)")
        #expect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) is [Any])
        let events = try result.json([TimelineEntry].self)
        #expect(events.map(\.sequence) == Array(1...32))
        #expect(events.map(\.clause) == ReferenceOutcome.clauses)
        #expect(events.last?.type == "disbursed")
        #expect(events.last?.at == "2005-08-25T15:00:00-04:00")
        #expect(events.last?.summary == ReferenceOutcome.disbursedSummary)
    }

    @Test("the demo refuses to run on an existing database")
    func refusesExistingDatabase() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("", to: "demo.db")
        let result = try await workspace.escrow(["demo", "--db", "demo.db"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.errorLines == ["demo refused: demo.db exists; the demo runs on a fresh database"])
    }

    /// The clause in brackets of a timeline line: `#7 … [1.1, 1.3] deposit …` gives `1.1, 1.3`.
    static func clause(_ line: String) -> String? {
        guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"), open < close else { return nil }
        return String(line[line.index(after: open)..<close])
    }
}

/// The reference deal driven through separate `escrow` invocations on one database, the
/// way an escrow agent's operator would run it, each step's output pinned.
@Suite("reference deal, step by step")
struct ReferenceDealCommandTests {
    @Test("2005 reference deal: create, keys, deposits, documents, instructions, Release Notice, release, then status, ledger, timeline and verify")
    func referenceDealStepByStep() async throws {
        let deal = try Workspace()
        defer { deal.remove() }

        // 1.1: the escrow opens under the agreement file.
        let created = try await deal.createReferenceEscrow()
        #expect(created.status == 0, "\(created)")
        #expect(
            created.lines == [
                "#1 2005-08-19T09:00:00-04:00 [1.1] escrow roo-group-2005 opened under \"Escrow Agreement\" dated 2005-08-19; subscriptions total USD 7,999,999.98"
            ])

        // 2.8: one key pair per signatory; the private half stays in a file only its owner reads.
        var publicKeys: [String: String] = [:]
        for (party, run) in zip(CommandLineDeal.signers, try await deal.generateKeys()) {
            #expect(run.status == 0, "\(run)")
            #expect(run.lines.count == 1)
            let publicKey = try #require(run.lines.first)
            #expect(Data(base64Encoded: publicKey)?.count == 32, "an Ed25519 public key is 32 bytes")
            publicKeys[party] = publicKey
            let attributes = try FileManager.default.attributesOfItem(atPath: deal.path(CommandLineDeal.keyFile(party)))
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
        let names = [
            "company": "ROO Group, Inc.", "purchaser-1": "Purchaser 1", "purchaser-2": "Purchaser 2",
            "purchaser-3": "Purchaser 3", "purchaser-4": "Purchaser 4",
        ]
        for (index, (party, run)) in zip(CommandLineDeal.signers, try await deal.registerKeys()).enumerated() {
            #expect(run.status == 0, "\(run)")
            let key = try #require(publicKeys[party])
            #expect(
                run.lines == ["#\(index + 2) 2005-08-19T10:00:00-04:00 [2.8] signing key registered for \(names[party]!) (\(key.prefix(12))…)"])
        }

        // 1.1, 1.3: each purchaser wires its subscription.
        let deposits = try await deal.depositSubscriptions()
        #expect(deposits.allSatisfy { $0.status == 0 }, "\(deposits)")
        #expect(
            deposits.map(\.lines) == [
                ["#7 2005-08-22T11:00:00-04:00 [1.1, 1.3] deposit D1 of USD 3,000,000.00 from Purchaser 1, wire FW20050822001"],
                ["#8 2005-08-22T12:00:00-04:00 [1.1, 1.3] deposit D2 of USD 2,499,999.99 from Purchaser 2, wire FW20050822002"],
                ["#9 2005-08-22T13:00:00-04:00 [1.1, 1.3] deposit D3 of USD 1,500,000.00 from Purchaser 3, wire FW20050822003"],
                ["#10 2005-08-22T14:00:00-04:00 [1.1, 1.3] deposit D4 of USD 999,999.99 from Purchaser 4, wire FW20050822004"],
            ])

        // 1.2: counterpart pages and closing documents, recorded by their SHA-256 and size.
        let papers = try await deal.deliverClosingPapers()
        #expect(papers.allSatisfy { $0.status == 0 }, "\(papers)")
        var expectedPapers: [[String]] = []
        for (index, party) in CommandLineDeal.signers.enumerated() {
            let text = "Transaction Documents signature page of \(party)"
            expectedPapers.append([
                "#\(index + 11) 2005-08-23T10:00:00-04:00 [1.2] Counterpart signature pages of the Transaction Documents received from "
                    + "\(names[party]!) (sha256 \(SHA256Hex.of(text).prefix(12))…, \(text.utf8.count) bytes)"
            ])
        }
        expectedPapers.append([
            "#16 2005-08-23T14:00:00-04:00 [1.2] Closing documents required under Article IV of the Purchase Agreement received from "
                + "ROO Group, Inc. (sha256 \(SHA256Hex.of("Closing documents under Article IV").prefix(12))…, 34 bytes)"
        ])
        #expect(papers.map(\.lines) == expectedPapers)

        // 1.2: the NIR Waiver is the last condition; the agent advises at once.
        let waiver = try await deal.deliverWaiver()
        #expect(waiver.status == 0, "\(waiver)")
        let waiverText = "Omnibus Consent and Waiver of 2005-08-18, executed"
        #expect(
            waiver.lines == [
                "#17 2005-08-24T09:00:00-04:00 [1.2] NIR Waiver (Exhibit B) received from NIR Group (sha256 \(SHA256Hex.of(waiverText).prefix(12))…, 50 bytes)",
                "#18 2005-08-24T09:00:00-04:00 [1.2] advised ROO Group, Inc., Purchaser 1, Purchaser 2, Purchaser 3, Purchaser 4 that USD 7,999,999.98 is received; every condition is in",
            ])

        // 1.6: the company's written wire instructions, signed with its key.
        let instructed = try await deal.instructCompany()
        #expect(instructed.status == 0, "\(instructed)")
        #expect(instructed.lines.count == 1)
        #expect(
            instructed.lines.first?.hasPrefix(
                "#19 2005-08-24T11:00:00-04:00 [1.6, 1.7] written wire instructions from ROO Group, Inc.: 2 account(s); "
                    + "relied on Ed25519 signature verified (key \(publicKeys["company"]!.prefix(12))…, message sha256 ") == true,
            "\(instructed)")
        // 1.5: each fee payee's own instructions, for the fees to be wired to.
        for result in try await deal.instructFeePayees() { #expect(result.status == 0, "\(result)") }

        // 1.4, Exhibit A: each signer's counterpart, in the script's order; Purchaser 3's, the
        // last, makes the notice effective.
        let signing = ReferenceDeal.steps(through: .readyToRelease).compactMap { timed -> (String, String)? in
            guard case .signReleaseNotice(let party) = timed.step else { return nil }
            return (party.rawValue, timed.at.description)
        }
        #expect(signing.map(\.0) == ["company", "purchaser-1", "purchaser-2", "purchaser-4", "purchaser-3"])
        for (index, (party, at)) in signing.enumerated() {
            let signed = try await deal.signReleaseNotice(party, now: at)
            #expect(signed.status == 0, "\(signed)")
            #expect(
                signed.lines.first?.hasPrefix(
                    "#\(index + 26) \(at) [1.4, Exhibit A] Release Notice counterpart signed by \(names[party]!): "
                        + "relied on Ed25519 signature verified (key \(publicKeys[party]!.prefix(12))…") == true,
                "\(signed)")
            if party == "purchaser-3" {
                #expect(signed.lines.count == 2)
                #expect(
                    signed.lines.last
                        == "#31 2005-08-25T12:30:00-04:00 [1.4, Exhibit A] Release Notice effective: executed by ROO Group, Inc., Purchaser 1, Purchaser 2, Purchaser 3, Purchaser 4"
                )
            } else {
                #expect(signed.lines.count == 1)
            }
        }

        // 1.5, 1.6: the release.
        let released = try await deal.release()
        #expect(released.status == 0, "\(released)")
        #expect(released.lines == [ReferenceOutcome.disbursedLine])

        let status = try await deal.inspect("status", "--json")
        #expect(status.status == 0, "\(status)")
        let view = try status.json(StatusJSON.self)
        #expect(view.escrow == "roo-group-2005")
        #expect(view.phase == "released")
        #expect(view.funds.heldMinorUnits == 0)
        #expect(view.funds.depositedMinorUnits == 799_999_998)
        #expect(view.funds.paidOutMinorUnits == 799_999_998)
        #expect(view.funds.refundedMinorUnits == 0)
        #expect(view.releaseNotice.awaiting.isEmpty)
        #expect(view.releaseNotice.signed == ["company", "purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4"])
        #expect(view.nextStep == "closed: funds released (1.5, 1.6)")

        let ledger = try await deal.inspect("ledger", "--json")
        #expect(ledger.status == 0, "\(ledger)")
        let books = try ledger.json(LedgerJSON.self)
        #expect(books.currency == "USD")
        #expect(books.paidOutMinorUnits == 799_999_998)
        #expect(books.heldMinorUnits == 0)
        #expect(books.depositedMinorUnits == 799_999_998)
        let payouts = books.postings.filter { $0.credit == "held" }
        #expect(payouts.map(\.debit) == ["paid-out:escrow-agent", "paid-out:sichenzia", "paid-out:burnham-hill", "paid-out:company", "paid-out:company"])
        #expect(payouts.map(\.amount) == ["15000.00", "48500.00", "520000.00", "3400000.00", "4016499.98"])
        #expect(payouts.map(\.clause) == ["1.5", "1.5", "1.5", "1.6", "1.6"])

        let timeline = try await deal.inspect("timeline")
        #expect(timeline.status == 0, "\(timeline)")
        #expect(timeline.lines.count == 32)
        #expect(timeline.lines.map(DemoCommandTests.clause) == ReferenceOutcome.clauses)
        #expect(timeline.lines.enumerated().allSatisfy { $1.hasPrefix("#\($0 + 1) 2005-08-") }, "\(timeline)")
        #expect(timeline.lines.last == ReferenceOutcome.disbursedLine)

        let events = try await deal.timeline()
        let verified = try await deal.inspect("verify")
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.lines == ["roo-group-2005: 32 events verified, last hash \(events.last?.hash ?? "")"])
        #expect(verified.stderr == "")
    }
}
