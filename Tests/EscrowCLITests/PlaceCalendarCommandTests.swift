import Foundation
import Testing

/// `escrow calendar … --calendar NAME` and `escrow check FILE`.
@Suite("escrow calendar per place, escrow check")
struct PlaceCalendarCommandTests {
    func escrow(_ arguments: String...) async throws -> EscrowResult {
        let workspace = try Workspace()
        defer { workspace.remove() }
        return try await workspace.escrow(arguments)
    }

    @Test("ten business days after 2005-08-19: 2005-09-02 in New York, 2005-09-05 in London (summer bank holiday)")
    func addBusinessDaysPerPlace() async throws {
        let london = try await escrow("calendar", "add-business-days", "2005-08-19", "10", "--calendar", "uk")
        #expect(london.status == 0, "\(london)")
        #expect(london.stdout == "2005-09-05\n")
        let euro = try await escrow("calendar", "add-business-days", "--calendar", "target", "2024-03-28", "1")
        #expect(euro.stdout == "2024-04-02\n", "\(euro)")
    }

    @Test("Good Friday 2024 closes the NYSE but not the Federal Reserve")
    func isBusinessDayPerPlace() async throws {
        #expect(try await escrow("calendar", "is-business-day", "2024-03-29", "--calendar", "nyse").stdout == "false\n")
        #expect(try await escrow("calendar", "is-business-day", "2024-03-29").stdout == "true\n")
    }

    @Test("the TARGET2 closures of 2024 and the England and Wales bank holidays of 2022, named")
    func holidaysPerPlace() async throws {
        let target = try await escrow("calendar", "holidays", "2024", "--calendar", "target")
        #expect(
            target.lines == [
                "2024-01-01 New Year's Day", "2024-03-29 Good Friday", "2024-04-01 Easter Monday", "2024-05-01 Labour Day",
                "2024-12-25 Christmas Day", "2024-12-26 Christmas Holiday",
            ], "\(target)")
        let uk = try await escrow("calendar", "holidays", "2022", "--calendar", "uk")
        #expect(uk.lines.contains("2022-06-03 Platinum Jubilee bank holiday"), "\(uk)")
        #expect(uk.lines.contains("2022-09-19 State funeral of Queen Elizabeth II"))
        #expect(uk.lines.count == 10)
    }

    @Test(
        "an unknown calendar or a year outside it exits 2 with one line",
        arguments: [
            (["holidays", "2024", "--calendar", "tokyo"], "unknown calendar 'tokyo'; the calendars are: federal-reserve, nyse, target, uk"),
            (["holidays", "1998", "--calendar", "target"], "the target calendar covers 1999 to 2100; 1998 is outside it"),
            (["add-business-days", "2100-12-30", "5", "--calendar", "uk"], "5 business days from 2100-12-30 runs outside the uk calendar's years 1990 to 2100"),
        ])
    func refused(arguments: [String], reason: String) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.escrow(["calendar"] + arguments)
        #expect(result.status == 2, "\(result)")
        #expect(result.errorLines == [reason], "\(result)")
    }

    @Test("escrow check: the reference agreement is clean, exit 0")
    func checkClean() async throws {
        let file = EscrowExecutable.packageRoot.appendingPathComponent("examples/roo-group-2005.yaml").path
        let result = try await escrow("check", file)
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first == "\(file): no problems found")
        #expect(result.lines.last == "model: no findings")
    }

    @Test("escrow check: every problem with its line and column, then a count; exit 2")
    func checkProblems() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let reference = try String(
            contentsOf: EscrowExecutable.packageRoot.appendingPathComponent("examples/roo-group-2005.yaml"), encoding: .utf8)
        let broken = reference
            .replacingOccurrences(of: "  dated: 2005-08-19", with: "  dated: 2005-08-32")
            .replacingOccurrences(of: "  cutoff: end-of-day", with: "  cutof: end-of-day")
        let file = try workspace.write(broken, to: "deal.yaml")
        let result = try await workspace.escrow(["check", file])
        #expect(result.status == 2, "\(result)")
        #expect(
            result.lines == [
                "\(file):11:10: agreement.dated: '2005-08-32' is not a valid date; write YYYY-MM-DD",
                "\(file):17:3: calendar.cutof: unknown key 'cutof' (did you mean 'cutoff'?); the keys allowed here are: name, timeZone, cutoff, closed, open, extraClosures",
                "2 problems in \(file)",
            ], "\(result)")
    }

    @Test("escrow check --print-schema prints docs/agreement.schema.json")
    func printSchema() async throws {
        let result = try await escrow("check", "--print-schema")
        let committed = try String(
            contentsOf: EscrowExecutable.packageRoot.appendingPathComponent("docs/agreement.schema.json"), encoding: .utf8)
        #expect(result.status == 0)
        #expect(result.stdout == committed)
    }
}
