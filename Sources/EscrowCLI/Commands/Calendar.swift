import ArgumentParser
import EscrowCore

/// `escrow calendar …`: the business-day calendars deadlines are counted on.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Business days on a place's holiday schedule: federal-reserve (default), nyse, target or uk.",
        subcommands: [AddBusinessDays.self, IsBusinessDay.self, Holidays.self]
    )

    /// The `--calendar NAME` option every subcommand takes.
    struct Choice: ParsableArguments {
        @Option(
            name: .customLong("calendar"),
            help: "The schedule: \(CalendarName.allCases.map(\.rawValue).joined(separator: ", ")).")
        var name: String = CalendarName.federalReserve.rawValue

        func calendar() throws -> BusinessCalendar {
            guard let schedule = CalendarName(rawValue: name) else {
                throw CLIFailure(
                    .invalid,
                    "unknown calendar '\(name)'; the calendars are: "
                        + CalendarName.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return BusinessCalendar(name: schedule)
        }
    }

    static func date(_ text: String, on calendar: BusinessCalendar) throws -> CivilDate {
        guard let date = CivilDate(iso: text) else { throw CLIFailure(.invalid, "'\(text)' is not a YYYY-MM-DD date") }
        guard calendar.years.contains(date.year) else {
            throw CLIFailure(.invalid, "\(text) is outside the \(calendar.name.rawValue) calendar's years \(calendar.years)")
        }
        return date
    }

    /// Runs a calendar question, turning a count that leaves the calendar's years into exit 2.
    static func answering<Answer>(_ body: () throws(CalendarError) -> Answer) throws -> Answer {
        do {
            return try body()
        } catch {
            throw CLIFailure(.invalid, error.message)
        }
    }

    struct AddBusinessDays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-business-days",
            abstract: "The N-th business day after DATE (before it when N < 0; DATE or the next business day when N = 0).")

        @OptionGroup var choice: Choice
        @Argument(help: "YYYY-MM-DD") var date: String
        // Captured as text so that a negative count such as -10 is not taken for an option.
        @Argument(parsing: .allUnrecognized, help: "N, business days; may be negative.") var count: [String] = []

        func run() async throws {
            try await reporting {
                let calendar = try choice.calendar()
                let start = try CalendarCommand.date(date, on: calendar)
                let counts = count.filter { $0 != "--" }
                guard counts.count == 1, let n = Int(counts[0]), abs(n) <= 20_000 else {
                    throw CLIFailure(.invalid, "N must be one whole number between -20000 and 20000")
                }
                print(try CalendarCommand.answering { () throws(CalendarError) in try calendar.adding(businessDays: n, to: start) })
            }
        }
    }

    struct IsBusinessDay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "is-business-day", abstract: "Prints true or false.")
        @OptionGroup var choice: Choice
        @Argument(help: "YYYY-MM-DD") var date: String

        func run() async throws {
            try await reporting {
                let calendar = try choice.calendar()
                let day = try CalendarCommand.date(date, on: calendar)
                print(try CalendarCommand.answering { () throws(CalendarError) in try calendar.isBusinessDay(day) })
            }
        }
    }

    struct Holidays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "holidays", abstract: "One `YYYY-MM-DD name` line per weekday closure of the year.")
        @OptionGroup var choice: Choice
        @Argument(help: "Year, within the calendar's years (1990 to 2100; target from 1999).") var year: Int

        func run() async throws {
            try await reporting {
                let calendar = try choice.calendar()
                let closures = try CalendarCommand.answering { () throws(CalendarError) in try calendar.closures(in: year) }
                for holiday in closures { print("\(holiday.date) \(holiday.name)") }
            }
        }
    }
}
