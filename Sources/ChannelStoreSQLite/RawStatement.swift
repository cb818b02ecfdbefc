import ChannelCore
import ChannelStore
import GRDB
import GRDBSQLite

/// A prepared statement driven through the SQLite C API.
///
/// The bulk-import hot path binds millions of rows; going through GRDB's `StatementArguments` would box every
/// value, so the writer binds and steps directly. The statement is finalized on deinit.
final class RawStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    /// When set, every use first waits until the executor has left the connection (see `InsertExecutor`).
    private let gate: InsertExecutor?

    init(_ sql: String, connection: OpaquePointer, gate: InsertExecutor? = nil) throws {
        gate?.waitUntilIdle()
        self.gate = gate
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw RawStatement.error(connection, code, context: "preparing \(sql.prefix(60))")
        }
        self.handle = statement
        self.connection = connection
    }

    deinit {
        gate?.waitUntilIdle()
        sqlite3_finalize(handle)
    }

    func bind(_ values: [DBValue]) {
        gate?.waitUntilIdle()
        bindOnOwnerThread(values)
    }

    /// Binds without waiting: for the thread that currently owns the connection (the executor).
    func bindOnOwnerThread(_ values: [DBValue]) {
        for (index, value) in values.enumerated() { bindValue(value, at: Int32(index + 1)) }
    }

    func bind(_ value: DBValue, at index: Int32) {
        gate?.waitUntilIdle()
        bindValue(value, at: index)
    }

    private func bindValue(_ value: DBValue, at index: Int32) {
        switch value {
        case .integer(let v): sqlite3_bind_int64(handle, index, v)
        case .null: sqlite3_bind_null(handle, index)
        case .text(let s):
            var s = s
            s.withUTF8 { buffer in
                _ = sqlite3_bind_text(handle, index, buffer.baseAddress, Int32(buffer.count), sqliteTransient)
            }
        }
    }

    /// Steps a statement that returns no rows; returns the SQLite result code (SQLITE_DONE on success).
    func execute() -> Int32 {
        gate?.waitUntilIdle()
        return executeOnOwnerThread()
    }

    /// Steps without waiting: for the thread that currently owns the connection (the executor).
    func executeOnOwnerThread() -> Int32 {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        return code
    }

    /// Steps a query and returns the first row's columns, or nil when it has no row.
    func firstRow(columns: Int) throws -> [DBValue]? {
        gate?.waitUntilIdle()
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw RawStatement.error(connection, code, context: "reading a row") }
        return (0..<Int32(columns)).map { column(at: $0) }
    }

    /// Steps a query to its end, handing each row to `body`.
    func forEachRow(_ body: (RawStatement) throws -> Void) throws {
        gate?.waitUntilIdle()
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw RawStatement.error(connection, code, context: "reading rows") }
            try body(self)
        }
    }

    func column(at index: Int32) -> DBValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(handle, index))
        case SQLITE_NULL: .null
        default: .text(text(at: index))
        }
    }

    func integer(at index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }
    func isNull(at index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    func optionalInteger(at index: Int32) -> Int64? { isNull(at: index) ? nil : integer(at: index) }

    /// A `YYYY-MM-DD` text column as a day; nil when it is NULL or not a date.
    func day(at index: Int32) -> CalendarDay? {
        guard let pointer = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return CalendarDay.parseISO(UnsafeBufferPointer(start: pointer, count: count))
    }

    func text(at index: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// A `StoreError` for a failed call, carrying SQLite's message (a constraint, or an I/O problem).
    static func error(_ connection: OpaquePointer, _ code: Int32, context: String) -> StoreError {
        let message = String(cString: sqlite3_errmsg(connection))
        return StoreError(code & 0xFF == SQLITE_CONSTRAINT ? .constraint : .io, "\(context): \(message)")
    }
}

/// SQLite's "copy the bytes now" destructor marker.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
