import ChannelCore
import ChannelStore
import Foundation
import GRDBSQLite

/// The first bulk load into a new database file, with its large tables written as b-tree pages directly
/// (`BTreeBuilder`) instead of row by row through SQLite's statement engine, which costs most of a large import.
///
/// Only for a file no one else can see yet (`SQLiteChannelStore.creatingNewFile`): the pages go straight into the
/// database file past a reserve for SQLite's own pages (`PageFile`), SQLite commits the rest of the load (small
/// tables, audit events, change feed) in its own transaction, then `attach` closes the gap between SQLite's last
/// page and the loaded ones, puts the tops of the trees into the roots SQLite created, and declares the new size
/// in the header. Until the file is moved to its name a crash leaves nothing behind, so the load stays all or
/// nothing. The tables are the ones without triggers; the bulk writer has checked every row (domain rules,
/// references, repeated keys) as it does for any fresh load.
final class DirectLoad {
    static let tables: Set<EntityKind> = [.orders, .orderLines, .shipments, .inventorySnapshots, .feedback, .complaints]

    /// SQLite's pages still to come when the first table is placed, if the caller gave no hint: 64 MiB.
    static let defaultReserveBytes = 64 << 20

    private let connection: OpaquePointer
    private let path: String
    let file: PageFile
    private var loaded: [DirectTable] = []
    /// About how many bytes SQLite will still write in this load when the first loaded page is placed.
    private var reserveBytes = DirectLoad.defaultReserveBytes
    /// Turns rows into records and pages on a thread of its own. Its work never touches the SQLite connection,
    /// so statements of the same transaction (audit events, small tables) need not wait for it.
    let worker: InsertExecutor

    init(connection: OpaquePointer, path: String) throws {
        self.connection = connection
        self.path = path
        let pageSize = try Self.integer("PRAGMA page_size", connection)
        // The builder writes schema format 4 records (0 and 1 without a body), UTF-8 text, no pointer maps.
        guard try Self.schemaFormat(path) == 4, try Self.integer("PRAGMA auto_vacuum", connection) == 0,
            try Self.text("PRAGMA encoding", connection) == "UTF-8"
        else { throw StoreError(.unavailable, "\(path) cannot take a direct load (schema format, encoding or auto-vacuum)") }
        file = try PageFile(path: path, pageSize: Int(pageSize))
        worker = InsertExecutor(connection: connection)
    }

    deinit { try? worker.finish() }

    /// A hint before the first row: about how many bytes of input the tables written through SQL take in this load.
    /// SQLite's pages take a few times the bytes of their input (records, the natural-key index, and the index
    /// rebuilt once the table is loaded).
    func expectSQLInput(bytes: Int) {
        reserveBytes = 4 * bytes + (4 << 20)
    }

    /// The direct writer of `kind`'s table, or nil when the table must go through SQLite.
    func table(_ kind: EntityKind, columns: [String]) throws -> DirectTable? {
        guard Self.tables.contains(kind) else { return nil }
        guard let table = try DirectTable(kind: kind, columns: columns, connection: connection, file: file) else { return nil }
        if !file.isPlaced {
            // SQLite's pages so far (this transaction's included), and room for those still to come.
            let sqlitePages = UInt32(try Self.integer("PRAGMA page_count", connection))
            file.place(after: sqlitePages, reserve: UInt32((reserveBytes + file.pageSize - 1) / file.pageSize))
        }
        loaded.append(table)
        return table
    }

    /// Inside SQLite's transaction, just before its commit: when SQLite outgrew its reserve, the loaded pages it
    /// would overwrite move past the end.
    func prepareCommit() throws {
        guard file.isPlaced else { return }
        let sqlitePages = UInt32(try Self.integer("PRAGMA page_count", connection))
        guard sqlitePages >= file.reserveEnd else { return }
        try worker.finishJobs()
        try file.clear(sqlitePages: sqlitePages)
    }

    /// After SQLite's commit: completes every tree, closes the gap after SQLite's last page and declares the pages.
    func attach() throws {
        try worker.finish()
        let sqlitePages = UInt32(try Self.integer("PRAGMA page_count", connection))
        if file.isPlaced {
            try file.checkIntact()
            file.fill(after: sqlitePages)
            for table in loaded { try table.finish() }
            try file.compact(after: sqlitePages)
            for table in loaded { try table.attach() }
            try file.resolveFixups()
        }
        try file.commit(sqlitePages: sqlitePages)
        file.close()
    }

