import EscrowStore
import EscrowTesting
import Testing

/// The conformance checks of `EscrowTesting`, run against every store: in memory, SQLite, and
/// PostgreSQL when it is configured.
@Suite("Event store conformance")
struct EventStoreConformanceTests {
    @Test("every event store follows every rule", arguments: StoreFactory.all, EventStoreConformance.checks)
    func conformance(_ factory: StoreFactory, _ check: EventStoreConformance.Check) async throws {
        try await withStore(factory) { store throws in try await check.run(store) }
    }
}
