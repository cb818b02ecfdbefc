import ChannelCore
import ChannelStoreTestSupport
import Foundation
import GRDB
import Testing

@testable import ChannelStore
@testable import ChannelStoreSQLite

/// `BTreeBuilder` against SQLite itself: small pages make deep trees, long values spill to overflow pages, and
/// SQLite must then read every row and pass `PRAGMA integrity_check`.
@Suite struct BTreeBuilderTests {
    /// A table of `rows` rows (every 50th with a note longer than a page), its unique index on `k` (some keys longer
    /// than an index cell keeps on its page), and a WITHOUT ROWID table, loaded on 512-byte pages.
    /// `reserve` pages are left for SQLite and stay unused: the loaded pages must move down into them.
    @Test(arguments: [0, 1, 7, 30_000], [0, 9])
    func deepTreesWithOverflowPassIntegrityCheck(rows: Int, reserve: UInt32) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("btree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.sqlite").path
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 512") }
        let roots: (table: UInt32, index: UInt32, pairs: UInt32, pages: UInt32) = try {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL, n INTEGER, note TEXT);
                    CREATE UNIQUE INDEX t_k ON t(k);
                    CREATE TABLE pairs (a INTEGER NOT NULL, b INTEGER NOT NULL, c TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID;
                    """)
                let root = { (name: String) throws -> UInt32 in
                    UInt32(try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_schema WHERE name = ?", arguments: [name]) ?? 0)
                }
                return (try root("t"), try root("t_k"), try root("pairs"), UInt32(try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0))
            }
        }()
        let file = try PageFile(path: path, pageSize: 512)
        file.place(after: roots.pages, reserve: reserve)
        let table = BTreeBuilder(isTable: true, rootPage: roots.table, file: file)
        let index = SortedEntries(builder: BTreeBuilder(isTable: false, rootPage: roots.index, file: file))
        let pairs = SortedEntries(builder: BTreeBuilder(isTable: false, rootPage: roots.pairs, file: file))
        func key(_ row: Int) -> String { row % 97 == 0 ? "key-\(row)-" + String(repeating: "x", count: 300) : "key-\(row)" }
        func note(_ row: Int) -> DBValue { row % 50 == 0 ? .text(String(repeating: "备注\(row)", count: 200)) : .null }
        let encoder = RecordEncoder()
        for row in 0..<rows {
            let values: [DBValue] = [.null, .text(key(row)), .integer(Int64(row) * 1_000_003 - 5_000_000), note(row)]
            try table.append(rowID: Int64(row + 1), record: encoder.encode(values))
            let entry: [DBValue] = [.text(key(row)), .integer(Int64(row + 1))]
            index.add(encoder.encode(entry))  // keys arrive out of text order ("key-10" < "key-9"): the sorting path
            let pair: [DBValue] = [.integer(Int64(rows - row)), .integer(Int64(row % 3)), .text("c\(row)")]
            pairs.add(encoder.encode(pair))
        }
        try table.finish()
        file.fill(after: roots.pages)
        try index.build(into: nil)
        try pairs.build(into: nil)
        let moved = try file.compact(after: roots.pages)
        #expect(moved <= Int(reserve))
        for builder in [table, index.builder, pairs.builder].compactMap({ $0 }) { try builder.attach() }
        try file.resolveFixups()
        try file.commit(sqlitePages: roots.pages)
        file.close()

        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.read { db in
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == rows)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM pairs") == rows)
            for row in Set([0, 1, rows / 2, rows - 1, 97 * 3, 50 * 7]) where (0..<rows).contains(row) {
                let found = try Row.fetchOne(db, sql: "SELECT id, n, note FROM t INDEXED BY t_k WHERE k = ?", arguments: [key(row)])
                #expect(found?["id"] == Int64(row + 1))
                #expect(found?["n"] == Int64(row) * 1_000_003 - 5_000_000)
                if case .text(let text) = note(row) { #expect(found?["note"] == text) }
                #expect(try String.fetchOne(db, sql: "SELECT c FROM pairs WHERE a = ? AND b = ?", arguments: [rows - row, row % 3]) == "c\(row)")
            }
        }
    }

    @Test func numberingStepsOverTheLockBytePage() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        // 64 KiB pages: the page holding byte 2^30 is number 16385.
        let page = [UInt8](repeating: 7, count: 65536)
        let file = try PageFile(path: path, pageSize: 65536)
        file.place(after: 16383, reserve: 0)
        for _ in 0..<3 { _ = try file.stage(page) }
        #expect(file.positions == [16384, 16386, 16387])
        #expect(file.allocate() == 16388)
        let before = try PageFile(path: path, pageSize: 65536)
        before.place(after: 16382, reserve: 0)
        for _ in 0..<2 { _ = try before.stage(page) }
        #expect(before.final(staged: 1) == 16384)
        #expect(before.allocate() == 16386)
        // A reserve across the lock-byte page: the gap left after SQLite's pages skips it too.
        let across = try PageFile(path: path, pageSize: 65536)
        across.place(after: 16380, reserve: 6)
        #expect(across.reserveEnd == 16388)
        _ = try across.stage(page)
        across.fill(after: 16382)
        #expect(try across.compact(after: 16382) == 1)
        #expect(across.positions == [16383])
        #expect(across.allocate() == 16384)
        #expect(across.allocate() == 16386)
    }

    /// SQLite's transaction takes more pages than its reserve: the loaded pages in its way move past the end before
    /// it commits, and the file still passes the integrity check.
    @Test func sqliteOutgrowingItsReserveMovesTheLoadedPages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outgrow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.sqlite").path
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 512; PRAGMA journal_mode = DELETE") }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL); CREATE TABLE other (x TEXT)")
        }
        let file = try PageFile(path: path, pageSize: 512)
        let rows = 2_000
        var tables: [BTreeBuilder] = []
        try queue.inDatabase { db throws in
            try db.inTransaction {
                let root = UInt32(try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_schema WHERE name = 't'") ?? 0)
                file.place(after: UInt32(try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0), reserve: 2)
                let table = BTreeBuilder(isTable: true, rootPage: root, file: file)
                let encoder = RecordEncoder()
                for row in 1...rows { try table.append(rowID: Int64(row), record: encoder.encode([.null, .text("row \(row)")])) }
                try table.finish()
                // SQLite's own rows, far more than two pages.
                for row in 0..<500 { try db.execute(sql: "INSERT INTO other VALUES (?)", arguments: ["a longer text, row \(row)"]) }
                let sqlitePages = UInt32(try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0)
                #expect(sqlitePages >= file.reserveEnd)
                try file.clear(sqlitePages: sqlitePages)
                #expect(file.positions.allSatisfy { $0 > sqlitePages })
                tables.append(table)
                return .commit
            }
        }
        let sqlitePages = UInt32(try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") } ?? 0)
        file.fill(after: sqlitePages)
        try file.compact(after: sqlitePages)
        for table in tables { try table.attach() }
        try file.resolveFixups()
        try file.commit(sqlitePages: sqlitePages)
        file.close()
        try queue.close()
        let reopened = try DatabaseQueue(path: path)
        defer { try? reopened.close() }
        try reopened.read { db throws in
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == rows)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM other") == 500)
            #expect(try String.fetchOne(db, sql: "SELECT k FROM t WHERE id = 1234") == "row 1234")
        }
    }

    /// Every table the direct load is meant for is loaded directly on a new database: none has grown an index or a
    /// default the loader cannot fill, which would quietly send it back through SQL.
    @Test func everyLargeTableLoadsDirectly() throws {
        try withTemporaryDatabase { path in
            try SQLiteChannelStore.creatingNewFile(at: path) { store in
                store.pool.releaseMemory()  // no reader may keep the file in WAL mode
                try store.pool.writeWithoutTransaction { db in
                    // As a first bulk load does: the schema leaves the write-ahead log for the main file.
                    try db.execute(sql: "PRAGMA journal_mode = DELETE")
                    guard let connection = db.sqliteConnection else { throw TestAbort() }
                    let load = try DirectLoad(connection: connection, path: store.pool.path)
                    defer { load.file.close() }
                    for kind in DirectLoad.tables.sorted(by: { $0.ordinal < $1.ordinal }) {
                        #expect(try load.table(kind, columns: StoredColumns.of(kind).names) != nil, "\(kind.name)")
                    }
                }
            }
        }
    }

    @Test func varintsRoundTrip() {
        for value: UInt64 in [0, 1, 127, 128, 16383, 16384, 2_097_151, 1 << 35, 0x00ff_ffff_ffff_ffff, 1 << 56, UInt64.max] {
            var bytes: [UInt8] = []
            SQLiteRecordFormat.appendVarint(value, to: &bytes)
            #expect(bytes.count == SQLiteRecordFormat.varintLength(value))
            bytes.withUnsafeBytes { raw in
                let (read, length) = SQLiteRecordFormat.readVarint(raw, at: 0)
                #expect(read == value)
                #expect(length == bytes.count)
            }
        }
    }
}
