import EscrowCore
import EscrowTesting
import Foundation
import Testing

@Suite("Escrow agreement clauses 1.1 to 1.7")
struct EscrowArticleOneTests {
    @Test("1.1: each purchaser's wire is held and posted to the ledger")
    func depositsAreHeldPerPurchaser() throws {
        var harness = Harness()
        try harness.depositAll()
        #expect(harness.state.ledger.held == usd("7999999.98"))
        #expect(harness.state.deposited(by: "purchaser-2") == usd("2499999.99"))
        #expect(harness.state.deposits.allSatisfy { $0.flags.isEmpty })
    }

    @Test("1.1: over-, under- and unknown-sender wires are accepted, held and flagged")
    func oddDepositsAreFlaggedNotLost() throws {
        var harness = Harness()
        try harness.run(.recordDeposit(bankReference: "W1", purchaser: "purchaser-1", senderName: nil, amount: usd("1000000.00")), at: newYork(2005, 8, 22))
        try harness.run(.recordDeposit(bankReference: "W2", purchaser: "purchaser-1", senderName: nil, amount: usd("2000000.01")), at: newYork(2005, 8, 22))
        try harness.run(.recordDeposit(bankReference: "W3", purchaser: nil, senderName: "Acme Holdings", amount: usd("5000.00")), at: newYork(2005, 8, 22))
        let flags = harness.state.deposits.map(\.flags)
        #expect(flags == [[.underSubscription], [.overSubscription], [.unknownSender]])
        #expect(harness.state.ledger.held == usd("3005000.01"))
        #expect(harness.state.unidentifiedDeposits.map(\.senderName) == ["Acme Holdings"])
    }

    @Test("1.3: a wire reported twice with one bank reference is one deposit")
    func repeatedBankReferenceIsTheSameDeposit() throws {
        var harness = Harness()
        let wire = EscrowCommand.recordDeposit(bankReference: "FW-7", purchaser: "purchaser-3", senderName: nil, amount: usd("1500000.00"))
        try harness.run(wire, at: newYork(2005, 8, 22))
        #expect(try harness.run(wire, at: newYork(2005, 8, 22, 13)).isEmpty)
        #expect(harness.state.deposits.count == 1)
        let clash = harness.refusal(
            .recordDeposit(bankReference: "FW-7", purchaser: "purchaser-3", senderName: nil, amount: usd("1.00")), at: newYork(2005, 8, 22))
        #expect(clash?.cause == .bankReferenceReused(reference: "FW-7", deposit: "D1", amount: usd("1500000.00")))
        #expect(clash?.clause == "1.3")
    }

    @Test("1.2: the advice of funds received is generated once, when the last condition arrives")
    func adviceAfterEveryCondition() throws {
        var harness = Harness()
        try harness.depositAll()
        try harness.deliverClosingDocuments(waiverAt: nil)
        #expect(harness.state.advice == nil)
        try harness.deliver("nir-waiver", from: "nir-group", at: newYork(2005, 8, 24, 9))
        let advice = try #require(harness.state.advice)
        #expect(advice.amount == usd("7999999.98"))
        #expect(advice.recipients == ["company", "purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4"])
        #expect(advice.at == newYork(2005, 8, 24, 9))
        try harness.deliver("closing-documents", from: "company", at: newYork(2005, 8, 24, 10))
        #expect(harness.events(ofType: "fundsAdvised").count == 1)
    }

    @Test("1.2: advising before every condition is in is refused, naming what is missing")
    func adviseNamesWhatIsMissing() throws {
        var harness = Harness()
        try harness.depositAll()
        try harness.deliverClosingDocuments(waiverAt: nil)
        let refusal = harness.refusal(.advise, at: newYork(2005, 8, 24))
        #expect(refusal?.cause == .conditionsNotMet(["nir-waiver"]))
        #expect(refusal?.description == "conditions not met: NIR Waiver (Exhibit B) (awaiting NIR Group) (1.2)")
        try harness.deliver("nir-waiver", from: "nir-group", at: newYork(2005, 8, 24, 9))
        let again = harness.refusal(.advise, at: newYork(2005, 8, 24, 10))
        #expect(again?.cause == .adviceAlreadyGiven(amount: usd("7999999.98")))
        #expect(again?.kind == .alreadyDone)
    }

