import Foundation
import Testing

@testable import ChannelDemo

@Suite struct DemoDatasetTests {
    @Test func sameSeedGivesIdenticalBytes() throws {
        let fixture = try DemoFixture.shared.get()
        let parent = try DemoFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        // A directory that does not exist yet: write(to:) creates it.
        let again = parent.appending(path: "nested/again")
        let summary = try DemoDataset(lines: DemoFixture.lines, seed: DemoFixture.seed).write(to: again)
        #expect(summary == fixture.summary)
        for name in DemoFixture.fileNames {
            let bytes = [UInt8](try Data(contentsOf: again.appending(path: name)))
            #expect(bytes == fixture.raw[name], "\(name) differs between two runs with the same seed")
        }
    }

    @Test func differentSeedsDiffer() throws {
        let fixture = try DemoFixture.shared.get()
        let other = try DemoFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: other) }
        // Master data and order files only: the inventory is derived from the same streams.
        let world = DemoWorld(lines: DemoFixture.lines, seed: DemoFixture.seed + 1)
        var rows: [String: Int] = [:]
        try world.writeMasterData(to: other, rows: &rows)
        var stream = OrderStream(world: world, lines: DemoFixture.lines, seed: DemoFixture.seed + 1)
        var outputs = try OrderOutputs(directory: other)
        try stream.write(to: &outputs)
        try outputs.finish(into: &rows)
        for name in ["regions.csv", "partners.csv", "products.csv", "orders.csv", "order_lines.csv"] {
            let bytes = [UInt8](try Data(contentsOf: other.appending(path: name)))
            #expect(bytes != fixture.raw[name], "\(name) is the same for two seeds")
        }
    }

    @Test func writesExactlyTheDatasetFilesWithTheirHeaders() throws {
        let fixture = try DemoFixture.shared.get()
        let written = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path(percentEncoded: false))
        #expect(Set(written) == Set(DemoFixture.fileNames))
        #expect(!written.contains("anomalies_truth.csv"))
        let headers: [String: [String]] = [
            "regions.csv": ["region_id", "name", "parent_id", "level"],
            "partners.csv": [
                "partner_id", "name", "kind", "parent_id", "tier", "region_id", "channel", "joined_on", "status",
            ],
            "outlets.csv": ["outlet_id", "partner_id", "region_id", "kind", "opened_on", "closed_on"],
            "products.csv": ["sku", "name", "category", "list_price", "unit_cost", "weight_kg", "launched_on"],
            "orders.csv": [
                "order_id", "partner_id", "outlet_id", "channel", "ordered_at", "promised_at", "shipped_at",
                "delivered_at", "status",
            ],
            "order_lines.csv": ["order_id", "line_no", "sku", "qty", "unit_price", "discount_rate", "returned_qty"],
            "shipments.csv": [
                "shipment_id", "order_id", "carrier", "mode", "distance_km", "weight_kg", "shipped_at", "delivered_at",
            ],
            "inventory_snapshots.csv": ["snapshot_date", "location_id", "sku", "on_hand", "in_transit"],
            "feedback.csv": [
                "feedback_id", "order_id", "partner_id", "outlet_id", "channel", "created_at", "rating", "text",
            ],
            "complaints.csv": [
                "complaint_id", "order_id", "partner_id", "opened_at", "first_response_at", "resolved_at", "severity",
                "category",
            ],
        ]
        for (name, header) in headers {
            #expect(fixture.table(name).header == header, "header of \(name)")
        }
    }

    @Test func summaryCountsDataRows() throws {
        let fixture = try DemoFixture.shared.get()
        #expect(Set(fixture.summary.rowsByFile.keys) == Set(DemoFixture.fileNames))
        for name in DemoFixture.fileNames {
            #expect(fixture.summary.rowsByFile[name] == fixture.table(name).rows.count, "rows of \(name)")
        }
    }

    @Test func filesAreUTF8WithNewlineEnds() throws {
        let fixture = try DemoFixture.shared.get()
        for name in DemoFixture.fileNames {
            let bytes = try #require(fixture.raw[name])
            #expect(String(validating: bytes, as: UTF8.self) != nil, "\(name) is not UTF-8")
            let hasCarriageReturn = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { memchr($0, 0x0D, buffer.count) != nil } ?? false
            }
            #expect(!hasCarriageReturn, "\(name) has a carriage return")
            #expect(bytes.last == 0x0A, "\(name) does not end with a newline")
        }
    }

    @Test func sizesFollowTheLineCount() throws {
        let fixture = try DemoFixture.shared.get()
        #expect(fixture.table("order_lines.csv").rows.count == DemoFixture.lines)
        #expect(fixture.table("orders.csv").rows.count == DemoFixture.lines / 3)
        #expect(fixture.table("partners.csv").rows.count == 60 + 5)
        #expect(fixture.table("products.csv").rows.count == 100)
        let outlets = fixture.table("outlets.csv").rows.count
        // About 8 per dealer or agent, 1-3 per distributor (31 of the 60 here), 1 per online partner.
        #expect((60 * 3)...(60 * 11) ~= outlets)
    }

    /// Streams only the order files (the inventory does not depend on the line count's exactness).
    @Test(arguments: [1, 2, 3, 5, 8, 25, 101, 1_000, 4_567])
    func writesExactlyTheRequestedLines(lines: Int) throws {
        let directory = try DemoFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let world = DemoWorld(lines: lines, seed: 7)
        var stream = OrderStream(world: world, lines: lines, seed: 7)
        var outputs = try OrderOutputs(directory: directory)
        try stream.write(to: &outputs)
        var rows: [String: Int] = [:]
        try outputs.finish(into: &rows)
        #expect(rows["order_lines.csv"] == lines)
        #expect(rows["orders.csv"] == max(1, lines / 3))
        let table = try CSVTable.parse([UInt8](try Data(contentsOf: directory.appending(path: "order_lines.csv"))))
        #expect(table.rows.count == lines)
        var perOrder: [String: Int] = [:]
        for row in table.rows { perOrder[row[0], default: 0] += 1 }
        #expect(perOrder.count == max(1, lines / 3))
        #expect(perOrder.values.allSatisfy { (1...8).contains($0) })
        if lines == 1 {
            #expect(table.rows.map { $0.prefix(2) } == [["SO000000001", "1"]])
        }
    }

    @Test func rejectsFewerThanOneLine() throws {
        let directory = try DemoFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: (any Error).self) { try DemoDataset(lines: 0, seed: 1).write(to: directory) }
    }
}
