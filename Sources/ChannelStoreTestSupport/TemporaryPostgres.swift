public import ChannelStorePostgres
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL server for tests, shared by every test of the process and started on first use, that hands out a
/// fresh database per test (a copy of a migrated template, the quickest way to an empty store).
///
/// With `QUDAO_TEST_POSTGRES_URL` set (as `.ci/run` does), it uses that server instead, creating its template and
/// test databases there (named after this process, dropped at exit). Otherwise it starts a throwaway PostgreSQL 15
/// from `/usr/lib/postgresql/15/bin`: `initdb` into a temporary folder, `pg_ctl start` on a free port of 127.0.0.1
/// (its unix socket inside the folder). As root it runs them as the `postgres` user (initdb refuses root). The
/// server stops and the folder goes when the process exits (an `atexit` hook; a watchdog shell does the same if the
/// process dies without exiting).
public final class TemporaryPostgres: Sendable {
    /// The server's maintenance database (`postgres`), where databases are created.
    public let server: PostgresLocation
    private let template: String
    private let prefix: String
    /// The local server's folder, when this process started one.
    private let folder: String?
    private let counter = Mutex(0)

    private static let shared = Mutex<Result<TemporaryPostgres, TemporaryPostgresError>?>(nil)

    /// The server of this test process, started (or connected to) on first use.
    public static func instance() throws -> TemporaryPostgres {
        try shared.withLock { state in
            if let state { return try state.get() }
            let result = Result<TemporaryPostgres, TemporaryPostgresError> { () throws(TemporaryPostgresError) in
                try TemporaryPostgres()
            }
            state = result
            if case .success = result { atexit { TemporaryPostgres.shutDown() } }
            return try result.get()
        }
    }

    /// A new, migrated, empty database of its own.
    public func freshDatabase() throws -> PostgresLocation {
        let number = counter.withLock { value in
            value += 1
            return value
        }
        let name = "\(prefix)_\(number)"
        try Self.run {
            try PostgresAdmin.execute(
                "CREATE DATABASE \(PostgresAdmin.quoted(name)) TEMPLATE \(PostgresAdmin.quoted(template))", on: server)
        }
        return server.withDatabase(name)
    }

    private init() throws(TemporaryPostgresError) {
        let pid = getpid()
        prefix = "qudao_test_\(pid)"
        template = "qudao_template_\(pid)"
        if let url = ProcessInfo.processInfo.environment["QUDAO_TEST_POSTGRES_URL"], !url.isEmpty {
            do {
                server = try PostgresLocation(parsing: url)
            } catch {
                throw TemporaryPostgresError("QUDAO_TEST_POSTGRES_URL does not parse: \(error)")
            }
            folder = nil
        } else {
            let started = try LocalServer.start()
            server = started.location
            folder = started.folder
        }
        let templateLocation = server.withDatabase(template)
        try Self.run {
            try PostgresAdmin.execute("CREATE DATABASE \(PostgresAdmin.quoted(template))", on: server)
            // Migrating the template once makes every test database start migrated.
            let store = try PostgresChannelStore(location: templateLocation)
            store.close()
        }
    }

    private static func run(_ body: () throws -> Void) throws(TemporaryPostgresError) {
        do { try body() } catch { throw TemporaryPostgresError("\(error)") }
    }

    /// Stops the local server and removes its folder, or drops this process's databases on an external server.
    private static func shutDown() {
        guard case .success(let postgres) = shared.withLock({ $0 }) else { return }
        if let folder = postgres.folder {
            LocalServer.stop(folder: folder)
            return
        }
        let count = postgres.counter.withLock { $0 }
        let names = (1...max(1, count)).map { "\(postgres.prefix)_\($0)" } + [postgres.template]
        for name in names {
            try? PostgresAdmin.execute("DROP DATABASE IF EXISTS \(PostgresAdmin.quoted(name)) WITH (FORCE)", on: postgres.server)
        }
    }
}

/// Why the test PostgreSQL server is not available.
public struct TemporaryPostgresError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
