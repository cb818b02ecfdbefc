import Foundation

extension DemoWorld {
    /// Writes regions, partners, outlets and products and records their row counts.
    func writeMasterData(to directory: URL, rows: inout [String: Int]) throws {
        rows["regions.csv"] = try writeRegions(to: directory)
        rows["partners.csv"] = try writePartners(to: directory)
        rows["outlets.csv"] = try writeOutlets(to: directory)
        rows["products.csv"] = try writeProducts(to: directory)
    }

    private func writeRegions(to directory: URL) throws -> Int {
        var csv = try CSVFileWriter(
            directory: directory,
            fileName: "regions.csv",
            header: ["region_id", "name", "parent_id", "level"]
        )
        for (index, province) in DemoVocabulary.provinces.enumerated() {
            csv.int(province.code)
            csv.comma()
            csv.field(province.name)
            csv.comma()
            csv.comma()
            csv.ascii("province")
            try csv.endRow()
            for cityIndex in provinceCities[index] {
                let city = cities[cityIndex]
                csv.int(city.code)
                csv.comma()
                csv.field(city.name)
                csv.comma()
                csv.int(province.code)
                csv.comma()
                csv.ascii("city")
                try csv.endRow()
            }
        }
        try csv.finish()
        return csv.rows
    }

    private func writePartners(to directory: URL) throws -> Int {
        var csv = try CSVFileWriter(
            directory: directory,
            fileName: "partners.csv",
            header: ["partner_id", "name", "kind", "parent_id", "tier", "region_id", "channel", "joined_on", "status"]
        )
        for partner in partners {
            csv.id("P", partner.number, width: 6)
            csv.comma()
            csv.field(partner.name)
            csv.comma()
            csv.field(partner.kind)
            csv.comma()
            if let parent = partner.parent {
                csv.id("P", partners[parent].number, width: 6)
            }
            csv.comma()
            csv.int(partner.tier)
            csv.comma()
            csv.int(cities[partner.city].code)
            csv.comma()
            csv.ascii(partner.isOnline ? "online" : "offline")
            csv.comma()
            csv.date(partner.joinedDay)
            csv.comma()
            csv.ascii(partner.isSuspended ? "suspended" : "active")
            try csv.endRow()
        }
        try csv.finish()
        return csv.rows
    }

    private func writeOutlets(to directory: URL) throws -> Int {
        var csv = try CSVFileWriter(
            directory: directory,
            fileName: "outlets.csv",
            header: ["outlet_id", "partner_id", "region_id", "kind", "opened_on", "closed_on"]
        )
        for outlet in outlets {
            csv.id("O", outlet.number, width: 7)
            csv.comma()
            csv.id("P", partners[outlet.partner].number, width: 6)
            csv.comma()
            csv.int(cities[outlet.city].code)
            csv.comma()
            csv.field(outlet.kind)
            csv.comma()
            csv.date(outlet.openedDay)
            csv.comma()
            if let closed = outlet.closedDay {
                csv.date(closed)
            }
            try csv.endRow()
        }
        try csv.finish()
        return csv.rows
    }

    private func writeProducts(to directory: URL) throws -> Int {
        var csv = try CSVFileWriter(
            directory: directory,
            fileName: "products.csv",
            header: ["sku", "name", "category", "list_price", "unit_cost", "weight_kg", "launched_on"]
        )
        for product in products {
            csv.id("SKU", product.number, width: 5)
            csv.comma()
            csv.field(product.name)
            csv.comma()
            csv.field(DemoVocabulary.categories[product.category])
            csv.comma()
            csv.fixed(product.listCents, scale: 2)
            csv.comma()
            csv.fixed(product.costCents, scale: 2)
            csv.comma()
            csv.fixed(product.weightGrams, scale: 3)
            csv.comma()
            csv.date(product.launchDay)
            try csv.endRow()
        }
        try csv.finish()
        return csv.rows
    }
}
