import ArgumentParser
import EscrowCore
import EscrowStore
import Foundation

/// `escrow joint-instructions`: joint written instructions, where the agreement file provides
/// them (`instruments.jointInstructions`).
struct JointInstructionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "joint-instructions",
        abstract: "Joint written instructions (\"joint written instructions of Buyer and Seller\"): the signers the agreement names direct a payment from the funds held.",
        discussion: """
            Each signer then signs with `escrow sign --instrument joint-instructions:ID`; once every one has, the \
            payee is paid to its own signed written wire instructions, citing the agreement's clause for joint instructions.
            """,
        subcommands: [Propose.self, Pay.self])

    /// `escrow joint-instructions propose`.
    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put joint written instructions forward for signature.")
        @OptionGroup var options: StoreOptions
        @Option(help: "Id of the instructions, e.g. JWI-1.") var id: String
        @Option(help: "The party to be paid (paid to its own signed written wire instructions).") var payee: String
        @Option(help: "Amount to pay from the funds held.") var amount: String
        @Option(help: "What the payment is for.") var purpose: String

        func run() async throws {
            try await reporting {
                try await options.withSession { session in
                    let state = try await session.state(verb: "joint-instructions")
                    let money: Money
                    do { money = try Money.parse(amount, state.currency) } catch {
                        let clause = state.terms.cite(Instrument.jointInstructions(JointInstructionsID(id)).citation(under: state.terms))
                        throw CLIFailure(.invalid, "joint-instructions refused: --amount: \(error) (\(clause))")
                    }
                    try await session.execute(
                        verb: "joint-instructions",
                        .proposeJointInstructions(id: JointInstructionsID(id), payee: PartyID(payee), amount: money, purpose: purpose))
                }
            }
        }
    }

    /// `escrow joint-instructions pay`.
    struct Pay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pay signed joint written instructions, or say what they still lack (missing signers, the payee's wire instructions, funds).")
        @OptionGroup var options: StoreOptions
        @Option(help: "Id of the instructions.") var id: String

        func run() async throws {
            try await reporting {
                try await options.withSession { session in
                    try await session.execute(verb: "joint-instructions", .payJointInstructions(id: JointInstructionsID(id)))
                }
            }
        }
    }
}
