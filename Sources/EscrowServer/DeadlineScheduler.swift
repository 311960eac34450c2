public import EscrowCore
public import EscrowStore
public import Foundation
public import Logging
public import ServiceLifecycle

/// Fires every escrow deadline once, at its closing instant, by executing `tick` through
/// ``EscrowService`` under the idempotency key `deadline-<id>-<date>`.
///
/// On start it first catches up, in order of closing instant, on deadlines that closed
/// while it was stopped. The key makes a deadline fire once even when two servers (or a
/// restart) reach it: the second execution is answered as a replay.
public struct DeadlineScheduler: Service {
    let service: EscrowService
    let clock: any EscrowClock
    let idleDuration: TimeInterval
    let logger: Logger
    let changes: ChangeFeed?
    /// Obligation instruments whose reminders (3 and 1 business days ahead, and on each miss)
    /// the scheduler records in the linked escrow's notices record (2.2).
    var obligations: [ObligationTerms] = []
    /// Opened once the stores are prepared; the scheduler reads nothing before.
    var startsAfter: StartGate?

    /// A scheduler over `service`, sleeping on `clock`; with no deadline pending it looks
    /// again after `idleDuration` seconds.
    public init(
        service: EscrowService, clock: any EscrowClock, idleDuration: TimeInterval = 60, logger: Logger, obligations: [ObligationTerms] = []
    ) {
        self.init(service: service, clock: clock, idleDuration: idleDuration, logger: logger, changes: nil)
        self.obligations = obligations
    }

    init(service: EscrowService, clock: any EscrowClock, idleDuration: TimeInterval, logger: Logger, changes: ChangeFeed?) {
        self.service = service
        self.clock = clock
        self.idleDuration = idleDuration
        self.logger = logger
        self.changes = changes
    }

    /// A deadline not yet fired.
    struct Pending: Sendable {
        var escrowID: EscrowID
        var deadlineID: DeadlineID
        var closesAt: Date
        var key: String
    }

    /// The idempotency key of one deadline: its id and date, so an amended date fires anew.
    static func key(_ id: DeadlineID, _ deadline: Deadline) -> String { "deadline-\(id)-\(deadline.date)" }

    /// Every deadline of every open escrow that has not fired yet, in order of closing.
    func pending() async throws -> [Pending] {
        var result: [Pending] = []
        for escrowID in try await service.store.escrowIDs() {
            let state: EscrowState
            do { (state, _) = try await service.state(of: escrowID) } catch {
                logger.error("deadline scheduler cannot load escrow", metadata: ["escrow": "\(escrowID)", "error": "\(error)"])
                continue
            }
            guard state.phase == .open else { continue }
            for (id, deadline) in state.deadlines {
                let key = Self.key(id, deadline)
                if try await service.store.idempotencyRecord(escrowID: escrowID, key: key) != nil { continue }
                result.append(Pending(escrowID: escrowID, deadlineID: id, closesAt: deadline.closesAt, key: key))
            }
        }
        return result.sorted { ($0.closesAt, $0.escrowID.rawValue, $0.deadlineID.rawValue) < ($1.closesAt, $1.escrowID.rawValue, $1.deadlineID.rawValue) }
    }

    /// Fires every deadline closed by now, in order; returns the next closing instant, if any.
    @discardableResult
    func fireDue() async throws -> Date? {
        for deadline in try await pending() {
            let now = clock.now()
            guard deadline.closesAt <= now else { return deadline.closesAt }
            do {
                let outcome = try await service.execute(.tick, on: deadline.escrowID, at: now, idempotencyKey: deadline.key)
                logger.info(
                    "deadline fired",
                    metadata: [
                        "escrow": "\(deadline.escrowID)", "deadline": "\(deadline.deadlineID)", "events": "\(outcome.events.count)",
                        "replayed": "\(outcome.replayed)",
                    ])
                if !outcome.replayed { changes?.publish(deadline.escrowID) }
            } catch {
                logger.error("deadline could not fire", metadata: ["escrow": "\(deadline.escrowID)", "error": "\(error)"])
            }
        }
        return nil
    }

    /// Records, once each, the reminders that are due by today for every escrow an obligation
    /// instrument links to; returns how many were new.
    @discardableResult
    func recordReminders() async -> Int {
        var recorded = 0
        for terms in obligations {
            guard let link = terms.escrowLink else { continue }
            let escrowID = EscrowID(link.escrowID)
            let now = clock.now()
            let today = CivilDate(instant: now, timeZoneIdentifier: terms.calendar.timeZoneIdentifier)
            guard BusinessCalendar.supportedYears.contains(today.year),
                let state = try? await service.state(of: escrowID).state
            else { continue }
            let calendar = DealCalendar.of(escrow: state, obligations: terms, asOf: today)
            // After downtime, reminders of up to a week are caught up; older ones are stale.
            let notices = Reminders.notices(
                calendar: calendar, businessCalendar: terms.businessCalendar, asOf: today, aheadSince: today.adding(days: -7), at: now)
            for notice in notices
            where !state.recordedNotices.contains(where: { $0.noticeID == notice.noticeID }) {
                do {
                    let outcome = try await service.execute(.recordNotice(notice), on: escrowID, at: now, idempotencyKey: "notice-\(notice.noticeID)")
                    if !outcome.replayed {
                        recorded += 1
                        changes?.publish(escrowID)
                    }
                } catch {
                    logger.error("reminder could not be recorded", metadata: ["escrow": "\(escrowID)", "notice": "\(notice.noticeID)", "error": "\(error)"])
                }
            }
        }
        return recorded
    }

    public func run() async throws {
        if let startsAfter {
            // Cancelled or shut down while the stores are being prepared: the loop below does not run.
            await cancelWhenGracefulShutdown { await startsAfter.wait() }
        }
        logger.info("deadline scheduler started")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let next: Date?
            await recordReminders()
            do { next = try await fireDue() } catch {
                logger.error("deadline scheduler failed to read the log", metadata: ["error": "\(error)"])
                next = nil
            }
            let idle = clock.now().addingTimeInterval(idleDuration)
            let wake = min(next ?? idle, idle)
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(until: wake) }
            } catch {
                break
            }
        }
        logger.info("deadline scheduler stopped")
    }
}
