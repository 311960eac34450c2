import ArgumentParser
import EscrowCore
import EscrowStore
import Foundation

func partyList(_ text: String?) -> [PartyID] {
    (text ?? "").split(separator: ",").map { PartyID($0.trimmingCharacters(in: .whitespaces)) }
}

/// `escrow hold`: retain all or part of the funds while a dispute lasts (2.14(1)).
struct Hold: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Retain all (no --amount) or part of the funds during a dispute (the dispute clause: 2.14 in the reference deal); lifted by the signed settlement or a final court order.")
    @OptionGroup var options: StoreOptions
    @Option(help: "Hold id.") var id: String
    @Option(help: "Amount to retain; all funds when left out.") var amount: String?
    @Option(help: "What the dispute is about.") var reason: String
    @Option(help: "Parties concerned, comma-separated; they sign settlement:ID to lift it.") var parties: String

    func run() async throws {
        try await reporting {
            try await options.withSession { session in
                var money: Money? = nil
                if let amount { money = try await session.amount(amount, option: "--amount", verb: "hold", rule: .dispute) }
                try await session.execute(
                    verb: "hold", .placeHold(id: HoldID(id), amount: money, reason: reason, partiesConcerned: partyList(parties)))
            }
        }
    }
}

/// `escrow court-order`: records and obeys a court order (2.9, 2.14).
struct CourtOrder: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "court-order",
        abstract: "Record a court order and obey it (the court orders clause: 2.9 in the reference deal): hold, lift a hold (final orders only), pay, refund all, or deposit with the court.",
        discussion: "Each --pay is PAYEE|AMOUNT|DESTINATION.")
    @OptionGroup var options: StoreOptions
    @Option(help: "Docket reference.") var docket: String
    @Option(help: "The court.") var court: String
    @Flag(help: "The order is final: the time for appeal has expired with no appeal perfected.") var final = false
    @Option(help: "The order document; its SHA-256 is recorded.") var file: String
    @Flag(help: "Order to retain funds.") var hold = false
    @Option(help: "With --hold: the amount (all funds when left out).") var amount: String?
    @Option(help: "Order lifting this hold.") var liftHold: String?
    @Option(help: "Order to pay: PAYEE|AMOUNT|DESTINATION; repeat.") var pay: [String] = []
    @Flag(help: "Order to return every depositor's funds.") var refundAll = false
    @Flag(help: "Order to deliver the funds to the court.") var depositWithCourt = false

    func run() async throws {
        try await reporting {
            let chosen = [hold, liftHold != nil, !pay.isEmpty, refundAll, depositWithCourt].filter { $0 }.count
            guard chosen == 1 else {
                throw CLIFailure(.invalid, "give exactly one of --hold, --lift-hold, --pay, --refund-all, --deposit-with-court")
            }
            try await options.withSession { session in
                let directive: CourtDirective
                if hold {
                    var money: Money? = nil
                    if let amount { money = try await session.amount(amount, option: "--amount", verb: "court-order", rule: .courtOrders) }
                    directive = .hold(amount: money)
                } else if let liftHold {
                    directive = .liftHold(HoldID(liftHold))
                } else if !pay.isEmpty {
                    var payments: [Payment] = []
                    // A payee the order names is a party when it is a party's id, else someone outside.
                    let state = try await session.state(verb: "court-order")
                    for text in pay {
                        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                        guard parts.count == 3 else { throw CLIFailure(.invalid, "court-order refused: --pay '\(text)' must be PAYEE|AMOUNT|DESTINATION") }
                        let money = try await session.amount(parts[1], option: "--pay amount", verb: "court-order", rule: .courtOrders)
                        payments.append(
                            Payment(payee: state.payee(named: parts[0]), amount: money, destination: parts[2], purpose: "", clause: state.terms.cite(.courtOrders)))
                    }
                    directive = .pay(payments)
                } else if refundAll {
                    directive = .refundAll
                } else {
                    directive = .depositWithCourt
                }
                let hash = SHA256Hex.of(try Files.read(file, what: "court order"))
                try await session.execute(
                    verb: "court-order", .recordCourtOrder(docket: docket, court: court, isFinal: final, directive: directive, documentSHA256: hash))
            }
        }
    }
}

