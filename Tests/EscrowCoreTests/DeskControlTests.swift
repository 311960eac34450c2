import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// The escrow desk's controls against wire fraud, recorded in the log with the command they
/// let through.
@Suite("Desk controls")
struct DeskControlTests {
    static func makerChecker(maker: UserID = "alice", checker: UserID = "bob") -> DeskControl {
        DeskControl(kind: .makerChecker, approvalID: "apr_1", maker: maker, checker: checker, note: nil)
    }

    @Test("1.5, 1.6: a release approved by a second agent user records maker and checker first, in the same decision as the disbursement")
    func releaseWithMakerAndChecker() throws {
        var harness = try Harness.readyToRelease()
        let events = try harness.run(.approved(.release, control: Self.makerChecker()), at: newYork(2005, 8, 25, 15))
        #expect(events.map(\.type) == ["deskControlRecorded", "disbursed"])
        guard case .deskControlRecorded(let recorded)? = events.first else { return }
        #expect(recorded.control == Self.makerChecker())
        #expect(recorded.command == "release")
        #expect(recorded.clause == "1.5, 1.6")
        #expect(recorded.at == newYork(2005, 8, 25, 15))
        #expect(events[0].summary(in: harness.state) == "release requested by agent user alice (maker), approved by agent user bob (checker)")
        #expect(harness.state.deskControls == [recorded])
        #expect(harness.state.ledger.paidOut == usd("7999999.98"))
    }

    @Test("the agent user who asked for a release cannot also approve it")
    func makerIsNotChecker() throws {
        var harness = try Harness.readyToRelease()
        let refusal = harness.refusal(.approved(.release, control: Self.makerChecker(checker: "alice")), at: newYork(2005, 8, 25, 15))
        #expect(refusal?.cause == .makerIsChecker(user: "alice"))
        #expect(refusal?.description == "agent user alice made the request and cannot also check it; a second agent user must (desk control)")
        #expect(harness.state.disbursements.isEmpty)
    }

    @Test("1.6: a call-back confirms written wire instructions only with a note of the call, and names the instructing party")
    func callBack() throws {
        var harness = Harness()
        try harness.registerKeys()
        let lines = [InstructionLine(account: Harness.operating, amount: nil)]
        let evidence = harness.signature(.paymentInstructions(EventCoding.digest(of: lines)), by: "company")
        let instructions = EscrowCommand.giveInstructions(party: "company", lines: lines, evidence: evidence)
        let silent = DeskControl(kind: .callBack, approvalID: "apr_2", maker: "alice", checker: "bob", note: " ")
        #expect(harness.refusal(.approved(instructions, control: silent), at: newYork(2005, 8, 24, 11))?.cause == .textEmpty(.callBackNote))

        let called = DeskControl(kind: .callBack, approvalID: "apr_2", maker: "alice", checker: "bob", note: "called J. Smith at +1 212 555 0100 on file")
        let events = try harness.run(.approved(instructions, control: called), at: newYork(2005, 8, 24, 11))
        #expect(events.map(\.type) == ["deskControlRecorded", "paymentInstructionsGiven"])
        guard case .deskControlRecorded(let recorded)? = events.first else { return }
        #expect(recorded.party == "company")
        #expect(recorded.clause == "1.6, 1.7")
        #expect(harness.state.instructions["company"] != nil)
    }

    @Test("a control applies only to the commands it guards: maker and checker do not confirm bank details, nor let a deposit through")
    func controlMatchesCommand() throws {
        var harness = try Harness.readyToRelease()
        let deposit = EscrowCommand.recordDeposit(bankReference: "FW9", purchaser: "purchaser-1", senderName: nil, amount: usd("1.00"))
        let misapplied = harness.refusal(.approved(deposit, control: Self.makerChecker()), at: newYork(2005, 8, 25, 15))
        #expect(misapplied?.cause == .controlDoesNotApply(.makerChecker, command: "deposit"))
        #expect(misapplied?.description == "a maker-checker control does not apply to deposit (desk control)")
        let twice = EscrowCommand.approved(.approved(.release, control: Self.makerChecker()), control: Self.makerChecker())
        #expect(harness.refusal(twice, at: newYork(2005, 8, 25, 15))?.cause == .deskControlNested)
        #expect(harness.state.disbursements.isEmpty)
    }
}
