import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// An agreement that numbers its clauses its own way: refunds under 4.2, the release under 3.1.
/// Refusals, timeline lines, payments, postings, notices and the next step cite its numbers,
/// and a rule it does not number is cited in words.
@Suite("An agreement with its own clause numbers")
struct RenumberedAgreementTests {
    static let yaml = """
        agreement: {id: renumbered-deal, title: Renumbered Escrow, dated: 2005-08-19, currency: USD}
        parties:
          - {id: issuer, name: "Issuer, Inc.", role: company}
          - {id: agent, name: Agent LLP, role: escrowAgent}
          - {id: buyer-1, name: Buyer 1, role: purchaser}
          - {id: buyer-2, name: Buyer 2, role: purchaser}
          - {id: holder, name: Note Holder, role: thirdParty}
        subscriptions:
          - {purchaser: buyer-1, amount: "100.00"}
          - {purchaser: buyer-2, amount: "50.00"}
        depositInstructions: {bank: Bank, routingNumber: "021000089", accountName: Escrow, accountNumber: "1", reference: Test}
        conditions:
          - {id: funds, kind: subscriptionFunds, title: Funds, clause: "2.2"}
          - {id: consent, kind: document, title: Holder Consent, from: [holder], clause: "2.2"}
        releaseInstrument: {title: Joint Release, clause: "3.0, Schedule 1", signers: [issuer, purchasers], text: Release the funds.}
        disbursement:
          fixedPayments:
            - {payee: agent, amount: "10.00", purpose: agent fee, clause: "3.1"}
          remainder: {payee: issuer, clause: "3.2"}
        refund: {unless: consent, businessDaysAfterAgreementDate: 10, clause: "4.2"}
        clauses:
          escrowAccount: "2.1"
          advice: "2.2"
          depositInstructions: "2.3"
          releaseInstrument: "3.0"
          releaseInstrumentForm: "Schedule 1"
          release: "3.1"
          remainder: "3.2"
          refund: "4.2"

        """

    static func harness() throws -> Harness {
        Harness(terms: try AgreementFile.parse(yaml, sourceName: "renumbered.yaml"))
    }

    /// Timeline lines of the events after the first `skipping`, each read against the state
    /// before it, as `escrow timeline` prints them.
    static func timeline(_ log: [EscrowEvent], skipping: Int = 0) throws -> [String] {
        var lines: [String] = []
        var state: EscrowState? = nil
        for (index, event) in log.enumerated() {
            if index >= skipping { lines.append("[\(event.clause(in: state))] \(event.summary(in: state))") }
            if case .opened(let opened) = event { state = EscrowState(opened: opened) } else { try state?.apply(event) }
        }
        return lines
    }

    @Test("4.2: the refund deadline, the refund and every refusal after it cite 4.2")
    func refundCitesItsOwnClause() throws {
        var harness = try Self.harness()
        try harness.depositAll()
        let early = harness.refusal(.refund, at: newYork(2005, 8, 30))
        #expect(early?.cause == .refundDeadlineNotPassed)
        #expect(early?.description == "the 4.2 deadline has not passed without the trigger condition (4.2)")

        let before = harness.log.count
        try harness.run(.tick, at: newYork(2005, 9, 3, 9))
        #expect(
            try Self.timeline(harness.log, skipping: before) == [
                "[4.2] consent not received by 2005-09-02 end of day America/New_York: release is no longer possible; funds go back",
                "[4.2] refund of USD 150.00 fell due: USD 100.00 to Buyer 1; USD 50.00 to Buyer 2",
            ])
        #expect(harness.state.refundsFallenDue.first?.owed.map(\.clause) == ["4.2", "4.2"])
        #expect(harness.state.ledger.postings.map(\.clause) == ["2.1", "2.1"])
        #expect(harness.state.noticesRecord.map(\.clause) == ["4.2", "4.2", "4.2"])
        #expect(harness.state.nextStep == "refunds owed await each depositor's signed written wire instructions: USD 100.00 to Buyer 1, USD 50.00 to Buyer 2 (4.2)")

