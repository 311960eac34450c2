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
        guard let date = CivilDate(iso: text) else { throw ValidationError("'\(text)' is not a YYYY-MM-DD date") }
        guard BusinessCalendar.supportedYears.contains(date.year) else {
            throw ValidationError("\(text) is outside the calendar's years \(BusinessCalendar.supportedYears)")
        }
        return date
    }

    struct AddBusinessDays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-business-days",
            abstract: "The N-th business day after DATE (before it when N < 0; DATE or the next business day when N = 0).")

        @Argument(help: "YYYY-MM-DD") var date: String
        @Argument(help: "Business days, may be negative.") var count: Int

        func run() async throws {
            let start = try CalendarCommand.date(date)
            guard abs(count) <= 20_000 else { throw ValidationError("N must be between -20000 and 20000") }
            let span = BusinessCalendar.supportedYears
            let rough = start.adding(days: count * 7 / 5 + (count >= 0 ? 30 : -30))
            guard span.contains(rough.year) else { throw ValidationError("the result falls outside the calendar's years \(span)") }
            print(BusinessCalendar.newYork.adding(businessDays: count, to: start))
        }
    }

    struct IsBusinessDay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "is-business-day", abstract: "Prints true or false.")
        @Argument(help: "YYYY-MM-DD") var date: String

        func run() async throws {
            print(BusinessCalendar.newYork.isBusinessDay(try CalendarCommand.date(date)))
        }
    }

    struct Holidays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "holidays", abstract: "One `YYYY-MM-DD name` line per weekday closure of the year.")
        @Argument(help: "Year, 1990 to 2100.") var year: Int

        func run() async throws {
            guard BusinessCalendar.supportedYears.contains(year) else {
                throw ValidationError("\(year) is outside the calendar's years \(BusinessCalendar.supportedYears)")
            }
            for holiday in BusinessCalendar.newYork.closures(in: year) { print("\(holiday.date) \(holiday.name)") }
        }
    }
}
