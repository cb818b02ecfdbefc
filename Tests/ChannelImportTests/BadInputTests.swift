import ChannelCore
import ChannelStore
import ChannelStoreSQLite
import Foundation
import Testing

@testable import ChannelImport

/// Each kind of bad input gives its precise error, and under `abort` the database keeps nothing of the import.
@Suite struct BadInputTests {
    /// Imports the fixture after `breakIt`, expects no commit, an issue matching `expected`, and an empty database.
    private func expectRejected(
        _ breakIt: (ImportFixture) throws -> Void, file: String, line: Int, column: String = "", reasonContains reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try breakIt(fixture)
        let (report, store) = try fixture.importData()
        #expect(!report.isCommitted, sourceLocation: sourceLocation)
        let issue = report.issues.first { $0.file.hasSuffix(file) && $0.line == line && $0.reason.contains(reason) }
        #expect(issue != nil, "issues: \(report.issues)", sourceLocation: sourceLocation)
        if let issue, !column.isEmpty { #expect(issue.column == column, sourceLocation: sourceLocation) }
        #expect(try store.rowCounts().values.allSatisfy { $0 == 0 }, sourceLocation: sourceLocation)
        #expect(try store.changeSequence() == 0, sourceLocation: sourceLocation)
        #expect(try store.auditEvents(after: 0, limit: 10).isEmpty, sourceLocation: sourceLocation)
    }

    @Test func wrongTypeNamesLineColumnAndValue() throws {
        try expectRejected({ try $0.replaceLine(4, of: "order_lines.csv", with: "SO000000002,1,SKU00001,abc,29.84,0.00,0") },
            file: "order_lines.csv", line: 4, column: "qty", reasonContains: "is not a whole number")
        let issue = RowIssue(file: "order_lines.csv", line: 4, column: "qty", header: "qty", value: "abc", reason: "is not a whole number")
        #expect(issue.description == "order_lines.csv:4: column qty: value 'abc' is not a whole number")
    }

    @Test(arguments: [
        ("SO000000002,1,SKU00001,0,29.84,0.00,0", "qty", "must be greater than 0"),
        ("SO000000002,1,SKU00001,3,29.84,1.00,0", "discount_rate", "less than 1"),
        ("SO000000002,1,SKU00001,3,29.84,-0.10,0", "discount_rate", "at least 0"),
        ("SO000000002,1,SKU00001,3,29.845,0.00,0", "unit_price", "more than 2 decimal places"),
        ("SO000000002,1,SKU00001,3,29.84,0.00,4", "returned_qty", "more than qty"),
        ("SO000000002,1,SKU00001,3,29.84,0.00,1", "returned_qty", "not delivered"),
        ("SO000000002,0,SKU00001,3,29.84,0.00,0", "line_no", "between 1 and"),
    ])
    func lineRulesAreEnforced(line: String, column: String, reason: String) throws {
        try expectRejected({ try $0.replaceLine(4, of: "order_lines.csv", with: line) },
            file: "order_lines.csv", line: 4, column: column, reasonContains: reason)
    }

    @Test func orderTimesMustBeInOrder() throws {
        try expectRejected({
            try $0.replaceLine(2, of: "orders.csv",
                with: "SO000000001,P000001,O0000001,offline,2025-01-02T01:00:00Z,2025-01-04T01:00:00Z,2025-01-02T10:00:00Z,2025-01-02T09:00:00Z,delivered")
        }, file: "orders.csv", line: 2, column: "delivered_at", reasonContains: "before shipped_at")
    }

    @Test func unknownReferenceIsRejected() throws {
        try expectRejected({ try $0.replaceLine(6, of: "order_lines.csv", with: "SO000000999,1,SKU00001,1,7.60,0.00,0") },
            file: "order_lines.csv", line: 6, column: "order_id", reasonContains: "unknown order")
    }

    @Test func outletOfAnotherPartnerIsRejected() throws {
        try expectRejected({
            try $0.replaceLine(3, of: "orders.csv",
                with: "SO000000002,P000002,O0000001,offline,2025-02-02T01:00:00Z,2025-02-04T01:00:00Z,2025-02-02T10:00:00Z,,shipped")
        }, file: "orders.csv", line: 3, column: "outlet_id", reasonContains: "belongs to partner P000001")
    }

    @Test func parentPartnerMustSitUpstream() throws {
        try expectRejected({
            try $0.replaceLine(3, of: "partners.csv", with: "P000001,distributor-1,distributor,P000002,1,320100,offline,2020-01-01,active")
        }, file: "partners.csv", line: 3, column: "parent_id", reasonContains: "not upstream")
    }

    @Test func duplicateKeysInOneFileAreRejected() throws {
        try expectRejected({
            try $0.write("orders.csv", (ImportFixture.files["orders.csv"] ?? "")
                + "SO000000001,P000001,O0000001,offline,2025-01-02T01:00:00Z,,,,pending\n")
        }, file: "orders.csv", line: 5, column: "order_id", reasonContains: "repeats the key")
    }

    @Test func duplicatePartnersAreRejected() throws {
        try expectRejected({
            try $0.write("partners.csv", (ImportFixture.files["partners.csv"] ?? "")
                + "P000003,other,platform,,0,310100,online,2021-03-01,active\n")
        }, file: "partners.csv", line: 5, column: "partner_id", reasonContains: "repeats the key of line 4")
    }

    @Test func malformedCSVIsRejectedWithItsLine() throws {
        try expectRejected({
            try $0.write("outlets.csv", """
                outlet_id,partner_id,region_id,kind,opened_on,closed_on
                O0000001,P000001,320100,wholesale,2022-01-01,
                O0000002,P000002,320100,conv"enience,2023-06-01,2026-01-01
                O0000003,P000003,310100,online_store,2021-03-01,

                """)
        }, file: "outlets.csv", line: 3, reasonContains: "quote")
    }

    @Test func wrongFieldCountIsRejected() throws {
        try expectRejected({ try $0.replaceLine(3, of: "products.csv", with: "SKU00002,零食-00002,零食,8.00,3.25,0.125") },
            file: "products.csv", line: 3, reasonContains: "has 6 fields, the header has 7")
    }

    @Test func emptyFileFailsTheImport() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.write("complaints.csv", "")
        let (report, store) = try fixture.importData()
        #expect(!report.isCommitted)
        #expect(report.issues.contains { $0.file.hasSuffix("complaints.csv") && $0.reason.contains("is empty") })
        #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func missingColumnIsNamed() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.write("shipments.csv", "shipment_id,carrier,shipped_at\nSH1,顺丰,2025-01-02T10:00:00Z\n")
        let (report, store) = try fixture.importData()
        #expect(!report.isCommitted)
        #expect(report.issues.contains { $0.reason.contains("missing column order_id") }, "\(report.issues)")
        #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func skipWritesGoodRowsAndListsRejectedOnesBesideTheInput() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.replaceLine(4, of: "order_lines.csv", with: "SO000000002,1,SKU00001,abc,29.84,0.00,0")
        let (report, store) = try fixture.importData(options: ImportOptions(onError: .skip))
        #expect(report.isCommitted)
        #expect(try store.rowCounts()[.orderLines] == 4)
        let rejectedPath = try #require(report.files.first { $0.kind == .orderLines }?.rejectedFile)
        let rejected = try String(contentsOfFile: rejectedPath, encoding: .utf8)
        #expect(rejected.hasPrefix("line,column,value,reason,order_id,line_no,sku,qty"))
        #expect(rejected.contains("4,qty,abc,is not a whole number,SO000000002,1,SKU00001,abc,29.84,0.00,0"))
        // A second, clean run removes the stale rejected file.
        try fixture.write("order_lines.csv", ImportFixture.files["order_lines.csv"] ?? "")
        let (again, _) = try fixture.importData(options: ImportOptions(onError: .skip))
        #expect(again.files.first { $0.kind == .orderLines }?.inserted == 1)
        #expect(!FileManager.default.fileExists(atPath: rejectedPath))
    }
}