        let deadline = try #require(harness.state.deadlines["refund"])
        let release = harness.refusal(.release, at: newYork(2005, 9, 6))
        #expect(release?.cause == .releaseAfterRefundDeadline(condition: "consent", deadline: deadline))
        #expect(
            release?.description
                == "Holder Consent was not received by 2005-09-02 end of day America/New_York; the funds go back to the purchasers (4.2)")
        let advise = harness.refusal(.advise, at: newYork(2005, 9, 6))
        #expect(advise?.description == "the 4.2 deadline 2005-09-02 end of day America/New_York has passed; the funds go back (4.2)")
    }

    @Test("3.1: the release, its instrument and its refusals cite the agreement's numbers; an unnumbered rule is cited in words")
    func releaseCitesItsOwnClauses() throws {
        var harness = try Self.harness()
        try harness.registerKeys()
        #expect(try Self.timeline(harness.log).first == "[2.1] escrow roo-group-2005 opened under \"Renumbered Escrow\" dated 2005-08-19; subscriptions total USD 150.00")
        #expect(try Self.timeline(harness.log).last?.hasPrefix("[reliance clause] signing key registered for Buyer 2") == true)
        try harness.depositAll()
        #expect(try Self.timeline(harness.log).last == "[2.1, 2.3] deposit D2 of USD 50.00 from Buyer 2, wire FW-2")

        let early = harness.refusal(.sign(instrument: .releaseNotice, signer: "issuer", evidence: harness.signature(.releaseNotice, by: "issuer")), at: newYork(2005, 8, 23))
        #expect(early?.cause == .releaseNoticeBeforeAdvice)
        #expect(early?.description == "the Joint Release is delivered after the agent advises that every condition is in (2.2); it has not yet (3.0)")
        let hold = harness.refusal(.placeHold(id: "H1", amount: nil, reason: "share count", partiesConcerned: []), at: newYork(2005, 8, 23))
        #expect(hold?.cause == .holdNeedsParties)
        #expect(hold?.clause == "disputes clause")

        try harness.deliver("consent", from: "holder", at: newYork(2005, 8, 24))
        #expect(try Self.timeline(harness.log).last == "[2.2] advised Issuer, Inc., Buyer 1, Buyer 2 that USD 150.00 is received; every condition is in")
        try harness.instruct("issuer", lines: [InstructionLine(account: Harness.operating, amount: nil)])
        #expect(try Self.timeline(harness.log).last?.hasPrefix("[3.2, 4.2] written wire instructions from Issuer, Inc.") == true)
        try harness.sign(by: "issuer")
        try harness.sign(by: "buyer-1")
        #expect(try Self.timeline(harness.log).last?.hasPrefix("[3.0, Schedule 1] Joint Release counterpart signed by Buyer 1") == true)

        let incomplete = harness.refusal(.release, at: newYork(2005, 8, 25, 15))
        #expect(incomplete?.cause == .releaseNoticeIncomplete(missing: ["buyer-2"]))
        #expect(incomplete?.description == "Joint Release lacks counterparts from Buyer 2 (3.1, Schedule 1)")

        try harness.sign(by: "buyer-2", at: newYork(2005, 8, 25, 16))
        // The agent's own fee (3.1) goes only to its signed written instructions too.
        #expect(harness.state.nextStep == "awaiting written wire instructions from Agent LLP (3.1, 3.2)")
        let unpaid = harness.refusal(.release, at: newYork(2005, 8, 25, 17))
        #expect(unpaid?.description == "each payee is paid only to its own signed written wire instructions, and none are in from Agent LLP (3.1, 3.2)")
        try harness.registerKeys(["agent"], at: newYork(2005, 8, 25, 17))
        try harness.instruct("agent", lines: [InstructionLine(account: ReferenceDeal.feeInstructions[0].accounts[0].bankAccount, amount: nil)], at: newYork(2005, 8, 25, 17))
        #expect(harness.state.nextStep == "release the funds (3.1, 3.2)")
        let before = harness.log.count
        try harness.run(.release, at: newYork(2005, 8, 26))
        #expect(
            try Self.timeline(harness.log, skipping: before) == [
                "[3.1, 3.2] disbursed USD 150.00: USD 10.00 to Agent LLP (3.1); USD 140.00 to Issuer, Inc. (3.2)"
            ])
        let again = harness.refusal(.release, at: newYork(2005, 8, 29))
        #expect(again?.cause == .alreadyReleased)
        #expect(again?.description == "the funds were already released (3.1)")
        #expect(harness.state.nextStep == "closed: funds released (3.1, 3.2)")
    }
}
