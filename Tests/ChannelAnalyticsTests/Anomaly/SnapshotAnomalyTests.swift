import ChannelCore
import ChannelStoreSQLite
import GRDB
import Testing

@testable import ChannelAnalytics

/// The detector on an engine snapshot of the demo dataset, after planting a quantity spike and a price error by
/// hand: both are found with their order numbers and line numbers, and the reasons name the baseline.
@Suite struct SnapshotAnomalyTests {
    @Test func plantedAnomaliesAreFoundByOrderNumberAndLine() throws {
        let fixture = try AnalyticsFixture.shared.get()
        let (_, path) = try fixture.copy()
        // Two lines of the partner × SKU pair with the most lines, in different orders.
        let queue = try DatabaseQueue(path: path)
        let planted = try queue.write { db -> [(order: String, line: Int)] in
            let pair = try Row.fetchOne(
                db,
                sql: """
                    SELECT o.partner_id, l.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id
                    WHERE o.status <> 'cancelled' GROUP BY o.partner_id, l.product_id ORDER BY count(*) DESC LIMIT 1
                    """)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT o.id, o.order_id, l.line_no FROM order_lines l JOIN orders o ON o.id = l.order_id
                    WHERE o.partner_id = ? AND l.product_id = ? ORDER BY o.id LIMIT 2
                    """, arguments: [pair?[0] as Int64?, pair?[1] as Int64?])
            try db.execute(sql: "UPDATE order_lines SET qty = qty * 80 WHERE order_id = ? AND line_no = ?", arguments: [rows[0][0] as Int64, rows[0][2] as Int])
            try db.execute(
                sql: "UPDATE order_lines SET unit_price_minor = unit_price_minor / 10 WHERE order_id = ? AND line_no = ?",
                arguments: [rows[1][0] as Int64, rows[1][2] as Int])
            return rows.map { ($0[1], $0[2]) }
        }
        let store = try SQLiteChannelStore(path: path)
        let found = try AnomalyDetector().flags(in: try AnalyticsEngine(store: store).snapshot) { try store.orderIDs(rowIDs: $0) }
        let ids = try store.orderIDs(rowIDs: found.map(\.rowID))
        let flagged = found.map { (order: ids[$0.rowID] ?? "", line: $0.flag.lineNo, kind: $0.flag.kind, reason: $0.flag.reason) }
        let spike = try #require(flagged.first { $0.order == planted[0].order && $0.line == planted[0].line })
        #expect(spike.kind == .quantitySpike)
        #expect(spike.reason.english.contains("× the median") && spike.reason.chinese.contains("中位数"), "\(spike.reason)")
        let price = try #require(flagged.first { $0.order == planted[1].order && $0.line == planted[1].line })
        #expect(price.kind == .priceDeviation, "\(price.reason)")
        // The demo plants its own fat-finger quantities and prices keyed in at a tenth (about 3 in 10,000 lines);
        // besides those and the suspended partners' recent orders, nothing is flagged.
        let lines = try #require(Int(try fixture.sql("SELECT count(*) FROM order_lines")[0][0] ?? ""))
        let statistical = flagged.filter { $0.kind == .quantitySpike || $0.kind == .priceDeviation }
        #expect(statistical.count <= 2 + lines / 500, "\(statistical.count) of \(lines) lines")
        for flag in statistical where flag.kind == .priceDeviation {
            #expect(flag.reason.english.contains(" is 10% of the typical") || flag.reason.english.contains(" is 9% of") || flag.reason.english.contains(" is 11% of"), "\(flag.reason.english)")
        }
    }
}
