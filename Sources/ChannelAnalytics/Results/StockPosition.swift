public import ChannelCore

/// The stock at every location and SKU on the latest snapshot day the engine holds: what the inventory page lists.
public struct StockPosition: Sendable {
    public struct Entry: Sendable, Hashable {
        public var location: String
        public var sku: String
        public var onHand: Int64
        public var inTransit: Int64
    }

    /// The latest snapshot day; nil when there are no snapshots.
    public var day: CalendarDay?
    /// One entry per location and SKU snapshotted that day, by location then SKU.
    public var entries: [Entry]

    /// Reads the latest day's rows of the snapshot's stock table (one pass over the day column).
    public init(_ snapshot: FactSnapshot) {
        let stock = snapshot.stock
        let d = snapshot.dimensions
        var latest = Int32.min
        for c in 0..<stock.day.chunkCount { for day in stock.day.chunk(c) where day > latest { latest = day } }
        guard latest != Int32.min else {
            day = nil
            entries = []
            return
        }
        var found: [Entry] = []
        for c in 0..<stock.day.chunkCount {
            let days = stock.day.chunk(c)
            let start = c * Column<Int32>.chunkSize
            for i in days.indices where days[i] == latest {
                let row = start + i
                let location = Int(stock.location[row])
                let product = Int(stock.product[row])
                found.append(
                    Entry(
                        location: d.locations.indices.contains(location) ? d.locations[location] : "",
                        sku: d.products.sku.indices.contains(product) ? d.products.sku[product] : "",
                        onHand: stock.onHand[row], inTransit: stock.inTransit[row]))
            }
        }
        day = CalendarDay(daysSinceEpoch: latest)
        entries = found.sorted { ($0.location, $0.sku) < ($1.location, $1.sku) }
    }
}
