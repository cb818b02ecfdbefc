import ChannelCore

/// A row's natural key as a bulk writer tracks it, to catch a key written twice in one transaction.
package enum RowKey {
    case text(String)
    /// A key packed into one number (order lines, stock snapshots): cheaper to track than text.
    case number(Int64)
    /// The caller has checked that this row's key was not written before in this transaction.
    case checkedByCaller

    /// An order line's key: its order's row id and line number, packed.
    @inlinable package static func orderLine(order: Int64, line: Int) -> RowKey {
        .number(order * Int64(OrderLine.maximumLineNumber + 1) + Int64(line))
    }
}
