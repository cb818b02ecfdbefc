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
        case .json: print(try Self.json(result, period: query.period))
        }
    }

    private func makeQuery(_ snapshot: FactSnapshot) throws -> CubeQuery {
        var filterValues: [String: [String]] = [:]
        for filter in filters {
            let parts = filter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw ValidationError("--filter '\(filter)': write DIMENSION=CODE[,CODE...]") }
            filterValues[String(parts[0]), default: []] += parts[1].split(separator: ",").map(String.init)
        }
        guard self.top == nil || bottom == nil else { throw ValidationError("give --top or --bottom, not both") }
        let split = { (values: [String]) in values.flatMap { $0.split(separator: ",").map(String.init) } }
        let request = CubeRequest(
            measures: split(measures), dimensions: split(dimensions), filters: filterValues,
            scope: scope.map { split([$0]) }, from: from, to: to, compare: compare,
            top: (self.top ?? bottom).map { CubeRequest.Top(count: $0, measure: rankBy, descending: self.top != nil) })
        let lastDay = snapshot.orders.days?.upperBound ?? snapshot.clock.day(of: Instant(Date())).daysSinceEpoch
        do {
            return try request.query(lastDay: CalendarDay(daysSinceEpoch: lastDay))
        } catch {
            throw ValidationError(error.message)
        }
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

    static func json(_ result: CubeResult, period: ClosedRange<CalendarDay>) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(CubeDocument(result, period: period)), as: UTF8.self)
    }
}