    /// The schema format number of the file's header (offset 44). Read outside any transaction: closing a descriptor
    /// of the file drops every POSIX lock this process holds on it, SQLite's included.
    private static func schemaFormat(_ path: String) throws -> UInt32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError(.unavailable, "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 4)
        guard bytes.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, 4, 44) }) == 4 else {
            throw StoreError(.unavailable, "cannot read the header of \(path)")
        }
        return UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
    }

    static func integer(_ sql: String, _ connection: OpaquePointer) throws -> Int64 {
        guard case .integer(let value) = try RawStatement(sql, connection: connection, gate: nil).firstRow(columns: 1)?.first else {
            throw StoreError(.unavailable, "\(sql) gave no number")
        }
        return value
    }

    static func text(_ sql: String, _ connection: OpaquePointer) throws -> String {
        guard case .text(let value) = try RawStatement(sql, connection: connection, gate: nil).firstRow(columns: 1)?.first else {
            throw StoreError(.unavailable, "\(sql) gave no text")
        }
        return value
    }
}

/// One table of a direct load: its rows as records in the table's column order, and its natural-key index.
final class DirectTable {
    let kind: EntityKind
    /// For each column of the table as declared: the writer's value at this position, the rowid (stored as NULL),
    /// or a default.
    private enum Source {
        case value(Int)
        case rowID
        case constant(DBValue)
    }
    /// Where each column of the record comes from, in record order (a WITHOUT ROWID table's primary key first):
    /// a position `p >= 0` in the writer's row, or `constants[-1 - p]` (a default, or NULL for the rowid alias).
    private let recordSources: [Int]
    private let constants: [DBValue]
    private let table: BTreeBuilder?
    private let withoutRowID: SortedEntries?
    private let naturalKey: (builder: BTreeBuilder, entries: SortedEntries, columns: [Int])?
    private let encoder = RecordEncoder()

    /// Nil when a column outside `columns` has a default other than a literal.
    init?(kind: EntityKind, columns: [String], connection: OpaquePointer, file: PageFile) throws {
        self.kind = kind
        let name = kind.name
        var sources: [Source] = []
        var primaryKey: [(position: Int, order: Int64)] = []
        var rowIDColumn = false
        var hasExpressionDefault = false
        try RawStatement("PRAGMA table_info(\(name))", connection: connection, gate: nil).forEachRow { row in
            let column = row.text(at: 1)
            let type = row.text(at: 2).uppercased()
            let keyOrder = row.integer(at: 5)
            if keyOrder > 0 { primaryKey.append((sources.count, keyOrder)) }
            if let position = columns.firstIndex(of: column) {
                sources.append(.value(position))
            } else if keyOrder == 1, type == "INTEGER" {
                sources.append(.rowID)
                rowIDColumn = true
            } else if row.isNull(at: 4) {
                sources.append(.constant(.null))
            } else if let literal = Self.literal(row.text(at: 4)) {
                sources.append(.constant(literal))
            } else {
                hasExpressionDefault = true
            }
        }
        guard !hasExpressionDefault, !sources.isEmpty else { return nil }
        let isWithoutRowID = try RawStatement(
            "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema WHERE type = 'table' AND name = '\(name)'",
            connection: connection, gate: nil
        ).firstRow(columns: 1) == [.integer(1)]
        let root = { (object: String) throws -> UInt32? in
            guard case .integer(let page) = try RawStatement(
                "SELECT rootpage FROM sqlite_schema WHERE name = '\(object)'", connection: connection, gate: nil
            ).firstRow(columns: 1)?.first else { return nil }
            return UInt32(page)
        }
        guard let tableRoot = try root(name) else { return nil }
        // The loader fills the table and its natural-key index: a table with any other index goes through SQLite.
        var otherIndex = false
        try RawStatement("PRAGMA index_list(\(name))", connection: connection, gate: nil).forEachRow { row in
            let index = row.text(at: 1)
            let isPrimaryKey = row.text(at: 3) == "pk" && isWithoutRowID
            if !isPrimaryKey, index != SQLiteMigrations.naturalKeyIndex(kind)?.name { otherIndex = true }
        }
        guard !otherIndex else { return nil }
        let keyPositions = primaryKey.sorted { $0.order < $1.order }.map(\.position)
        let order = isWithoutRowID ? keyPositions + sources.indices.filter { !keyPositions.contains($0) } : Array(sources.indices)
        var constants: [DBValue] = []
        recordSources = order.map { index in
            switch sources[index] {
            case .value(let position): return position
            case .rowID: constants.append(.null)
            case .constant(let value): constants.append(value)
            }
            return -constants.count
        }
        self.constants = constants
        if isWithoutRowID {
            table = nil
            withoutRowID = SortedEntries(builder: BTreeBuilder(isTable: false, rootPage: tableRoot, file: file))
            naturalKey = nil
        } else {
            guard rowIDColumn else { return nil }
            table = BTreeBuilder(isTable: true, rootPage: tableRoot, file: file)
            withoutRowID = nil
            if let index = SQLiteMigrations.naturalKeyIndex(kind) {
                guard let indexRoot = try root(index.name) else { return nil }
                let layout = StoredColumns.of(kind)
                naturalKey = (
                    BTreeBuilder(isTable: false, rootPage: indexRoot, file: file),
                    SortedEntries(builder: nil), Array(0..<layout.keyCount)
                )
            } else {
                naturalKey = nil
            }
        }
    }

