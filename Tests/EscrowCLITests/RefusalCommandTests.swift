import EscrowCore
import Foundation
import Testing

/// Refused commands: a non-zero exit, one line on standard error that names the verb and
/// the clause, nothing on standard output, and not one event more in the log.
@Suite("refusals")
struct RefusalCommandTests {
    /// Runs `command` on `workspace` and checks that it is refused with exactly `line` and
    /// exit status `status`, and that the log is the same event for event afterwards.
    func expectRefusal(
        in workspace: Workspace, status: Int32, line: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ command: () async throws -> EscrowResult
    ) async throws {
        let before = try await workspace.timeline()
        let result = try await command()
        #expect(result.status == status, "\(result)", sourceLocation: sourceLocation)
        #expect(result.errorLines == [line], "\(result)", sourceLocation: sourceLocation)
        #expect(result.stdout == "", sourceLocation: sourceLocation)
        let after = try await workspace.timeline()
        #expect(after == before, "the refused command changed the log", sourceLocation: sourceLocation)
    }

    @Test("1.5, Exhibit A: release before the Release Notice is complete names the missing signer")
    func releaseBeforeReleaseNoticeIsComplete() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingPurchaser3)
        defer { deal.remove() }
        try await expectRefusal(
            in: deal, status: 3, line: "release refused: Release Notice lacks counterparts from Purchaser 3 (1.5, Exhibit A)"
        ) {
            try await deal.release(now: "2005-08-25T13:00:00-04:00")
        }
    }

    @Test("1.7: release after the refund deadline passed without the NIR Waiver is refused, and the refusal records no refund either")
    func releaseAfterRefundDeadline() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingWaiver)
        defer { deal.remove() }
        try await expectRefusal(in: deal, status: 3, line: ReferenceOutcome.releaseRefusedAfterDeadline) {
            try await deal.release(now: "2005-09-03T01:00:00-04:00")
        }
    }

    @Test("1.2: at 23:59 on 2005-09-02 the deadline is still open, so release is refused for the missing waiver, not under 1.7")
    func releaseJustBeforeRefundDeadline() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingWaiver)
        defer { deal.remove() }
        try await expectRefusal(
            in: deal, status: 3, line: "release refused: conditions not met: NIR Waiver (Exhibit B) (awaiting NIR Group) (1.2)"
        ) {
            try await deal.release(now: "2005-09-02T23:59:00-04:00")
        }
    }

    @Test("1.4: the Release Notice cannot be signed before the agent advises that every condition is in")
    func signBeforeAdvice() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingWaiver)
        defer { deal.remove() }
        try await expectRefusal(
            in: deal, status: 3,
            line: "sign refused: the Release Notice is delivered after the agent advises that every condition is in (1.2); it has not yet (1.4)"
        ) {
            try await deal.signReleaseNotice("company", now: "2005-08-24T08:00:00-04:00")
        }
    }

    @Test("2.8: a counterpart signed with another purchaser's key does not verify against the signer's key")
    func signatureWithAnotherPurchasersKey() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingPurchaser3)
        defer { deal.remove() }
        try await expectRefusal(
            in: deal, status: 2,
            line: "sign refused: the signature does not verify against Purchaser 3's key over the text of the Release Notice (2.8)"
        ) {
            try await deal.escrow(
                ["sign", "--instrument", "release-notice", "--party", "purchaser-3", "--key", CommandLineDeal.keyFile("purchaser-1")],
                now: "2005-08-25T12:30:00-04:00")
        }
    }

    @Test("2.8: Purchaser 1's own counterpart signature, offered as Purchaser 3's, is named as Purchaser 1's")
    func anotherPurchasersSignatureOfferedAsOwn() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingPurchaser3)
        defer { deal.remove() }
        let signature = try await signElsewhere(deal, party: "purchaser-1")
        try await expectRefusal(in: deal, status: 2, line: "sign refused: the signature is Purchaser 1's, not Purchaser 3's (2.8)") {
            try await deal.escrow(
                ["sign", "--instrument", "release-notice", "--party", "purchaser-3", "--signature", signature],
                now: "2005-08-25T12:30:00-04:00")
        }
    }

    @Test("2.8: a signature made elsewhere over `escrow signing-text` is accepted for its own signer")
    func signatureMadeElsewhere() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingPurchaser3)
        defer { deal.remove() }
        let signature = try await signElsewhere(deal, party: "purchaser-3")
        let signed = try await deal.escrow(
            ["sign", "--instrument", "release-notice", "--party", "purchaser-3", "--signature", signature],
            now: "2005-08-25T12:30:00-04:00")
        #expect(signed.status == 0, "\(signed)")
        #expect(signed.lines.count == 2)
        #expect(signed.lines.first?.hasPrefix("#30 2005-08-25T12:30:00-04:00 [1.4, Exhibit A] Release Notice counterpart signed by Purchaser 3: ") == true)
        #expect(signed.lines.last?.hasPrefix("#31 2005-08-25T12:30:00-04:00 [1.4, Exhibit A] Release Notice effective: ") == true)
    }

    @Test("1.4, Exhibit A: a signer cannot sign the Release Notice twice")
    func signingTwice() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingPurchaser3)
        defer { deal.remove() }
        try await expectRefusal(
            in: deal, status: 3, line: "sign refused: Purchaser 1 has already signed the Release Notice (1.4, Exhibit A)"
        ) {
            try await deal.signReleaseNotice("purchaser-1", now: "2005-08-25T12:30:00-04:00")
        }
    }

    @Test("1.4, Exhibit A: a party that is not a signer of the Release Notice cannot sign it")
    func signingByANonSigner() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingPurchaser3)
        defer { deal.remove() }
        try await expectRefusal(
            in: deal, status: 2,
            line: "sign refused: NIR Group is not a signer of the Release Notice; it is executed by ROO Group, Inc., Purchaser 1, Purchaser 2, Purchaser 3, Purchaser 4 (1.4, Exhibit A)"
        ) {
            try await deal.escrow(
                ["sign", "--instrument", "release-notice", "--party", "nir-group", "--key", CommandLineDeal.keyFile("purchaser-1")],
                now: "2005-08-25T12:30:00-04:00")
        }
    }

    @Test("1.5: release after release pays nothing more")
    func releaseTwice() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .readyToRelease)
        defer { deal.remove() }
        #expect(try await deal.release().lines == [ReferenceOutcome.disbursedLine])
        try await expectRefusal(in: deal, status: 3, line: "release refused: the funds were already released (1.5)") {
            try await deal.release(now: "2005-08-25T16:00:00-04:00")
        }
    }

    @Test("desk control: a release stated as asked and checked by one agent user is refused; by two, the log records both")
    func releaseWithMakerAndChecker() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .readyToRelease)
        defer { deal.remove() }
        try await expectRefusal(
            in: deal, status: 3,
            line: "release refused: agent user alice made the request and cannot also check it; a second agent user must (desk control)"
        ) {
            try await deal.escrow(["release", "--maker", "alice", "--checker", "alice"], now: CommandLineDeal.releaseInstant)
        }
        let released = try await deal.escrow(["release", "--maker", "alice", "--checker", "bob"], now: CommandLineDeal.releaseInstant)
        #expect(released.status == 0, "\(released)")
        let lines = try await deal.timeline().suffix(2)
        #expect(lines.map(\.type) == ["deskControlRecorded", "disbursed"])
        #expect(lines.first?.summary == "release requested by agent user alice (maker), approved by agent user bob (checker)")
    }

    @Test("1.1: the same escrow cannot be created twice")
    func createTwice() async throws {
        let deal = try Workspace()
        defer { deal.remove() }
        try await deal.createReferenceEscrow().succeeded()
        try await expectRefusal(in: deal, status: 3, line: "create refused: escrow roo-group-2005 already exists (1.1)") {
            try await deal.createReferenceEscrow()
        }
    }

    @Test(
        "an agreement file with an error is refused by create, naming the file, the line and the field",
        arguments: [
            AgreementDefect(
                file: "negative-amount.yaml",
                replacing: #"{purchaser: purchaser-3, shares: 50000000, amount: "1500000.00"}"#,
                with: #"{purchaser: purchaser-3, shares: 50000000, amount: "-1500000.00"}"#,
                reason: "subscriptions[2].amount: amount must be positive; found -1500000.00"),
            AgreementDefect(
                file: "unknown-party.yaml",
                replacing: #"{purchaser: purchaser-4, shares: 33333333, amount: "999999.99"}"#,
                with: #"{purchaser: purchaser-5, shares: 33333333, amount: "999999.99"}"#,
                reason:
                    "subscriptions[3].purchaser: no party has id 'purchaser-5' (did you mean 'purchaser-1'?); the parties are: "
                    + "company, escrow-agent, sichenzia, burnham-hill, nir-group, purchaser-1, purchaser-2, purchaser-3, purchaser-4"),
        ])
    func agreementWithAnError(defect: AgreementDefect) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let example = try String(contentsOfFile: CommandLineDeal.agreement, encoding: .utf8)
        let exampleLines = example.components(separatedBy: "\n")
        let line = try #require(exampleLines.firstIndex { $0.contains(defect.replacing) }) + 1
        #expect(exampleLines.filter { $0.contains(defect.replacing) }.count == 1)
        try workspace.write(example.replacingOccurrences(of: defect.replacing, with: defect.with), to: defect.file)

        let result = try await workspace.escrow(["create", "--agreement", defect.file], now: "2005-08-19T09:00:00-04:00")
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout == "")
        #expect(result.errorLines == ["create refused: \(defect.file):\(line): \(defect.reason)"])
        let escrows = try await workspace.inspect("list")
        #expect(escrows.status == 0, "\(escrows)")
        #expect(escrows.stdout == "", "a refused agreement opens no escrow")
    }

    @Test("1.1: a deposit amount with 3 decimals is refused, naming the option and the amount")
    func depositWithThreeDecimals() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingWaiver)
        defer { deal.remove() }
        let before = try await deal.timeline()
        let result = try await deal.escrow(
            ["deposit", "--from", "purchaser-3", "--amount", "1500000.005", "--reference", "FW20050823009"],
            now: "2005-08-23T09:00:00-04:00")
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout == "")
        #expect(result.errorLines.count == 1, "\(result)")
        #expect(result.stderr.contains("--amount") && result.stderr.contains("'1500000.005' has more decimals than USD allows (2)"), "\(result)")
        #expect(try await deal.timeline() == before)
        // Read like every other refusal: `deposit refused: … (clause)`.
        #expect(result.stderr.hasPrefix("deposit refused: "), "\(result)")
        #expect(result.stderr.hasSuffix("(1.1)\n"), "\(result)")
    }

    @Test("a malformed --now is refused before anything is recorded, naming the value")
    func malformedNow() async throws {
        let deal = try await PreparedDeals.shared.workspace(at: .awaitingWaiver)
        defer { deal.remove() }
        let before = try await deal.timeline()
        let result = try await deal.escrow(
            ["deposit", "--from", "purchaser-3", "--amount", "1.00", "--reference", "FW20050823009", "--db", deal.db, "--now", "2005-08-23"])
        #expect(result.status != 0, "\(result)")
        #expect(result.stdout == "")
        #expect(
            result.errorLines.first == "--now '2005-08-23' is not an ISO 8601 instant such as 2005-08-22T10:00:00-04:00",
            "\(result)")
        #expect(try await deal.timeline() == before)
        // One line, with no usage text after it.
        #expect(result.errorLines.count == 1, "\(result)")
    }

    /// Signs `party`'s counterpart of the Release Notice outside the engine, the way a
    /// signatory with its own tools would: reads `escrow signing-text`, checks that it is the
    /// message the engine verifies, and signs it with the party's private key file.
    func signElsewhere(_ deal: Workspace, party: String) async throws -> String {
        let text = try await deal.escrow(["signing-text", "--instrument", "release-notice", "--party", party, "--db", deal.db])
        #expect(text.status == 0, "\(text)")
        var fields: [String: String] = [:]
        for line in text.lines.dropFirst() {
            guard let separator = line.range(of: ": ") else { continue }
            fields[String(line[..<separator.lowerBound])] = String(line[separator.upperBound...])
        }
        let instrument = try #require(Instrument(text: fields["instrument"] ?? ""))
        let message = SigningMessage(
            escrowID: EscrowID(try #require(fields["escrow"])), termsSHA256: try #require(fields["terms-sha256"]),
            instrument: instrument, signer: PartyID(try #require(fields["signer"])), textSHA256: try #require(fields["text-sha256"]))
        #expect(text.lines.first == "escrow-signature-v1")
        #expect(message.bytes == Data(text.stdout.utf8), "signing-text prints exactly the bytes that are signed")
        let key = try deal.read(CommandLineDeal.keyFile(party)).trimmingCharacters(in: .whitespacesAndNewlines)
        return try #require(SignatureKeys.sign(message, privateKeyBase64: key))
    }
}

/// One mistake written into a copy of the reference agreement file.
struct AgreementDefect: Sendable, CustomTestStringConvertible {
    var file: String
    var replacing: String
    var with: String
    /// What `create` says after `file:line: `.
    var reason: String

    var testDescription: String { file }
}
