public import EscrowCore
import EscrowStore
import Foundation

/// The demo's movable clock: a "next business day" control for the deal's time, shown only on
/// a server started with `escrow serve --demo`.
public struct WebDemo: Sendable {
    /// The deal's clock, which the scheduler and every command read.
    public let clock: ManualEscrowClock
    /// The escrows whose deadlines the control fires.
    public let escrowIDs: [EscrowID]
    /// The wall clock the dates are shown on.
    public let timeZoneIdentifier: String

    /// A demo over `clock` for `escrowIDs`, shown on `timeZoneIdentifier`'s wall clock.
    public init(clock: ManualEscrowClock, escrowIDs: [EscrowID], timeZoneIdentifier: String) {
        self.clock = clock
        self.escrowIDs = escrowIDs
        self.timeZoneIdentifier = timeZoneIdentifier
    }

    /// 10:00 on the business day after the clock's date, on the escrow's wall clock.
    func nextBusinessDayMorning(calendar: BusinessCalendar) -> Date? {
        let today = CivilDate(instant: clock.now(), timeZoneIdentifier: timeZoneIdentifier)
        guard BusinessCalendar.supportedYears.contains(today.year) else { return nil }
        guard let next = try? calendar.adding(businessDays: 1, to: today) else { return nil }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: timeZoneIdentifier) ?? .gmt
        return gregorian.date(from: DateComponents(year: next.year, month: next.month, day: next.day, hour: 10))
    }

    /// Moves the clock and lets every deadline that closed meanwhile fire at once.
    func nextBusinessDay(service: EscrowService, changes: ChangeFeed) async throws {
        guard let first = escrowIDs.first else { return }
        let state = try await service.state(of: first).state
        guard let next = nextBusinessDayMorning(calendar: state.calendar) else { return }
        clock.advance(to: next)
        for id in escrowIDs {
            // A tick with nothing due is refused; that is no failure of the demo.
            if (try? await service.execute(.tick, on: id, at: clock.now(), idempotencyKey: nil)) != nil { changes.publish(id) }
        }
    }
}
