import ArgumentParser
import EscrowCore
import EscrowStore
import Foundation

/// `escrow deposit`: records a wire into the escrow account (1.1, 1.3).
struct Deposit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record an incoming wire (the escrow account and deposit instructions clauses: 1.1 and 1.3 in the reference deal). Over, under and unknown-sender wires are held and flagged.")
    @OptionGroup var options: StoreOptions
    @Option(help: "Amount as a decimal, e.g. 3000000.00.") var amount: String
    @Option(help: "The purchaser the wire is from; leave out for an unknown sender.") var from: String?
    @Option(help: "Sender's name as the bank reports it.") var sender: String?
    @Option(help: "The bank's reference for the wire; the same reference twice is one deposit.") var reference: String

    func run() async throws {
        try await reporting { try await options.withSession(perform) }
    }

    /// Reads the amount in the escrow's currency and records the wire, on one fold of the log.
    func perform(in session: CommandSession) async throws {
        let money = try await session.amount(amount, option: "--amount", verb: "deposit", rule: .escrowAccount)
        try await session.execute(
            verb: "deposit", .recordDeposit(bankReference: reference, purchaser: from.map { PartyID($0) }, senderName: sender, amount: money))
    }
}

/// `escrow advise`: the 1.2 advice, or what it still waits for.
struct Advise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Advise the parties the agreement names of the funds received (the advice clause: 1.2 in the reference deal); refused, naming what is missing, until every condition is in.")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await reporting { try await options.execute(verb: "advise", .advise) }
    }
}

/// `escrow release`: wires the funds per the effective Release Notice (1.5, 1.6).
struct Release: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Disburse: the fixed payments, then the remainder per its payee's written instructions (the release and remainder clauses: 1.5 and 1.6 in the reference deal).")
    @OptionGroup var options: StoreOptions
    @OptionGroup var control: MakerCheckerOptions

    func run() async throws {
        try await reporting { try await options.execute(verb: "release", control.applied(to: .release)) }
    }
}

/// `escrow refund`: returns each purchaser's deposits after the 1.7 deadline.
struct Refund: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Return each depositor's own deposits once the refund deadline has passed (the refund clause: 1.7 in the reference deal).")
    @OptionGroup var options: StoreOptions
    @OptionGroup var control: MakerCheckerOptions

    func run() async throws {
        try await reporting { try await options.execute(verb: "refund", control.applied(to: .refund)) }
    }
}

/// The desk's maker-checker control, recorded in the log with a release or refund run from
/// the command line. The server requires it; here the operator states who asked and who
/// checked, and the log keeps it (`deskControlRecorded`).
struct MakerCheckerOptions: ParsableArguments {
    @Option(help: "The agent user who asked for the payment (with --checker).") var maker: String?
    @Option(help: "The second agent user who checked it; never the maker (with --maker).") var checker: String?
    @Option(help: "The desk's reference for the request (default: cli-MAKER-CHECKER).") var approvalID: String?

    func validate() throws {
        guard (maker == nil) == (checker == nil) else { throw ValidationError("--maker and --checker go together") }
    }

    /// `command` as is, or let through by the stated maker and checker.
    func applied(to command: EscrowCommand) -> EscrowCommand {
        guard let maker, let checker else { return command }
        let control = DeskControl(
            kind: .makerChecker, approvalID: ApprovalID(approvalID ?? "cli-\(maker)-\(checker)"), maker: UserID(maker), checker: UserID(checker),
            note: nil)
        return .approved(command, control: control)
    }
}

/// `escrow tick`: lets the clock reach an instant so that due deadlines fire.
struct Tick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Advance the clock to --now (or to now) so that deadlines that have closed fire, once.")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await reporting { try await options.execute(verb: "tick", .tick) }
    }
}

/// `escrow instruct`: a party's signed written wire instructions (1.6, 1.7).
struct Instruct: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a party's signed written wire instructions (for the remainder, a fixed payment, a refund or joint written instructions; 1.6 and 1.7 in the reference deal).",
        discussion: "Each --account is NAME|BANK|ROUTING|ACCOUNT or NAME|BANK|ROUTING|ACCOUNT|AMOUNT; one account without an amount takes the rest.")
    @OptionGroup var options: StoreOptions
    @OptionGroup var signing: SigningOptions
    @Option(help: "The party giving the instructions.") var party: String
    @Option(help: "An account line; repeat for a split.") var account: [String] = []

    func run() async throws {
        try await reporting {
            let accounts = try account.map(Self.fields)
            let given = try signing.given()
            try await options.withSession { session in try await perform(accounts: accounts, given: given, in: session) }
        }
    }

    /// Reads every amount in the escrow's currency, signs with the key if one is given, and
    /// records the instructions: all on one fold of the log.
    func perform(accounts: [[String]], given: SigningOptions.Given, in session: CommandSession) async throws {
        var lines: [InstructionLine] = []
        for fields in accounts { lines.append(try await Self.line(fields, session: session)) }
        let digest = EventCoding.digest(of: lines)
        let evidence = try await signing.evidence(given, session: session, instrument: .paymentInstructions(digest), signer: PartyID(party))
        try await session.execute(verb: "instruct", .giveInstructions(party: PartyID(party), lines: lines, evidence: evidence))
    }

    /// The fields of one `--account`: NAME|BANK|ROUTING|ACCOUNT and, optionally, AMOUNT.
    static func fields(_ text: String) throws -> [String] {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 4 || parts.count == 5 else {
            throw CLIFailure(.invalid, "--account '\(text)' must be NAME|BANK|ROUTING|ACCOUNT[|AMOUNT]")
        }
        return parts
    }

    /// One instruction line from its fields; an amount is read in the escrow's currency.
    static func line(_ parts: [String], session: CommandSession) async throws -> InstructionLine {
        let amount = parts.count == 5 ? try await session.amount(parts[4], option: "--account amount", verb: "instruct", rule: .remainder) : nil
        return InstructionLine(
            account: BankAccount(accountName: parts[0], bank: parts[1], routingNumber: parts[2], accountNumber: parts[3]), amount: amount)
    }
}
