import ChannelCore
import ChannelDemo
import ChannelImport
import ChannelStoreSQLite
import Foundation
import GRDB

@testable import ChannelAnalytics

/// A demo dataset imported into a temporary SQLite store, shared by the read-only tests; tests that write make
/// their own copy.
struct AnalyticsFixture: Sendable {
    static let asOf = Instant(millisecondsSinceEpoch: 1_793_491_199_000)  // 2026-10-31T23:59:59Z
    static let shared: Result<AnalyticsFixture, any Error> = Result { try AnalyticsFixture(lines: 6_000) }
    /// The engine's snapshot of the shared fixture, built once for the read-only tests.
    static let snapshot: Result<FactSnapshot, any Error> = Result {
        try AnalyticsEngine(store: try shared.get().store()).snapshot
    }

    let folder: URL
    var databasePath: String { folder.appending(path: "analytics.sqlite").path }

    init(lines: Int) throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "qudao-analytics-\(UUID().uuidString)")
        let data = folder.appending(path: "data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        _ = try DemoDataset(lines: lines, seed: 7).write(to: data)
        let store = try SQLiteChannelStore(path: databasePath)
        _ = try Importer(store: store).run(paths: [data.path])
    }

    /// A new store on a copy of the fixture's database, for tests that write.
    func copy() throws -> (SQLiteChannelStore, String) {
        let path = folder.appending(path: "copy-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: databasePath, toPath: path)
        return (try SQLiteChannelStore(path: path), path)
    }

    func store() throws -> SQLiteChannelStore { try SQLiteChannelStore(path: databasePath) }

    /// Rows of an independent SQL computation over the fixture's database, values as text (NULL as nil).
    func sql(_ query: String) throws -> [[String?]] {
        // Other tests open stores on the same file at the same time (opening one briefly locks it): wait, read only.
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: databasePath, configuration: configuration)
        return try queue.read { db in
            try Row.fetchAll(db, sql: query).map { row in
                (0..<row.count).map { i in
                    let value: DatabaseValue = row[i]
                    switch value.storage {
                    case .null: return nil
                    case .int64(let v): return String(v)
                    case .double(let v): return String(v)
                    case .string(let s): return s
                    case .blob: return "blob"
                    }
                }
            }
        }
    }
}

extension KPITable {
    /// The rows as text, as `qudao kpi --format json` writes them.
    var texts: [[String?]] { rows.map { $0.map(\.text) } }
}