    @Test("the next step names what the escrow waits for, with its clause")
    func nextStep() throws {
        var harness = Harness()
        try harness.depositAll()
        #expect(harness.state.nextStep == "awaiting NIR Waiver (Exhibit B) from NIR Group (1.2)")
        let ready = try Harness.readyToRelease()
        #expect(ready.state.nextStep == "release the funds (1.5, 1.6)")
    }

    @Test("1.2: a document from a party the condition does not name is refused")
    func documentFromWrongParty() {
        var harness = Harness()
        let data = Data("waiver".utf8)
        let refusal = harness.refusal(
            .receiveDocument(condition: "nir-waiver", from: "purchaser-1", title: nil, sha256: SHA256Hex.of(data), byteCount: 6), at: newYork(2005, 8, 24))
        #expect(refusal?.cause == .documentFromWrongParty("nir-waiver", from: "purchaser-1"))
        #expect(refusal?.reason == "NIR Waiver (Exhibit B) is to come from NIR Group, not Purchaser 1")
    }

    @Test("1.4, Exhibit A: the Release Notice is effective only once the company and every purchaser sign")
    func releaseNoticeNeedsEveryCounterpart() throws {
        var harness = Harness()
        try harness.registerKeys()
        try harness.depositAll()
        try harness.deliverClosingDocuments()
        try harness.instruct()
        for signer in harness.signers where signer != "purchaser-3" { try harness.sign(by: signer) }
        #expect(harness.state.releaseNoticeEffectiveAt == nil)
        let refusal = harness.refusal(.release, at: newYork(2005, 8, 25, 12))
        #expect(refusal?.cause == .releaseNoticeIncomplete(missing: ["purchaser-3"]))
        #expect(refusal?.description == "Release Notice lacks counterparts from Purchaser 3 (1.5, Exhibit A)")
        try harness.sign(by: "purchaser-3", at: newYork(2005, 8, 25, 13))
        #expect(harness.state.releaseNoticeEffectiveAt == newYork(2005, 8, 25, 13))
    }

