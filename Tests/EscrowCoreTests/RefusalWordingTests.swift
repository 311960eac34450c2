import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// Every sentence and citation a refusal of the reference deal can give, as the engine gave
/// them before refusals had typed causes: the command line and the server print these words.
@Suite("Refusal wording")
struct RefusalWordingTests {
    @Test("every refusal of the reference deal reads word for word as before: kind, clause and sentence")
    func referenceDealRefusals() throws {
        var out: [String] = []
        // One line per command: a label, then the refusal's kind, clause and sentence, tab-separated.
        func note(_ label: String, _ harness: inout Harness, _ command: EscrowCommand, at: Date = newYork(2005, 8, 25, 15)) {
            if let r = harness.refusal(command, at: at) {
                out.append("\(label)\t\(r.kind.rawValue)\t\(r.clause)\t\(r.reason)")
            } else {
                out.append("\(label)\tACCEPTED")
            }
        }
        let hash = SHA256Hex.of("x")
        let sig = SignatureEvidence.paper(scanSHA256: hash, attestedBy: "alice")
        let control = DeskControl(kind: .makerChecker, approvalID: "apr", maker: "alice", checker: "bob", note: nil)
        let acct = BankAccount(accountName: "A", bank: "B", routingNumber: "021000089", accountNumber: "12345")
        var h = Harness()
        note("advise-fresh", &h, .advise)
        note("release-fresh", &h, .release)
        note("refund-fresh", &h, .refund)
        note("deposit-empty-ref", &h, .recordDeposit(bankReference: " ", purchaser: "purchaser-1", senderName: nil, amount: usd("1.00")))
        note("deposit-zero", &h, .recordDeposit(bankReference: "R", purchaser: "purchaser-1", senderName: nil, amount: usd("0")))
        note("deposit-eur", &h, .recordDeposit(bankReference: "R", purchaser: "purchaser-1", senderName: nil, amount: Money(minorUnits: 1, Currency(code: "EUR")!)))
        note("deposit-stranger-party", &h, .recordDeposit(bankReference: "R", purchaser: "mallory", senderName: nil, amount: usd("1.00")))
        note("deposit-long-sender", &h, .recordDeposit(bankReference: "R", purchaser: nil, senderName: String(repeating: "x", count: 100_000), amount: usd("1.00")))
        note("key-bad", &h, .registerKey(party: "company", publicKeyBase64: "nope"))
        note("key-nonparty", &h, .registerKey(party: "mallory", publicKeyBase64: "nope"))
        note("doc-not-condition", &h, .receiveDocument(condition: "nope", from: "company", title: nil, sha256: hash, byteCount: 1))
        note("doc-funds-condition", &h, .receiveDocument(condition: "subscription-funds", from: "company", title: nil, sha256: hash, byteCount: 1))
        note("doc-bad-hash", &h, .receiveDocument(condition: "nir-waiver", from: "nir-group", title: nil, sha256: "zz", byteCount: 1))
        note("doc-wrong-party", &h, .receiveDocument(condition: "nir-waiver", from: "company", title: nil, sha256: hash, byteCount: 1))
        note("doc-negative", &h, .receiveDocument(condition: "nir-waiver", from: "nir-group", title: nil, sha256: hash, byteCount: -1))
        note("sign-nothing", &h, .sign(instrument: .amendment("A9"), signer: "company", evidence: sig))
        note("sign-instructions", &h, .sign(instrument: .paymentInstructions("d"), signer: "company", evidence: sig))
        note("sign-not-signer", &h, .sign(instrument: .releaseNotice, signer: "nir-group", evidence: sig))
        note("sign-before-advice", &h, .sign(instrument: .releaseNotice, signer: "company", evidence: sig))
        note("sign-no-key", &h, .sign(instrument: .releaseNotice, signer: "company", evidence: .ed25519(signatureBase64: "AAAA")))
        note("instruct-third-party", &h, .giveInstructions(party: "nir-group", lines: [InstructionLine(account: acct, amount: nil)], evidence: sig))
        note("instruct-none", &h, .giveInstructions(party: "company", lines: [], evidence: sig))
        note("instruct-two-rest", &h, .giveInstructions(party: "company", lines: [InstructionLine(account: acct, amount: nil), InstructionLine(account: acct, amount: nil)], evidence: sig))
        note("instruct-routing", &h, .giveInstructions(party: "company", lines: [InstructionLine(account: BankAccount(accountName: "A", bank: "B", routingNumber: "12", accountNumber: "12345"), amount: nil)], evidence: sig))
        note("instruct-acct", &h, .giveInstructions(party: "company", lines: [InstructionLine(account: BankAccount(accountName: "A", bank: "B", routingNumber: "021000089", accountNumber: "12"), amount: nil)], evidence: sig))
        note("instruct-bank-empty", &h, .giveInstructions(party: "company", lines: [InstructionLine(account: BankAccount(accountName: "A", bank: "", routingNumber: "021000089", accountNumber: "12345"), amount: nil)], evidence: sig))
        note("amend-empty", &h, .proposeAmendment(id: "A1", changes: [], text: "t"))
        note("amend-notext", &h, .proposeAmendment(id: "A1", changes: [.agentDuties("d")], text: ""))
        note("amend-nodeadline", &h, .proposeAmendment(id: "A1", changes: [.extendDeadline("nope", to: CivilDate(iso: "2005-09-30")!)], text: "t"))
        note("amend-earlier", &h, .proposeAmendment(id: "A1", changes: [.extendDeadline("refund", to: CivilDate(iso: "2005-08-30")!)], text: "t"))
        note("amend-nofixed", &h, .proposeAmendment(id: "A1", changes: [.changeFixedPayment(payee: "company", amount: usd("1.00"))], text: "t"))
        note("amend-duties-empty", &h, .proposeAmendment(id: "A1", changes: [.agentDuties(" ")], text: "t"))
        note("warning-empty", &h, .recordWarning(from: "", text: "x"))
        note("court-nodocket", &h, .recordCourtOrder(docket: "", court: "c", isFinal: true, directive: .refundAll, documentSHA256: hash))
        note("court-nofunds", &h, .recordCourtOrder(docket: "D", court: "c", isFinal: true, directive: .refundAll, documentSHA256: hash))
        note("court-nohold", &h, .recordCourtOrder(docket: "D", court: "c", isFinal: true, directive: .liftHold("H"), documentSHA256: hash))
        note("court-pay-none", &h, .recordCourtOrder(docket: "D", court: "c", isFinal: true, directive: .pay([]), documentSHA256: hash))
        note("hold-noparties", &h, .placeHold(id: "H", amount: nil, reason: "r", partiesConcerned: []))
        note("hold-nonparty", &h, .placeHold(id: "H", amount: nil, reason: "r", partiesConcerned: ["mallory"]))
        note("hold-noreason", &h, .placeHold(id: "H", amount: nil, reason: "", partiesConcerned: ["company"]))
        note("court-deposit-nofunds", &h, .depositWithCourt(court: "c", docket: nil))
        note("counsel-empty", &h, .claimCounselCosts(counsel: "", amount: usd("1.00"), invoiceSHA256: hash))
        note("counsel-badhash", &h, .claimCounselCosts(counsel: "C", amount: usd("1.00"), invoiceSHA256: "x"))
        note("request-noparties", &h, .requestInstrument(id: "c1", title: "T", from: [], dueBy: nil))
        note("request-exists", &h, .requestInstrument(id: "nir-waiver", title: "T", from: ["company"], dueBy: nil))
        note("request-notitle", &h, .requestInstrument(id: "c1", title: "", from: ["company"], dueBy: nil))
        note("notice-norecipients", &h, .recordNotice(NoticeRecorded(noticeID: "n", recipients: [], subject: "s", text: "t", clause: "1.7", at: newYork(2005, 8, 20))))
        note("notice-noid", &h, .recordNotice(NoticeRecorded(noticeID: "", recipients: ["x"], subject: "s", text: "t", clause: "1.7", at: newYork(2005, 8, 20))))
        note("successor-before", &h, .proposeSuccessor(Party(id: "new-agent", name: "New", role: .escrowAgent)))
        note("handover-none", &h, .acceptHandover(successor: "new-agent", eventsVerified: 1, lastHash: hash))
        note("desk-nested", &h, .approved(.approved(.release, control: control), control: control))
        note("desk-same", &h, .approved(.release, control: DeskControl(kind: .makerChecker, approvalID: "a", maker: "x", checker: "x", note: nil)))
        note("desk-wrong", &h, .approved(.tick, control: control))
        note("desk-noapproval", &h, .approved(.release, control: DeskControl(kind: .makerChecker, approvalID: "", maker: "x", checker: "y", note: nil)))
        note("desk-nonote", &h, .approved(.giveInstructions(party: "company", lines: [InstructionLine(account: acct, amount: nil)], evidence: sig), control: DeskControl(kind: .callBack, approvalID: "a", maker: "x", checker: "y", note: nil)))
        try h.depositAll()
        note("deposit-clash", &h, .recordDeposit(bankReference: "FW-1", purchaser: "purchaser-1", senderName: nil, amount: usd("1.00")))
        note("advise-missing", &h, .advise)
        note("hold-too-much", &h, .placeHold(id: "H", amount: usd("9999999.00"), reason: "r", partiesConcerned: ["company"]))
        note("court-pay-too-much", &h, .recordCourtOrder(docket: "D", court: "c", isFinal: true, directive: .pay([Payment(payee: .outside("x"), amount: usd("9999999.00"), destination: "d", purpose: "", clause: "2.9")]), documentSHA256: hash))
        note("court-pay-nopayee", &h, .recordCourtOrder(docket: "D", court: "c", isFinal: true, directive: .pay([Payment(payee: .outside(""), amount: usd("1.00"), destination: "d", purpose: "", clause: "2.9")]), documentSHA256: hash))
        try h.run(.placeHold(id: "H1", amount: nil, reason: "r", partiesConcerned: ["company"]), at: newYork(2005, 8, 23))
        note("hold-exists", &h, .placeHold(id: "H1", amount: nil, reason: "r", partiesConcerned: ["company"]))
        note("release-hold", &h, .release)
        note("court-lift-notfinal", &h, .recordCourtOrder(docket: "D2", court: "c", isFinal: false, directive: .liftHold("H1"), documentSHA256: hash))
        try h.run(.recordCourtOrder(docket: "D3", court: "c", isFinal: true, directive: .liftHold("H1"), documentSHA256: hash), at: newYork(2005, 8, 23))
        note("court-dup", &h, .recordCourtOrder(docket: "D3", court: "c", isFinal: true, directive: .liftHold("H1"), documentSHA256: hash))
        try h.run(.requestInstrument(id: "c1", title: "Certificate", from: ["company"], dueBy: nil), at: newYork(2005, 8, 23))
        note("doc-further-wrong", &h, .receiveDocument(condition: "c1", from: "purchaser-1", title: nil, sha256: hash, byteCount: 1))
        try h.deliver("c1", from: "company", at: newYork(2005, 8, 23))
        note("doc-again", &h, .receiveDocument(condition: "c1", from: "company", title: nil, sha256: hash, byteCount: 1))
        try h.run(.proposeAmendment(id: "A1", changes: [.agentDuties("d")], text: "t"), at: newYork(2005, 8, 23))
        note("amend-again", &h, .proposeAmendment(id: "A1", changes: [.agentDuties("d")], text: "t"))
        try h.run(.resign(notice: "bye"), at: newYork(2005, 8, 23))
        note("resign-again", &h, .resign(notice: "bye"))
        note("release-resigned", &h, .release)
        note("hold-resigned", &h, .placeHold(id: "H9", amount: nil, reason: "r", partiesConcerned: ["company"]))
        note("counsel-resigned", &h, .claimCounselCosts(counsel: "C", amount: usd("1.00"), invoiceSHA256: hash))
        note("successor-taken", &h, .proposeSuccessor(Party(id: "company", name: "New", role: .escrowAgent)))
        note("handover-none2", &h, .acceptHandover(successor: "new-agent", eventsVerified: 1, lastHash: hash))
        try h.run(.proposeSuccessor(Party(id: "new-agent", name: "New Agent LLP", role: .escrowAgent)), at: newYork(2005, 8, 23))
        for signer in h.state.requiredSigners(of: .successorAppointment("new-agent")) {
            try h.run(.sign(instrument: .successorAppointment("new-agent"), signer: signer, evidence: sig), at: newYork(2005, 8, 23))
        }
        note("successor-again", &h, .proposeSuccessor(Party(id: "new-agent2", name: "New", role: .escrowAgent)))
        note("handover-wrong", &h, .acceptHandover(successor: "other", eventsVerified: 1, lastHash: hash))
        try h.run(.acceptHandover(successor: "new-agent", eventsVerified: 1, lastHash: hash), at: newYork(2005, 8, 24))
        note("handover-again", &h, .acceptHandover(successor: "new-agent", eventsVerified: 1, lastHash: hash))
        var r = try Harness.readyToRelease()
        note("sign-again", &r, .sign(instrument: .releaseNotice, signer: "company", evidence: sig))
        try r.run(.recordCourtOrder(docket: "P", court: "c", isFinal: true, directive: .pay([Payment(payee: .party("purchaser-1"), amount: usd("1.00"), destination: "d", purpose: "", clause: "2.9")]), documentSHA256: hash), at: newYork(2005, 8, 25, 14))
        note("release-after-court-pay", &r, .release)
        var r2 = try Harness.readyToRelease()
        try r2.run(.placeHold(id: "H1", amount: usd("7999999.00"), reason: "r", partiesConcerned: ["company"]), at: newYork(2005, 8, 25, 14))
        note("release-fixed-not-covered", &r2, .release)
        var r3 = try Harness.readyToRelease()
        try r3.run(.release, at: newYork(2005, 8, 25, 15))
        note("release-again", &r3, .release, at: newYork(2005, 8, 26))
        note("counsel-after", &r3, .claimCounselCosts(counsel: "C", amount: usd("1.00"), invoiceSHA256: hash), at: newYork(2005, 8, 26))
        note("request-after", &r3, .requestInstrument(id: "c9", title: "T", from: ["company"], dueBy: nil), at: newYork(2005, 8, 26))
        note("court-deposit-after", &r3, .depositWithCourt(court: "c", docket: nil), at: newYork(2005, 8, 26))
        var r4 = Harness()
        try r4.registerKeys()
        try r4.depositAll()
        try r4.deliverClosingDocuments()
        for signer in r4.signers { try r4.sign(by: signer) }
        note("release-no-instructions", &r4, .release)
        try r4.instructFeePayees()
        note("release-no-company-instructions", &r4, .release)
        try r4.instruct(lines: [InstructionLine(account: Harness.operating, amount: usd("1.00"))])
        note("release-instructions-short", &r4, .release)
        try r4.instruct(lines: [InstructionLine(account: Harness.operating, amount: usd("9999999.00"))], at: newYork(2005, 8, 25, 12))
        note("release-instructions-over", &r4, .release)
        note("advise-again", &r4, .advise)
        note("sign-bad-sig", &r4, .sign(instrument: .amendment("A1"), signer: "company", evidence: sig))
        var f = Harness()
        try f.registerKeys()
        try f.depositAll()
        try f.run(.tick, at: newYork(2005, 9, 3, 9))
        note("release-after-refund", &f, .release, at: newYork(2005, 9, 6))
        note("advise-after-refund", &f, .advise, at: newYork(2005, 9, 6))
        note("refund-again", &f, .refund, at: newYork(2005, 9, 6))
        note("amend-after-refund", &f, .proposeAmendment(id: "A1", changes: [.extendDeadline("refund", to: CivilDate(iso: "2005-09-30")!)], text: "t"), at: newYork(2005, 9, 6))
        note("hold-after-refund", &f, .placeHold(id: "H", amount: nil, reason: "r", partiesConcerned: ["company"]), at: newYork(2005, 9, 6))
        note("sign-after-refund", &f, .sign(instrument: .releaseNotice, signer: "company", evidence: f.signature(.releaseNotice, by: "company")), at: newYork(2005, 9, 6))
        var s = Harness()
        try s.registerKeys()
        try s.depositAll()
        try s.deliverClosingDocuments()
        note("sign-other-key", &s, .sign(instrument: .releaseNotice, signer: "purchaser-2", evidence: s.signature(.releaseNotice, by: "purchaser-1")))
        note("key-taken", &s, .registerKey(party: "purchaser-2", publicKeyBase64: s.state.publicKeys["purchaser-1"]!))
        let expected = Self.expected.split(separator: "\n").map(String.init)
        #expect(out.count == expected.count)
        for (line, want) in zip(out, expected) { #expect(line == want) }
    }
}

extension RefusalWordingTests {
    /// Recorded from the engine before refusals had typed causes.
    static let expected = #"""
advise-fresh	forbidden	1.2	conditions not met: Aggregate subscription amounts in the master escrow account (awaiting Purchaser 1, Purchaser 2, Purchaser 3, Purchaser 4); NIR Waiver (Exhibit B) (awaiting NIR Group); Counterpart signature pages of the Transaction Documents (awaiting ROO Group, Inc., Purchaser 1, Purchaser 2, Purchaser 3, Purchaser 4); Closing documents required under Article IV of the Purchase Agreement (awaiting ROO Group, Inc.)
release-fresh	forbidden	1.2	conditions not met: Aggregate subscription amounts in the master escrow account (awaiting Purchaser 1, Purchaser 2, Purchaser 3, Purchaser 4); NIR Waiver (Exhibit B) (awaiting NIR Group); Counterpart signature pages of the Transaction Documents (awaiting ROO Group, Inc., Purchaser 1, Purchaser 2, Purchaser 3, Purchaser 4); Closing documents required under Article IV of the Purchase Agreement (awaiting ROO Group, Inc.)
refund-fresh	forbidden	1.7	the 1.7 deadline has not passed without the trigger condition
deposit-empty-ref	invalid	1.3	bank reference must not be empty
deposit-zero	invalid	1.1	deposit amount must be positive
deposit-eur	invalid	1.1	deposit amount is in EUR; this escrow holds USD
deposit-stranger-party	invalid	1.1	'mallory' is not a party to this escrow
deposit-long-sender	invalid	1.3	sender name is longer than the limit of 16384 bytes
key-bad	invalid	2.8	the public key is not a base64 Ed25519 public key
key-nonparty	invalid	2.8	'mallory' is not a party to this escrow
doc-not-condition	notFound	1.2	'nope' is not a condition of this escrow
doc-funds-condition	invalid	1.2	'subscription-funds' is met by deposits, not by a document
doc-bad-hash	invalid	2.10	document hash must be a SHA-256 in 64 lowercase hex digits
doc-wrong-party	invalid	1.2	NIR Waiver (Exhibit B) is to come from NIR Group, not ROO Group, Inc.
doc-negative	invalid	1.2	document size must not be negative
sign-nothing	notFound	2.4, 2.7	there is no amendment A9 to sign
sign-instructions	invalid	1.6, 1.7	payment instructions are signed when they are given
sign-not-signer	invalid	1.4, Exhibit A	NIR Group is not a signer of the Release Notice; it is executed by ROO Group, Inc., Purchaser 1, Purchaser 2, Purchaser 3, Purchaser 4
sign-before-advice	forbidden	1.4	the Release Notice is delivered after the agent advises that every condition is in (1.2); it has not yet
sign-no-key	forbidden	1.4	the Release Notice is delivered after the agent advises that every condition is in (1.2); it has not yet
instruct-third-party	invalid	1.6	NIR Group is paid nothing under this escrow and gives no wire instructions
instruct-none	invalid	1.6	instructions need 1 to 20 accounts
instruct-two-rest	invalid	1.6	at most one account may take the rest
instruct-routing	invalid	1.6	routing number '12' must be 9 digits
instruct-acct	invalid	1.6	account number must be 4 to 17 digits
instruct-bank-empty	invalid	1.6	bank must not be empty
amend-empty	invalid	2.4	an amendment must change something
amend-notext	invalid	2.4	amendment text must not be empty
amend-nodeadline	notFound	2.1	there is no deadline 'nope'
amend-earlier	invalid	2.1	deadline refund is 2005-09-02; an extension must move it later
amend-nofixed	notFound	1.5	company receives no fixed payment
amend-duties-empty	invalid	2.7	duties must not be empty
warning-empty	invalid	2.9	warning's author must not be empty
court-nodocket	invalid	2.9	docket reference must not be empty
court-nofunds	alreadyDone	2.9	no funds are held
court-nohold	notFound	2.14	there is no active hold 'H'
court-pay-none	invalid	2.9	a court-ordered disbursement needs 1 to 200 payments
hold-noparties	invalid	2.14	name the parties concerned, whose mutual written agreement will settle the dispute
hold-nonparty	invalid	2.14	'mallory' is not a party to this escrow
hold-noreason	invalid	2.14	dispute must not be empty
court-deposit-nofunds	alreadyDone	2.9	no funds are held
counsel-empty	invalid	2.11	counsel must not be empty
counsel-badhash	invalid	2.11	invoice hash must be a SHA-256 in 64 lowercase hex digits
request-noparties	invalid	2.13	name the parties to furnish the instrument
request-exists	alreadyDone	2.13	'nir-waiver' is already a condition of this escrow
request-notitle	invalid	2.13	instrument title must not be empty
notice-norecipients	invalid	2.2	a notice needs at least one recipient
notice-noid	invalid	2.2	notice id must not be empty
successor-before	forbidden	2.12	a successor is appointed after the escrow agent resigns
handover-none	forbidden	2.12	no successor has been appointed by the company and every purchaser
desk-nested	invalid	desk control	a command is let through by one desk control, not several
desk-same	forbidden	desk control	agent user x made the request and cannot also check it; a second agent user must
desk-wrong	invalid	desk control	a maker-checker control does not apply to tick
desk-noapproval	invalid	desk control	approval id must not be empty
desk-nonote	invalid	desk control	call-back note must not be empty
deposit-clash	invalid	1.3	bank reference FW-1 is already recorded as D1 for USD 3,000,000.00; a different wire needs its own reference
advise-missing	forbidden	1.2	conditions not met: NIR Waiver (Exhibit B) (awaiting NIR Group); Counterpart signature pages of the Transaction Documents (awaiting ROO Group, Inc., Purchaser 1, Purchaser 2, Purchaser 3, Purchaser 4); Closing documents required under Article IV of the Purchase Agreement (awaiting ROO Group, Inc.)
hold-too-much	invalid	2.14	holds would total USD 9,999,999.00 but only USD 7,999,999.98 is held
court-pay-too-much	invalid	2.9	order D directs USD 9,999,999.00 but USD 7,999,999.98 is held
court-pay-nopayee	invalid	2.9	payee must not be empty
hold-exists	alreadyDone	2.14	hold H1 already exists
release-hold	forbidden	2.14	a dispute hold covers all funds
court-lift-notfinal	forbidden	2.14	a dispute hold is lifted only by a final order after the time for appeal has expired; order D2 is not final
court-dup	alreadyDone	2.9	court order D3 is already recorded
doc-further-wrong	invalid	2.13	Certificate is to come from ROO Group, Inc., not Purchaser 1
doc-again	alreadyDone	2.13	Certificate from ROO Group, Inc. was already received with another content (sha256 63d07414b5af…)
amend-again	alreadyDone	2.4	amendment A1 was already proposed
resign-again	alreadyDone	2.12	the escrow agent has already resigned
release-resigned	forbidden	2.12	the escrow agent has resigned; only a handover to the appointed successor may follow
hold-resigned	forbidden	2.12	the escrow agent has resigned; only a handover to the appointed successor may follow
counsel-resigned	forbidden	2.12	the escrow agent has resigned; only a handover to the appointed successor may follow
successor-taken	invalid	2.12	the successor needs an id of its own, not 'company'
handover-none2	forbidden	2.12	no successor has been appointed by the company and every purchaser
successor-again	alreadyDone	2.12	a successor is already appointed
handover-wrong	invalid	2.12	the appointed successor is new-agent, not other
handover-again	alreadyDone	2.12	new-agent has already taken over
sign-again	alreadyDone	1.4, Exhibit A	ROO Group, Inc. has already signed the Release Notice
release-after-court-pay	ACCEPTED
release-fixed-not-covered	forbidden	1.5, 2.14	the funds available (after USD 7,999,999.00 retained under hold) do not cover the fixed payments
release-again	alreadyDone	1.5	the funds were already released
counsel-after	alreadyDone	2.11	counsel costs are claimed before the funds leave the escrow
request-after	alreadyDone	2.13	the funds have left the escrow
court-deposit-after	alreadyDone	2.9	no funds are held
release-no-instructions	forbidden	1.5, 1.6	each payee is paid only to its own signed written wire instructions, and none are in from Kramer Levin Naftalis & Frankel LLP, Sichenzia Ross Friedman Ference LLP, Burnham Hill Partners, a division of Pali Capital, Inc., ROO Group, Inc.
release-no-company-instructions	forbidden	1.6	ROO Group, Inc. has given no written wire instructions
release-instructions-short	forbidden	1.6	ROO Group, Inc.'s written instructions allot USD 1.00 of the USD 7,416,499.98 to be paid and name no account for the rest
release-instructions-over	forbidden	1.6	ROO Group, Inc.'s written instructions allot more than the USD 7,416,499.98 to be paid
advise-again	alreadyDone	1.2	the advice of USD 7,999,999.98 was already given
sign-bad-sig	notFound	2.4, 2.7	there is no amendment A1 to sign
release-after-refund	forbidden	1.7	NIR Waiver (Exhibit B) was not received by 2005-09-02 end of day America/New_York; the funds go back to the purchasers
advise-after-refund	forbidden	1.7	the 1.7 deadline 2005-09-02 end of day America/New_York has passed; the funds go back
refund-again	forbidden	1.7	everything held is owed as refunds to Purchaser 1, Purchaser 2, Purchaser 3, Purchaser 4, each paid when its signed written wire instructions are in
amend-after-refund	forbidden	1.7	the 1.7 deadline has already passed and the refund is due
hold-after-refund	alreadyDone	1.7	the funds were returned to the purchasers
sign-after-refund	forbidden	1.7	the 1.7 deadline 2005-09-02 end of day America/New_York has passed
sign-other-key	invalid	2.8	the signature is Purchaser 1's, not Purchaser 2's
key-taken	invalid	2.8	this key is already registered for Purchaser 1
"""#
}
