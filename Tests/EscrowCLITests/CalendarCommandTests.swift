import EscrowCore
import Foundation
import Testing

/// `escrow calendar …`: the New York business-day calendar the 1.7 deadline is counted on.
@Suite("escrow calendar")
struct CalendarCommandTests {
    /// Runs `escrow calendar <arguments>` in a scratch directory.
    func calendar(_ arguments: String...) async throws -> EscrowResult {
        let workspace = try Workspace()
        defer { workspace.remove() }
        return try await workspace.escrow(["calendar"] + arguments)
    }

    @Test("1.7: ten business days after 2005-08-19 is 2005-09-02")
    func tenBusinessDaysAfterTheAgreementDate() async throws {
        let result = try await calendar("add-business-days", "2005-08-19", "10")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "2005-09-02\n")
        #expect(result.stderr == "")
    }

    @Test("Labor Day, Monday 2005-09-05, is not a business day")
    func laborDayIsNotABusinessDay() async throws {
        let result = try await calendar("is-business-day", "2005-09-05")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "false\n")
    }

    @Test("the 1.7 deadline, Friday 2005-09-02, is a business day")
    func deadlineDayIsABusinessDay() async throws {
        let result = try await calendar("is-business-day", "2005-09-02")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "true\n")
    }

    @Test("a Saturday is not a business day")
    func saturdayIsNotABusinessDay() async throws {
        let result = try await calendar("is-business-day", "2005-09-03")
        #expect(result.stdout == "false\n")
    }

    @Test("the Federal Reserve closures of 2005: nine weekdays, New Year's Day on a Saturday closing none")
    func holidaysOf2005() async throws {
        let result = try await calendar("holidays", "2005")
        #expect(result.status == 0, "\(result)")
        #expect(
            result.lines == [
                "2005-01-17 Martin Luther King Jr. Day",
                "2005-02-21 Washington's Birthday",
                "2005-05-30 Memorial Day",
                "2005-07-04 Independence Day",
                "2005-09-05 Labor Day",
                "2005-10-10 Columbus Day",
                "2005-11-11 Veterans Day",
                "2005-11-24 Thanksgiving Day",
                "2005-12-26 Christmas Day",
            ])
        #expect(result.stderr == "")
    }

    @Test(
        "N = 0: the date itself when it is a business day, else the next business day",
        arguments: [
            ("2005-09-02", "2005-09-02"),  // Friday, open
            ("2005-09-03", "2005-09-06"),  // Saturday: past Sunday and Labor Day
            ("2005-09-05", "2005-09-06"),  // Labor Day
        ])
    func zeroBusinessDays(date: String, expected: String) async throws {
        let result = try await calendar("add-business-days", date, "0")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "\(expected)\n")
    }

    @Test(
        "N < 0: counts back over weekends and holidays (N given after `--`)",
        arguments: [
            ("2005-09-02", "-10", "2005-08-19"),  // the 1.7 span, backwards
            ("2005-09-06", "-1", "2005-09-02"),  // back over Labor Day and the weekend
            ("2005-12-27", "-1", "2005-12-23"),  // back over Christmas observed on Monday
        ])
    func negativeBusinessDays(date: String, count: String, expected: String) async throws {
        let result = try await calendar("add-business-days", "--", date, count)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "\(expected)\n")
    }

    @Test("N < 0 as typed, `add-business-days 2005-09-02 -10`, counts back to 2005-08-19")
    func negativeBusinessDaysAsTyped() async throws {
        let result = try await calendar("add-business-days", "2005-09-02", "-10")
        // A negative count is an argument, not an option, with or without `--`.
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "2005-08-19\n")
    }

    @Test("N > 0 starts counting after the date: one business day after Friday 2005-09-02 is Tuesday 2005-09-06")
    func oneBusinessDayOverLaborDay() async throws {
        let result = try await calendar("add-business-days", "2005-09-02", "1")
        #expect(result.stdout == "2005-09-06\n")
    }

    @Test(
        "a malformed or out-of-range date exits non-zero and names the date",
        arguments: [
            (["add-business-days", "2005-02-30", "1"], "'2005-02-30' is not a YYYY-MM-DD date"),
            (["is-business-day", "05-09-05"], "'05-09-05' is not a YYYY-MM-DD date"),
            (["is-business-day", "1989-12-29"], "1989-12-29 is outside the federal-reserve calendar's years 1990...2100"),
        ])
    func malformedDate(arguments: [String], reason: String) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.escrow(["calendar"] + arguments)
        #expect(result.status != 0, "\(result)")
        #expect(result.stdout == "")
        #expect(result.errorLines.first == reason, "\(result)")
        // One line: the reason, with no usage text after it.
        #expect(result.errorLines.count == 1, "\(result)")
    }
}
