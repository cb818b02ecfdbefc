/// A record as a backend's reader found it, with what paging and deleting need besides its canonical values.
package struct FoundRecord {
    package let record: Record
    /// The row's sort value (when sorted by a column) and natural-key values, as stored: the keyset cursor.
    package let cursorValues: [DBValue]
    /// The id that names the row in the change feed (`id`; an order line's order id).
    package let feedID: Int64
    /// The stored natural-key columns (`StoredColumns`), to address the row itself.
    package let storedKey: [DBValue]

    package init(record: Record, cursorValues: [DBValue], feedID: Int64, storedKey: [DBValue]) {
        self.record = record
        self.cursorValues = cursorValues
        self.feedID = feedID
        self.storedKey = storedKey
    }
}
