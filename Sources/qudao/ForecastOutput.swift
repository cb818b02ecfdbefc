import ChannelAnalytics
import ChannelCore
import Foundation

/// The forecast file `qudao forecast` writes: one row per series and future date.
enum ForecastOutput {
    struct Series {
        var id: String
        /// The demand level of a database forecast; nil for a series file.
        var level: String?
        var last: CalendarDay?
        var frequency: SeriesFrequency
        var forecast: SeriesForecast

        func date(_ step: Int) -> String {
            guard let last else { return "" }
            return frequency.date(last, plus: step + 1).description
        }
    }

    /// `lo80` / `hi80` for level 0.8.
    static func boundNames(_ level: Double) -> (String, String) {
        let percent = Int((level * 100).rounded())
        return ("lo\(percent)", "hi\(percent)")
    }

    static func csv(_ rows: [Series], level: Double) -> String {
        let (low, high) = boundNames(level)
        let hasLevels = rows.contains { $0.level != nil }
        var text = "series_id,\(hasLevels ? "level," : "")date,forecast,\(low),\(high),model\n"
        for series in rows {
            let id = CSVField.quoted(series.id) + (hasLevels ? "," + (series.level ?? "") : "")
            let model = CSVField.quoted(series.forecast.model)
            for step in series.forecast.point.indices {
                text += "\(id),\(series.date(step)),\(number(series.forecast.point[step])),\(number(series.forecast.lower[step])),"
                text += "\(number(series.forecast.upper[step])),\(model)\n"
            }
        }
        return text
    }

    static func json(_ rows: [Series], level: Double) throws -> String {
        let (low, high) = boundNames(level)
        let document: [String: Any] = [
            "level": level,
            "series": rows.map { series in
                [
                    "series_id": series.id, "level": series.level ?? NSNull(), "model": series.forecast.model,
                    "forecast": series.forecast.point.indices.map { step in
                        [
                            "date": series.date(step), "forecast": series.forecast.point[step],
                            low: series.forecast.lower[step], high: series.forecast.upper[step],
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Six significant decimals at most, no trailing zeros.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
