public import ArgumentParser

/// The `escrow` command: every step of running an escrow agreement, by hand or by script.
public struct EscrowRoot: AsyncParsableCommand {
    /// The `escrow` command: its abstract and every subcommand.
    public static let configuration = CommandConfiguration(
        commandName: "escrow",
        abstract: "Runs escrow agreements: deposits, documents, signatures, release, refund, disputes.",
        discussion: """
            State lives in an append-only, hash-chained log: SQLite by default (--db, default ./escrow.db),
            or PostgreSQL (--database postgres://... or ESCROW_DATABASE_URL).
            Every refusal names the clause of the agreement that forbids the act.
            """,
        subcommands: [
            Demo.self, Create.self, List.self, Status.self, Notices.self, Timeline.self, LedgerCommand.self, Verify.self, CheckpointCommand.self, Simulate.self,
            Deposit.self, ReceiveDocument.self, Keys.self, SigningText.self, Sign.self, Instruct.self,
            Advise.self, Release.self, Refund.self, Tick.self, Hold.self, CourtOrder.self, DepositWithCourt.self, Warning.self,
            Amend.self, ClaimCounselCosts.self, RequestInstrument.self, Resign.self, AppointSuccessor.self,
            HandoverCommand.self, ExportStore.self, ImportStore.self, CalendarCommand.self, Obligations.self, Serve.self, Users.self,
            Check.self,
            BankCommand.self,
            Backup.self,
            JointInstructionsCommand.self,
        ]
    )

    /// A command with no options parsed yet, as ArgumentParser makes it.
    public init() {}
}
