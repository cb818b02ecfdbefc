import ArgumentParser
import ChannelAnalytics
import ChannelCore
import Foundation

/// `qudao kpi`: the benchmark KPI queries over the store, as a table, JSON or CSV.
struct KPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "Compute benchmark KPIs (q1_monthly_sales ... q8_price_conflict) from the database.",
        discussion: """
            Builds the analytic engine from the database, then runs each named query as of the given instant. \
            NAME is one of \(BenchmarkQuery.allCases.map(\.name).joined(separator: ", ")) or `all`. \
            `--format json` writes {"results": {NAME: {"columns": [...], "rows": [[...]]}}} with every value as text \
            (null when missing), the layout of the shared reference_kpis.py. `--format csv` writes one CSV block per \
            query, each after a line `# NAME` when several are asked for.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @OptionGroup var storage: StorageOptions

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The instant the KPIs are measured at (ISO 8601, e.g. 2026-10-31T23:59:59Z); now by default.", valueName: "instant"))
    var asOf: String?

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @Argument(help: ArgumentHelp("Queries to run, or `all`.", valueName: "name"))
    var names: [String]

    func validate() throws {
        guard !names.isEmpty else { throw ValidationError("name at least one query, or `all`") }
        _ = try queries()
        _ = try instant()
    }

    func run() throws {
        let engine = try AnalyticsEngine(store: try storage.openExistingStore())
        let snapshot = engine.snapshot
        let asOf = try instant()
        let results = try queries().map { ($0, $0.run(on: snapshot, asOf: asOf)) }
        switch format {
        case .table:
            for (query, table) in results {
                print("\(query.name) (\(table.rows.count) rows, as of \(asOf.iso8601))")
                print(Self.textTable(table).text)
                print()
            }
        case .json:
            print(try KPIJSON.render(results))
        case .csv:
            for (index, (query, table)) in results.enumerated() {
                if results.count > 1 { print((index > 0 ? "\n" : "") + "# \(query.name)") }
                print(KPICSV.render(table), terminator: "")
            }
        }
    }

    private func queries() throws -> [BenchmarkQuery] {
        if names == ["all"] { return BenchmarkQuery.allCases }
        return try names.map { name in
            guard let query = BenchmarkQuery(rawValue: name) else {
                let known = BenchmarkQuery.allCases.map(\.name).joined(separator: ", ")
                throw ValidationError("unknown KPI query '\(name)'; known: \(known), or all")
            }
            return query
        }
    }

    private func instant() throws -> Instant {
        guard let asOf else { return Instant(Date()) }
        do {
            return try Instant(iso8601: asOf)
        } catch {
            throw ValidationError("--as-of '\(asOf)' \(error)")
        }
    }

    static func textTable(_ table: KPITable) -> TextTable {
        var text = TextTable(header: table.columns)
        text.rows = table.rows.map { $0.map { $0.text ?? "" } }
        text.rightAligned = Set(
            table.columns.indices.filter { column in
                table.rows.first.map { row in
                    if case .text = row[column] { return false }
                    return true
                } ?? false
            })
        return text
    }
}

/// The JSON layout of the shared reference_kpis.py: values as text, null when missing.
enum KPIJSON {
    struct Result: Encodable {
        var columns: [String]
        var rows: [[String?]]
    }

    static func render(_ results: [(BenchmarkQuery, KPITable)]) throws -> String {
        var byName: [String: Result] = [:]
        for (query, table) in results {
            byName[query.name] = Result(columns: table.columns, rows: table.rows.map { $0.map(\.text) })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(["results": byName]), as: UTF8.self)
    }
}

/// RFC 4180 CSV of a KPI table (fields quoted when they hold a comma, quote or line break).
enum KPICSV {
    static func render(_ table: KPITable) -> String {
        ([table.columns] + table.rows.map { $0.map { $0.text ?? "" } })
            .map { $0.map(CSVField.quoted).joined(separator: ",") + "\r\n" }.joined()
    }
}