    @Test("1.5, 1.6: release pays the three fees, then the remainder per the company's split instructions, to the cent")
    func disbursementPlan() throws {
        var harness = try Harness.readyToRelease()
        let events = try harness.run(.release, at: newYork(2005, 8, 25, 15))
        guard case .disbursed(let plan)? = events.first else {
            Issue.record("release records one disbursement")
            return
        }
        #expect(events.count == 1)
        #expect(plan.payments.map(\.payee) == [.party("escrow-agent"), .party("sichenzia"), .party("burnham-hill"), .party("company"), .party("company")])
        #expect(plan.payments.map(\.amount.amountMinorUnits) == [1_500_000, 4_850_000, 52_000_000, 340_000_000, 401_649_998])
        #expect(plan.payments.map(\.clause) == ["1.5", "1.5", "1.5", "1.6", "1.6"])
        // 1.5: each fee is wired per its payee's own signed written instructions.
        #expect(
            plan.payments.prefix(3).map(\.destination) == [
                "Kramer Levin Naftalis & Frankel LLP, Citibank, N.A., ABA 021000089, acct 50066677",
                "Sichenzia Ross Friedman Ference LLP, JPMorgan Chase Bank, N.A., ABA 021000021, acct 600077788",
                "Pali Capital, Inc., Bank of New York, ABA 021000018, acct 7100223344",
            ])
        #expect(plan.total == usd("7999999.98"))
        #expect(harness.state.ledger.held.isZero)
        #expect(harness.state.ledger.paidOut == usd("7999999.98"))
        #expect(harness.refusal(.release, at: newYork(2005, 8, 26))?.cause == .alreadyReleased)
    }

    @Test("1.5: excess and unknown-sender wires go back to their senders, not to the company")
    func excessReturnedAtRelease() throws {
        var harness = Harness()
        try harness.registerKeys()
        try harness.depositAll()
        try harness.run(.recordDeposit(bankReference: "X1", purchaser: "purchaser-4", senderName: nil, amount: usd("0.02")), at: newYork(2005, 8, 22))
        try harness.run(.recordDeposit(bankReference: "X2", purchaser: nil, senderName: "Stranger LLC", amount: usd("10.00")), at: newYork(2005, 8, 22))
        try harness.deliverClosingDocuments()
        try harness.instruct()
        try harness.instructFeePayees()
        for signer in harness.signers { try harness.sign(by: signer) }
        guard case .disbursed(let plan)? = try harness.run(.release, at: newYork(2005, 8, 25, 15)).first else {
            Issue.record("release records one disbursement")
            return
        }
        #expect(plan.payments.prefix(2).map(\.payee) == [.party("purchaser-4"), .outside("Stranger LLC")])
        #expect(plan.payments.prefix(2).map(\.amount) == [usd("0.02"), usd("10.00")])
        #expect(plan.payments.last?.amount == usd("4016499.98"))
        #expect(plan.total == usd("8000010.00"))
    }

    @Test("1.6: release without the company's written wire instructions is refused")
    func releaseNeedsInstructions() throws {
        var harness = Harness()
        try harness.registerKeys()
        try harness.depositAll()
        try harness.deliverClosingDocuments()
        for signer in harness.signers { try harness.sign(by: signer) }
        let none = harness.refusal(.release, at: newYork(2005, 8, 25, 15))
        #expect(none?.cause == .payeesWithoutInstructions(["escrow-agent", "sichenzia", "burnham-hill", "company"]))
        try harness.instructFeePayees()
        let refusal = harness.refusal(.release, at: newYork(2005, 8, 25, 15))
        #expect(refusal?.cause == .noWireInstructions("company", afterHold: false))
        #expect(refusal?.description == "ROO Group, Inc. has given no written wire instructions (1.6)")
    }

    @Test("1.7: without the NIR waiver by the end of 2005-09-02 each purchaser's deposits fall due to it, and release is refused")
    func refundAfterMissedWaiver() throws {
        var harness = Harness()
        try harness.registerKeys()
        try harness.depositAll()
        try harness.deliverClosingDocuments(waiverAt: nil)
        #expect(try harness.run(.tick, at: newYork(2005, 9, 2, 23, 59)).isEmpty)
        let events = try harness.run(.tick, at: newYork(2005, 9, 3, 0, 0))
        #expect(events.map(\.type) == ["refundDeadlineMissed", "refundsFellDue"])
        guard case .refundsFellDue(let due) = events[1] else { return }
        #expect(due.owed.map(\.payee) == [.party("purchaser-1"), .party("purchaser-2"), .party("purchaser-3"), .party("purchaser-4")])
        #expect(due.owed.map(\.amount.amountMinorUnits) == [300_000_000, 249_999_999, 150_000_000, 99_999_999])
        #expect(due.total == usd("7999999.98"))
        // Nobody has given written wire instructions: nothing is paid, everything is owed.
        #expect(harness.state.ledger.refunded.isZero)
        #expect(harness.state.ledger.held == usd("7999999.98"))
        #expect(harness.state.refundOwed(to: .party("purchaser-3")) == usd("1500000.00"))
        #expect(harness.state.phase == .refunded)
        #expect(try harness.run(.tick, at: newYork(2005, 9, 10)).isEmpty)
        let refusal = harness.refusal(.release, at: newYork(2005, 9, 6))
        let deadline = try #require(harness.state.deadlines["refund"])
        #expect(refusal?.cause == .releaseAfterRefundDeadline(condition: "nir-waiver", deadline: deadline))
        #expect(refusal?.clause == "1.7")
        #expect(refusal?.reason.contains("2005-09-02 end of day America/New_York") == true)
        #expect(harness.refusal(.refund, at: newYork(2005, 9, 6))?.cause == .refundsAwaitingInstructions(["purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4"]))
    }

    @Test("1.7: a refund owed is paid \"pursuant to written wire instructions to be delivered by the Purchasers\", each when its own arrive")
    func owedRefundPaidOnInstructions() throws {
        var harness = Harness()
        try harness.registerKeys()
        try harness.depositAll()
        try harness.run(.tick, at: newYork(2005, 9, 3, 9))
        let account = BankAccount(accountName: "Purchaser 3", bank: "Chase", routingNumber: "021000021", accountNumber: "555000333")
        let events = try harness.instruct("purchaser-3", lines: [InstructionLine(account: account, amount: nil)], at: newYork(2005, 9, 6, 10))
        #expect(events.map(\.type) == ["paymentInstructionsGiven", "refunded"])
        guard case .refunded(let refund) = events.last else { return }
        #expect(refund.payments.map(\.payee) == [.party("purchaser-3")])
        #expect(refund.payments.map(\.destination) == [account.description])
        #expect(refund.total == usd("1500000.00"))
        #expect(harness.state.ledger.refunded == usd("1500000.00"))
        #expect(harness.state.ledger.held == usd("6499999.98"))
        #expect(harness.state.refundsOwed.map(\.payee) == [.party("purchaser-1"), .party("purchaser-2"), .party("purchaser-4")])
        #expect(harness.state.refundOwed(to: .party("purchaser-3")).isZero)
        #expect(harness.state.nextStep.hasPrefix("refunds owed await each depositor's signed written wire instructions: USD 3,000,000.00 to Purchaser 1"))
    }

    @Test("1.7: a file that allows it refunds a depositor without instructions to its originating wire")
    func refundToOriginatingAccountWhereAllowed() throws {
        var terms = referenceTerms
        terms.refund?.toOriginatingAccount = true
        var harness = Harness(terms: terms)
        try harness.depositAll()
        let events = try harness.run(.tick, at: newYork(2005, 9, 3, 9))
        #expect(events.map(\.type) == ["refundDeadlineMissed", "refundsFellDue", "refunded"])
        guard case .refunded(let refund) = events.last else { return }
        #expect(refund.payments.map(\.destination) == ["return to originating wire FW-1", "return to originating wire FW-2", "return to originating wire FW-3", "return to originating wire FW-4"])
        #expect(harness.state.ledger.refunded == usd("7999999.98"))
        #expect(harness.state.refundsOwed.isEmpty)
    }

    @Test("1.7: a waiver that arrives after the deadline does not save the release")
    func lateWaiver() throws {
        var harness = Harness()
        try harness.depositAll()
        try harness.deliverClosingDocuments(waiverAt: nil)
        let events = try harness.run(.receiveDocument(condition: "nir-waiver", from: "nir-group", title: nil, sha256: SHA256Hex.of("late"), byteCount: 4), at: newYork(2005, 9, 6, 9))
        #expect(events.map(\.type) == ["refundDeadlineMissed", "refundsFellDue", "documentReceived"])
        #expect(harness.state.advice == nil)
    }

    @Test("1.7: a purchaser's written wire instructions given before the deadline direct its refund at once")
    func refundFollowsWireInstructions() throws {
        var harness = Harness()
        try harness.registerKeys()
        try harness.depositAll()
        let account = BankAccount(accountName: "Purchaser 2", bank: "Chase", routingNumber: "021000021", accountNumber: "123456789")
        try harness.instruct("purchaser-2", lines: [InstructionLine(account: account, amount: nil)])
        let events = try harness.run(.tick, at: newYork(2005, 9, 3, 9))
        guard case .refunded(let refund) = events.last else {
            Issue.record("the refund to instructions already given is paid")
            return
        }
        #expect(refund.payments.map(\.payee) == [.party("purchaser-2")])
        #expect(refund.payments.map(\.destination) == [account.description])
        #expect(harness.state.refundOwed(to: .party("purchaser-1")) == usd("3000000.00"))
    }
}

