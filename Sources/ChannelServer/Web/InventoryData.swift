import ChannelAnalytics
import ChannelCore
import ChannelWeb

/// The inventory page's data from one engine snapshot: the latest stock per location and SKU, and units sold per
/// SKU over the last `salesDays` days (live orders, by the cube) for the days of cover.
struct InventoryData {
    static let salesDays = 28

    static func page(_ snapshot: FactSnapshot, location: String, sku: String, stockOutsOnly: Bool) throws -> InventoryPage {
        let position = StockPosition(snapshot)
        let products = snapshot.dimensions.products
        let names = Dictionary(zip(products.sku, products.name), uniquingKeysWith: { a, _ in a })
        var sold: [String: Int64] = [:]
        if let day = position.day {
            let units = try Cube.run(
                CubeQuery(measures: [.units], dimensions: [.sku], period: day.adding(days: 1 - salesDays)...day), on: snapshot)
            for row in units.rows {
                if let code = row.keys.first?.code, case .integer(let value) = row.values.first { sold[code] = value }
            }
        }
        var totals: [String: (onHand: Int64, inTransit: Int64, outs: Int)] = [:]
        for entry in position.entries {
            var total = totals[entry.sku] ?? (0, 0, 0)
            total.onHand += entry.onHand
            total.inTransit += entry.inTransit
            if entry.onHand == 0 { total.outs += 1 }
            totals[entry.sku] = total
        }
        var skus: [InventoryPage.SKU] = []
        for (code, total) in totals {
            let units = sold[code] ?? 0
            let cover: Double? = units > 0 ? Double(total.onHand) / (Double(units) / Double(salesDays)) : nil
            skus.append(
                InventoryPage.SKU(
                    sku: code, name: names[code] ?? "", onHand: total.onHand, inTransit: total.inTransit, unitsSold: units,
                    daysOfCover: cover, stockOuts: total.outs))
        }
        // Fewest days of cover first; SKUs that sold nothing (no cover figure) last.
        skus.sort { a, b in
            let (x, y) = (a.daysOfCover ?? .infinity, b.daysOfCover ?? .infinity)
            return x != y ? x < y : a.sku < b.sku
        }
        let needle = sku.lowercased()
        let positions = position.entries.filter { entry in
            (location.isEmpty || entry.location == location) && (needle.isEmpty || entry.sku.lowercased().contains(needle))
                && (!stockOutsOnly || entry.onHand == 0)
        }
        return InventoryPage(
            day: position.day?.description ?? "", salesDays: salesDays, locations: Array(Set(position.entries.map(\.location))).sorted(),
            location: location, sku: sku, stockOutsOnly: stockOutsOnly, skus: skus,
            positions: positions.prefix(InventoryPage.shownRows).map { entry in
                InventoryPage.Position(
                    location: entry.location, sku: entry.sku, name: names[entry.sku] ?? "", onHand: entry.onHand, inTransit: entry.inTransit)
            },
            totalPositions: positions.count, totalStockOuts: position.entries.filter { $0.onHand == 0 }.count)
    }
}
