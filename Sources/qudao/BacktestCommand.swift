import ArgumentParser
import ChannelAnalytics
import ChannelCore
import ChannelImport
import ChannelStore
import Foundation

/// `qudao backtest`: rolling-origin evaluation of a forecasting method, stored so that accuracy can be followed over
/// time, and the stored runs.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest", abstract: "Measure forecast accuracy by rolling-origin evaluation, and list stored runs.",
        subcommands: [Run.self, History.self, Show.self], defaultSubcommand: Run.self)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    /// `qudao backtest run`: evaluates and (for the database) stores the run.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a forecasting method on the database's demand or a series file.",
            discussion: """
                Cuts every series at --origins points --step periods apart (the last cut --horizon periods before its \
                end), forecasts from the history before each cut and scores the forecast against what followed: MASE \
                (seasonal naive scale), RMSSE (M5), sMAPE (%), WAPE and bias (sum of forecast minus actual over the sum \
                of actuals), per series and in total. Database runs use the Chinese calendar effects, learnt from the \
                history before the earliest cut, and are saved in the database (--no-save to skip); file runs are saved \
                only with --save. Prints the totals (table), the scores per series (csv), or both (json).
                """)

        @OptionGroup var storage: StorageOptions
        @OptionGroup var series: SeriesOptions

        @Option(help: "Forecast origins per series.")
        var origins = 3

        @Option(help: ArgumentHelp("Periods between origins (default: --horizon).", valueName: "n"))
        var step: Int?

        @Flag(inversion: .prefixedNo, help: "Save the run in --db (default: for database runs).")
        var save: Bool?

        @Option(help: "Output: table (totals), csv (per series) or json.")
        var format: Format = .table

        func validate() throws {
            guard (1...100).contains(origins) else { throw ValidationError("--origins must be between 1 and 100, not \(origins)") }
            if let step, !(1...10_000).contains(step) { throw ValidationError("--step must be between 1 and 10000, not \(step)") }
        }

        func run() throws {
            let started = ContinuousClock.now
            var (run, scores) = try series.input.map(evaluateFile) ?? evaluateDatabase()
            if save ?? (series.input == nil) {
                run = try storage.openStore().saveBacktest(run, series: scores)
            }
            let seconds = (ContinuousClock.now - started) / .seconds(1)
            switch format {
            case .table:
                print(BacktestText.table([run]))
                print("\(run.seriesCount) series in \(String(format: "%.1f", seconds)) s" + (run.id.map { "; saved as run \($0)" } ?? ""))
            case .csv: print(BacktestText.csv(scores), terminator: "")
            case .json: print(try BacktestText.json(run, scores))
            }
        }

        private func backtest(seasonLength: Int) -> Backtest {
            Backtest(
                forecaster: Forecaster(horizon: series.horizon, seasonLength: seasonLength), method: series.method,
                origins: origins, step: step)
        }

        private func evaluateDatabase() throws -> (BacktestRun, [SeriesAccuracy]) {
            let engine = try AnalyticsEngine(store: try storage.openExistingStore())
            let history = try DemandHistory.load(from: engine.snapshot, level: series.level)
            let backtest = backtest(seasonLength: series.seasonLength ?? 7)
            return backtest.record(
                backtest.run(history), subject: series.level.description, ids: history.series.map(\.id), actor: "cli",
                at: Instant(Date()))
        }

        private func evaluateFile(_ input: String) throws -> (BacktestRun, [SeriesAccuracy]) {
            let (file, groups) = try series.readFile(input)
            guard groups.count == 1, let (spacing, members) = groups.first else {
                throw ValidationError("a backtest needs series of one spacing; give them in separate files (or --frequency)")
            }
            let backtest = backtest(seasonLength: series.seasonLength(for: spacing))
            let chosen = members.map { file.series[$0] }
            let result =
                series.calendar == .cn
                ? backtest.run(daily: chosen.compactMap { item in item.dates.first.map { ($0, item.values) } })
                : backtest.run(chosen.map(\.values))
            let subject = "file:" + URL(fileURLWithPath: input).lastPathComponent
            return backtest.record(result, subject: subject, ids: chosen.map(\.id), actor: "cli", at: Instant(Date()))
        }
    }

    /// `qudao backtest history`: stored runs, newest first.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored backtest runs, newest first.")

        @OptionGroup var storage: StorageOptions

        @Option(help: ArgumentHelp("Only runs of this subject (a level such as sku-province, or file:NAME).", valueName: "subject"))
        var subject: String?

        @Option(help: "Runs shown at most.")
        var limit = 20

        func run() throws {
            let runs = try storage.openExistingStore().backtests(subject: subject, limit: limit)
            print(runs.isEmpty ? "no backtests stored" : BacktestText.table(runs))
        }
    }

    /// `qudao backtest show`: one stored run's series.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one stored run's scores per series as CSV (or JSON).")

        @OptionGroup var storage: StorageOptions

        @Argument(help: "The run's id (see `qudao backtest history`).")
        var id: Int64

        @Option(help: "Output: csv or json.")
        var format: Format = .csv

        func run() throws {
            let (run, series) = try storage.openExistingStore().backtest(id)
            print(format == .json ? try BacktestText.json(run, series) : BacktestText.csv(series), terminator: format == .json ? "\n" : "")
        }
    }
}
