import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// An indemnity escrow whose file states its instruments: who signs amendments, a successor's
/// appointment, a settlement and joint written instructions, under which clause.
@Suite("Instruments and their signers from the agreement file")
struct InstrumentsSectionTests {
    static let yaml = """
        agreement: {id: holdback-2024, title: Indemnity Escrow Agreement, dated: 2024-03-01, currency: USD}
        parties:
          - {id: seller, name: "Seller Holdings LLC", role: company, address: "1 Main Street, Chicago, IL 60601", noticeMethod: courier}
          - {id: agent, name: "Escrow Bank, N.A.", role: escrowAgent, address: "escrow-ops@escrowbank.example", noticeMethod: email}
          - {id: buyer, name: "Buyer Corp.", role: purchaser, address: "9 Elm Street, Boston, MA 02110", noticeMethod: mail}
          - {id: broker, name: "Broker LLC", role: feePayee}
        subscriptions:
          - {purchaser: buyer, amount: "1000000.00"}
        depositInstructions: {bank: Bank, routingNumber: "021000089", accountName: Escrow, accountNumber: "1", reference: Holdback}
        conditions:
          - {id: escrow-amount, kind: subscriptionFunds, title: Escrow Amount, clause: "2.1"}
        releaseInstrument: {title: Joint Release Certificate, clause: "3.1", signers: [buyer, seller], text: Release the escrow amount.}
        disbursement:
          fixedPayments:
            - {payee: broker, amount: "10000.00", purpose: finder's fee, clause: "3.2"}
          remainder: {payee: seller, clause: "3.3"}
        instruments:
          amendment: {title: Amendment, clause: "9.4"}
          successor: {title: Appointment of Successor Escrow Agent, clause: "8.2", signers: [buyer, seller]}
          settlement: {title: Joint Settlement Instructions, clause: "7.3", signers: [buyer, seller]}
          jointInstructions: {title: Joint Written Instructions, clause: "7.2", signers: [buyer, seller]}
        notices:
          recipients:
            advice: [buyer, seller]
            jointInstructions: [buyer, seller]
          deemedReceipt: {courier: 1, mail: 3, email: 0}
        clauses: {escrowAccount: "2.1", advice: "2.2", release: "3.1", remainder: "3.3", amendments: "9.4", dispute: "7", succession: "8.2", notices: "10"}

        """

    static let buyerAccount = BankAccount(accountName: "Buyer Corp.", bank: "Citibank, N.A.", routingNumber: "021000089", accountNumber: "40012345")

    /// Opened, keys registered, the escrow amount in and advised.
    static func funded() throws -> Harness {
        var harness = Harness(terms: try AgreementFile.parse(yaml, sourceName: "holdback.yaml"), at: newYork(2024, 3, 1, 9))
        try harness.registerKeys(["buyer", "seller"], at: newYork(2024, 3, 1, 10))
        try harness.depositAll(at: newYork(2024, 3, 4, 11))
        return harness
    }

    @Test("The file's instruments section is read with every kind, title, clause and signer list")
    func sectionIsRead() throws {
        let terms = try AgreementFile.parse(Self.yaml, sourceName: "holdback.yaml")
        let instruments = try #require(terms.instruments)
        #expect(instruments.amendment == AmendmentInstrumentTerms(title: "Amendment", clause: "9.4", signers: nil))
        #expect(instruments.jointInstructions?.signers == [.party("buyer"), .party("seller")])
        #expect(terms.party("buyer")?.noticeMethod == .mail)
        #expect(terms.successorSigners == ["buyer", "seller"])
    }

