import Foundation
import Testing

@Suite struct MasterDataTests {
    static let provinceCodes = [
        "110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000", "310000", "320000", "330000",
        "340000", "350000", "360000", "370000", "410000", "420000", "430000", "440000", "450000", "460000", "500000",
        "510000", "520000", "530000", "540000", "610000", "620000", "630000", "640000", "650000",
    ]
    static let categories: Set = ["饮料", "零食", "乳品", "个护", "家清", "小家电", "母婴", "酒类", "调味品", "冷冻食品", "保健品", "文具"]

    @Test func regionsAreProvincesWithThreeToTwelveCities() throws {
        let regions = try DemoFixture.shared.get().table("regions.csv")
        let id = regions.column("region_id")
        let parent = regions.column("parent_id")
        let level = regions.column("level")
        let name = regions.column("name")
        let provinces = regions.rows.filter { $0[level] == "province" }
        #expect(provinces.map { $0[id] } == Self.provinceCodes)
        #expect(provinces.allSatisfy { $0[parent].isEmpty })
        #expect(provinces.first?[name] == "北京市")
        #expect(provinces.last?[name] == "新疆维吾尔自治区")
        #expect(Set(regions.values("region_id")).count == regions.rows.count)
        let cities = regions.rows.filter { $0[level] == "city" }
        #expect(cities.count + provinces.count == regions.rows.count)
        for code in Self.provinceCodes {
            let children = cities.filter { $0[parent] == code }
            #expect((3...12).contains(children.count), "province \(code) has \(children.count) cities")
            for child in children {
                #expect(Formats.isID(child[id], prefix: String(code.prefix(2)), digits: 4))
                #expect(child[id].hasSuffix("00") && child[id] != code)
            }
        }
        #expect(cities.allSatisfy { Self.provinceCodes.contains($0[parent]) })
    }

