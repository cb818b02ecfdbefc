/// A table to download: column titles and rows of cells, numbers kept as exact decimal text (`1234.50`) so that
/// neither CSV nor XLSX rounds them through a float.
public struct ExportTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// An exact decimal number as text: digits, an optional leading `-` and `.`.
        case number(String)
        case empty
    }

    public var columns: [String]
    public var rows: [[Cell]]
    /// The sheet's name in a workbook.
    public var title: String

    public init(title: String, columns: [String], rows: [[Cell]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}
