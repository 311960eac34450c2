public import EscrowStorePostgres
import Foundation

/// A streaming standby of the tests' PostgreSQL server, named by
/// `ESCROW_TEST_POSTGRES_STANDBY_URL` (`scripts/test` makes one of its throwaway cluster with
/// `pg_basebackup -R`). Every database made on the primary by ``PostgresTestServer`` appears on
/// it once replayed.
public enum PostgresTestStandby {
    /// The environment variable that names the standby.
    public static let environmentVariable = "ESCROW_TEST_POSTGRES_STANDBY_URL"

    /// The standby's URL; `nil` when the variable is not set or does not parse.
    public static let url: PostgresURL? = {
        guard let text = ProcessInfo.processInfo.environment[environmentVariable], !text.isEmpty else { return nil }
        return try? PostgresURL(text)
    }()

    /// Why the standby tests did not run, as the test report says it.
    public static let skipMessage = "PostgreSQL standby tests skipped: ESCROW_TEST_POSTGRES_URL or ESCROW_TEST_POSTGRES_STANDBY_URL not set"

    /// Whether both the primary and its standby are there to test against.
    public static var isAvailable: Bool { url != nil && PostgresTestServer.url != nil }

    /// The standby's copy of a database made on the primary by ``PostgresTestServer/makeDatabase()``.
    public static func copy(of database: PostgresURL) throws -> PostgresURL {
        guard let url else { throw PostgresTestServer.Unavailable(description: skipMessage) }
        return url.with(database: database.database)
    }
}
