import ArgumentParser
import ChannelStore
import ChannelCore
import ChannelDemo
import ChannelImport
import Foundation

/// `qudao demo`: generates a realistic demo dataset and imports it.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a realistic demo dataset (deterministic) and import it into the database.",
        discussion: """
            Writes the DATASET.md layout (regions, partners, outlets, products, orders, order lines, shipments, \
            weekly stock, feedback, complaints) for two years ending 2026-10-31 into a temporary folder, imports it \
            with the regular importer, and prints what the database holds. Running it again changes nothing.
            """)

    @OptionGroup var storage: StorageOptions

    @Option(help: "Number of order lines to generate.")
    var lines = 200_000

    @Option(help: "Seed of the generator: the same seed and size give the same data.")
    var seed: UInt64 = 20_261_126

    func validate() throws {
        guard (1...50_000_000).contains(lines) else { throw ValidationError("--lines must be between 1 and 50,000,000") }
    }

    func run() throws {
        let (report, generated) = try DemoSetup.load(into: storage, lines: lines, seed: seed)
        let store = try storage.openStore()
        let counts = try store.rowCounts()
        var table = TextTable(header: ["table", "rows"], rightAligned: [1])
        for kind in EntityKind.allCases { table.rows.append([kind.name, ProgressDisplay.grouped(counts[kind] ?? 0)]) }
        print(table.text)
        if let span = try store.orderTimeSpan() {
            let calendar = BusinessCalendar.shanghai
            print("orders from \(calendar.day(containing: span.lowerBound)) to \(calendar.day(containing: span.upperBound)) (Asia/Shanghai)")
        }
        print(
            "generated in \(String(format: "%.1f", generated)) s, imported \(ProgressDisplay.grouped(report.totalRows)) rows in \(String(format: "%.1f", report.seconds)) s into \(storage.displayName)"
        )
    }
}
