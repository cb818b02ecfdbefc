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
    @Test(arguments: [0, 1, 7, 30_000])
    func deepTreesWithOverflowPassIntegrityCheck(rows: Int) throws {
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
        let stage = try PageStage(path: path + "-load", pageSize: 512)
        let table = BTreeBuilder(isTable: true, rootPage: roots.table, stage: stage)
        let index = SortedEntries(builder: BTreeBuilder(isTable: false, rootPage: roots.index, stage: stage))
        let pairs = SortedEntries(builder: BTreeBuilder(isTable: false, rootPage: roots.pairs, stage: stage))
        func key(_ row: Int) -> String { row % 97 == 0 ? "key-\(row)-" + String(repeating: "x", count: 300) : "key-\(row)" }
        func note(_ row: Int) -> DBValue { row % 50 == 0 ? .text(String(repeating: "备注\(row)", count: 200)) : .null }
        var record: [UInt8] = []
        for row in 0..<rows {
            let values: [DBValue] = [.null, .text(key(row)), .integer(Int64(row) * 1_000_003 - 5_000_000), note(row)]
            var length = SQLiteRecordFormat.writeRecord(count: values.count, into: &record) { values[$0] }
            try table.append(rowID: Int64(row + 1), record: record[..<length])
            let entry: [DBValue] = [.text(key(row)), .integer(Int64(row + 1))]
            length = SQLiteRecordFormat.writeRecord(count: 2, into: &record) { entry[$0] }
            index.add(record[..<length])  // keys arrive out of text order ("key-10" < "key-9"): the sorting path
            let pair: [DBValue] = [.integer(Int64(rows - row)), .integer(Int64(row % 3)), .text("c\(row)")]
            length = SQLiteRecordFormat.writeRecord(count: 3, into: &record) { pair[$0] }
            pairs.add(record[..<length])
        }
        try table.finish()
        try index.build(into: nil)
        try pairs.build(into: nil)
        let file = try PageFile(path: path, pageSize: 512, sqlitePageCount: roots.pages, stagedCount: stage.count)
        try file.copy(from: stage)
        for builder in [table, index.builder, pairs.builder].compactMap({ $0 }) { try builder.attach(to: file) }
        try file.commit()

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
        let file = try PageFile(path: path, pageSize: 65536, sqlitePageCount: 16383, stagedCount: 3)
        #expect(file.final(staged: 0) == 16384)
        #expect(file.final(staged: 1) == 16386)
        #expect(file.final(staged: 2) == 16387)
        #expect(file.allocate() == 16388)
        let before = try PageFile(path: path, pageSize: 65536, sqlitePageCount: 16382, stagedCount: 2)
        #expect(before.final(staged: 1) == 16384)
        #expect(before.allocate() == 16386)
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