@Suite("Escrow agreement clauses 2.1 to 2.14")
struct EscrowArticleTwoTests {
    @Test("2.1: extending the 1.7 deadline extends no other deadline")
    func extensionMovesOneDeadline() throws {
        var harness = Harness()
        try harness.registerKeys(harness.signers + ["escrow-agent"])
        try harness.run(.requestInstrument(id: "officer-certificate", title: "Officer's certificate", from: ["company"], dueBy: CivilDate(iso: "2005-08-31")), at: newYork(2005, 8, 22))
        try harness.run(.proposeAmendment(id: "A1", changes: [.extendDeadline("refund", to: CivilDate(iso: "2005-09-16")!)], text: "Waiver deadline extended"), at: newYork(2005, 8, 30))
        for party in harness.signers + ["escrow-agent"] { try harness.sign(.amendment("A1"), by: party, at: newYork(2005, 8, 31)) }
        #expect(harness.state.effectiveAmendments["A1"] == newYork(2005, 8, 31))
        #expect(harness.state.deadlines["refund"]?.date == CivilDate(iso: "2005-09-16"))
        #expect(harness.state.deadlines["officer-certificate"]?.date == CivilDate(iso: "2005-08-31"))
        #expect(try harness.run(.tick, at: newYork(2005, 9, 6)).isEmpty)
    }

