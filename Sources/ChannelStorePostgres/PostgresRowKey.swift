import ChannelStore

/// A row's natural key (its first one to three stored columns) as a dictionary key without an array per row: an
/// import of millions of rows looks every one of them up.
enum PostgresRowKey: Hashable {
    case one(DBValue)
    case two(DBValue, DBValue)
    case three(DBValue, DBValue, DBValue)

    /// The key of `values`, whose first `count` columns (one to three, `StoredColumns.keyCount`) form it.
    init(_ values: [DBValue], count: Int) {
        switch count {
        case 1: self = .one(values[0])
        case 2: self = .two(values[0], values[1])
        default: self = .three(values[0], values[1], values[2])
        }
    }
}
