/// The lowest and highest order time per chunk of a fact column: a query over a time window skips every chunk
/// whose range misses the window. Ranges only ever widen (an update may leave one wider than its rows need), so
/// a skipped chunk never holds a row of the window.
public struct ZoneMap: Sendable {
    private var low: [Int64] = []
    private var high: [Int64] = []

    public init() {}

    mutating func widen(chunk: Int, with value: Int64) {
        while low.count <= chunk {
            low.append(Int64.max)
            high.append(Int64.min)
        }
        if value < low[chunk] { low[chunk] = value }
        if value > high[chunk] { high[chunk] = value }
    }

    /// Whether chunk `c` may hold a row whose time lies in `window` (always true without a window).
    @inline(__always)
    public func overlaps(chunk c: Int, _ window: ClosedRange<Int64>?) -> Bool {
        guard let window else { return true }
        guard c < low.count else { return false }
        return low[c] <= window.upperBound && high[c] >= window.lowerBound
    }
}
