import ArgumentParser
import ChannelAnalytics
import ChannelCore
import Foundation

/// `qudao replenish`: suggested orders for every location × SKU of the latest stock snapshot.
struct ReplenishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replenish",
        abstract: "Suggest replenishment orders for every location and SKU of the latest stock snapshot.",
        discussion: """
            A location serves the province whose code ends its id (WH-440000 serves 440000); its demand is that \
            province's daily units of the SKU, forecast with the Chinese calendar effects. Safety stock covers demand \
            and lead-time variability over lead time + review period at the service level; the lead time is measured \
            per province (shipped to delivered, last 91 days) unless given. Orders are raised when the inventory \
            position (on hand + in transit) falls to the reorder point, up to the order-up-to level or the economic \
            order quantity (unit cost from the products, --order-cost, --holding-rate), rounded to --moq and \
            --pack-size. Every line carries its reason in Chinese and English. Output: CSV (default) or JSON.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @OptionGroup var storage: StorageOptions

    @Option(help: "Target cycle service level, between 0.5 and 0.999.")
    var serviceLevel = 0.95

    @Option(help: ArgumentHelp("Days between reviews (0: continuous review).", valueName: "days"))
    var reviewDays = 1.0

    @Option(help: ArgumentHelp("Lead time in days for every location (default: measured per province).", valueName: "days"))
    var leadTime: Double?

    @Option(help: ArgumentHelp("Standard deviation of the lead time in days (default: measured).", valueName: "days"))
    var leadTimeSD: Double?

    @Option(help: ArgumentHelp("Cost of placing one order, in yuan (for the economic order quantity).", valueName: "yuan"))
    var orderCost = 200.0

    @Option(help: ArgumentHelp("Yearly holding cost as a share of unit cost.", valueName: "rate"))
    var holdingRate = 0.25

    @Option(help: ArgumentHelp("Minimum order quantity in units.", valueName: "units"))
    var moq = 0.0

    @Option(help: ArgumentHelp("Orders are whole multiples of this many units.", valueName: "units"))
    var packSize = 1.0

    @Flag(help: "List only the lines with a suggested order.")
    var ordersOnly = false

    @Option(help: "Output format: csv or json.")
    var format: Format = .csv

    func validate() throws {
        guard (0.5...0.999).contains(serviceLevel) else { throw ValidationError("--service-level must be between 0.5 and 0.999, not \(serviceLevel)") }
        guard reviewDays >= 0 else { throw ValidationError("--review-days must not be negative") }
        if let leadTime, leadTime < 0 { throw ValidationError("--lead-time must not be negative") }
        if let leadTimeSD, leadTimeSD < 0 { throw ValidationError("--lead-time-sd must not be negative") }
        guard orderCost >= 0, holdingRate > 0 else { throw ValidationError("--order-cost must be ≥ 0 and --holding-rate > 0") }
        guard moq >= 0, packSize >= 1 else { throw ValidationError("--moq must be ≥ 0 and --pack-size ≥ 1") }
    }

    func run() throws {
        let engine = try AnalyticsEngine(store: try storage.openExistingStore())
        var settings = StockReplenishment.Settings()
        settings.serviceLevel = serviceLevel
        settings.reviewDays = reviewDays
        settings.leadTimeDays = leadTime
        settings.leadTimeStandardDeviationDays = leadTimeSD
        settings.orderingCost = orderCost
        settings.annualHoldingRate = holdingRate
        settings.minimumOrderQuantity = moq
        settings.packSize = packSize
        let rows = try StockReplenishment.run(on: engine.snapshot, settings: settings)
            .filter { !ordersOnly || $0.plan.order != nil }.map(ReplenishmentRow.init)
        let text = format == .csv ? Self.csv(rows) : try Self.json(rows)
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func csv(_ rows: [ReplenishmentRow]) -> String {
        ([ReplenishmentRow.columns] + rows.map { $0.fields(ForecastOutput.number) }).map {
            $0.map(CSVField.quoted).joined(separator: ",") + "\n"
        }.joined()
    }

    static func json(_ rows: [ReplenishmentRow]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        struct Document: Encodable { var lines: [ReplenishmentRow] }
        return String(decoding: try encoder.encode(Document(lines: rows)), as: UTF8.self) + "\n"
    }
}
