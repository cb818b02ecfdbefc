import Foundation
import Testing

import ChannelCore
import ChannelDemo
import ChannelImport
import ChannelStore
import ChannelStoreTestSupport

/// `qudao import`'s path (`Importer` over the store's bulk writer) on a generated dataset: on PostgreSQL the rows are
/// copied in with COPY and changed rows merged from a staging table, and the store must end up exactly as SQLite's
/// (outcomes, audit trail, change feed, facts), re-importing must change nothing, and an aborted import must leave
/// nothing behind.
@Suite struct BulkImportTests {
    /// What the imports reported and left behind.
    struct Observed: Equatable {
        /// Per import: for each file (by name), rows inserted, updated, unchanged and rejected.
        var reports: [[String: [Int]]]
        var committed: [Bool]
        var counts: [EntityKind: Int]
        var audit: [AuditEvent]
        var changes: [ChangeRecord]
        var facts: [FactRecorder.Entry]
    }

    /// A demo dataset in a temporary folder: `lines` order lines and their parents, as `qudao demo` writes them.
    static func dataset(lines: Int = 12_000) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-import-\(UUID().uuidString)")
        _ = try DemoDataset(lines: lines, seed: 7).write(to: folder)
        return folder
    }

    /// Imports `folder` into a fresh store of `backend` once per step, running each step's change to the files first.
    static func observe(_ backend: Backend, _ folder: URL, steps: [(URL) throws -> Void]) throws -> Observed {
        try backend.withStore { store in
            var reports: [[String: [Int]]] = []
            var committed: [Bool] = []
            for step in steps {
                try step(folder)
                let report = try Importer(store: store, options: ImportOptions(actor: "importer")).run(paths: [folder.path])
                committed.append(report.isCommitted)
                reports.append(
                    Dictionary(
                        uniqueKeysWithValues: report.files.map {
                            (URL(fileURLWithPath: $0.path).lastPathComponent, [$0.inserted, $0.updated, $0.unchanged, $0.rejected])
                        }))
            }
            let facts = FactRecorder()
            _ = try store.readFacts(after: nil, into: facts)
            return Observed(
                reports: reports, committed: committed, counts: try store.rowCounts(),
                audit: try store.auditEvents(after: 0, limit: 100_000), changes: try store.changes(after: 0, limit: 100_000),
                facts: facts.entries)
        }
    }

    /// Rewrites a CSV file of `folder` line by line (`edit` gets the header's fields and one line's; unquoted lines only).
    static func edit(_ folder: URL, _ file: String, _ edit: (_ header: [String], _ number: Int, _ fields: inout [String]) -> Void) throws {
        let url = folder.appendingPathComponent(file)
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for number in 1..<lines.count where !lines[number].isEmpty && !lines[number].contains("\"") {
            var fields = lines[number].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            edit(header, number, &fields)
            lines[number] = fields.joined(separator: ",")
        }
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// Raises the list price of the first `count` products by 1.
    static func raisePrices(of count: Int) -> (URL) throws -> Void {
        { folder in
            try edit(folder, "products.csv") { header, number, fields in
                guard number <= count, let column = header.firstIndex(of: "list_price"), let price = Decimal(string: fields[column]) else {
                    return
                }
                fields[column] = "\(price + 1)"
            }
        }
    }

    /// 12,000 order lines: enough for PostgreSQL to load that table without its foreign keys and check them at the end
    /// (`PostgresLoadWriter.bulkLoadRows`).
    @Test func importsLeaveTheSameStoreOnSQLiteAndPostgreSQL() throws {
        let folder = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: folder) }
        let steps: [(URL) throws -> Void] = [{ _ in }, { _ in }, Self.raisePrices(of: 3)]
        let sqlite = try Self.observe(.sqlite, folder, steps: steps)
        // The third step edited the files: PostgreSQL starts from freshly generated ones, as SQLite did.
        try FileManager.default.removeItem(at: folder)
        _ = try DemoDataset(lines: 12_000, seed: 7).write(to: folder)
        let postgres = try Self.observe(.postgres, folder, steps: steps)

        #expect(sqlite.committed == [true, true, true] && postgres.committed == [true, true, true])
        #expect(sqlite.reports == postgres.reports)
        #expect(sqlite.counts == postgres.counts)
        #expect(sqlite.audit.count == postgres.audit.count)
        for (left, right) in zip(sqlite.audit, postgres.audit) { #expect(left == right) }
        #expect(sqlite.changes == postgres.changes)
        #expect(sqlite.facts == postgres.facts)

        // The first import inserted everything; the second changed nothing (no audit event, no feed entry); the
        // third updated the three products, each audited with the stored row before and after.
        let first = try #require(postgres.reports.first)
        #expect(first.values.allSatisfy { $0[0] > 0 && $0[1] == 0 && $0[2] == 0 && $0[3] == 0 }, "\(first)")
        #expect(postgres.reports[1].values.allSatisfy { $0[0] == 0 && $0[1] == 0 && $0[2] > 0 && $0[3] == 0 })
        #expect(postgres.reports[2]["products.csv"]?[1] == 3)
        let updates = postgres.audit.filter { $0.action == .update }
        #expect(updates.count == 3 && updates.allSatisfy { $0.entity == "products" && $0.before != $0.after })
        #expect(postgres.audit.filter { $0.action == .import }.count == first.count + 1)
        #expect(postgres.counts.values.reduce(0, +) == first.values.reduce(0) { $0 + $1[0] })
    }

    /// Rows were already copied into several tables when a bad row ends an all-or-nothing import: nothing is kept, on a
    /// new store and on one that held the same data (whose rows would have been updated).
    @Test(arguments: Backend.allCases)
    func anAbortedImportLeavesNothing(_ backend: Backend) throws {
        let folder = try Self.dataset(lines: 1_000)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good")
        let bad = folder.appendingPathComponent("bad")
        _ = try DemoDataset(lines: 1_000, seed: 7).write(to: good)
        _ = try DemoDataset(lines: 1_000, seed: 7).write(to: bad)
        try Self.raisePrices(of: 5)(bad)
        // A line of an order that does not exist, at the end of the last file but one.
        try Self.edit(bad, "order_lines.csv") { header, number, fields in
            if number == 1, let column = header.firstIndex(of: "order_id") { fields[column] = "NO-SUCH-ORDER" }
        }
        try backend.withStore { store in
            let options = ImportOptions(onError: .abort, actor: "importer")
            let refused = try Importer(store: store, options: options).run(paths: [bad.path])
            #expect(!refused.isCommitted && refused.issueCount == 1)
            #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
            #expect(try store.auditEvents(after: 0, limit: 10).isEmpty)
            #expect(try store.changeSequence() == 0)

            let imported = try Importer(store: store, options: options).run(paths: [good.path])
            #expect(imported.isCommitted)
            let counts = try store.rowCounts()
            let audit = try store.auditEvents(after: 0, limit: 10_000)
            let sequence = try store.changeSequence()
            let again = try Importer(store: store, options: options).run(paths: [bad.path])
            #expect(!again.isCommitted)
            #expect(try store.rowCounts() == counts)
            #expect(try store.auditEvents(after: 0, limit: 10_000) == audit)
            #expect(try store.changeSequence() == sequence)
            let facts = FactRecorder()
            _ = try store.readFacts(after: sequence, into: facts)
            #expect(facts.facts.isEmpty)
        }
    }
}
