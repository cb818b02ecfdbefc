import Foundation
import Testing

@Suite struct InventorySnapshotTests {
    @Test func weeklySnapshotsPerLocationAndSKU() throws {
        let fixture = try DemoFixture.shared.get()
        let inventory = fixture.table("inventory_snapshots.csv")
        let skus = Set(fixture.table("products.csv").values("sku"))
        let locations = Set(["WH-CENTRAL"] + MasterDataTests.provinceCodes.map { "WH-" + $0 })
        #expect(inventory.rows.count == 32 * skus.count * 52)
        var keys: Set<String> = []
        var dates: Set<String> = []
        let dateColumn = inventory.column("snapshot_date")
        let locationColumn = inventory.column("location_id")
        let skuColumn = inventory.column("sku")
        var positive = 0
        for row in inventory.rows {
            keys.insert(row[dateColumn] + "|" + row[locationColumn] + "|" + row[skuColumn])
            dates.insert(row[dateColumn])
            #expect(locations.contains(row[locationColumn]))
            #expect(skus.contains(row[skuColumn]))
            let onHand = try #require(Formats.integer(row[inventory.column("on_hand")]))
            #expect(Formats.integer(row[inventory.column("in_transit")]) != nil)
            if onHand > 0 { positive += 1 }
        }
        #expect(keys.count == inventory.rows.count, "duplicate (date, location, sku)")
        #expect(positive > inventory.rows.count / 2)
        let days = try dates.map { try #require(Formats.date($0)) }.sorted()
        #expect(days.count == 52)
        #expect(days.last == Formats.date("2026-10-25"))
        for (previous, next) in zip(days, days.dropFirst()) { #expect(next - previous == 7) }
        // 1970-01-01 was a Thursday, so Sundays are days ≡ 3 (mod 7).
        #expect(days.allSatisfy { $0 % 7 == 3 })
    }
}
