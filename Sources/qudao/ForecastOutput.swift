import ChannelAnalytics
import ChannelCore
import Foundation

/// The forecast file `qudao forecast` writes: one row per series and future date (CSV), or the API's document (JSON).
enum ForecastOutput {
    /// `lo80` / `hi80` for level 0.8.
    static func boundNames(_ level: Double) -> (String, String) {
        let percent = Int((level * 100).rounded())
        return ("lo\(percent)", "hi\(percent)")
    }

    static func csv(_ document: ForecastDocument) -> String {
        let (low, high) = boundNames(document.interval)
        let hasLevels = document.series.contains { $0.level != nil }
        var text = "series_id,\(hasLevels ? "level," : "")date,forecast,\(low),\(high),model\n"
        for series in document.series {
            let id = CSVField.quoted(series.seriesID) + (hasLevels ? "," + (series.level ?? "") : "")
            let model = CSVField.quoted(series.model)
            for point in series.points {
                text += "\(id),\(point.date),\(number(point.forecast)),\(number(point.lower)),\(number(point.upper)),\(model)\n"
            }
        }
        return text
    }

    static func json(_ document: ForecastDocument) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    /// Six significant decimals at most, no trailing zeros.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
