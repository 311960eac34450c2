import EscrowServer
import EscrowStore
import EscrowStorePostgres

/// `escrow serve --read-replica URL`: a streaming standby that reads accepting staleness may use.
enum ReadReplica {
    /// The standby reads for `text` (a PostgreSQL URL naming one standby), with its connection
    /// pool added to the server's store services. The standby is not waited for at start: a read
    /// goes to the primary while it is unreachable.
    static func configure(_ text: String, _ stores: StoreServices) throws -> (StandbyReads, StoreServices) {
        let standby: PostgresStandbyStore
        do { standby = try PostgresStandbyStore(url: try PostgresURL(text)) } catch {
            let reason = if case .unavailable(let reason) = error { reason } else { error.description }
            throw CLIFailure(.invalid, "invalid --read-replica: \(reason)")
        }
        return (StandbyReads(store: standby), StoreServices(services: stores.services + [standby], prepare: stores.prepare))
    }
}