/// `escrow deposit-with-court`: delivers all funds to the court (2.14(2)).
struct DepositWithCourt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deposit-with-court", abstract: "Deliver the escrow funds to a court (the dispute clause: 2.14(2) in the reference deal, a New York County court).")
    @OptionGroup var options: StoreOptions
    @Option(help: "The court.") var court: String
    @Option(help: "Docket reference, if any.") var docket: String?

    func run() async throws {
        try await reporting { try await options.execute(verb: "deposit-with-court", .depositWithCourt(court: court, docket: docket)) }
    }
}

/// `escrow warning`: records a warning; the agent may disregard it (2.9).
struct Warning: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record a party's warning; it binds no one (the warnings clause: 2.9 in the reference deal).")
    @OptionGroup var options: StoreOptions
    @Option(help: "Who gives the warning.") var from: String
    @Option(help: "What it says.") var text: String

    func run() async throws {
        try await reporting { try await options.execute(verb: "warning", .recordWarning(from: from, text: text)) }
    }
}

/// `escrow amend`: proposes an amendment for signature (2.4, 2.7).
struct Amend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Propose an amendment; it takes effect once its signers sign amendment:ID: those the agreement's instruments: section names, by default the parties each change touches; without the section, the company, every purchaser and the agent (2.4 and 2.7 in the reference deal).")
    @OptionGroup var options: StoreOptions
    @Option(help: "Amendment id.") var id: String
    @Option(help: "The amendment's text.") var text: String
    @Option(help: "DEADLINE=YYYY-MM-DD: extend one deadline; no other moves with it.") var extendDeadline: [String] = []
    @Option(help: "PAYEE=AMOUNT: change a fixed payment.") var fixedPayment: [String] = []
    @Option(help: "New or altered duties of the escrow agent.") var agentDuties: String?

    func run() async throws {
        try await reporting {
            var changes: [AmendmentChange] = []
            for item in extendDeadline {
                let parts = item.split(separator: "=").map(String.init)
                guard parts.count == 2, let date = CivilDate(iso: parts[1]), BusinessCalendar.supportedYears.contains(date.year) else {
                    throw CLIFailure(.invalid, "--extend-deadline '\(item)' must be DEADLINE=YYYY-MM-DD")
                }
                changes.append(.extendDeadline(DeadlineID(parts[0]), to: date))
            }
            try await options.withSession { session in
                for item in fixedPayment {
                    let parts = item.split(separator: "=").map(String.init)
                    guard parts.count == 2 else { throw CLIFailure(.invalid, "--fixed-payment '\(item)' must be PAYEE=AMOUNT") }
                    let money = try await session.amount(parts[1], option: "--fixed-payment", verb: "amend", rule: .release)
                    changes.append(.changeFixedPayment(payee: PartyID(parts[0]), amount: money))
                }
                if let agentDuties { changes.append(.agentDuties(agentDuties)) }
                try await session.execute(verb: "amend", .proposeAmendment(id: AmendmentID(id), changes: changes, text: text))
            }
        }
    }
}

/// `escrow claim-counsel-costs`: the agent's counsel costs (2.11).
struct ClaimCounselCosts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim-counsel-costs", abstract: "Claim the agent's counsel costs against the escrow (2.11 in the reference deal); paid at release or refund.")
    @OptionGroup var options: StoreOptions
    @Option(help: "Counsel's name.") var counsel: String
    @Option(help: "Amount.") var amount: String
    @Option(help: "The invoice; its SHA-256 is recorded.") var invoice: String

    func run() async throws {
        try await reporting {
            let hash = SHA256Hex.of(try Files.read(invoice, what: "invoice"))
            try await options.withSession { session in
                let money = try await session.amount(amount, option: "--amount", verb: "claim-counsel-costs", rule: .counselCosts)
                try await session.execute(verb: "claim-counsel-costs", .claimCounselCosts(counsel: counsel, amount: money, invoiceSHA256: hash))
            }
        }
    }
}