    @Test("2.2: the notices record holds the advice, the refunds and each recorded reminder once")
    func noticesRecord() throws {
        var harness = Harness()
        try harness.depositAll()
        let reminder = NoticeRecorded(
            noticeID: "refund-ahead-1-2005-09-01", recipients: ["ROO Group, Inc."], subject: "NIR waiver due tomorrow", text: "Due 2005-09-02", clause: "1.7",
            at: newYork(2005, 9, 1, 9))
        try harness.run(.recordNotice(reminder), at: newYork(2005, 9, 1, 9))
        #expect(try harness.run(.recordNotice(reminder), at: newYork(2005, 9, 1, 10)).isEmpty)
        try harness.run(.tick, at: newYork(2005, 9, 3, 9))
        let record = harness.state.noticesRecord
        #expect(record.map(\.clause) == ["1.7", "1.7", "1.7", "1.7", "1.7", "1.7"])
        #expect(record.first?.subject == "NIR waiver due tomorrow")
        #expect(record.first?.at == newYork(2005, 9, 1, 9))
        #expect(record[1].recipients == ["Purchaser 1", "Purchaser 2", "Purchaser 3", "Purchaser 4", "ROO Group, Inc."])
        #expect(record[2].recipients == ["Purchaser 1"])
        #expect(record[2].subject == "refund of USD 3,000,000.00 due, to be paid on your signed written wire instructions")
    }

    @Test("2.4, 2.7: an amendment is not effective until the company, every purchaser and the agent sign")
    func amendmentNeedsEveryPartyCharged() throws {
        var harness = Harness()
        try harness.registerKeys(harness.signers + ["escrow-agent"])
        try harness.run(.proposeAmendment(id: "A2", changes: [.changeFixedPayment(payee: "burnham-hill", amount: usd("500000.00"))], text: "Placement fee reduced"), at: newYork(2005, 8, 22))
        for party in harness.signers { try harness.sign(.amendment("A2"), by: party, at: newYork(2005, 8, 23)) }
        #expect(harness.state.effectiveAmendments["A2"] == nil)
        #expect(harness.state.terms.disbursement.fixedPayments[2].amount == usd("520000.00"))
        try harness.sign(.amendment("A2"), by: "escrow-agent", at: newYork(2005, 8, 23, 15))
        #expect(harness.state.terms.disbursement.fixedPayments[2].amount == usd("500000.00"))
    }

    @Test("2.8, 2.10: the agent records what it relied on: key, signature and message hash, or the scan's hash")
    func relianceIsRecorded() throws {
        var harness = try Harness.readyToRelease()
        guard case .ed25519(let key, _, let messageHash)? = harness.state.signatures[.releaseNotice]?["purchaser-1"]?.reliance else {
            Issue.record("a verified signature is recorded")
            return
        }
        #expect(SignatureKeys.publicKey(ofPrivateKeyBase64: harness.keys["purchaser-1"]!) == key)
        #expect(messageHash == harness.state.signingMessage(for: .releaseNotice, signer: "purchaser-1")!.sha256)
        try harness.run(.proposeAmendment(id: "A3", changes: [.agentDuties("Agent also confirms wires by call-back")], text: "Duties"), at: newYork(2005, 8, 25, 16))
        let scan = SHA256Hex.of("scan of paper counterpart")
        try harness.run(.sign(instrument: .amendment("A3"), signer: "company", evidence: .paper(scanSHA256: scan, attestedBy: "officer-1")), at: newYork(2005, 8, 25, 16))
        #expect(harness.state.signatures[.amendment("A3")]?["company"]?.reliance == .paper(scanSHA256: scan, attestedBy: "officer-1"))
    }

