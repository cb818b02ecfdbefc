import ArgumentParser
import ChannelAnalytics
import ChannelCore
import Foundation

/// `qudao cube`: any catalogue measure by any dimensions over a period, from the command line.
struct CubeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cube",
        abstract: "Slice KPIs by dimensions: measures x dimensions x filters over a period.",
        discussion: """
            MEASURES: \(Measure.allCases.map(\.rawValue).joined(separator: ", ")).
            DIMENSIONS: \(CubeDimension.names.joined(separator: ", ")).
            Filters take codes: region codes for province and city, online/offline, tier numbers, partner and outlet \
            codes, category names, SKUs; several values are separated by commas. The period is in business days \
            (both ends included); by default the 365 days ending on the day of the latest order. See docs/KPIS.md \
            for every measure's definition.
            """)

    @OptionGroup var storage: StorageOptions

    @Option(name: .customLong("measure"), parsing: .upToNextOption, help: ArgumentHelp("Measures to compute.", valueName: "measure"))
    var measures: [String]

    @Option(name: .customLong("by"), parsing: .upToNextOption, help: ArgumentHelp("Dimensions to slice by.", valueName: "dimension"))
    var dimensions: [String] = []

    @Option(name: .customLong("filter"), help: ArgumentHelp("DIMENSION=CODE[,CODE...] (repeatable).", valueName: "filter"))
    var filters: [String] = []

    @Option(help: ArgumentHelp("Only these partners and everything downstream of them (comma-separated codes).", valueName: "partners"))
    var scope: String?

    @Option(help: ArgumentHelp("First business day of the period (YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last business day of the period (YYYY-MM-DD).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Compare with the previous bucket or period (previous) or a year earlier (year).", valueName: "previous|year"))
    var compare: String?

    @Option(help: ArgumentHelp("Keep the N rows with the highest value of --rank-by.", valueName: "N"))
    var top: Int?

    @Option(help: ArgumentHelp("Keep the N rows with the lowest value of --rank-by.", valueName: "N"))
    var bottom: Int?

    @Option(name: .customLong("rank-by"), help: ArgumentHelp("Measure for --top/--bottom (the first measure by default).", valueName: "measure"))
    var rankBy: String?

    @Option(help: "Output format: table, json or csv.")
    var format: KPI.Format = .table

    func run() throws {
        let engine = try AnalyticsEngine(store: try storage.openExistingStore())
        let snapshot = engine.snapshot
        let query = try makeQuery(snapshot)
        let result = try Cube.run(query, on: snapshot)
        let table = Self.table(result)
        switch format {
        case .table:
            print("\(query.period.lowerBound) .. \(query.period.upperBound), \(result.rows.count) rows")
            print(KPI.textTable(table).text)
            print("total: " + zip(result.measures, result.total).map { "\($0.rawValue) \($1.text ?? "-")" }.joined(separator: ", "))
        case .csv: print(KPICSV.render(table), terminator: "")
        case .json: print(try Self.json(result))
        }
    }

    private func makeQuery(_ snapshot: FactSnapshot) throws -> CubeQuery {
        let measures = try measures.flatMap { $0.split(separator: ",") }.map { name in
            guard let measure = Measure(rawValue: String(name)) else {
                throw ValidationError("unknown measure '\(name)'; known: \(Measure.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return measure
        }
        let dimensions = try dimensions.flatMap { $0.split(separator: ",") }.map { try CubeDimension(parsing: String($0)) }
        var filterValues: [CubeDimension: [String]] = [:]
        for filter in filters {
            let parts = filter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw ValidationError("--filter '\(filter)': write DIMENSION=CODE[,CODE...]") }
            filterValues[try CubeDimension(parsing: String(parts[0])), default: []] += parts[1].split(separator: ",").map(String.init)
        }
        let lastDay = snapshot.orders.days?.upperBound ?? snapshot.clock.day(of: Instant(Date())).daysSinceEpoch
        let end = try to.map { try day($0, "--to") } ?? CalendarDay(daysSinceEpoch: lastDay)
        let start = try from.map { try day($0, "--from") } ?? end.adding(days: -364)
        guard start <= end else { throw ValidationError("--from \(start) is after --to \(end)") }
        var comparison: CubeQuery.Comparison?
        if let compare {
            guard let value = CubeQuery.Comparison(rawValue: compare) else {
                throw ValidationError("--compare must be previous or year, not '\(compare)'")
            }
            comparison = value
        }
        var top: CubeQuery.Top?
        if self.top != nil || bottom != nil {
            guard self.top == nil || bottom == nil else { throw ValidationError("give --top or --bottom, not both") }
            let measure = try rankBy.map { name in
                guard let measure = Measure(rawValue: name) else { throw ValidationError("unknown --rank-by measure '\(name)'") }
                return measure
            } ?? measures.first ?? .netSales
            top = CubeQuery.Top(count: self.top ?? bottom ?? 10, measure: measure, descending: self.top != nil)
        }
        return CubeQuery(
            measures: measures, dimensions: dimensions, filters: filterValues,
            partnerScope: scope.map { $0.split(separator: ",").map(String.init) }, period: start...end,
            comparison: comparison, top: top)
    }

    private func day(_ text: String, _ option: String) throws -> CalendarDay {
        do { return try CalendarDay(parsing: text) } catch { throw ValidationError("\(option) '\(text)' \(error)") }
    }

    /// The result as one table: dimension codes, then each measure (with previous and change when compared).
    static func table(_ result: CubeResult) -> KPITable {
        var columns = result.dimensions.map(\.name)
        let compared = result.rows.contains { $0.previous != nil }
        for measure in result.measures {
            columns.append(measure.rawValue)
            if compared { columns += ["\(measure.rawValue)_previous", "\(measure.rawValue)_change"] }
        }
        let rows = result.rows.map { row -> [KPIValue] in
            var cells = row.keys.map { KPIValue.text($0.code) }
            for m in result.measures.indices {
                cells.append(row.values[m])
                if compared {
                    cells.append(row.previous?[m] ?? .null)
                    cells.append(row.change?[m].map { .real($0, places: 6) } ?? .null)
                }
            }
            return cells
        }
        return KPITable(columns: columns, rows: rows)
    }

    static func json(_ result: CubeResult) throws -> String {
        struct Key: Encodable { var code: String; var label: String }
        struct Row: Encodable { var keys: [Key]; var values: [String?]; var previous: [String?]?; var change: [Double?]? }
        struct Document: Encodable { var dimensions: [String]; var measures: [String]; var rows: [Row]; var total: [String?] }
        let document = Document(
            dimensions: result.dimensions.map(\.name), measures: result.measures.map(\.rawValue),
            rows: result.rows.map { row in
                Row(
                    keys: row.keys.map { Key(code: $0.code, label: $0.label) }, values: row.values.map(\.text),
                    previous: row.previous?.map(\.text), change: row.change)
            }, total: result.total.map(\.text))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
