/// Error in the text structure of a file: where and why.
///
/// Line numbers are 1-based physical lines of the file (the header is line 1), counting the lines inside quoted
/// fields too, so they match what a text editor shows.
public struct TextFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based physical line of the problem.
    public var line: Int
    /// 1-based field index within the record, when known.
    public var column: Int?
    /// What is wrong, in English, e.g. `unexpected quote in unquoted field`.
    public var reason: String

    /// Creates an error at a line (and optionally a field) with a reason.
    public init(line: Int, column: Int? = nil, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `line 12, field 3: unexpected quote in unquoted field`.
    public var description: String {
        if let column {
            return "line \(line), field \(column): \(reason)"
        }
        return "line \(line): \(reason)"
    }
}
