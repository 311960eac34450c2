import ArgumentParser
import EscrowCore
import EscrowStore
import Foundation

/// `escrow obligations …`: the Consent and Waiver's obligations beside the escrow: damages,
/// the deal calendar, reminders.
struct Obligations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obligations",
        abstract: "The waiver's obligations, penalties and warrants: damages, deal calendar, reminders.",
        discussion: """
            Works from an obligation file (default: the reference waiver of 2005-08-18) and what has
            happened, given as flags (--prepaid-on, --split-on, --warrants-issued-on) or read from
            the escrow's database with --db (the waiver's delivery and a release that paid the
            prepayment). See docs/obligations-format.md.
            """,
        subcommands: [DamagesCommand.self, CalendarView.self, RemindersCommand.self]
    )
}

/// What the obligation commands share: the file, what happened, and the escrow's log.
struct ObligationOptions: ParsableArguments {
    @Option(name: .long, help: "Obligation file (default: the reference waiver, examples/nir-waiver-2005.yaml).")
    var file: String?

    @Option(name: .long, help: "The day the payment obligation the escrow's remainder may pay was made (the reference waiver's Schedule A 1 prepayment), YYYY-MM-DD.")
    var prepaidOn: String?

    @Option(name: .long, help: "The day the first corporate act the file's obligations call for was completed (the reference waiver's reverse split, item 5).")
    var splitOn: String?

    @Option(name: .long, help: "The day the file's issuance obligations were performed (the reference waiver's Prepayment Warrants, Schedule A 2).")
    var warrantsIssuedOn: String?

    @Option(name: .long, help: "Escrow database to read the escrow's deadlines and release from.")
    var db: String?

    @Option(name: .long, help: "Escrow id in --db (may be left out when it holds one escrow).")
    var escrow: String?

    func terms() throws -> ObligationTerms {
        let text: String
        let name: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file), let decoded = String(data: data, encoding: .utf8) else {
                throw CLIFailure(.invalid, "cannot read obligation file '\(file)'")
            }
            text = decoded
            name = (file as NSString).lastPathComponent
        } else {
            text = ReferenceWaiver.yaml
            name = "nir-waiver-2005.yaml"
        }
        do { return try ObligationFile.parse(text, sourceName: name) } catch { throw CLIFailure(.invalid, error.description) }
    }

    /// The escrow's state from --db, when given.
    func escrowState() async throws -> EscrowState? {
        try await withEscrow { state, _ in state }
    }

    /// Runs `body` with the escrow's state from --db and the session that read it, the
    /// database opened once for both; with neither when --db is not given. `now` is the
    /// session's `--now`.
    func withEscrow<Result>(now: String? = nil, _ body: (EscrowState?, CommandSession?) async throws -> Result) async throws -> Result {
        guard let db else { return try await body(nil, nil) }
        let store = try StoreOptions.forDatabase(db, escrow: escrow, now: now)
        return try await store.withSession { session in try await body(try await session.state(verb: "obligations"), session) }
    }

    /// The waiver's state: the flags' acts, and a release that paid the prepayment (unless
    /// `--prepaid-on` says otherwise), with deadlines fired up to `asOf`. An act the waiver
    /// refuses is reported, naming its day and clause.
    func state(_ terms: ObligationTerms, escrow: EscrowState?, asOf: CivilDate) throws -> WaiverState {
        var acts: [(CivilDate, WaiverCommand)] = []
        if let prepaidOn {
            let payments = terms.obligations.filter {
                if case .payment = $0.performance { true } else { false }
            }
            if let cash = payments.first(where: \.payableFromEscrowRemainder) ?? payments.first,
                case .payment(let amount) = cash.performance
            {
                acts.append((try ObligationOptions.date(prepaidOn, "--prepaid-on"), .pay(obligation: cash.id, amount: amount)))
            }
        }
        let firstAct = terms.obligations.lazy.compactMap { obligation -> CorporateAct? in
            if case .corporateAct(let acts) = obligation.performance { acts.first } else { nil }
        }.first
        if let splitOn, let firstAct {
            acts.append((try ObligationOptions.date(splitOn, "--split-on"), .completeCorporateAct(firstAct)))
        }
        if let warrantsIssuedOn {
            let day = try ObligationOptions.date(warrantsIssuedOn, "--warrants-issued-on")
            for obligation in terms.obligations {
                if case .issuance(let issue) = obligation.performance {
                    acts.append((day, .issueWarrants(obligation: obligation.id, shares: issue.shares, exercisePrice: issue.exercisePrice)))
                }
            }
        }
        let derived = WaiverState.derived(terms: terms, escrow: prepaidOn == nil ? escrow : nil, acts: acts, asOf: asOf)
        if let first = derived.refused.first {
            throw CLIFailure(.refused, "on \(first.on): \(first.refusal)")
        }
        return derived.state
    }

    func escrowEntries(_ escrow: EscrowState?, terms: ObligationTerms) throws -> [EscrowDeadlineEntry] {
        if let escrow { return EscrowInterplay.escrowEntries(escrow, link: terms.escrowLink) }
        guard terms.escrowLink?.escrowID == "roo-group-2005" else { return [] }
        let escrowTerms: AgreementTerms
        do { escrowTerms = try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "roo-group-2005.yaml") } catch {
            throw CLIFailure(.general, error.description)
        }
        return EscrowDeadlineEntry.entries(deadlines: EscrowDeadlineEntry.deadlines(of: escrowTerms), terms: escrowTerms)
    }

    static func date(_ text: String, _ flag: String) throws -> CivilDate {
        guard let date = CivilDate(iso: text), BusinessCalendar.supportedYears.contains(date.year) else {
            throw CLIFailure(.invalid, "\(flag) '\(text)' is not a YYYY-MM-DD date in \(BusinessCalendar.supportedYears)")
        }
        return date
    }
}

