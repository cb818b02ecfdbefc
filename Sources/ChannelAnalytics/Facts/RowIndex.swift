/// Store row id -> position in a fact table. Store ids are dense (SQLite rowids), so a column indexed by id
/// is smaller and faster than a hash map for millions of rows.
struct RowIndex: Sendable {
    private var positions = Column<Int32>()

    subscript(rowID: Int64) -> Int32? {
        guard rowID >= 0, rowID < Int64(positions.count) else { return nil }
        let position = positions[Int(rowID)]
        return position < 0 ? nil : position
    }

    mutating func set(_ rowID: Int64, _ position: Int32) throws {
        guard rowID >= 0, rowID < Int64(Int32.max) else {
            throw AnalyticsError("row id \(rowID) is outside the range the analytic engine indexes")
        }
        positions.extend(to: Int(rowID) + 1, with: -1)
        positions[Int(rowID)] = position
    }

    mutating func remove(_ rowID: Int64) {
        guard rowID >= 0, rowID < Int64(positions.count) else { return }
        positions[Int(rowID)] = -1
    }

    /// Positions held for ids in `range`, in id order.
    func positions(in range: ClosedRange<Int64>) -> [(rowID: Int64, position: Int32)] {
        let low = max(range.lowerBound, 0)
        let high = min(range.upperBound, Int64(positions.count) - 1)
        guard low <= high else { return [] }
        return (low...high).compactMap { id in self[id].map { (id, $0) } }
    }
}
