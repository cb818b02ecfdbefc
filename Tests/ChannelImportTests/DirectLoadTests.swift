import ChannelCore
import ChannelDemo
import ChannelImport
import ChannelStoreSQLite
import Foundation
import GRDB
import Testing

/// The first import into a new file writes its large tables' pages directly: the result must be the database the
/// SQL path builds, row for row, and a sound SQLite file.
@Suite struct DirectLoadTests {
    /// Every row of every entity table, in key order, as text.
    static func dump(_ path: String) throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var tables: [String: [String]] = [:]
            for kind in EntityKind.allCases {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(kind.name) ORDER BY 1, 2")
                tables[kind.name] = rows.map { $0.description }
            }
            return tables
        }
    }

    /// Imports `folder` into a new file (direct load) and into an existing empty one (SQL path); both must match.
    static func compareBothPaths(_ folder: URL, in fixture: ImportFixture) throws {
        let direct = fixture.folder.appendingPathComponent("direct.sqlite").path
        let report = try SQLiteChannelStore.creatingNewFile(at: direct) { store in
            try Importer(store: store).run(paths: [folder.path])
        }
        #expect(report.isCommitted, "\(report.issues.prefix(3))")
        let viaSQL = fixture.folder.appendingPathComponent("sql.sqlite").path
        let sqlStore = try SQLiteChannelStore(path: viaSQL)
        #expect(try Importer(store: sqlStore).run(paths: [folder.path]).isCommitted)

        let store = try SQLiteChannelStore(path: direct)
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.danglingReferenceCount() == 0)
        let (left, right) = (try dump(direct), try dump(viaSQL))
        for kind in EntityKind.allCases {
            #expect(left[kind.name] == right[kind.name], "\(kind.name) differs")
            #expect(left[kind.name]?.isEmpty == false, "\(kind.name) is empty")
        }
        // The natural-key indexes were built too: look-ups by key find the rows.
        let queue = try DatabaseQueue(path: direct)
        defer { try? queue.close() }
        try queue.read { db in
            for kind in [EntityKind.orders, .shipments, .feedback, .complaints, .inventorySnapshots] {
                let index = "\(kind.name)_natural_key"
                let listed = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE name = ?", arguments: [index])
                #expect(listed == 1)
                let viaIndex = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(kind.name) INDEXED BY \(index) WHERE \(Self.keyColumn(kind)) IS NOT NULL")
                let viaTable = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(kind.name) NOT INDEXED")
                #expect(viaIndex == viaTable, "\(index)")
            }
            let last = try String.fetchOne(db, sql: "SELECT order_id FROM orders ORDER BY id DESC LIMIT 1")
            let found = try Int.fetchOne(db, sql: "SELECT count(*) FROM orders INDEXED BY orders_natural_key WHERE order_id = ?", arguments: [last])
            #expect(found == 1)
        }
    }

    static func keyColumn(_ kind: EntityKind) -> String {
        switch kind {
        case .inventorySnapshots: "location_id"
        case .orders: "order_id"
        case .shipments: "shipment_id"
        case .feedback: "feedback_id"
        default: "complaint_id"
        }
    }

    @Test func aNewFileHoldsWhatTheSQLPathWrites() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let generated = fixture.folder.appendingPathComponent("generated")
        _ = try DemoDataset(lines: 30_000, seed: 11).write(to: generated)
        try Self.compareBothPaths(generated, in: fixture)
    }

    /// Rows out of key order take the sorting path; a feedback text longer than a page spills to overflow pages.
    @Test func unsortedFilesAndLongTextsGiveTheSameDatabase() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let generated = fixture.folder.appendingPathComponent("generated")
        _ = try DemoDataset(lines: 6000, seed: 5).write(to: generated)
        for name in ["orders.csv", "order_lines.csv", "shipments.csv", "inventory_snapshots.csv"] {
            let url = generated.appendingPathComponent(name)
            var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            let header = lines.removeFirst()
            var random = SystemRandomNumberGenerator()
            lines.shuffle(using: &random)
            try ([header] + lines).joined(separator: "\n").appending("\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let feedback = generated.appendingPathComponent("feedback.csv")
        var text = try String(contentsOf: feedback, encoding: .utf8)
        let order = try #require(try String(contentsOf: generated.appendingPathComponent("orders.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().first?.split(separator: ",").map(String.init))
        let long = String(repeating: "很好用，物流也快。", count: 3000)  // 81 KB: five overflow pages
        text += "FB-LONG,\(order[0]),\(order[1]),\(order[2]),\(order[3]),2026-01-01T00:00:00Z,5,\(long)\n"
        try text.write(to: feedback, atomically: true, encoding: .utf8)
        try Self.compareBothPaths(generated, in: fixture)
    }

    @Test func aLoadThatFailsLeavesNoFile() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        struct Failed: Error {}
        let path = fixture.folder.appendingPathComponent("never.sqlite").path
        #expect(throws: Failed.self) {
            try SQLiteChannelStore.creatingNewFile(at: path) { store in
                _ = try Importer(store: store).run(paths: [fixture.dataFolder.path])
                throw Failed()
            }
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path).filter { $0.hasPrefix("never") }
        #expect(left.isEmpty, "left behind: \(left)")
        // And an existing file is never replaced.
        #expect(throws: (any Error).self) {
            try SQLiteChannelStore.creatingNewFile(at: fixture.databasePath.replacingOccurrences(of: "test", with: "other")) { _ in
                try Data().write(to: URL(fileURLWithPath: fixture.databasePath.replacingOccurrences(of: "test", with: "other")))
            }
        }
    }
}
