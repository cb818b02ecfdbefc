import ArgumentParser
import ChannelServer
import ChannelStore
import ChannelStorePostgres
import ChannelStoreSQLite
import Foundation
import Synchronization

/// The `--db` option shared by every command that opens the store: a SQLite file, or a PostgreSQL database named by a
/// `postgres://` (or `postgresql://`) URL.
///
/// Every command opens either backend: both implement every store protocol the server needs (`QudaoServer.Store`:
/// records, accounts, alerts, plans, backtests, webhooks). Messages and logs show a URL without its password
/// (`displayName`).
struct StorageOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            The database: a SQLite file (created by the commands that write, if missing), or a PostgreSQL database as \
            postgres://user:password@host:port/database (the database must exist; its tables are created on first use). \
            Without a password in the URL, PGPASSWORD's is used, else the matching line of ~/.pgpass (or of the file \
            PGPASSFILE names), as libpq reads them. TLS as libpq's ?sslmode= (disable, prefer: the default, \
            require, verify-ca, verify-full) with &sslrootcert=/path/ca.pem.
            """, valueName: "path|url"))
    var db = "qudao.sqlite"

    func validate() throws {
        guard !db.isEmpty else { throw ValidationError("--db needs a SQLite file path or a postgres:// URL") }
        if isPostgres { _ = try parsedLocation() }
    }

    /// Whether `--db` names a PostgreSQL database rather than a SQLite file.
    var isPostgres: Bool { PostgresLocation.isPostgresURL(db) }

    /// The PostgreSQL database `--db` names, with its password (from the URL, `PGPASSWORD` or the password file), or nil
    /// for a SQLite file.
    func postgresLocation() throws -> PostgresLocation? {
        guard isPostgres else { return nil }
        return try parsedLocation().withPassword(from: ProcessInfo.processInfo.environment) { refusal in
            // Commands open the store more than once; the warning is worth saying once.
            let isFirst = Self.refusalTold.withLock { told in
                defer { told = true }
                return !told
            }
            guard isFirst else { return }
            FileHandle.standardError.write(Data("warning: \(refusal)\n".utf8))
        }
    }

    private static let refusalTold = Mutex(false)

    private func parsedLocation() throws -> PostgresLocation {
        do {
            return try PostgresLocation(parsing: db)
        } catch {
            // The parse error names the part that is wrong, never the password's value.
            throw ValidationError("--db: \(error)")
        }
    }

    /// `--db` as messages and logs may show it: the file path, or the URL without its password.
    var displayName: String {
        guard PostgresLocation.isPostgresURL(db) else { return db }
        return (try? PostgresLocation(parsing: db))?.redacted ?? "the PostgreSQL URL given to --db"
    }

    /// Opens the store, creating a SQLite file if missing; a PostgreSQL database gets its pending migrations.
    func openStore() throws -> any QudaoServer.Store {
        if let location = try postgresLocation() { return try PostgresChannelStore(location: location) }
        return try SQLiteChannelStore(path: db)
    }

    /// Opens the store for reading commands, which have nothing to show in a new, empty SQLite file.
    func openExistingStore() throws -> any QudaoServer.Store {
        if let location = try postgresLocation() { return try PostgresChannelStore(location: location) }
        return try openExistingSQLiteFile()
    }

    /// Runs a load on the database. A new SQLite file is built out of sight and appears only once the load returns
    /// (`SQLiteChannelStore.creatingNewFile`), which lets its first import write pages directly; PostgreSQL loads
    /// with `COPY` and closes its connections afterwards.
    func withStoreForLoading<Result>(_ body: (any ChannelStore) throws -> Result) throws -> Result {
        if let location = try postgresLocation() {
            let store = try PostgresChannelStore(location: location)
            defer { store.close() }
            return try body(store)
        }
        guard FileManager.default.fileExists(atPath: db) else { return try SQLiteChannelStore.creatingNewFile(at: db, body) }
        return try body(try SQLiteChannelStore(path: db))
    }

    /// Brings the schema up to date and returns the applied migrations, oldest first.
    func migrate() throws -> [String] {
        if let location = try postgresLocation() {
            let store = try PostgresChannelStore(location: location)
            defer { store.close() }
            return try store.appliedMigrations()
        }
        return try SQLiteChannelStore(path: db).appliedMigrations()
    }

    private func openExistingSQLiteFile() throws -> SQLiteChannelStore {
        guard FileManager.default.fileExists(atPath: db) else {
            throw ValidationError("there is no database at \(db); create one with `qudao demo` or `qudao import`")
        }
        return try SQLiteChannelStore(path: db)
    }
}
