import ArgumentParser
import ChannelStoreSQLite
import Foundation

/// The `--db` option shared by every command that opens the store.
struct StorageOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file (created by the commands that write, if missing).", valueName: "path"))
    var db = "qudao.sqlite"

    func validate() throws {
        guard !db.isEmpty else { throw ValidationError("--db needs a file path") }
        if db.hasPrefix("postgres://") || db.hasPrefix("postgresql://") {
            throw ValidationError("PostgreSQL is not supported yet; give a SQLite file path to --db")
        }
    }

    func openStore() throws -> SQLiteChannelStore { try SQLiteChannelStore(path: db) }

    /// Runs a load on the database; a new one is built out of sight and appears only once the load returns
    /// (`SQLiteChannelStore.creatingNewFile`), which lets its first import write pages directly.
    func withStoreForLoading<Result>(_ body: (SQLiteChannelStore) throws -> Result) throws -> Result {
        guard FileManager.default.fileExists(atPath: db) else { return try SQLiteChannelStore.creatingNewFile(at: db, body) }
        return try body(try openStore())
    }

    /// Opens the database for reading commands, which have nothing to show in a new, empty file.
    func openExistingStore() throws -> SQLiteChannelStore {
        guard FileManager.default.fileExists(atPath: db) else {
            throw ValidationError("there is no database at \(db); create one with `qudao demo` or `qudao import`")
        }
        return try SQLiteChannelStore(path: db)
    }
}
