import ChannelCore
import Foundation

/// How `qudao backtest` prints runs and their series.
enum BacktestText {
    static func table(_ runs: [BacktestRun]) -> String {
        var table = TextTable(
            header: ["run", "ran at (UTC)", "subject", "method", "horizon", "origins", "series", "MASE", "RMSSE", "sMAPE %", "WAPE", "bias"])
        table.rightAligned = Set(4...11)
        for run in runs {
            let total = run.total
            table.rows.append([
                run.id.map(String.init) ?? "-", run.ranAt.description, run.subject, run.method, "\(run.horizon)",
                "\(run.origins)", "\(run.seriesCount)", number(total.mase), number(total.rmsse), number(total.smape),
                number(total.wape), number(total.bias),
            ])
        }
        return table.text
    }

    static func csv(_ series: [SeriesAccuracy]) -> String {
        var text = "series_id,model,mase,rmsse,smape,wape,bias,points\n"
        for item in series {
            let scores = item.accuracy
            text += [
                CSVField.quoted(item.seriesID), CSVField.quoted(item.model), number(scores.mase), number(scores.rmsse),
                number(scores.smape), number(scores.wape), number(scores.bias), "\(scores.points)",
            ].joined(separator: ",") + "\n"
        }
        return text
    }

    static func json(_ run: BacktestRun, _ series: [SeriesAccuracy]) throws -> String {
        struct Document: Encodable {
            var run: BacktestRun
            var series: [SeriesAccuracy]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(Document(run: run, series: series)), as: UTF8.self)
    }

    /// Four decimals; empty for an undefined measure.
    static func number(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "" }
}
