/// A column of facts stored in fixed-size chunks.
///
/// Snapshots share chunks: a writer that changes a value copies only that value's chunk (and appending copies only
/// the last one), so readers keep a consistent view while the engine applies the store's changes, and applying
/// a small change to ten million rows costs kilobytes, not the whole column. (An array of arrays gives exactly
/// that: each chunk is copied on write on its own.)
public struct Column<Element: Sendable>: Sendable {
    /// Rows per chunk (64 Ki): large enough for tight loops, small enough that a copied chunk is cheap.
    public static var chunkShift: Int { 16 }
    public static var chunkSize: Int { 1 << chunkShift }

    private var chunks: [[Element]] = []
    public private(set) var count = 0

    public init() {}

    public var chunkCount: Int { chunks.count }

    public subscript(index: Int) -> Element {
        get { chunks[index >> Self.chunkShift][index & (Self.chunkSize - 1)] }
        set { chunks[index >> Self.chunkShift][index & (Self.chunkSize - 1)] = newValue }
    }

    public mutating func append(_ value: Element) {
        if count & (Self.chunkSize - 1) == 0 {
            var values: [Element] = []
            values.reserveCapacity(Self.chunkSize)
            chunks.append(values)
        }
        chunks[chunks.count - 1].append(value)
        count += 1
    }

    /// The values of chunk `c` (rows `c * chunkSize ..< c * chunkSize + values.count`); sharing, not copying.
    public func chunk(_ c: Int) -> [Element] { chunks[c] }

    /// Appends `value` until the column holds `count` rows.
    public mutating func extend(to count: Int, with value: Element) {
        while self.count < count { append(value) }
    }
}

extension Column {
    /// Every value in one contiguous array (a copy), for kernels that index freely.
    public var values: [Element] {
        var all: [Element] = []
        all.reserveCapacity(count)
        for c in 0..<chunkCount { all += chunk(c) }
        return all
    }
}
