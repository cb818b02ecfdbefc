import ChannelCore
import Foundation
import Testing

@testable import ChannelImport

/// The example mappings shipped in docs/ load and mean what they say.
@Suite struct DocumentedMappingTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/mappings")

    @Test func chineseERPMappingLoads() throws {
        let mapping = try ColumnMapping.load(from: Self.docs.appendingPathComponent("erp-orders-zh.yaml"))
        let orders = try #require(mapping.mapping(for: .orders))
        #expect(orders.columns?["order_id"] == "订单号")
        #expect(orders.values?["status"]?["已签收"] == "delivered")
        #expect(FileLayout.kind(of: "销售订单2025.csv", mapping: mapping) == .orders)
        #expect(FileLayout.kind(of: "订单明细-10月.csv", mapping: mapping) == .orderLines)
    }

    @Test func warehouseMappingLoads() throws {
        let mapping = try ColumnMapping.load(from: Self.docs.appendingPathComponent("wms-stock.json"))
        let stock = try #require(mapping.mapping(for: .inventorySnapshots))
        #expect(stock.delimiter.flatMap(FileLayout.delimiterByte) == 9)
        #expect(FileLayout.kind(of: "stock_2026-10-25.txt", mapping: mapping) == .inventorySnapshots)
    }

    @Test func europeanNumbersAndDatesImportThroughTheWarehouseMapping() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let mapping = try ColumnMapping.load(from: Self.docs.appendingPathComponent("wms-stock.json"))
        try fixture.write(
            "articles.csv",
            "article_no;description;group;price;cost;weight_g;since\nSKU00001;饮料-00001;饮料;35,10;12,00;500;01.01.2023\nSKU00002;零食-00002;零食;8,00;3,25;125;01.01.2023\n")
        try fixture.write("stock_2025-01-05.txt", "Stichtag\tLagerort\tArtikel\tBestand\tUnterwegs\n05.01.2025\tWH-CENTRAL\tSKU00001\t1.200\t\n")
        try FileManager.default.removeItem(at: fixture.dataFolder.appendingPathComponent("products.csv"))
        try FileManager.default.removeItem(at: fixture.dataFolder.appendingPathComponent("inventory_snapshots.csv"))
        let (report, store) = try fixture.importData(options: ImportOptions(mapping: mapping))
        #expect(report.isCommitted, "\(report.issues)")
        #expect(report.files.first { $0.kind == .inventorySnapshots }?.inserted == 1)
        // Re-importing the canonical products (35.10, 0.500 kg) finds them unchanged: the mapping read them exactly.
        try fixture.write("products.csv", ImportFixture.files["products.csv"] ?? "")
        let (again, _) = try fixture.importData([fixture.dataFolder.appendingPathComponent("products.csv").path])
        #expect(again.files.first?.unchanged == 2)
        _ = store
    }
}
