/// What one batch of a table writer (one file of an import) did, counted the same way by every backend: the
/// batch's audit event records it, and the change feed gets the range of inserted rows.
package struct BatchCounts {
    package private(set) var inserted = 0
    package private(set) var updated = 0
    package private(set) var unchanged = 0
    package private(set) var duplicates = 0
    package private(set) var insertedRange: ClosedRange<Int64>?

    package init() {}

    /// Whether the batch inserted or updated anything.
    package var changedRows: Bool { inserted > 0 || updated > 0 }

    package mutating func countInsert(_ feedID: Int64) {
        inserted += 1
        insertedRange = insertedRange.map { min($0.lowerBound, feedID)...max($0.upperBound, feedID) } ?? feedID...feedID
    }

    package mutating func countUpdate() { updated += 1 }
    package mutating func countUnchanged() { unchanged += 1 }
    package mutating func countDuplicate() { duplicates += 1 }

    /// The counts as the batch audit event's JSON (the inserted range named after `feedIDColumn`) and the inserted
    /// range; the counts start again from zero.
    package mutating func close(feedIDColumn: String) -> (summary: String, insertedRange: ClosedRange<Int64>?) {
        let range = insertedRange
        var fields = ["\"inserted\":\(inserted)", "\"updated\":\(updated)", "\"unchanged\":\(unchanged)", "\"duplicates\":\(duplicates)"]
        if let range { fields.append("\"inserted_\(feedIDColumn)_range\":[\(range.lowerBound),\(range.upperBound)]") }
        self = BatchCounts()
        return ("{" + fields.joined(separator: ",") + "}", range)
    }
}
