import ArgumentParser
import ChannelStoreSQLite

/// `qudao migrate`: creates or upgrades the database schema and lists the applied migrations.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or upgrade the database schema (named, forward-only migrations).")

    @OptionGroup var storage: StorageOptions

    func run() throws {
        let store = try storage.openStore()
        for name in try store.appliedMigrations() { print("applied \(name)") }
        print("\(storage.db) is up to date")
    }
}
