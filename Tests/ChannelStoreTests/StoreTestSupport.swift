import Foundation
import Testing

@testable import ChannelCore
@testable import ChannelStore
@testable import ChannelStoreSQLite
import ChannelStoreTestSupport

/// Runs `body` with the path of a database file in a new temporary folder, and removes the folder afterwards.
func withTemporaryDatabase<Result>(_ body: (String) throws -> Result) throws -> Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder.appendingPathComponent("channel.sqlite").path)
}

/// Opens a store on `path` with the fixed clock.
func openStore(_ path: String) throws -> SQLiteChannelStore {
    try SQLiteChannelStore(path: path, now: { fixedNow })
}

/// Runs `body` with a store on a fresh temporary database file.
func withTemporaryStore<Result>(_ body: (SQLiteChannelStore, String) throws -> Result) throws -> Result {
    try withTemporaryDatabase { path throws in
        let store = try openStore(path)
        return try withExtendedLifetime(store) { try body(store, path) }
    }
}
