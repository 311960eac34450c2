import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// A request the second agent user refuses: recorded in the log with who refused it and why,
/// and nothing runs.
@Suite("Desk rejections")
struct DeskRejectionTests {
    static func control(_ kind: DeskControl.Kind = .makerChecker, id: ApprovalID = "apr_1", maker: UserID = "alice", checker: UserID = "bob") -> DeskControl {
        DeskControl(kind: kind, approvalID: id, maker: maker, checker: checker, note: nil)
    }

    @Test("1.5, 1.6: a release rejected by a second agent user records who rejected it and why; nothing is paid and the money stays held")
    func releaseRejected() throws {
        var harness = try Harness.readyToRelease()
        let heldBefore = harness.state.ledger.held
        let events = try harness.run(
            .rejected(.release, control: Self.control(), reason: " payee account changed by e-mail; call the company first "), at: newYork(2005, 8, 25, 15))
        #expect(events.map(\.type) == ["deskControlRejected"])
        guard case .deskControlRejected(let rejected)? = events.first else { return }
        #expect(rejected.control.maker == "alice")
        #expect(rejected.control.checker == "bob")
        #expect(rejected.command == "release")
        #expect(rejected.reason == "payee account changed by e-mail; call the company first")
        #expect(rejected.clause == "1.5, 1.6")
        #expect(rejected.at == newYork(2005, 8, 25, 15))
        #expect(events[0].summary(in: harness.state)
            == "release requested by agent user alice (maker), rejected by agent user bob (checker): payee account changed by e-mail; call the company first")
        #expect(harness.state.deskRejections == [rejected])
        #expect(harness.state.deskDecision(of: "apr_1") == .rejected(rejected))
        #expect(harness.state.disbursements.isEmpty)
        #expect(harness.state.ledger.paidOut == usd("0.00"))
        #expect(harness.state.ledger.held == heldBefore)
        #expect(heldBefore == usd("7999999.98"))
    }

    @Test("a rejected request is never let through afterwards, by any agent user")
    func rejectedIsNotApproved() throws {
        var harness = try Harness.readyToRelease()
        _ = try harness.run(.rejected(.release, control: Self.control(), reason: "wrong payee"), at: newYork(2005, 8, 25, 15))
        let approve = DeskControl(kind: .makerChecker, approvalID: "apr_1", maker: "alice", checker: "carol", note: nil)
        let refusal = harness.refusal(.approved(.release, control: approve), at: newYork(2005, 8, 25, 16))
        #expect(refusal?.cause == .approvalAlreadyDecided("apr_1", "rejected"))
        #expect(refusal?.description == "request apr_1 was already rejected by a second agent user; it is decided once (desk control)")
        #expect(harness.state.disbursements.isEmpty)
        // A new request, under a new approval, still runs.
        let fresh = DeskControl(kind: .makerChecker, approvalID: "apr_2", maker: "alice", checker: "bob", note: nil)
        #expect(try harness.run(.approved(.release, control: fresh), at: newYork(2005, 8, 25, 17)).map(\.type) == ["deskControlRecorded", "disbursed"])
    }

    @Test("an approved request cannot be rejected afterwards: the log decides it once")
    func approvedIsNotRejected() throws {
        var harness = try Harness.readyToRelease()
        _ = try harness.run(.approved(.release, control: Self.control()), at: newYork(2005, 8, 25, 15))
        let refusal = harness.refusal(.rejected(.release, control: Self.control(checker: "carol"), reason: "too late"), at: newYork(2005, 8, 25, 16))
        #expect(refusal?.cause == .approvalAlreadyDecided("apr_1", "approved"))
        #expect(refusal?.kind == .alreadyDone)
        #expect(harness.state.deskRejections.isEmpty)
    }

    @Test("a rejection needs a reason and a second agent user, and fits the request it refuses", arguments: [
        (EscrowCommand.release, DeskRejectionTests.control(), " ", EscrowRefusal.Cause.textEmpty(.rejectionReason)),
        (.release, DeskRejectionTests.control(checker: "alice"), "no", .makerIsChecker(user: "alice")),
        (.release, DeskRejectionTests.control(.callBack), "no", .controlDoesNotApply(.callBack, command: "release")),
        (.rejected(.release, control: DeskRejectionTests.control(), reason: "x"), DeskRejectionTests.control(), "no", .deskControlNested),
    ])
    func refusedRejections(command: EscrowCommand, control: DeskControl, reason: String, cause: EscrowRefusal.Cause) throws {
        var harness = try Harness.readyToRelease()
        #expect(harness.refusal(.rejected(command, control: control, reason: reason), at: newYork(2005, 8, 25, 15))?.cause == cause)
        #expect(harness.state.deskRejections.isEmpty)
    }

    @Test("1.6: bank details the call-back did not confirm are rejected with the party named, and no instructions are on file")
    func callBackRejected() throws {
        var harness = Harness()
        try harness.registerKeys()
        let lines = [InstructionLine(account: Harness.operating, amount: nil)]
        let evidence = harness.signature(.paymentInstructions(EventCoding.digest(of: lines)), by: "company")
        let instructions = EscrowCommand.giveInstructions(party: "company", lines: lines, evidence: evidence)
        let events = try harness.run(
            .rejected(instructions, control: Self.control(.callBack, id: "apr_3", maker: "company"), reason: "the number on file did not answer to these details"),
            at: newYork(2005, 8, 24, 11))
        guard case .deskControlRejected(let rejected)? = events.first else {
            Issue.record("no rejection recorded")
            return
        }
        #expect(rejected.party == "company")
        #expect(rejected.clause == "1.6, 1.7")
        #expect(events[0].summary(in: harness.state)
            == "bank details of ROO Group, Inc. submitted by user company, rejected by agent user bob (checker): the number on file did not answer to these details")
        #expect(harness.state.instructions["company"] == nil)
    }

    @Test("a stored rejection reads back as written")
    func storedRejectionRoundTrips() throws {
        let rejected = DeskControlRejected(
            control: Self.control(), command: "refund", party: nil, reason: "held for a dispute", clause: "1.7", at: newYork(2005, 9, 6, 10))
        let event = EscrowEvent.deskControlRejected(rejected)
        #expect(try EscrowEvent.decode(type: event.type, payload: event.payload()) == event)
        #expect(event.type == "deskControlRejected")
    }
}
