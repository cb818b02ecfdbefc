import ArgumentParser
import ChannelAnalytics
import ChannelCore
import ChannelStore
import Foundation

/// `qudao anomalies`: anomalous orders and lines of the database, each with why.
struct AnomaliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anomalies",
        abstract: "List anomalous orders and lines: quantity spikes, price deviations, suspended partners, duplicates.",
        discussion: """
            Quantities are judged against robust baselines per partner × SKU (falling back to the partner, then to \
            the SKU in the partner's tier and channel): median and spread on a log scale, flagged beyond robust z 5 \
            and 10× the median. Net unit prices are judged against the SKU's typical price in the tier and channel \
            (below 40% or above 250% of it, beyond robust z 3). Orders of suspended partners are flagged over the last \
            365 days of data (the data carries no suspension dates). Duplicates repeat an earlier order of the same \
            partner, outlet and day line for line within 10 minutes. Writes order_id, line_no (empty for a whole \
            order), kind, score (larger is more anomalous) and reason, by order and line.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    enum ReasonLanguage: String, ExpressibleByArgument, CaseIterable {
        case zh, en
    }

    @OptionGroup var storage: StorageOptions

    @Option(help: "Output format: csv or json.")
    var format: Format = .csv

    @Option(name: .customLong("lang"), help: "Language of the reasons: zh or en.")
    var language: ReasonLanguage = .zh

    @Option(
        name: .customLong("kind"),
        help: ArgumentHelp("Only these kinds (repeatable): \(AnomalyKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"),
        transform: choice)
    var kinds: [AnomalyKind] = []

    func run() throws {
        let store = try storage.openExistingStore()
        let engine = try AnalyticsEngine(store: store)
        let found = try AnomalyDetector().flags(in: engine.snapshot) { try store.orderIDs(rowIDs: $0) }
            .filter { kinds.isEmpty || kinds.contains($0.flag.kind) }
        let orderIDs = try store.orderIDs(rowIDs: Array(Set(found.map(\.rowID))))
        let rows = found.map { item in
            AnomalyRow(
                orderID: orderIDs[item.rowID] ?? "", lineNo: item.flag.lineNo, kind: item.flag.kind.rawValue,
                score: (item.flag.score * 100).rounded() / 100,
                reason: language == .zh ? item.flag.reason.chinese : item.flag.reason.english)
        }
        let text: String
        switch format {
        case .csv:
            text = "order_id,line_no,kind,score,reason\n" + rows.map { row in
                [CSVField.quoted(row.orderID), row.lineNo.map(String.init) ?? "", row.kind, ForecastOutput.number(row.score), CSVField.quoted(row.reason)]
                    .joined(separator: ",") + "\n"
            }.joined()
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            text = String(decoding: try encoder.encode(["anomalies": rows]), as: UTF8.self) + "\n"
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    struct AnomalyRow: Encodable {
        var orderID: String
        var lineNo: Int?
        var kind: String
        var score: Double
        var reason: String

        enum CodingKeys: String, CodingKey {
            case kind, score, reason
            case orderID = "order_id"
            case lineNo = "line_no"
        }
    }
}