extension Obligations {
    /// `escrow obligations damages`: a penalty obligation's damages (item 5 of the reference waiver) as of a date, and how they were counted.
    struct DamagesCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "damages",
            abstract: "Damages owed as of a date under both readings of \"every seven day period\".")

        @Option(name: .long, help: "Count to this date, YYYY-MM-DD.") var asOf: String
        @Option(name: .long, help: "The day the split or increase was completed (same as --split-on).") var completedOn: String?
        @Option(name: .long, help: "Override the file's reading: wholePeriods or periodsBegun.") var reading: String?
        @OptionGroup var options: ObligationOptions
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() async throws {
            try await reporting {
                let terms = try options.terms()
                let asOf = try ObligationOptions.date(asOf, "--as-of")
                var options = options
                if let completedOn { options.splitOn = completedOn }
                if options.prepaidOn == nil, options.db == nil {
                    // Without a log, assume the prepayment was made on its due date, so item 8
                    // does not void the waiver; say so.
                    let cash = terms.obligations.first { $0.payableFromEscrowRemainder }
                    if let cash, let due = WaiverState(terms: terms).dueDate(of: cash) {
                        options.prepaidOn = due.description
                        if !json { print("(assuming \(cash.clause) was paid on \(due); give --prepaid-on to change)") }
                    }
                }
                let chosen: PeriodReading?
                if let reading {
                    guard let value = PeriodReading(rawValue: reading) else {
                        throw CLIFailure(.invalid, "--reading must be wholePeriods or periodsBegun")
                    }
                    chosen = value
                } else {
                    chosen = nil
                }
                let state = try options.state(terms, escrow: try await options.escrowState(), asOf: asOf)
                let statements: [DamagesStatement]
                do { statements = try Damages.compute(state: state, asOf: asOf, reading: chosen) } catch {
                    throw CLIFailure(.general, "damages cannot be counted: \(error)")
                }
                if json {
                    struct Line: Encodable {
                        var obligation: String; var clause: String; var due: String; var daysLate: Int
                        var reading: String; var periods: Int; var amountMinorUnits: Int64; var amount: String
                        var otherReading: String; var otherPeriods: Int; var otherAmountMinorUnits: Int64
                        var explanation: [String]
                    }
                    print(Output.json(statements.map {
                        Line(obligation: $0.obligation, clause: $0.clause, due: $0.due.description, daysLate: $0.daysLate,
                             reading: $0.reading.rawValue, periods: $0.periods, amountMinorUnits: $0.amount.amountMinorUnits,
                             amount: $0.amount.description, otherReading: $0.otherReading.rawValue,
                             otherPeriods: $0.otherPeriods, otherAmountMinorUnits: $0.otherAmount.amountMinorUnits,
                             explanation: $0.explanation)
                    }))
                    return
                }
                for statement in statements {
                    print("Owed as of \(asOf) under \(terms.cite(statement.clause)): \(statement.amount) "
                        + "(\(Damages.describe(statement.reading).lowercased())); "
                        + "\(statement.otherAmount) under the other reading (\(Damages.describe(statement.otherReading).lowercased())).")
                    for line in statement.explanation { print("  \(line)") }
                }
            }
        }
    }

    /// `escrow obligations calendar`: every deadline of the deal, as text or iCalendar.
    struct CalendarView: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calendar", abstract: "Every deadline across the escrow and the waiver, with status.")

        @Option(name: .long, help: "Statuses as of this date, YYYY-MM-DD (default: today in New York).") var asOf: String?
        @Option(name: .long, help: "Also write the calendar as an iCalendar (.ics) file here.") var ics: String?
        @Option(name: .long, help: "DTSTAMP of the .ics events, ISO 8601 (default: now).") var stamp: String?
        @OptionGroup var options: ObligationOptions

        func run() async throws {
            try await reporting {
                let terms = try options.terms()
                let now = stamp.flatMap(Instants.parse) ?? Date()
                if let stamp, Instants.parse(stamp) == nil { throw CLIFailure(.invalid, "--stamp '\(stamp)' is not an ISO 8601 instant") }
                let asOf = try asOf.map { try ObligationOptions.date($0, "--as-of") }
                    ?? CivilDate(instant: now, timeZoneIdentifier: terms.calendar.timeZoneIdentifier)
                let escrow = try await options.escrowState()
                let state = try options.state(terms, escrow: escrow, asOf: asOf)
                let calendar = DealCalendar(escrow: try options.escrowEntries(escrow, terms: terms), waiver: state, asOf: asOf)
                print(calendar.text(), terminator: "")
                if let ics {
                    do { try Data(calendar.icsText(stamp: now).utf8).write(to: URL(fileURLWithPath: ics)) } catch {
                        throw CLIFailure(.general, "cannot write \(ics): \(error.localizedDescription)")
                    }
                    print("wrote \(ics)")
                }
            }
        }
    }

    /// `escrow obligations reminders`: the notices ahead of each deadline and on each miss.
    struct RemindersCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reminders", abstract: "Notices ahead of each deadline and on each miss: who, to whom, when, what.")

        @Option(name: .long, help: "Business days before each deadline, comma-separated.") var before: String = "3,1"
        @Option(name: .long, help: "Statuses as of this date (default: today in New York); notices after it are listed as scheduled.") var asOf: String?
        @Flag(name: .long, help: "Record the notices due by --as-of in the escrow's notices record (the notices clause: 2.2 in the reference deal), once each; needs --db.") var record = false
        @Option(name: .long, help: "With --record: the instant of recording, ISO 8601 (default: now).") var now: String?
        @OptionGroup var options: ObligationOptions

        func run() async throws {
            try await reporting {
                let terms = try options.terms()
                if record, options.db == nil { throw CLIFailure(.invalid, "--record needs --db, the escrow whose notices record keeps them") }
                let days = before.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !days.isEmpty, days.allSatisfy({ ($0 ?? 0) > 0 && ($0 ?? 0) <= 250 }) else {
                    throw CLIFailure(.invalid, "--before takes positive business-day counts, e.g. 3,1")
                }
                let asOf = try asOf.map { try ObligationOptions.date($0, "--as-of") }
                    ?? CivilDate(instant: Date(), timeZoneIdentifier: terms.calendar.timeZoneIdentifier)
                try await options.withEscrow(now: now) { escrow, session in
                    let state = try options.state(terms, escrow: escrow, asOf: asOf)
                    let calendar = DealCalendar(escrow: try options.escrowEntries(escrow, terms: terms), waiver: state, asOf: asOf)
                    let notices = Reminders.generate(calendar: calendar, businessCalendar: terms.businessCalendar, before: days.compactMap { $0 })
                    for notice in notices {
                        let when = notice.date > asOf ? "\(notice.date) (scheduled)" : "\(notice.date)"
                        print("\(when) [\(notice.clause)] to \(notice.recipients.joined(separator: "; ")): \(notice.text)")
                    }
                    guard record, let session else { return }
                    let id = try await session.escrowID()
                    var recorded = 0
                    let noticesClause = try await session.state(verb: "reminders").terms.cite(.notices)
                    let recordedAt = try session.options.instant()
                    let entries = Reminders.notices(
                        calendar: calendar, businessCalendar: terms.businessCalendar, before: days.compactMap { $0 }, asOf: asOf, at: recordedAt)
                    for entry in entries {
                        do {
                            let outcome = try await session.service.execute(
                                .recordNotice(entry), on: id, at: recordedAt, idempotencyKey: "notice-\(entry.noticeID)")
                            if !outcome.replayed && outcome.events.contains(where: { $0.type == "noticeRecorded" }) { recorded += 1 }
                        } catch {
                            throw CLIFailure(verb: "reminders", error)
                        }
                    }
                    print("recorded \(recorded) new notice(s) in the notices record of \(id) (\(noticesClause))")
                }
            }
        }
    }
}
