import ChannelStore

/// The natural keys of a table's stored rows, as a load writer keeps them in its map of those rows (to tell an update
/// from an unchanged row), as compact values: a table may hold millions. Order lines are keyed by two integers, stock
/// snapshots by two texts and an integer, every other table by its one text column. (Repeats within the transaction
/// are caught by `WrittenKeys`.)
enum PostgresLoadKey {
    /// An order line's key: the order's row id and the line number.
    struct Pair: Hashable {
        let first: Int64
        let second: Int64
    }

    /// A stock snapshot's key: location, date and the product's row id.
    struct Snapshot: Hashable {
        let location: String
        let date: String
        let product: Int64
    }

    /// The one key column of most tables.
    static func single(_ values: [DBValue]) -> DBValue { values[0] }

    static func pair(_ values: [DBValue]) throws -> Pair {
        guard case .integer(let first) = values[0], case .integer(let second) = values[1] else {
            throw mismatch(values, "two integers")
        }
        return Pair(first: first, second: second)
    }

    static func snapshot(_ values: [DBValue]) throws -> Snapshot {
        guard case .text(let location) = values[0], case .text(let date) = values[1], case .integer(let product) = values[2] else {
            throw mismatch(values, "text, text and an integer")
        }
        return Snapshot(location: location, date: date, product: product)
    }

    private static func mismatch(_ values: [DBValue], _ expected: String) -> StoreError {
        StoreError(.corrupt, "a row's natural key is not \(expected) (\(values.prefix(3)))")
    }
}
