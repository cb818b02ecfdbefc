/// One batch of records read from a text file: field contents (already unquoted or unescaped) stored contiguously
/// as UTF-8.
///
/// A value type made of a few arrays, so handing it to another thread is cheap. Record and column indices are
/// 0-based; line numbers are 1-based physical lines of the file.
public struct TextBatch: Sendable {
    /// Field contents of all records, back to back.
    var bytes: [UInt8]
    /// `fieldBounds[k]..<fieldBounds[k + 1]` are the bytes of field `k` (counted over the whole batch).
    var fieldBounds: [UInt32]
    /// Record `r` owns fields `recordStarts[r]..<recordStarts[r + 1]`.
    var recordStarts: [UInt32]
    /// Physical line where each record starts.
    var lines: [Int]

    /// Malformed records found while reading this batch; the reader skipped them and went on.
    public internal(set) var errors: [TextFormatError]

    init(bytes: [UInt8], fieldBounds: [UInt32], recordStarts: [UInt32], lines: [Int], errors: [TextFormatError]) {
        self.bytes = bytes
        self.fieldBounds = fieldBounds
        self.recordStarts = recordStarts
        self.lines = lines
        self.errors = errors
    }

    /// Builds a batch from strings, for tests of the layers above the readers.
    init(rows: [[String]], firstLine: Int = 2, errors: [TextFormatError] = []) {
        var bytes: [UInt8] = []
        var bounds: [UInt32] = [0]
        var starts: [UInt32] = [0]
        for row in rows {
            for field in row {
                bytes.append(contentsOf: field.utf8)
                bounds.append(UInt32(bytes.count))
            }
            starts.append(UInt32(bounds.count - 1))
        }
        self.init(
            bytes: bytes,
            fieldBounds: bounds,
            recordStarts: starts,
            lines: Array(firstLine..<(firstLine + rows.count)),
            errors: errors
        )
    }

    /// Number of records in the batch.
    public var count: Int { lines.count }

    /// Physical line (1-based) where the record starts.
    public func line(_ record: Int) -> Int { lines[record] }

    /// Number of fields of the record (records may differ; checking the count is the caller's business).
    public func fieldCount(_ record: Int) -> Int {
        Int(recordStarts[record + 1]) - Int(recordStarts[record])
    }

    /// Calls `body` with the raw UTF-8 bytes of a field (empty for a column past the end of the record).
    ///
    /// The buffer is valid only inside the closure.
    public func withField<R>(
        _ record: Int,
        _ column: Int,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        let first = Int(recordStarts[record])
        let fields = Int(recordStarts[record + 1]) - first
        guard column >= 0 && column < fields else {
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        let start = Int(fieldBounds[first + column])
        let end = Int(fieldBounds[first + column + 1])
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// The field as a `String` (invalid UTF-8 becomes U+FFFD); `""` for a column past the end of the record.
    public func string(_ record: Int, _ column: Int) -> String {
        withField(record, column) { String(decoding: $0, as: UTF8.self) }
    }
}
