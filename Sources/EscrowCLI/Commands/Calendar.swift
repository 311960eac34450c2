import ArgumentParser
import EscrowCore

/// `escrow calendar …`: the New York business-day calendar the deadlines are counted on.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "New York banking days on the Federal Reserve holiday schedule.",
        subcommands: [AddBusinessDays.self, IsBusinessDay.self, Holidays.self]
    )

    static func date(_ text: String) throws -> CivilDate {
        guard let date = CivilDate(iso: text) else { throw CLIFailure(.invalid, "'\(text)' is not a YYYY-MM-DD date") }
        guard BusinessCalendar.supportedYears.contains(date.year) else {
            throw CLIFailure(.invalid, "\(text) is outside the calendar's years \(BusinessCalendar.supportedYears)")
        }
        return date
    }

    struct AddBusinessDays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-business-days",
            abstract: "The N-th business day after DATE (before it when N < 0; DATE or the next business day when N = 0).")

        @Argument(help: "YYYY-MM-DD") var date: String
        // Captured as text so that a negative count such as -10 is not taken for an option.
        @Argument(parsing: .allUnrecognized, help: "N, business days; may be negative.") var count: [String] = []

        func run() async throws {
            try await reporting {
                let start = try CalendarCommand.date(date)
                let counts = count.filter { $0 != "--" }
                guard counts.count == 1, let n = Int(counts[0]), abs(n) <= 20_000 else {
                    throw CLIFailure(.invalid, "N must be one whole number between -20000 and 20000")
                }
                let span = BusinessCalendar.supportedYears
                // Seven calendar days hold at least four business days even in holiday weeks.
                let farthest = start.adding(days: n * 7 / 4 + (n >= 0 ? 14 : -14))
                guard span.contains(farthest.year) else {
                    throw CLIFailure(.invalid, "the result falls outside the calendar's years \(span)")
                }
                print(BusinessCalendar.newYork.adding(businessDays: n, to: start))
            }
        }
    }

    struct IsBusinessDay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "is-business-day", abstract: "Prints true or false.")
        @Argument(help: "YYYY-MM-DD") var date: String

        func run() async throws {
            try await reporting { print(BusinessCalendar.newYork.isBusinessDay(try CalendarCommand.date(date))) }
        }
    }

    struct Holidays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "holidays", abstract: "One `YYYY-MM-DD name` line per weekday closure of the year.")
        @Argument(help: "Year, 1990 to 2100.") var year: Int

        func run() async throws {
            try await reporting {
                guard BusinessCalendar.supportedYears.contains(year) else {
                    throw CLIFailure(.invalid, "\(year) is outside the calendar's years \(BusinessCalendar.supportedYears)")
                }
                for holiday in BusinessCalendar.newYork.closures(in: year) { print("\(holiday.date) \(holiday.name)") }
            }
        }
    }
}
