import Foundation
import Testing

@Suite struct InventorySnapshotTests {
    @Test func weeklySnapshotsPerLocationAndSKU() throws {
        let fixture = try DemoFixture.shared.get()
        let inventory = fixture.table("inventory_snapshots.csv")
        let skus = fixture.table("products.csv").values("sku")
        let locations = ["WH-CENTRAL"] + MasterDataTests.provinceCodes.map { "WH-" + $0 }
        #expect(inventory.rows.count == 32 * skus.count * 52)
        let skuIndex = Dictionary(uniqueKeysWithValues: skus.enumerated().map { ($1, $0) })
        let locationIndex = Dictionary(uniqueKeysWithValues: locations.enumerated().map { ($1, $0) })
        var dateIndex: [String: Int] = [:]
        var seen = [Bool](repeating: false, count: 60 * locations.count * skus.count)
        var violations = Violations()
        let dateColumn = inventory.column("snapshot_date")
        let locationColumn = inventory.column("location_id")
        let skuColumn = inventory.column("sku")
        let onHandColumn = inventory.column("on_hand")
        let inTransitColumn = inventory.column("in_transit")
        var positive = 0
        for row in inventory.rows {
            let date = dateIndex[row[dateColumn]] ?? dateIndex.count
            dateIndex[row[dateColumn]] = date
            let location = locationIndex[row[locationColumn]]
            let sku = skuIndex[row[skuColumn]]
            violations.check(location != nil, "unknown location \(row[locationColumn])")
            violations.check(sku != nil, "unknown sku \(row[skuColumn])")
            try #require(date < 60, "too many snapshot dates")
            if let location, let sku {
                let key = (date * locations.count + location) * skus.count + sku
                violations.check(!seen[key], "duplicate \(row[dateColumn]) \(row[locationColumn]) \(row[skuColumn])")
                seen[key] = true
            }
            let onHand = Formats.integer(row[onHandColumn])
            violations.check(onHand != nil, "on_hand \(row[onHandColumn])")
            violations.check(Formats.integer(row[inTransitColumn]) != nil, "in_transit \(row[inTransitColumn])")
            if let onHand, onHand > 0 { positive += 1 }
        }
        #expect(violations.count == 0, "\(violations.examples)")
        #expect(positive > inventory.rows.count / 2)
        let days = try dateIndex.keys.map { try #require(Formats.date($0)) }.sorted()
        #expect(days.count == 52)
        #expect(days.last == Formats.date("2026-10-25"))
        #expect(zip(days, days.dropFirst()).allSatisfy { $1 - $0 == 7 })
        // 1970-01-01 was a Thursday, so Sundays are days ≡ 3 (mod 7).
        #expect(days.allSatisfy { $0 % 7 == 3 })
    }
}
