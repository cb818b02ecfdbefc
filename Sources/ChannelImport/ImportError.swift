/// A failure that stops an import before or outside row processing (rows have `RowIssue`s instead).
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The mapping file is unreadable or names things that don't exist.
    case mapping(file: String, reason: String)
    /// An input file can't be used as a whole: unreadable, unknown entity, missing columns, bad text encoding.
    case file(path: String, reason: String)
    /// Rows were rejected and the import ran with `--on-error abort`: nothing was written.
    case rejected(rows: Int, files: Int)

    public var description: String {
        switch self {
        case .mapping(let file, let reason): "mapping \(file): \(reason)"
        case .file(let path, let reason): "\(path): \(reason)"
        case .rejected(let rows, let files):
            "\(rows) row\(rows == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s") rejected; nothing was imported (--on-error abort)"
        }
    }
}
