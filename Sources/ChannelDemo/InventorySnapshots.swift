import Foundation

/// Weekly stock per SKU at the central warehouse and one hub per province, for the last 52 Sundays.
///
/// Each location holds a share of the demand (30 % central, the rest split over the 31 hubs).
/// Stock drains by a noisy week of sales and is refilled below ten days of cover; a refill
/// shows up as a week of goods in transit. About 1 % of snapshots are stock-outs.
struct InventorySnapshots {
    /// Number of weekly snapshots.
    static let weeks = 52

    let world: DemoWorld
    /// Units ordered per SKU over the whole window.
    let unitsBySKU: [Int]
    var random: DemoRandom

    /// Writes `inventory_snapshots.csv` and returns its row count.
    mutating func write(to directory: URL) throws -> Int {
        var csv = try CSVFileWriter(
            directory: directory,
            fileName: "inventory_snapshots.csv",
            header: ["snapshot_date", "location_id", "sku", "on_hand", "in_transit"]
        )
        let skuCount = world.products.count
        let launchDays = world.products.map(\.launchDay)
        let dailyUnits = unitsBySKU.map { Double($0) / Double(DemoCalendar.windowDays) }
        let provinces = DemoVocabulary.provinces
        var level = Array(repeating: 0.0, count: skuCount)
        for location in 0...provinces.count {
            let share = location == 0 ? 0.3 : 0.7 / Double(provinces.count)
            for sku in 0..<skuCount {
                level[sku] = dailyUnits[sku] * share * random.uniform(10, 40)
            }
            for week in 0..<Self.weeks {
                let day = DemoCalendar.lastSnapshotDay - 7 * (Self.weeks - 1 - week)
                for sku in 0..<skuCount {
                    let daily = dailyUnits[sku] * share
                    let sold = daily * 7 * random.uniform(0.6, 1.4)
                    var stock = max(0, level[sku] - sold)
                    let refill = stock < daily * 10
                    if refill {
                        stock += daily * random.uniform(14, 35)
                    }
                    level[sku] = stock
                    let isLaunched = launchDays[sku] <= day
                    let stockOut = random.chance(0.01)
                    let onHand = isLaunched && !stockOut ? Int(stock.rounded()) : 0
                    let inTransit = isLaunched && refill ? Int((daily * 7).rounded()) : 0

                    csv.date(day)
                    csv.comma()
                    if location == 0 {
                        csv.ascii("WH-CENTRAL")
                    } else {
                        csv.ascii("WH-")
                        csv.int(provinces[location - 1].code)
                    }
                    csv.comma()
                    csv.id("SKU", sku + 1, width: 5)
                    csv.comma()
                    csv.int(onHand)
                    csv.comma()
                    csv.int(inTransit)
                    try csv.endRow()
                }
            }
        }
        try csv.finish()
        return csv.rows
    }
}
