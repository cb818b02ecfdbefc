import ChannelCore
import Foundation
import ChannelStoreSQLite
import Testing

@testable import ChannelAnalytics

/// The benchmark queries against independent computations in SQL over the same database (exact integer arithmetic
/// where the KPI is exact), on a generated dataset.
@Suite struct BenchmarkQueryTests {
    let fixture: AnalyticsFixture
    let snapshot: FactSnapshot

    init() throws {
        fixture = try AnalyticsFixture.shared.get()
        snapshot = try AnalyticsFixture.snapshot.get()
    }

    /// Business month of an instant column (Asia/Shanghai, UTC+8 without daylight saving).
    static func month(_ column: String) -> String { "strftime('%Y-%m', (\(column) / 1000) + 8 * 3600, 'unixepoch')" }

    @Test func monthlySalesEqualsExactSQL() throws {
        let expected = try fixture.sql(
            """
            SELECT \(Self.month("o.ordered_at")) AS month, p.region_id AS province, o.channel,
                   SUM((l.qty - l.returned_qty) * l.unit_price_minor * (1000000 - l.discount_ppm)) AS net,
                   SUM(l.qty), COUNT(DISTINCT o.id)
            FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN outlets t ON t.id = o.outlet_id
                 JOIN regions c ON c.id = t.region_id JOIN regions p ON p.id = c.parent_id
            WHERE o.status <> 'cancelled'
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """)
        let ours = BenchmarkQuery.monthlySales.run(on: snapshot, asOf: AnalyticsFixture.asOf).texts
        #expect(ours.count == expected.count)
        #expect(!ours.isEmpty)
        for (row, want) in zip(ours, expected) {
            #expect(Array(row[0..<3]) == Array(want[0..<3]))
            // Net in 1e-8 yuan, rounded half away from zero to fen.
            let net = Int128(want[3].flatMap { Int64($0) } ?? 0)
            #expect(row[3] == Exact.text(Exact.divideRounded(net, by: 1_000_000), scale: 2))
            #expect(row[4] == want[4])
            #expect(row[5] == want[5])
        }
    }

    @Test func returnRateEqualsSQL() throws {
        let expected = try fixture.sql(
            """
            SELECT pr.category, o.channel, SUM(l.returned_qty), SUM(l.qty)
            FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products pr ON pr.id = l.product_id
            WHERE o.status = 'delivered' GROUP BY 1, 2 ORDER BY 1, 2
            """)
        let ours = BenchmarkQuery.returnRate.run(on: snapshot, asOf: AnalyticsFixture.asOf).texts
        #expect(ours.count == expected.count)
        for (row, want) in zip(ours, expected) {
            #expect(Array(row[0..<4]) == want)
            let rate = Double(want[2] ?? "0")! / Double(want[3] ?? "1")!
            #expect(row[4] == String(format: "%.6f", rate))
        }
    }

    @Test func cycleTimeCountsMeansAndOnTimeEqualSQL() throws {
        let expected = try fixture.sql(
            """
            SELECT \(Self.month("o.ordered_at")), p.tier, COUNT(*), SUM(o.delivered_at - o.ordered_at),
                   SUM(CASE WHEN o.delivered_at <= o.promised_at THEN 1 ELSE 0 END)
            FROM orders o JOIN partners p ON p.id = o.partner_id WHERE o.status = 'delivered'
            GROUP BY 1, 2 ORDER BY 1, 2
            """)
        let ours = BenchmarkQuery.cycleTime.run(on: snapshot, asOf: AnalyticsFixture.asOf).texts
        #expect(ours.count == expected.count)
        for (row, want) in zip(ours, expected) {
            #expect(Array(row[0..<3]) == Array(want[0..<3]))
            let count = Double(want[2] ?? "1")!
            #expect(row[3] == String(format: "%.3f", Double(want[3] ?? "0")! / count / 3_600_000))
            #expect(row[6] == String(format: "%.6f", Double(want[4] ?? "0")! / count))
        }
    }