/// `escrow request-instrument`: a further instrument the agent requires (2.13).
struct RequestInstrument: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request-instrument", abstract: "Require a further instrument (2.13 in the reference deal); it is a pending condition until delivered.")
    @OptionGroup var options: StoreOptions
    @Option(help: "Condition id for it.") var id: String
    @Option(help: "What is required.") var title: String
    @Option(help: "Parties to furnish it, comma-separated.") var from: String
    @Option(help: "Due date, YYYY-MM-DD (its own deadline).") var due: String?

    func run() async throws {
        try await reporting {
            let dueDate = try due.map { text in
                guard let date = CivilDate(iso: text), BusinessCalendar.supportedYears.contains(date.year) else {
                    throw CLIFailure(.invalid, "--due '\(text)' is not a YYYY-MM-DD date in 1990-2100")
                }
                return date
            }
            try await options.execute(
                verb: "request-instrument", .requestInstrument(id: ConditionID(id), title: title, from: partyList(from), dueBy: dueDate))
        }
    }
}

/// `escrow resign`: the agent resigns by written notice (2.12).
struct Resign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The escrow agent resigns by written notice to the company and purchasers, or to whom the agreement's notices: section names (2.12 in the reference deal).")
    @OptionGroup var options: StoreOptions
    @Option(help: "The notice text.") var notice: String

    func run() async throws {
        try await reporting { try await options.execute(verb: "resign", .resign(notice: notice)) }
    }
}

/// `escrow appoint-successor`: the company and purchasers propose a successor (2.12).
struct AppointSuccessor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appoint-successor",
        abstract: "Propose a successor agent; appointed once its signers sign successor-appointment:ID: those the agreement's instruments: section names, else the company and every purchaser (2.12 in the reference deal).")
    @OptionGroup var options: StoreOptions
    @Option(help: "Successor id.") var id: String
    @Option(help: "Successor's name.") var name: String
    @Option(help: "Successor's address for notices.") var address: String?

    func run() async throws {
        try await reporting {
            try await options.execute(
                verb: "appoint-successor", .proposeSuccessor(Party(id: PartyID(id), name: name, role: .escrowAgent, address: address)))
        }
    }
}

/// `escrow handover …`: the resigning agent's export and the successor's verified import (2.12).
struct HandoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover", abstract: "Hand the escrow to the appointed successor (2.12 in the reference deal).", subcommands: [Export.self, Import.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the funds, documents manifest and full history to a file.")
        @OptionGroup var options: StoreOptions
        @Option(help: "Output file.") var out: String

        func run() async throws {
            try await reporting {
                let (id, package) = try await options.withSession { session in
                    let id = try await session.escrowID()
                    do { return (id, try await session.service.exportHandover(id)) } catch { throw CLIFailure(verb: "handover export", error) }
                }
                let data = try EventCoding.encoder.encode(package)
                guard FileManager.default.createFile(atPath: out, contents: data) else { throw CLIFailure(.general, "cannot write \(out)") }
                print("handover of \(id): \(package.events.count) events, \(package.fundsHeld) held, \(package.documents.count) documents written to \(out)")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As the successor: verify a handover file's chain and funds, load it into --db and take over.")
        @OptionGroup var options: StoreOptions
        @Option(help: "Handover file.") var file: String
        @Option(name: .customLong("as"), help: "The successor's party id.") var successor: String

        func run() async throws {
            try await reporting {
                let data = try Files.read(file, what: "handover file", limit: Limits.handoverBytesMax)
                let package: HandoverPackage
                do { package = try EventCoding.decoder.decode(HandoverPackage.self, from: data) } catch {
                    throw CLIFailure(.invalid, "handover import refused: \(file) is not a handover file")
                }
                let outcome = try await options.withService { service in
                    do { return try await service.importHandover(package, as: PartyID(successor), at: try options.instant()) } catch {
                        throw CLIFailure(verb: "handover import", error)
                    }
                }
                try options.printOutcome(outcome, escrowID: package.escrowID, verb: "handover import")
            }
        }
    }
}
