import ChannelCore
import ChannelDemo
import ChannelStore
import ChannelStoreSQLite
import Foundation
import Testing

@testable import ChannelImport

@Suite struct ImporterTests {
    @Test func importsTheFixtureWithEveryRowCounted() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let (report, store) = try fixture.importData()
        #expect(report.isCommitted)
        #expect(report.issueCount == 0)
        #expect(try store.rowCounts() == ImportFixture.rowCounts)
        // One audit event and one change-feed entry per imported file.
        #expect(try store.auditEvents(after: 0, limit: 100).filter { $0.action == .import }.count == 10)
        #expect(try store.changeSequence() == 10)
    }

    @Test func importsAGeneratedDatasetWithTableCountsEqualToTheFiles() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let generated = fixture.folder.appendingPathComponent("generated")
        let summary = try DemoDataset(lines: 4000, seed: 7).write(to: generated)
        let (report, store) = try fixture.importData([generated.path])
        #expect(report.isCommitted, "\(report.issues.prefix(5))")
        let counts = try store.rowCounts()
        for kind in EntityKind.allCases {
            #expect(counts[kind] == summary.rowsByFile["\(kind.name).csv"], "\(kind.name)")
        }
        #expect(counts[.orderLines] == 4000)
        #expect(try store.danglingReferenceCount() == 0)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func importingTheSameFilesAgainChangesNothing() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let (_, store) = try fixture.importData()
        let sequence = try store.changeSequence()
        let events = try store.auditEvents(after: 0, limit: 1000).count
        let (again, _) = try fixture.importData()
        #expect(again.isCommitted)
        #expect(again.files.allSatisfy { $0.inserted == 0 && $0.updated == 0 && $0.rejected == 0 })
        #expect(again.files.reduce(0) { $0 + $1.unchanged } == ImportFixture.rowCounts.values.reduce(0, +))
        #expect(try store.changeSequence() == sequence)
        #expect(try store.auditEvents(after: 0, limit: 1000).count == events)
        #expect(try store.rowCounts() == ImportFixture.rowCounts)
    }

    @Test func aChangedRowIsUpdatedAndAudited() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let (_, store) = try fixture.importData()
        let lastEvent = try store.auditEvents(after: 0, limit: 1000).last?.id ?? 0
        try fixture.replaceLine(
            3, of: "orders.csv",
            with: "SO000000002,P000002,O0000002,offline,2025-02-02T01:00:00Z,2025-02-04T01:00:00Z,2025-02-02T10:00:00Z,2025-02-03T08:00:00Z,delivered")
        let (report, _) = try fixture.importData()
        let orders = try #require(report.files.first { $0.kind == .orders })
        #expect(orders.updated == 1)
        #expect(orders.unchanged == 2)
        let events = try store.auditEvents(after: lastEvent, limit: 10)
        let update = try #require(events.first { $0.action == .update })
        #expect(update.entity == "orders")
        #expect(update.entityKey == "SO000000002")
        #expect(update.before?.contains("\"status\":\"shipped\"") == true)
        #expect(update.after?.contains("\"status\":\"delivered\"") == true)
        let change = try #require(try store.changes(after: 10, limit: 10).first)
        #expect(change.operation == .update && change.entity == .orders)
    }

    @Test func filesGivenChildrenFirstStillImport() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let names = ["complaints", "order_lines", "orders", "outlets", "partners", "regions", "products", "shipments"]
        let paths = names.map { fixture.dataFolder.appendingPathComponent("\($0).csv").path }
        let (report, store) = try fixture.importData(paths)
        #expect(report.isCommitted, "\(report.issues)")
        #expect(try store.rowCounts()[.orderLines] == 5)
    }

    @Test func jsonLinesImport() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.write(
            "products.jsonl",
            """
            {"sku": "SKU00009", "name": "保健品-9", "category": "保健品", "list_price": 99.90, "unit_cost": "40.00", "weight_kg": 1.25, "launched_on": "2024-05-01"}
            {"sku": "SKU00010", "name": "Tea \\"Gold\\" \\u8336", "category": "饮料", "list_price": 12, "unit_cost": 5.5, "weight_kg": 0.2, "launched_on": "2024-05-01", "extra": null}

            """)
        let (report, store) = try fixture.importData([fixture.dataFolder.appendingPathComponent("products.jsonl").path])
        #expect(report.isCommitted, "\(report.issues)")
        #expect(try store.rowCounts()[.products] == 2)
    }
}
