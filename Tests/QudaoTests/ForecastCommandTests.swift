import ChannelCore
import Foundation
import Testing

/// `qudao forecast --input` run as a separate process on small files.
@Suite struct ForecastCommandTests {
    func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try CrashTests.runQudao(arguments)
    }

    func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-series-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func forecastsEverySeriesAfterItsLastDate() throws {
        // A monthly series and a daily one, rows shuffled.
        var rows = ["series_id,date,value"]
        for month in 1...24 { rows.append("monthly,\(2024 + (month - 1) / 12)-\(String(format: "%02d", (month - 1) % 12 + 1))-01,\(100 + month)") }
        let march = try #require(CalendarDay(year: 2026, month: 3, day: 1))
        for day in 0..<60 { rows.append("daily,\(march.adding(days: day)),\(day % 7 == 6 ? 9 : 0)") }
        let url = try file(([rows[0]] + rows.dropFirst().reversed()).joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try run(["forecast", "--input", url.path, "--horizon", "3"])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "series_id,date,forecast,lo80,hi80,model")
        #expect(lines.filter { $0.hasPrefix("monthly,") }.map { $0.split(separator: ",")[1] } == ["2026-01-01", "2026-02-01", "2026-03-01"])
        #expect(lines.filter { $0.hasPrefix("daily,") }.map { $0.split(separator: ",")[1] } == ["2026-04-30", "2026-05-01", "2026-05-02"])
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",")
            let (point, low, high) = (Double(fields[2]) ?? -1, Double(fields[3]) ?? -1, Double(fields[4]) ?? -1)
            #expect(low <= point && point <= high && low >= 0, "\(line)")
        }
    }

    @Test func aBadValueNamesItsLine() throws {
        let url = try file("series_id,date,value\na,2026-01-01,3\na,2026-01-02,three\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try run(["forecast", "--input", url.path])
        #expect(result.status != 0)
        #expect(result.errors.contains("line 3: value `three` is not a number"), "\(result.errors)")
    }

    @Test func aMissingDateIsRefused() throws {
        let url = try file("series_id,date,value\na,2026-01-01,3\na,2026-01-02,4\na,2026-01-04,5\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try run(["forecast", "--input", url.path])
        #expect(result.status != 0)
        #expect(result.errors.contains("series a: its dates are not evenly"), "\(result.errors)")
    }

    @Test func aFileBacktestIsScoredSavedAndListed() throws {
        var rows = ["series_id,date,value"]
        let start = try #require(CalendarDay(year: 2026, month: 1, day: 1))
        for day in 0..<70 {
            rows.append("weekly-shape,\(start.adding(days: day)),\([10, 12, 11, 13, 30, 45, 20][day % 7] + day % 3)")
            rows.append("short,\(start.adding(days: day)),\(day < 3 ? 1 : 0)")
        }
        let url = try file(rows.joined(separator: "\n") + "\n")
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-backtest-\(UUID().uuidString).sqlite").path
        defer {
            try? FileManager.default.removeItem(at: url)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        }
        let csv = try run(["backtest", "--input", url.path, "--horizon", "7", "--method", "seasonal-naive", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.errors)")
        let lines = csv.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "series_id,model,mase,rmsse,smape,wape,bias,points")
        #expect(lines.contains { $0.hasPrefix("weekly-shape,SeasonalNaive,") && $0.hasSuffix(",21") }, "\(lines)")
        let saved = try run(["backtest", "--input", url.path, "--horizon", "7", "--save", "--db", db])
        #expect(saved.status == 0, "\(saved.errors)")
        #expect(saved.output.contains("saved as run 1"), "\(saved.output)")
        let history = try run(["backtest", "history", "--db", db])
        #expect(history.output.contains("file:\(url.lastPathComponent)"), "\(history.output)")
        let shown = try run(["backtest", "show", "1", "--db", db])
        #expect(shown.output.split(separator: "\n").count == 3, "\(shown.output)")
        let unknown = try run(["backtest", "show", "7", "--db", db])
        #expect(unknown.status != 0 && unknown.errors.contains("backtest 7 does not exist"), "\(unknown.errors)")
    }

    @Test func driversRaiseTheForecastOnPromotionDaysAndMustCoverTheHorizon() throws {
        let start = try #require(CalendarDay(year: 2026, month: 1, day: 1))
        var rows = ["series_id,date,value"]
        var drivers = ["date,series_id,promotion"]
        for day in 0..<140 {
            let promoted = day % 10 == 3
            rows.append("tea,\(start.adding(days: day)),\(promoted ? 20 : 10)")
            drivers.append("\(start.adding(days: day)),,\(promoted ? 1 : 0)")
        }
        for day in 140..<147 { drivers.append("\(start.adding(days: day)),,\(day == 143 ? 1 : 0)") }
        let series = try file(rows.joined(separator: "\n") + "\n")
        let complete = try file(drivers.joined(separator: "\n") + "\n")
        let short = try file(drivers.dropLast().joined(separator: "\n") + "\n")
        defer { for url in [series, complete, short] { try? FileManager.default.removeItem(at: url) } }
        let result = try run(["forecast", "--input", series.path, "--horizon", "7", "--method", "theta", "--regressors", complete.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("drivers learnt from 1 series: promotion +"), "\(result.errors)")
        let forecasts = result.output.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[2]) ?? 0 }
        #expect(forecasts.count == 7)
        #expect(forecasts[3] > 1.5 * forecasts[2], "\(forecasts)")
        let refused = try run(["forecast", "--input", series.path, "--horizon", "7", "--regressors", short.path])
        #expect(refused.status != 0)
        #expect(refused.errors.contains("series tea: promotion has no value for 2026-05-27, which is to be forecast"), "\(refused.errors)")
    }
}
