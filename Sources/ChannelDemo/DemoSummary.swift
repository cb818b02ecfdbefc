/// What ``DemoDataset/write(to:)`` wrote: the data rows (header excluded) of every file.
public struct DemoSummary: Sendable, Equatable {
    /// File name (e.g. `orders.csv`) → number of data rows, without the header row.
    public var rowsByFile: [String: Int]
}
