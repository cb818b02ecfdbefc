/// Why one input row was rejected: where (file, line, column) and what (value, reason).
public struct RowIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based physical line of the record (the header is line 1).
    public var line: Int
    /// The model column, e.g. `qty`; empty when the problem is the whole row.
    public var column: String
    /// The source header the column was read from, when it differs from the model column.
    public var header: String
    public var value: String
    public var reason: String

    public init(file: String, line: Int, column: String, header: String, value: String, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.header = header
        self.value = value
        self.reason = reason
    }

    public var description: String {
        var place = "\(file):\(line)"
        if !column.isEmpty { place += ": column \(column)" + (header.isEmpty || header == column ? "" : " (\(header))") }
        let shown = value.count > 60 ? String(value.prefix(57)) + "..." : value
        return column.isEmpty ? "\(place): \(reason)" : "\(place): value '\(shown)' \(reason)"
    }
}
