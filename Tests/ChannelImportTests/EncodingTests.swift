import ChannelCore
import ChannelStore
import ChannelStoreSQLite
import Foundation
import Testing

@testable import ChannelImport

/// Files as Chinese Excel and ERPs write them: GBK, BOM, CRLF, quoted newlines, Chinese headers with a mapping.
@Suite struct EncodingTests {
    @Test func gbkFileIsDetectedAndDecoded() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        // products.csv with a GBK-encoded name column: 饮料 = C2 FB C1 CF.
        var bytes = Array("sku,name,category,list_price,unit_cost,weight_kg,launched_on\nSKU00001,".utf8)
        bytes += [0xC2, 0xFB, 0xC1, 0xCF] + Array(",".utf8) + [0xC2, 0xFB, 0xC1, 0xCF]
        bytes += Array(",35.10,12.00,0.500,2023-01-01\nSKU00002,snack,".utf8) + [0xC2, 0xFB, 0xC1, 0xCF]
        bytes += Array(",8.00,3.25,0.125,2023-01-01\n".utf8)
        try fixture.write("products.csv", bytes: bytes)
        let (report, store) = try fixture.importData()
        #expect(report.isCommitted, "\(report.issues)")
        #expect(report.files.first { $0.kind == .products }?.encoding == "gb18030")
        #expect(try store.rowCounts()[.products] == 2)
        let event = try #require(try store.auditEvents(after: 0, limit: 100).first { $0.entity == "products" })
        #expect(event.action == .import)
        // Re-import of the same GBK file is recognised as unchanged, which proves the name was decoded the same way.
        let (again, _) = try fixture.importData()
        #expect(again.files.first { $0.kind == .products }?.unchanged == 2)
    }

    @Test func bomAndCRLFAreHandled() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let text = (ImportFixture.files["regions.csv"] ?? "").replacingOccurrences(of: "\n", with: "\r\n")
        try fixture.write("regions.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let (report, store) = try fixture.importData()
        #expect(report.isCommitted, "\(report.issues)")
        #expect(try store.rowCounts()[.regions] == 4)
    }

    @Test func quotedNewlinesKeepLineNumbersRight() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.write("feedback.csv", """
            feedback_id,order_id,partner_id,outlet_id,channel,created_at,rating,text
            FB00000001,SO000000001,P000001,O0000001,offline,2025-01-05T03:00:00Z,4,"line one
            line two, with comma"
            FB00000002,SO000000001,P000001,O0000001,offline,2025-01-05T03:00:00Z,9,"bad rating"

            """)
        let (report, _) = try fixture.importData()
        #expect(!report.isCommitted)
        #expect(report.issues.contains { $0.line == 4 && $0.column == "rating" }, "\(report.issues)")
    }

    @Test func mappingWithChineseHeadersImportsAnERPExport() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.write("订单导出.csv", """
            订单号,客户编码,门店编码,渠道,下单时间,承诺送达,发货时间,签收时间,状态,备注
            SO000000001,P000001,O0000001,线下,2025/01/02 09:00:00,2025/01/04 09:00:00,2025/01/02 18:00:00,2025/01/03 18:00:00,已签收,加急
            SO000000002,P000002,O0000002,线下,2025/02/02 09:00:00,2025/02/04 09:00:00,2025/02/02 18:00:00,,已发货,
            SO000000003,P000003,O0000003,线上,2025/03/02 09:00:00,2025/03/05 09:00:00,,,待发货,

            """)
        try FileManager.default.removeItem(at: fixture.dataFolder.appendingPathComponent("orders.csv"))
        let mappingURL = fixture.folder.appendingPathComponent("mapping.yaml")
        try Data("""
            entities:
              orders:
                files: ["订单*.csv"]
                columns: {order_id: 订单号, partner_id: 客户编码, outlet_id: 门店编码, channel: 渠道, ordered_at: 下单时间,
                          promised_at: 承诺送达, shipped_at: 发货时间, delivered_at: 签收时间, status: 状态}
                values:
                  channel: {线上: online, 线下: offline}
                  status: {待发货: pending, 已发货: shipped, 已签收: delivered, 已取消: cancelled}
                formats:
                  ordered_at: {date: "yyyy/MM/dd HH:mm:ss", time_zone: Asia/Shanghai}
                  promised_at: {date: "yyyy/MM/dd HH:mm:ss"}
                  shipped_at: {date: "yyyy/MM/dd HH:mm:ss"}
                  delivered_at: {date: "yyyy/MM/dd HH:mm:ss"}

            """.utf8).write(to: mappingURL)
        let mapping = try ColumnMapping.load(from: mappingURL)
        let (report, store) = try fixture.importData(options: ImportOptions(mapping: mapping))
        #expect(report.isCommitted, "\(report.issues)")
        let orders = try #require(report.files.first { $0.kind == .orders })
        #expect(orders.inserted == 3)
        #expect(orders.ignoredHeaders == ["备注"])
        #expect(try store.rowCounts()[.orderLines] == 5)
        // Local China time 09:00 is 01:00Z: importing the canonical file now finds the same rows unchanged.
        try FileManager.default.removeItem(at: fixture.dataFolder.appendingPathComponent("订单导出.csv"))
        try fixture.write("orders.csv", ImportFixture.files["orders.csv"] ?? "")
        let (again, _) = try fixture.importData()
        #expect(again.files.first { $0.kind == .orders }?.unchanged == 3)
    }

    @Test func mappingErrorsNameThePlace() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let url = fixture.folder.appendingPathComponent("bad.json")
        try Data(#"{"entities": {"orders": {"columns": {"qty": "数量"}}}}"#.utf8).write(to: url)
        #expect(throws: ImportError.self) { try ColumnMapping.load(from: url) }
        do { _ = try ColumnMapping.load(from: url) } catch {
            #expect("\(error)".contains("entities.orders.columns.qty is not a column of orders"))
        }
    }
}