    @Test("2.8: signatures by a non-party, by the wrong party, over other text, or twice are refused", arguments: 0..<4)
    func badSignaturesAreRefused(_ caseNumber: Int) throws {
        var harness = Harness()
        try harness.registerKeys()
        try harness.depositAll()
        try harness.deliverClosingDocuments()
        try harness.sign(by: "company")
        let refusal: EscrowRefusal?
        switch caseNumber {
        case 0:
            refusal = harness.refusal(.sign(instrument: .releaseNotice, signer: "mallory", evidence: .ed25519(signatureBase64: "AAAA")), at: newYork(2005, 8, 25))
            #expect(refusal?.cause == .notAParty("mallory", as: .signer(.releaseNotice)))
            #expect(refusal?.reason == "'mallory' is not a party to this escrow")
        case 1:
            refusal = harness.refusal(.sign(instrument: .releaseNotice, signer: "purchaser-2", evidence: harness.signature(.releaseNotice, by: "purchaser-1")), at: newYork(2005, 8, 25))
            #expect(refusal?.cause == .signatureByAnotherParty(signer: "purchaser-2", actual: "purchaser-1"))
            #expect(refusal?.reason == "the signature is Purchaser 1's, not Purchaser 2's")
        case 2:
            let other = SigningMessage(escrowID: "roo-group-2005", termsSHA256: harness.state.termsSHA256, instrument: .releaseNotice, signer: "purchaser-2", textSHA256: SHA256Hex.of("other text"))
            let forged = SignatureKeys.sign(other, privateKeyBase64: harness.keys["purchaser-2"]!)!
            refusal = harness.refusal(.sign(instrument: .releaseNotice, signer: "purchaser-2", evidence: .ed25519(signatureBase64: forged)), at: newYork(2005, 8, 25))
            #expect(refusal?.cause == .signatureInvalid("purchaser-2", instrument: .releaseNotice))
            #expect(refusal?.reason == "the signature does not verify against Purchaser 2's key over the text of the Release Notice")
        default:
            refusal = harness.refusal(.sign(instrument: .releaseNotice, signer: "company", evidence: harness.signature(.releaseNotice, by: "company")), at: newYork(2005, 8, 25))
            #expect(refusal?.cause == .alreadySigned("company", instrument: .releaseNotice))
            #expect(refusal?.kind == .alreadyDone)
        }
        #expect(refusal != nil)
        #expect(harness.state.signatures[.releaseNotice]?.keys.sorted() == ["company"])
    }

    @Test("Exhibit A: a fee payee is not a signer of the Release Notice")
    func feePayeeCannotSign() throws {
        var harness = Harness()
        try harness.registerKeys(["sichenzia"])
        try harness.depositAll()
        try harness.deliverClosingDocuments()
        let refusal = harness.refusal(.sign(instrument: .releaseNotice, signer: "sichenzia", evidence: .ed25519(signatureBase64: "AAAA")), at: newYork(2005, 8, 25))
        #expect(refusal?.cause == .notASigner("sichenzia", instrument: .releaseNotice))
        #expect(refusal?.clause == "1.4, Exhibit A")
    }

    @Test("2.9: a party's warning is recorded and binds no one")
    func warningsAreNotBinding() throws {
        var harness = try Harness.readyToRelease()
        try harness.run(.recordWarning(from: "Purchaser 3", text: "Do not release"), at: newYork(2005, 8, 25, 14))
        #expect(harness.state.warnings.count == 1)
        #expect(try harness.run(.release, at: newYork(2005, 8, 25, 15)).first?.type == "disbursed")
    }

    @Test("2.9, 2.14: a court-ordered hold overrides the release; only a final order lifts it")
    func courtOrdersOverride() throws {
        var harness = try Harness.readyToRelease()
        let orderHash = SHA256Hex.of("order")
        try harness.run(.recordCourtOrder(docket: "Index 601234/2005", court: "Supreme Court, New York County", isFinal: false, directive: .hold(amount: nil), documentSHA256: orderHash), at: newYork(2005, 8, 25, 14))
        #expect(harness.refusal(.release, at: newYork(2005, 8, 25, 15))?.cause == .holdCoversAllFunds)
        let notFinal = harness.refusal(.recordCourtOrder(docket: "Index 601234/2005-B", court: "Supreme Court, New York County", isFinal: false, directive: .liftHold("Index 601234/2005"), documentSHA256: orderHash), at: newYork(2005, 9, 1))
        #expect(notFinal?.cause == .orderNotFinal(docket: "Index 601234/2005-B"))
        #expect(notFinal?.clause == "2.14")
        try harness.run(.recordCourtOrder(docket: "Index 601234/2005-C", court: "Supreme Court, New York County", isFinal: true, directive: .liftHold("Index 601234/2005"), documentSHA256: orderHash), at: newYork(2005, 10, 3))
        #expect(harness.state.liftedHolds["Index 601234/2005"]?.basis == .finalCourtOrder(docket: "Index 601234/2005-C"))
        #expect(try harness.run(.release, at: newYork(2005, 10, 3, 15)).first?.type == "disbursed")
    }

