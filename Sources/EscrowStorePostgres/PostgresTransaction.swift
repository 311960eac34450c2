import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs `body` in one transaction on this connection: committed when it returns, rolled
    /// back when it throws (the error is rethrown as it was).
    func inTransaction<T: Sendable>(
        logger: Logger, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await query("BEGIN", logger: logger)
        let result: T
        do {
            result = try await body(self)
        } catch {
            _ = try? await query("ROLLBACK", logger: logger)
            throw error
        }
        try await query("COMMIT", logger: logger)
        return result
    }
}
