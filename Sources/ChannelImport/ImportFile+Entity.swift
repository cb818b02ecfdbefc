public import ChannelCore

extension ImportFile {
    /// The entity a file of this name holds, as an import decides it: a mapping's `files` pattern first, then the
    /// name's stem (`orders.csv`, `orders_2025.jsonl`, `order_lines-1.csv`); nil when the name says none.
    public static func entity(forFileName name: String, mapping: ColumnMapping? = nil) -> EntityKind? {
        FileLayout.kind(of: name, mapping: mapping)
    }
}