    @Test("Without the section, amendments still need the company, every purchaser and the agent, and terms encode as before")
    func absentSectionKeepsTodaysSigners() throws {
        let terms = referenceTerms
        #expect(terms.instruments == nil)
        #expect(terms.notices == nil)
        #expect(
            terms.amendmentSigners(for: [.agentDuties("x")], agent: "escrow-agent")
                == ["company", "purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4", "escrow-agent"])
        let encoded = String(decoding: try EventCoding.encoder.encode(terms), as: UTF8.self)
        #expect(!encoded.contains("instruments"))
        #expect(!encoded.contains("noticeMethod"))
        #expect(!encoded.contains("\"notices\":{"))
    }

    @Test("An amendment binds the parties whose rights its change touches: payee and remainder payee, the agent for its duties")
    func amendmentSignersAreThePartiesTouched() throws {
        var harness = try Self.funded()
        try harness.run(
            .proposeAmendment(id: "A1", changes: [.changeFixedPayment(payee: "broker", amount: usd("8000.00"))], text: "Lower fee."),
            at: newYork(2024, 3, 5, 10))
        #expect(harness.state.requiredSigners(of: .amendment("A1")) == ["seller", "broker"])
        try harness.run(.proposeAmendment(id: "A2", changes: [.agentDuties("Report weekly.")], text: "Duties."), at: newYork(2024, 3, 5, 10))
        #expect(harness.state.requiredSigners(of: .amendment("A2")) == ["agent"])
        try harness.run(
            .requestInstrument(id: "lien-release", title: "Release of the bank's lien", from: ["seller"], dueBy: CivilDate(year: 2024, month: 4, day: 1)),
            at: newYork(2024, 3, 5, 10))
        try harness.run(
            .proposeAmendment(id: "A3", changes: [.extendDeadline("lien-release", to: CivilDate(year: 2024, month: 6, day: 3)!)], text: "Later."),
            at: newYork(2024, 3, 5, 10))
        #expect(harness.state.requiredSigners(of: .amendment("A3")) == ["seller", "buyer"])

        let refusal = harness.refusal(
            .sign(instrument: .amendment("A1"), signer: "buyer", evidence: harness.signature(.amendment("A1"), by: "buyer")),
            at: newYork(2024, 3, 5, 11))
        #expect(refusal?.cause == .notASigner("buyer", instrument: .amendment("A1")))
        #expect(refusal?.clause == "9.4")
        #expect(refusal?.reason.contains("Amendment A1") == true)
    }

    @Test("A settlement needs the signers the file names, not only the parties the hold names")
    func settlementSignersFromFile() throws {
        var harness = try Self.funded()
        try harness.run(.placeHold(id: "H1", amount: nil, reason: "claim dispute", partiesConcerned: ["buyer"]), at: newYork(2024, 3, 6, 9))
        #expect(harness.state.requiredSigners(of: .settlement("H1")) == ["buyer", "seller"])
        try harness.sign(.settlement("H1"), by: "buyer", at: newYork(2024, 3, 6, 10))
        #expect(harness.state.activeHolds["H1"] != nil)
        let events = try harness.run(
            .sign(instrument: .settlement("H1"), signer: "seller", evidence: harness.signature(.settlement("H1"), by: "seller")),
            at: newYork(2024, 3, 6, 11))
        #expect(events.map(\.type) == ["counterpartSigned", "holdLifted"])
        #expect(events.map { $0.clause(in: harness.state) } == ["7.3", "7"])
    }

    @Test("Joint written instructions: refused naming the missing signer, paid to the payee's own instructions once both signed, citing 7.2")
    func jointInstructionsPayOnceSignedAndInstructed() throws {
        var harness = try Self.funded()
        let id: JointInstructionsID = "JWI-1"
        try harness.run(
            .proposeJointInstructions(id: id, payee: "buyer", amount: usd("250000.00"), purpose: "indemnity claim 1"),
            at: newYork(2024, 3, 11, 10))
        #expect(harness.state.requiredSigners(of: .jointInstructions(id)) == ["buyer", "seller"])
        try harness.sign(.jointInstructions(id), by: "buyer", at: newYork(2024, 3, 11, 11))

        let unsigned = harness.refusal(.payJointInstructions(id: id), at: newYork(2024, 3, 11, 12))
        #expect(unsigned?.cause == .jointInstructions(.missingSigners(id, missing: ["seller"])))
        #expect(unsigned?.description == "Joint Written Instructions JWI-1 lacks the signatures of Seller Holdings LLC (7.2)")

        let signed = try harness.run(
            .sign(instrument: .jointInstructions(id), signer: "seller", evidence: harness.signature(.jointInstructions(id), by: "seller")),
            at: newYork(2024, 3, 12, 10))
        #expect(signed.map(\.type) == ["counterpartSigned"])
        let uninstructed = harness.refusal(.payJointInstructions(id: id), at: newYork(2024, 3, 12, 11))
        #expect(
            uninstructed?.description
                == "Joint Written Instructions JWI-1 is signed, but Buyer Corp. has given no signed written wire instructions to be paid to (7.2)")

        let paid = try harness.instruct("buyer", lines: [InstructionLine(account: Self.buyerAccount, amount: nil)], at: newYork(2024, 3, 12, 15))
        #expect(paid.map(\.type) == ["paymentInstructionsGiven", "jointInstructionsPaid"])
        guard case .jointInstructions(.paid(let payment)) = paid.last else {
            Issue.record("expected the payment")
            return
        }
        #expect(payment.payments.map(\.amount) == [usd("250000.00")])
        #expect(payment.payments.map(\.clause) == ["7.2"])
        #expect(payment.payments.map(\.destination) == ["Buyer Corp., Citibank, N.A., ABA 021000089, acct 40012345"])
        #expect(harness.state.ledger.held == usd("750000.00"))
        #expect(harness.state.phase == .open)
        #expect(paid.last?.summary(in: harness.state).hasPrefix("Joint Written Instructions JWI-1 paid: USD 250,000.00 to Buyer Corp.") == true)

        #expect(harness.refusal(.payJointInstructions(id: id), at: newYork(2024, 3, 13, 9))?.cause == .jointInstructions(.alreadyPaid(id)))
        let tooMuch = harness.refusal(
            .proposeJointInstructions(id: "JWI-2", payee: "seller", amount: usd("750000.01"), purpose: "more"), at: newYork(2024, 3, 13, 9))
        #expect(tooMuch?.cause == .jointInstructions(.exceedsFunds("JWI-2", total: usd("750000.01"), held: usd("750000.00"))))
        #expect(tooMuch?.clause == "7.2")

        // The release then pays the remainder net of what the joint instructions paid.
        try harness.sign(.releaseNotice, by: "buyer", at: newYork(2024, 3, 14, 9))
        try harness.sign(.releaseNotice, by: "seller", at: newYork(2024, 3, 14, 9))
        let sellerAccount = BankAccount(accountName: "Seller Holdings LLC", bank: "Citibank, N.A.", routingNumber: "021000089", accountNumber: "50012345")
        try harness.instruct("seller", lines: [InstructionLine(account: sellerAccount, amount: nil)], at: newYork(2024, 3, 14, 10))
        // The broker's fee (3.2) is wired only to its own signed instructions.
        try harness.registerKeys(["broker"], at: newYork(2024, 3, 14, 10))
        let brokerAccount = BankAccount(accountName: "Broker LLC", bank: "Citibank, N.A.", routingNumber: "021000089", accountNumber: "60012345")
        try harness.instruct("broker", lines: [InstructionLine(account: brokerAccount, amount: nil)], at: newYork(2024, 3, 14, 10))
        let released = try harness.run(.release, at: newYork(2024, 3, 14, 11))
        guard case .disbursed(let disbursed) = released.last else {
            Issue.record("expected the release")
            return
        }
        #expect(disbursed.payments.map(\.amount) == [usd("10000.00"), usd("740000.00")])
        #expect(harness.state.ledger.held == usd("0.00"))
    }

    @Test("An agreement without joint written instructions refuses them")
    func jointInstructionsNeedTheSection() throws {
        var harness = Harness()
        try harness.depositAll()
        let refusal = harness.refusal(
            .proposeJointInstructions(id: "J", payee: "company", amount: usd("1.00"), purpose: "x"), at: newYork(2005, 8, 23, 9))
        #expect(refusal?.cause == .jointInstructions(.notProvided))
        #expect(refusal?.kind == .forbidden)
    }

    @Test("Joint written instructions survive the stored event round trip")
    func jointEventsRoundTrip() throws {
        var harness = try Self.funded()
        let events = try harness.run(
            .proposeJointInstructions(id: "JWI-1", payee: "buyer", amount: usd("1.00"), purpose: "p"), at: newYork(2024, 3, 11, 10))
        for event in events {
            #expect(try EscrowEvent.decode(type: event.type, payload: event.payload()) == event)
        }
        #expect(events.map(\.type) == ["jointInstructionsProposed"])
    }

    @Test("The file is refused when an instrument names an unknown signer, or joint instructions name none")
    func badSectionsAreRefused() throws {
        let unknown = Self.yaml.replacingOccurrences(of: "signers: [buyer, seller]}\n  settlement", with: "signers: [buyer, sellr]}\n  settlement")
        #expect(throws: AgreementFileError.self) { try AgreementFile.parse(unknown, sourceName: "x.yaml") }
        do {
            _ = try AgreementFile.parse(unknown, sourceName: "x.yaml")
        } catch {
            #expect(error.field == "instruments.successor.signers[1]")
            #expect(error.message.contains("did you mean 'seller'"))
            #expect(error.line == 19)
        }
        let noSigners = Self.yaml.replacingOccurrences(
            of: "jointInstructions: {title: Joint Written Instructions, clause: \"7.2\", signers: [buyer, seller]}",
            with: "jointInstructions: {title: Joint Written Instructions, clause: \"7.2\"}")
        do {
            _ = try AgreementFile.parse(noSigners, sourceName: "x.yaml")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.field == "instruments.jointInstructions.signers")
        }
        let typo = Self.yaml.replacingOccurrences(of: "  settlement: {title", with: "  setlement: {title")
        do {
            _ = try AgreementFile.parse(typo, sourceName: "x.yaml")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.message.hasPrefix("unknown key 'setlement' (did you mean 'settlement'?)"))
        }
    }
}