    @Test("2.9: a court order to pay is obeyed whatever the conditions, citing its docket")
    func courtOrderedPayment() throws {
        var harness = Harness()
        try harness.depositAll()
        let payment = Payment(payee: .party("purchaser-1"), amount: usd("3000000.00"), destination: "per order", purpose: "", clause: "2.9")
        let events = try harness.run(.recordCourtOrder(docket: "05-CV-1234", court: "S.D.N.Y.", isFinal: true, directive: .pay([payment]), documentSHA256: SHA256Hex.of("o")), at: newYork(2005, 8, 26))
        guard case .disbursed(let paid) = events.last else { return }
        #expect(paid.courtDocket == "05-CV-1234")
        #expect(harness.state.ledger.held == usd("4999999.98"))
    }

    @Test("2.11: the agent's counsel costs are paid at release out of the company's remainder")
    func counselCosts() throws {
        var harness = try Harness.readyToRelease()
        try harness.run(.claimCounselCosts(counsel: "Outside Counsel LLP", amount: usd("2500.00"), invoiceSHA256: SHA256Hex.of("invoice")), at: newYork(2005, 8, 25, 14))
        guard case .disbursed(let plan)? = try harness.run(.release, at: newYork(2005, 8, 25, 15)).first else { return }
        #expect(plan.payments.first?.clause == "2.11")
        #expect(plan.payments.first?.amount == usd("2500.00"))
        #expect(plan.payments.last?.amount == usd("4013999.98"))
        #expect(plan.total == usd("7999999.98"))
    }

    @Test("2.11: in a refund, counsel costs are borne pro rata and the refund still sums to the cent")
    func counselCostsInRefund() throws {
        var harness = Harness()
        try harness.depositAll()
        try harness.run(.claimCounselCosts(counsel: "Outside Counsel LLP", amount: usd("1000.01"), invoiceSHA256: SHA256Hex.of("invoice")), at: newYork(2005, 8, 30))
        let events = try harness.run(.tick, at: newYork(2005, 9, 3, 9))
        #expect(events.map(\.type) == ["refundDeadlineMissed", "refundsFellDue", "refunded"])
        guard case .refundsFellDue(let due) = events[1], case .refunded(let counsel) = events[2] else { return }
        // Counsel is paid at once; the purchasers' shares, net of their part of it, are owed.
        #expect(counsel.payments.map(\.payee) == [.counsel("Outside Counsel LLP")])
        #expect(counsel.total == usd("1000.01"))
        #expect(try due.total.adding(counsel.total) == usd("7999999.98"))
        #expect(due.owed.count == 4)
        let charged = [300_000_000, 249_999_999, 150_000_000, 99_999_999].enumerated().map { Int64($0.element) - due.owed[$0.offset].amount.amountMinorUnits }
        #expect(charged.reduce(0, +) == 100_001)
        #expect(charged == [37_501, 31_250, 18_750, 12_500])
    }

    @Test("2.12: after resignation the agent cannot release; the appointed successor takes over")
    func resignationAndSuccessor() throws {
        var harness = try Harness.readyToRelease()
        try harness.run(.resign(notice: "Kramer Levin resigns as Escrow Agent"), at: newYork(2005, 8, 25, 12))
        #expect(harness.refusal(.release, at: newYork(2005, 8, 25, 15))?.cause == .agentResigned)
        try harness.run(.proposeSuccessor(Party(id: "successor-bank", name: "Successor Trust Company", role: .escrowAgent)), at: newYork(2005, 8, 26))
        for signer in harness.signers { try harness.sign(.successorAppointment("successor-bank"), by: signer, at: newYork(2005, 8, 26, 14)) }
        #expect(harness.state.successorAppointment?.successor.name == "Successor Trust Company")
        try harness.run(.acceptHandover(successor: "successor-bank", eventsVerified: harness.log.count, lastHash: SHA256Hex.of("x")), at: newYork(2005, 8, 29))
        #expect(harness.state.agent == "successor-bank")
        #expect(try harness.run(.release, at: newYork(2005, 8, 29, 15)).first?.type == "disbursed")
    }

