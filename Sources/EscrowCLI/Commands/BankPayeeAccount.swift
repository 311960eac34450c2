import ArgumentParser
import EscrowCore

/// `escrow bank payee-account`: the account of a court, counsel or other payee outside the
/// agreement, so the payments waiting for it go into the next payment file.
struct BankPayeeAccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payee-account",
        abstract: "Give the bank account of a payee outside the agreement (a court, counsel) to whom a payment waits; recorded with the agent user.")
    @OptionGroup var options: StoreOptions
    @Option(help: "The payee, by the name its waiting payment carries (as `escrow bank status` shows it).") var payee: String
    @Option(help: "The account: NAME|BANK|ROUTING|ACCOUNT (in a EUR escrow ROUTING is the BIC and ACCOUNT the IBAN).") var account: String
    @Option(help: "The agent user giving it.") var by: String

    func run() async throws {
        try await reporting {
            let fields = try Instruct.fields(account)
            guard fields.count == 4 else { throw CLIFailure(.invalid, "--account '\(account)' must be NAME|BANK|ROUTING|ACCOUNT") }
            let bankAccount = BankAccount(accountName: fields[0], bank: fields[1], routingNumber: fields[2], accountNumber: fields[3])
            try await options.execute(verb: "bank payee-account", .giveBankPayeeAccount(payee: payee, account: bankAccount, by: by))
        }
    }
}
