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
            let locationID = location == 0 ? "WH-CENTRAL" : "WH-\(provinces[location - 1].code)"
            for week in 0..<Self.weeks {
                let day = DemoCalendar.lastSnapshotDay - 7 * (Self.weeks - 1 - week)
                // "date,location," is the same for the whole week: encode it once.
                let prefix = Array("\(DemoCalendar.isoDate(day)),\(locationID),".utf8)
                var sku = 0
                while sku < skuCount {
                    let daily = dailyUnits[sku] * share
                    let sold = daily * 7 * random.uniform(0.6, 1.4)
                    var stock = level[sku] > sold ? level[sku] - sold : 0
                    let refill = stock < daily * 10
                    if refill {
                        stock += daily * random.uniform(14, 35)
                    }
                    level[sku] = stock
                    let isLaunched = launchDays[sku] <= day
                    let stockOut = random.chance(0.01)
                    let onHand = isLaunched && !stockOut ? Int(stock.rounded()) : 0
                    let inTransit = isLaunched && refill ? Int((daily * 7).rounded()) : 0

                    csv.bytes(prefix)
                    csv.id("SKU", sku + 1, width: 5)
                    csv.comma()
                    csv.int(onHand)
                    csv.comma()
                    csv.int(inTransit)
                    try csv.endRow()
                    sku += 1
                }
            }
        }
        try csv.finish()
        return csv.rows
    }
}