    @Test func partnersFormATierHierarchy() throws {
        let fixture = try DemoFixture.shared.get()
        let partners = fixture.table("partners.csv")
        let cityProvince = try Self.cityProvinces(fixture)
        let id = partners.column("partner_id")
        let kind = partners.column("kind")
        let parentColumn = partners.column("parent_id")
        let tierColumn = partners.column("tier")
        let channel = partners.column("channel")
        let region = partners.column("region_id")
        var byID: [String: [String]] = [:]
        for row in partners.rows { byID[row[id]] = row }
        #expect(byID.count == partners.rows.count)
        let expectedKind = ["0": ["platform", "direct"], "1": ["distributor"], "2": ["agent"], "3": ["dealer"]]
        var suspended = 0
        for row in partners.rows {
            #expect(Formats.isID(row[id], prefix: "P", digits: 6))
            #expect(!row[partners.column("name")].isEmpty)
            let tier = try #require(expectedKind[row[tierColumn]], "tier \(row[tierColumn])")
            #expect(tier.contains(row[kind]))
            #expect(cityProvince[row[region]] != nil, "partner region \(row[region]) is not a city")
            #expect(["active", "suspended"].contains(row[partners.column("status")]))
            if row[partners.column("status")] == "suspended" { suspended += 1 }
            let joined = try #require(Formats.date(row[partners.column("joined_on")]))
            #expect(joined < Formats.windowStart / 86_400)
            if row[tierColumn] == "0" {
                #expect(row[channel] == "online")
                #expect(row[parentColumn].isEmpty)
                #expect(row[partners.column("status")] == "active")
            } else {
                #expect(row[channel] == "offline")
            }
            if !row[parentColumn].isEmpty {
                let parent = try #require(byID[row[parentColumn]], "unknown parent \(row[parentColumn])")
                #expect(parent[channel] == "offline")
                let parentTier = try #require(Int(parent[tierColumn]))
                let childTier = try #require(Int(row[tierColumn]))
                #expect(parentTier >= 1 && parentTier < childTier)
                #expect(cityProvince[parent[region]] == cityProvince[row[region]])
            }
            // No cycles: walking up must end within three steps.
            var current = row
            var steps = 0
            while !current[parentColumn].isEmpty, let next = byID[current[parentColumn]], steps < 4 {
                current = next
                steps += 1
            }
            #expect(steps <= 2)
        }
        let online = partners.rows.filter { $0[channel] == "online" }
        #expect(online.count == 5)
        #expect(online.filter { $0[kind] == "platform" }.count == 4)
        #expect(online.filter { $0[kind] == "direct" }.count == 1)
        #expect(suspended < partners.rows.count / 5)
        // Every tier-2 and tier-3 partner has a parent (each province has a distributor).
        #expect(
            partners.rows.allSatisfy { $0[tierColumn] == "0" || $0[tierColumn] == "1" || !$0[parentColumn].isEmpty }
        )
    }

    @Test func outletsBelongToTheirPartnersProvince() throws {
        let fixture = try DemoFixture.shared.get()
        let outlets = fixture.table("outlets.csv")
        let partners = fixture.table("partners.csv")
        let cityProvince = try Self.cityProvinces(fixture)
        var partnerRows: [String: [String]] = [:]
        for row in partners.rows { partnerRows[row[partners.column("partner_id")]] = row }
        var perPartner: [String: [String]] = [:]
        let offlineKinds: Set = ["supermarket", "convenience", "specialty", "wholesale"]
        #expect(Set(outlets.values("outlet_id")).count == outlets.rows.count)
        for row in outlets.rows {
            #expect(Formats.isID(row[outlets.column("outlet_id")], prefix: "O", digits: 7))
            let partner = try #require(partnerRows[row[outlets.column("partner_id")]])
            perPartner[row[outlets.column("partner_id")], default: []].append(row[outlets.column("kind")])
            let region = row[outlets.column("region_id")]
            let province = try #require(cityProvince[region], "outlet region \(region) is not a city")
            #expect(province == cityProvince[partner[partners.column("region_id")]])
            let kind = row[outlets.column("kind")]
            if partner[partners.column("channel")] == "online" {
                #expect(kind == "online_store")
            } else {
                #expect(offlineKinds.contains(kind))
            }
            let opened = try #require(Formats.date(row[outlets.column("opened_on")]))
            let closedText = row[outlets.column("closed_on")]
            if !closedText.isEmpty {
                let closed = try #require(Formats.date(closedText))
                #expect(closed > opened)
            }
        }
        for row in partners.rows {
            let kinds = perPartner[row[partners.column("partner_id")]] ?? []
            #expect(!kinds.isEmpty, "partner without outlets")
            if row[partners.column("channel")] == "online" {
                #expect(kinds == ["online_store"])
            }
        }
    }

    @Test func productsHaveValidPricesAndWeights() throws {
        let products = try DemoFixture.shared.get().table("products.csv")
        for (index, row) in products.rows.enumerated() {
            #expect(
                row[products.column("sku")] == "SKU" + String(repeating: "0", count: 5 - String(index + 1).count)
                    + String(index + 1)
            )
            #expect(!row[products.column("name")].isEmpty)
            #expect(Self.categories.contains(row[products.column("category")]))
            let list = try #require(Formats.fixed(row[products.column("list_price")], scale: 2))
            let cost = try #require(Formats.fixed(row[products.column("unit_cost")], scale: 2))
            let weight = try #require(Formats.fixed(row[products.column("weight_kg")], scale: 3))
            #expect(list > 0 && cost >= 0 && cost < list)
            #expect(weight > 0)
            #expect(Formats.date(row[products.column("launched_on")]) != nil)
        }
        #expect(Set(products.values("category")).count > 6)
    }

    /// City code → province code.
    static func cityProvinces(_ fixture: DemoFixture) throws -> [String: String] {
        let regions = fixture.table("regions.csv")
        var result: [String: String] = [:]
        for row in regions.rows where row[regions.column("level")] == "city" {
            result[row[regions.column("region_id")]] = row[regions.column("parent_id")]
        }
        return result
    }
}
