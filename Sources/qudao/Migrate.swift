import ArgumentParser

/// `qudao migrate`: creates or upgrades the database schema and lists the applied migrations.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or upgrade the database schema (named, forward-only migrations).")

    @OptionGroup var storage: StorageOptions

    func run() throws {
        for name in try storage.migrate() { print("applied \(name)") }
        print("\(storage.displayName) is up to date")
    }
}
