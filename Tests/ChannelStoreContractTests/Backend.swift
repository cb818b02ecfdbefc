import ChannelStore
import ChannelStorePostgres
import ChannelStoreSQLite
import ChannelStoreTestSupport
import Foundation
import Testing

/// The store backends every contract test runs against, each giving a fresh, empty, migrated store with the fixed
/// clock: a SQLite file in a temporary folder, or a PostgreSQL database of its own on the test server
/// (`TemporaryPostgres`).
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    /// Every store protocol: what both backends implement, as the server needs it.
    typealias Store =
        ChannelStore & RecordStore & AccountStore & BacktestStore & AlertStore & PlanStore & WebhookStore & LeadershipStore

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh store of this backend, released afterwards.
    func withStore<Result>(_ body: (any Store) throws -> Result) throws -> Result {
        try withReopenableStore { store, _ in try body(store) }
    }

    /// Runs `body` with a fresh store of this backend and a way to open the same database again (a second store, as
    /// after a restart, or as another server on it), released afterwards.
    func withReopenableStore<Result>(_ body: (any Store, _ reopen: () throws -> any Store) throws -> Result) throws -> Result {
        let location = try freshLocation()
        defer { remove(location) }
        let store = try open(location)
        defer { close(store) }
        var reopened: [any Store] = []
        defer { reopened.forEach(close) }
        return try body(store) {
            let again = try open(location)
            reopened.append(again)
            return again
        }
    }

    /// `withStore` for an async body.
    func withStoreAsync<Result>(_ body: (any Store) async throws -> Result) async throws -> Result {
        let location = try freshLocation()
        defer { remove(location) }
        let store = try open(location)
        defer { close(store) }
        return try await body(store)
    }

    /// Opens the store at `location` with the fixed clock.
    func open(_ location: StoreLocation) throws -> any Store {
        switch location {
        case .sqlite(let folder): try SQLiteChannelStore(path: folder.appendingPathComponent("channel.sqlite").path, now: { fixedNow })
        case .postgres(let location): try PostgresChannelStore(location: location, now: { fixedNow }, connections: 2)
        }
    }

    /// The migrations applied to the store's database.
    func appliedMigrations(_ store: any ChannelStore) throws -> [String] {
        switch store {
        case let sqlite as SQLiteChannelStore: try sqlite.appliedMigrations()
        case let postgres as PostgresChannelStore: try postgres.appliedMigrations()
        default: []
        }
    }

    private func freshLocation() throws -> StoreLocation {
        switch self {
        case .sqlite: .sqlite(folder: FileManager.default.temporaryDirectory.appendingPathComponent("qudao-contract-\(UUID().uuidString)"))
        case .postgres: .postgres(try TemporaryPostgres.instance().freshDatabase())
        }
    }

    /// Releases the store's connections (a PostgreSQL server allows only so many).
    private func close(_ store: any Store) {
        (store as? PostgresChannelStore)?.close()
    }

    /// Removes a SQLite store's folder; a test database on PostgreSQL goes with the test server.
    private func remove(_ location: StoreLocation) {
        if case .sqlite(let folder) = location { try? FileManager.default.removeItem(at: folder) }
    }
}

/// Where a test store lives.
enum StoreLocation {
    case sqlite(folder: URL)
    case postgres(PostgresLocation)
}

extension ChannelStore {
    /// Rows whose foreign keys point nowhere: SQLite's `PRAGMA foreign_key_check` (the bulk writer turns SQLite's
    /// per-row checks off for its own transactions). PostgreSQL checks every foreign key on every write, so it has none.
    func danglingReferences() throws -> Int {
        try (self as? SQLiteChannelStore)?.danglingReferenceCount() ?? 0
    }
}