    /// A default written as a literal: a quoted string or an integer.
    private static func literal(_ text: String) -> DBValue? {
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") {
            return .text(String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
        }
        return Int64(text).map(DBValue.integer)
    }

    /// Adds rows: `rows` holds `width` values per row in the writer's column order; `rowIDs` one id per row (the
    /// rowid of a rowid table).
    func append(rows: [DBValue], width: Int, rowIDs: [Int64]) throws {
        // Everything the loop touches is taken out of `self` first: reading a property per row costs a retain and a
        // release each time, more than the encoding.
        let encoder = encoder, table = table, withoutRowID = withoutRowID
        let keyBuilder = naturalKey?.entries
        try rows.withUnsafeBufferPointer { rows in
            try recordSources.withUnsafeBufferPointer { sources in
                try constants.withUnsafeBufferPointer { constants in
                    try (naturalKey?.columns ?? []).withUnsafeBufferPointer { keyColumns in
                        for (row, rowID) in rowIDs.enumerated() {
                            let base = row * width
                            encoder.begin()
                            for source in sources {
                                // Each value is passed where it lies: a conditional expression would copy it first.
                                if source >= 0 { encoder.add(rows[base + source]) } else { encoder.add(constants[-1 - source]) }
                            }
                            if let table {
                                try table.append(rowID: rowID, record: encoder.finish())
                            } else {
                                withoutRowID?.add(encoder.finish())
                            }
                            if let keyBuilder {
                                encoder.begin()
                                for column in keyColumns { encoder.add(rows[base + column]) }
                                encoder.add(rowID)
                                keyBuilder.add(encoder.finish())
                            }
                        }
                    }
                }
            }
        }
    }

    /// No more rows: sorts what needs sorting and fills the b-trees of entries.
    func finish() throws {
        if let withoutRowID { try withoutRowID.build(into: nil) }
        if let naturalKey { try naturalKey.entries.build(into: naturalKey.builder) }
        try table?.finish()
    }

    func attach() throws {
        try table?.attach()
        try withoutRowID?.builder?.attach()
        try naturalKey?.builder.attach()
    }
}

/// Index entries (or WITHOUT ROWID rows) collected as records, sorted by key if they did not arrive sorted, then
/// fed to a b-tree builder in order.
final class SortedEntries {
    let builder: BTreeBuilder?
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var isSorted = true
    private var isBuilt = false

    init(builder: BTreeBuilder?) { self.builder = builder }

    func add(_ entry: UnsafeBufferPointer<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: entry)
        if isSorted, let previous = starts.last {
            let order = bytes.withUnsafeBytes { raw in
                SQLiteRecordFormat.compareRecords(
                    UnsafeRawBufferPointer(rebasing: raw[previous..<start]), UnsafeRawBufferPointer(rebasing: raw[start...]))
            }
            if order >= 0 { isSorted = false }
        }
        starts.append(start)
    }

    private func end(_ position: Int) -> Int { position + 1 < starts.count ? starts[position + 1] : bytes.count }

    /// Feeds the entries in key order to `target` (or to this collector's own builder).
    func build(into target: BTreeBuilder?) throws {
        guard !isBuilt, let builder = target ?? builder else { return }
        isBuilt = true
        var order = Array(starts.indices)
        if !isSorted {
            let ends = starts.indices.map(end)
            bytes.withUnsafeBytes { raw in
                order.sort { a, b in
                    SQLiteRecordFormat.compareRecords(
                        UnsafeRawBufferPointer(rebasing: raw[starts[a]..<ends[a]]),
                        UnsafeRawBufferPointer(rebasing: raw[starts[b]..<ends[b]])) < 0
                }
            }
        }
        // The builder holds each entry back until the next one: the bytes stay put for the whole pass.
        try bytes.withUnsafeBufferPointer { bytes in
            for position in order { try builder.append(entry: UnsafeBufferPointer(rebasing: bytes[starts[position]..<end(position)])) }
            try builder.finish()
        }
        bytes = []
        starts = []
    }
}
