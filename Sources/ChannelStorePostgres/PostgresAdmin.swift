import ChannelStore
import Foundation
import Logging

/// Statements outside any store's database: creating and dropping databases (test harnesses, later `qudao` setup).
package enum PostgresAdmin {
    /// Runs `sql` (no parameters; several statements allowed) on a connection of its own to `location`.
    package static func execute(_ sql: String, on location: PostgresLocation) throws {
        let pool = PostgresConnectionPool(location: location, capacity: 1, logger: Logger(label: "qudao.store.postgres.admin"))
        defer { pool.close() }
        try pool.withSession { session in try session.execute(sql, context: "running an administrative statement") }
    }

    /// Whether a connection to `location` is encrypted (TLS), as the server sees it.
    package static func isEncrypted(_ location: PostgresLocation) throws -> Bool {
        let pool = PostgresConnectionPool(location: location, capacity: 1, logger: Logger(label: "qudao.store.postgres.admin"))
        defer { pool.close() }
        return try pool.withSession { session in
            try session.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", context: "asking whether the connection is encrypted")
                .first?.integer(at: 0) == 1
        }
    }

    /// `"name"`, with embedded quotes doubled: an identifier that is safe to splice into SQL.
    package static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
