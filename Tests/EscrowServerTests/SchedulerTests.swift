import EscrowCore
@testable import EscrowServer
import EscrowStore
import EscrowStoreSQLite
import EscrowTesting
import Foundation
import Logging
import Testing

/// 1.7's deadline closes at the end of 2005-09-02 in New York: 2005-09-03T04:00:00Z.
@Suite("Deadline scheduler")
struct SchedulerTests {
    static let closes = Date(timeIntervalSince1970: TimeInterval(CivilDate(year: 2005, month: 9, day: 3)!.dayNumber * 86_400 + 4 * 3_600))

    static func openedWithDeposits() async throws -> TestServer {
        let server = try await TestServer.make()
        let terms = try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "reference")
        _ = try await server.service.open(TestServer.escrowID, terms: terms, at: TestServer.august(19, 9))
        _ = try await server.service.execute(
            .recordDeposit(bankReference: "FW1", purchaser: "purchaser-1", senderName: nil, amount: try Money.parse("3000000.00", .usd)),
            on: TestServer.escrowID, at: TestServer.august(22, 11))
        return server
    }

    static func refunds(_ server: TestServer) async throws -> Int {
        let (state, _) = try await server.service.load(TestServer.escrowID)
        return state.refundsFallenDue.count
    }

    static func waitUntil(_ condition: () async throws -> Bool) async throws {
        for _ in 0..<400 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test("the refund deadline fires once, at its cut-off instant, on the injected clock")
    func firesAtCutoff() async throws {
        let server = try await Self.openedWithDeposits()
        server.clock.advance(to: Self.closes.addingTimeInterval(-60))
        let scheduler = DeadlineScheduler(service: server.service, clock: server.clock, idleDuration: 3_600, logger: Logger(label: "test"))
        let task = Task { try await scheduler.run() }
        try await Self.waitUntil { server.clock.sleeperCount > 0 }
        #expect(try await Self.refunds(server) == 0)
        server.clock.advance(to: Self.closes)
        try await Self.waitUntil { try await Self.refunds(server) == 1 }
        task.cancel()
        _ = try? await task.value
        let (state, records) = try await server.service.load(TestServer.escrowID)
        #expect(state.refundDeadlineMissed?.at == Self.closes)
        #expect(state.refundsFallenDue.count == 1)
        #expect(records.filter { $0.type == "refundDeadlineMissed" }.count == 1)
    }

    @Test("after downtime it catches up on missed deadlines, in order, exactly once, even with two schedulers")
    func catchesUp() async throws {
        let server = try await Self.openedWithDeposits()
        // A 2.13 request with its own due date before the 1.7 deadline.
        _ = try await server.service.execute(
            .requestInstrument(id: "officer-certificate", title: "Officer's certificate", from: ["company"], dueBy: CivilDate(year: 2005, month: 8, day: 31)),
            on: TestServer.escrowID, at: TestServer.august(23, 9))
        server.clock.advance(to: Self.closes.addingTimeInterval(86_400 * 3))
        let first = DeadlineScheduler(service: server.service, clock: server.clock, idleDuration: 3_600, logger: Logger(label: "a"))
        let second = DeadlineScheduler(service: server.service, clock: server.clock, idleDuration: 3_600, logger: Logger(label: "b"))
        let pending = try await first.pending()
        #expect(pending.map(\.deadlineID) == ["officer-certificate", "refund"])
        async let one: Date? = first.fireDue()
        async let two: Date? = second.fireDue()
        _ = try await (one, two)
        #expect(try await first.pending().isEmpty)
        // A restart finds nothing left to fire.
        try await first.fireDue()
        let (state, records) = try await server.service.load(TestServer.escrowID)
        #expect(state.refundsFallenDue.count == 1)
        #expect(records.filter { $0.type == "refundDeadlineMissed" }.count == 1)
        for key in ["deadline-officer-certificate-2005-08-31", "deadline-refund-2005-09-02"] {
            #expect(try await server.store.idempotencyRecord(escrowID: TestServer.escrowID, key: key) != nil, "\(key) not recorded")
        }
    }

    @Test("2.2: the scheduler records the waiver's reminders in the escrow's notices record, once each")
    func recordsReminders() async throws {
        let server = try await Self.openedWithDeposits()
        var scheduler = DeadlineScheduler(service: server.service, clock: server.clock, idleDuration: 3_600, logger: Logger(label: "test"))
        scheduler.obligations = ServerConfiguration.referenceObligations
        // 2005-08-22 is 3 business days before the prepayment is due (2005-08-25).
        server.clock.advance(to: TestServer.august(22, 9))
        let first = await scheduler.recordReminders()
        #expect(await scheduler.recordReminders() == 0)
        let (state, _) = try await server.service.load(TestServer.escrowID)
        #expect(first == 1)
        #expect(state.recordedNotices.map(\.noticeID) == ["nir-waiver-2005/prepayment-cash-ahead-3-2005-08-22"])
        #expect(state.recordedNotices.allSatisfy { $0.at == TestServer.august(22, 9) })
        #expect(state.recordedNotices.first { $0.clause == "Schedule A 1" }?.recipients.contains("AJW Offshore, Ltd.") == true)
    }

    @Test("2.2: after a long downtime the scheduler records the notices of misses, not reminders long past their moment")
    func staleRemindersAreSkipped() async throws {
        let server = try await Self.openedWithDeposits()
        var scheduler = DeadlineScheduler(service: server.service, clock: server.clock, idleDuration: 3_600, logger: Logger(label: "test"))
        scheduler.obligations = ServerConfiguration.referenceObligations
        server.clock.advance(to: TestServer.august(31, 9).addingTimeInterval(20 * 86_400))
        await scheduler.recordReminders()
        let (state, _) = try await server.service.load(TestServer.escrowID)
        let ids = state.recordedNotices.map(\.noticeID)
        #expect(!ids.isEmpty)
        #expect(ids.allSatisfy { $0.contains("-missed-") }, "\(ids)")
        #expect(ids.contains("nir-waiver-2005/prepayment-cash-missed-2005-08-26"))
    }
}
