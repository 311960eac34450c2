import EscrowCore
import Foundation
import Testing

@Suite("the waiver's obligations on the command line")
struct ObligationCommandTests {
    @Test("item 5: a split completed on 2005-12-01 is 30 days late: USD 8,000.00 by whole periods, USD 10,000.00 by periods begun")
    func damages() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try await workspace.escrow(["obligations", "damages", "--as-of", "2005-12-01", "--completed-on", "2005-12-01"])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.contains("Owed as of 2005-12-01 under item 5: USD 8,000.00 (whole periods elapsed); USD 10,000.00 under the other reading (periods begun)."))
    }

    @Test("the deal calendar reads the escrow's database: the demo's release met Schedule A 1 and item 8 on 2005-08-25")
    func calendarFromTheEscrow() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let demo = try await workspace.escrow(["demo", "--db", workspace.db])
        #expect(demo.status == 0, "\(demo)")
        let calendar = try await workspace.escrow(["obligations", "calendar", "--db", workspace.db, "--as-of", "2005-08-26"])
        #expect(calendar.status == 0, "\(calendar)")
        #expect(calendar.lines.contains { $0.hasPrefix("2005-08-25  Schedule A 1") && $0.hasSuffix("met on 2005-08-25") }, "\(calendar)")
        #expect(calendar.lines.contains { $0.hasPrefix("2005-09-01  item 8") && $0.hasSuffix("met on 2005-08-25") }, "\(calendar)")
    }

    @Test("2.2: reminders due by a date are recorded in the escrow's notices record once, however often they are recorded")
    func remindersRecordedOnce() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        _ = try await workspace.escrow(["demo", "--scenario", "refund", "--db", workspace.db])
        let arguments = ["obligations", "reminders", "--db", workspace.db, "--as-of", "2005-09-10", "--record", "--now", "2005-09-10T09:00:00-04:00"]
        let first = try await workspace.escrow(arguments)
        #expect(first.status == 0, "\(first)")
        #expect(first.lines.last == "recorded 9 new notice(s) in the notices record of roo-group-2005 (2.2)")
        let again = try await workspace.escrow(arguments)
        #expect(again.lines.last == "recorded 0 new notice(s) in the notices record of roo-group-2005 (2.2)")
        let notices = try await workspace.escrow(["notices", "--db", workspace.db])
        #expect(notices.lines.filter { $0.hasPrefix("2005-09-10T09:00:00-04:00") }.count == 9, "\(notices)")
        #expect(notices.lines.first?.hasPrefix("2005-09-03T00:00:00-04:00 [1.7] to Purchaser 2: refund of USD 2,499,999.99 to Purchaser 2, JPMorgan Chase Bank, N.A.") == true, "\(notices)")
        #expect(
            notices.lines.contains("2005-09-03T00:00:00-04:00 [1.7] to Purchaser 1: refund of USD 3,000,000.00 due, to be paid on your signed written wire instructions"),
            "\(notices)")
    }
}