    @Test func activeOutletsAndCoverageEqualSQL() throws {
        let recent = """
            SELECT DISTINCT outlet_id FROM orders WHERE status <> 'cancelled'
              AND ordered_at > \(AnalyticsFixture.asOf.millisecondsSinceEpoch - 30 * 86_400_000)
              AND ordered_at <= \(AnalyticsFixture.asOf.millisecondsSinceEpoch)
            """
        let open = "t.opened_on <= '2026-10-31' AND (t.closed_on IS NULL OR t.closed_on > '2026-10-31')"
        let active = try fixture.sql(
            """
            SELECT p.region_id, COUNT(*), SUM(t.id IN (\(recent)))
            FROM outlets t JOIN regions c ON c.id = t.region_id JOIN regions p ON p.id = c.parent_id
            WHERE \(open) GROUP BY 1 ORDER BY 1
            """)
        let ours = BenchmarkQuery.activeOutlets.run(on: snapshot, asOf: AnalyticsFixture.asOf).texts
        #expect(ours.map { Array($0[0..<3]) } == active)
        let coverage = try fixture.sql(
            """
            SELECT p.region_id, COUNT(*),
                   SUM(EXISTS (SELECT 1 FROM outlets t WHERE t.region_id = c.id AND \(open) AND t.id IN (\(recent))))
            FROM regions c JOIN regions p ON p.id = c.parent_id WHERE c.level = 'city' GROUP BY 1 ORDER BY 1
            """)
        let oursCoverage = BenchmarkQuery.coverage.run(on: snapshot, asOf: AnalyticsFixture.asOf).texts
        #expect(oursCoverage.map { Array($0[0..<3]) } == coverage)
    }

    @Test func inventoryTurnoverEqualsSQL() throws {
        let asOf = AnalyticsFixture.asOf.millisecondsSinceEpoch
        let expected = try fixture.sql(
            """
            WITH inv AS (SELECT product_id, SUM(on_hand) AS total, COUNT(DISTINCT snapshot_date) AS days
                         FROM inventory_snapshots WHERE snapshot_date >= '2025-11-02' AND snapshot_date <= '2026-10-31'
                         GROUP BY product_id),
                 sold AS (SELECT l.product_id, SUM(l.qty) AS units FROM orders o JOIN order_lines l ON l.order_id = o.id
                          WHERE o.status <> 'cancelled' AND o.ordered_at > \(asOf - 364 * 86_400_000) AND o.ordered_at <= \(asOf)
                          GROUP BY l.product_id)
            SELECT p.sku, inv.total, inv.days, COALESCE(sold.units, 0)
            FROM inv JOIN products p ON p.id = inv.product_id LEFT JOIN sold ON sold.product_id = inv.product_id
            ORDER BY p.sku
            """)
        let ours = BenchmarkQuery.inventoryTurnover.run(on: snapshot, asOf: AnalyticsFixture.asOf).texts
        #expect(ours.count == expected.count)
        #expect(!ours.isEmpty)
        for (row, want) in zip(ours, expected) {
            let average = Double(want[1] ?? "0")! / Double(want[2] ?? "1")!
            let units = Double(want[3] ?? "0")!
            #expect(row[0] == want[0])
            #expect(row[1] == String(format: "%.3f", average))
            #expect(row[2] == want[3])
            #expect(row[3] == (units == 0 ? nil : String(format: "%.3f", average / (units / 364))))
        }
    }

    @Test func everyQueryAnswersOnAnEmptyStore() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "qudao-empty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let engine = try AnalyticsEngine(store: try SQLiteChannelStore(path: folder.appending(path: "e.sqlite").path))
        for query in BenchmarkQuery.allCases {
            let table = query.run(on: engine.snapshot, asOf: AnalyticsFixture.asOf)
            #expect(table.rows.isEmpty, "\(query.name)")
            #expect(!table.columns.isEmpty)
        }
    }
}