    @Test("2.13: a further instrument is a pending condition that blocks the advice until furnished")
    func furtherInstrument() throws {
        var harness = Harness()
        try harness.run(.requestInstrument(id: "good-standing", title: "Certificate of good standing", from: ["company"], dueBy: nil), at: newYork(2005, 8, 22))
        try harness.depositAll()
        try harness.deliverClosingDocuments()
        #expect(harness.state.advice == nil)
        #expect(harness.state.conditions.last?.clause == "2.13")
        try harness.deliver("good-standing", from: "company", at: newYork(2005, 8, 24, 10))
        #expect(harness.state.advice != nil)
    }

    @Test("2.13: a further instrument requested after the advice blocks release until it is furnished")
    func furtherInstrumentAfterAdvice() throws {
        var harness = try Harness.readyToRelease()
        #expect(harness.state.advice != nil)
        try harness.run(.requestInstrument(id: "good-standing", title: "Certificate of good standing", from: ["company"], dueBy: nil), at: newYork(2005, 8, 25, 11))
        let refusal = harness.refusal(.release, at: newYork(2005, 8, 25, 15))
        #expect(refusal?.cause == .conditionsNotMet(["good-standing"]))
        #expect(refusal?.clause == "2.13")
        #expect(refusal?.reason.contains("Certificate of good standing") == true)
        #expect(harness.state.ledger.held == usd("7999999.98"))
        try harness.deliver("good-standing", from: "company", at: newYork(2005, 8, 26, 10))
        guard case .disbursed(let plan)? = try harness.run(.release, at: newYork(2005, 8, 26, 15)).first else {
            Issue.record("release after the instrument was furnished did not disburse")
            return
        }
        #expect(plan.total == usd("7999999.98"))
    }

    @Test("2.14: a partial hold retains its amount at release; lifted by the parties' signed agreement, it is released")
    func partialHold() throws {
        var harness = try Harness.readyToRelease()
        try harness.run(.placeHold(id: "H1", amount: usd("100000.00"), reason: "Purchaser 3 disputes the share count", partiesConcerned: ["company", "purchaser-3"]), at: newYork(2005, 8, 25, 14))
        guard case .disbursed(let first)? = try harness.run(.release, at: newYork(2005, 8, 25, 15)).first else { return }
        #expect(first.retained == usd("100000.00"))
        #expect(harness.state.ledger.held == usd("100000.00"))
        #expect(harness.refusal(.release, at: newYork(2005, 8, 26))?.cause == .alreadyReleased)
        try harness.sign(.settlement("H1"), by: "company", at: newYork(2005, 9, 1))
        #expect(harness.state.activeHolds["H1"] != nil)
        try harness.sign(.settlement("H1"), by: "purchaser-3", at: newYork(2005, 9, 1, 13))
        #expect(harness.state.liftedHolds["H1"]?.basis == .mutualWrittenAgreement)
        guard case .disbursed(let second)? = try harness.run(.release, at: newYork(2005, 9, 1, 15)).first else { return }
        #expect(second.total == usd("100000.00"))
        #expect(harness.state.ledger.held.isZero)
    }

    @Test("2.14(2): the agent may deliver all funds to the court; nothing else moves them after")
    func depositWithCourt() throws {
        var harness = Harness()
        try harness.depositAll()
        try harness.run(.depositWithCourt(court: "Supreme Court of the State of New York, New York County", docket: nil), at: newYork(2005, 8, 30))
        #expect(harness.state.ledger.depositedWithCourt == usd("7999999.98"))
        #expect(harness.state.phase == .depositedWithCourt)
        #expect(harness.refusal(.release, at: newYork(2005, 8, 31))?.cause == .fundsWithCourt)
    }
}
