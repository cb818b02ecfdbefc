import ArgumentParser
import ChannelAnalytics
import ChannelCore
import ChannelImport
import Foundation

/// `qudao forecast`: forecasts the demand in the database by level, or every series of a plain series file.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast daily demand from the database by level, or the series of a CSV file, with prediction intervals.",
        discussion: """
            Without --input: daily units of live orders at --level (e.g. sku-province: one series per SKU and \
            province) over every day with orders, forecast --horizon days ahead with the Chinese calendar effects; \
            with --reconcile also every level above it (category, total; province, national), made coherent. \
            Writes series_id, level, date, forecast, lo80, hi80, model. \
            With --input: reads every series of the file (ISO dates; rows in any order), finds each series' spacing \
            (daily, weekly, monthly, quarterly or yearly) unless --frequency is given, and forecasts --horizon periods \
            after its last date. Writes series_id, date, forecast, lo80, hi80, model (the bounds named after --interval) \
            as CSV, or JSON. Series must have no missing dates. `--method auto` (the default) uses the horizon level for sparse \
            demand and otherwise the best of ETS (chosen by AICc), Theta and the horizon level in rolling-origin \
            validation; the other methods are applied as named. Forecasts and bounds of series without negative \
            values are never negative. Series run on every core.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @OptionGroup var storage: StorageOptions
    @OptionGroup var series: SeriesOptions

    @Option(
        help: ArgumentHelp("Database mode: also forecast every level above --level and make them coherent: \(DemandForecast.Reconciliation.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "method"),
        transform: choice)
    var reconcile: DemandForecast.Reconciliation?

    @Option(help: ArgumentHelp(
        "Outside drivers (weather, promotions, prices): CSV with date, optional series_id (empty: every series) and one numeric column per driver, covering the history and the days to forecast. Their effects are learnt from all series and applied; the effects learnt are reported on standard error.",
        valueName: "file"))
    var regressors: String?

    @Option(name: .customLong("interval"), help: "Coverage of the prediction interval, between 0.5 and 0.99.")
    var coverage = 0.8

    @Option(help: "Output format: csv or json.")
    var format: Format = .csv

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard (0.5...0.99).contains(coverage) else { throw ValidationError("--interval must be between 0.5 and 0.99, not \(coverage)") }
    }

    func run() throws {
        let text: String
        if let input = series.input {
            text = try forecastFile(input)
        } else {
            text = try forecastDatabase()
        }
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    private func forecastDatabase() throws -> String {
        let engine = try AnalyticsEngine(store: try storage.openExistingStore())
        let history = try DemandHistory.load(from: engine.snapshot, level: series.level)
        let forecaster = Forecaster(horizon: series.horizon, seasonLength: series.seasonLength ?? 7, level: coverage)
        let drivers = try regressors.map { path in
            let file = try RegressorFile.read(URL(fileURLWithPath: path))
            let days = history.series.first?.values.count ?? 0
            return DemandForecast.Drivers(names: file.names) { id, span in try file.values(for: id, on: span, forecastFrom: days) }
        }
        let (nodes, effects) = try DemandForecast.runWithEffects(
            history, forecaster: forecaster, method: series.method, reconciliation: reconcile, calendar: true, drivers: drivers)
        if let effects { report(effects, seriesCount: history.series.count) }
        return try text(ForecastDocument(nodes, start: history.start, interval: coverage))
    }

    private func forecastFile(_ input: String) throws -> String {
        let (file, groups) = try series.readFile(input)
        let drivers = try regressors.map { try RegressorFile.read(URL(fileURLWithPath: $0)) }
        var rows = [ForecastDocument.Series?](repeating: nil, count: file.series.count)
        for (spacing, members) in groups {
            let seasonLength = series.seasonLength(for: spacing)
            let forecaster = Forecaster(horizon: series.horizon, seasonLength: seasonLength, level: coverage)
            let chosen = members.map { file.series[$0] }
            var factors: [[Double]]?
            if series.calendar == .cn {
                let dated = chosen.compactMap { item in item.dates.first.map { (start: $0, values: item.values) } }
                factors = CalendarAdjustment(learningFromTotalOf: dated, horizon: series.horizon).map { adjustment in
                    dated.map { adjustment.factors(from: $0.start, count: $0.values.count + series.horizon) }
                }
            }
            if let drivers {
                let values = try chosen.map { item in
                    let last = item.dates.last ?? CalendarDay(daysSinceEpoch: 0)
                    let ahead = (1...series.horizon).map { spacing.date(last, plus: $0) }
                    return try drivers.values(for: item.id, on: item.dates + ahead, forecastFrom: item.dates.count)
                }
                let combined = RegressorEffects.combined(
                    names: drivers.names, series: chosen.map(\.values), drivers: values, base: factors, horizon: series.horizon,
                    radius: 2 * seasonLength)
                factors = combined.factors
                report(combined.effects, seriesCount: chosen.count)
            }
            let forecasts =
                factors.map { forecaster.forecast(all: chosen.map(\.values), method: series.method, factors: $0) }
                ?? forecaster.forecast(all: chosen.map(\.values), method: series.method)
            for (member, forecast) in zip(members, forecasts) {
                let item = file.series[member]
                rows[member] = ForecastDocument.Series(id: item.id, level: nil, last: item.dates.last, frequency: spacing, forecast: forecast)
            }
        }
        return try text(ForecastDocument(interval: coverage, series: rows.compactMap { $0 }))
    }

    /// Tells the planner what the drivers were found to do, on standard error.
    private func report(_ effects: RegressorEffects, seriesCount: Int) {
        let parts = effects.names.indices.map { index in
            let percent = effects.coefficients[index] * 100
            return "\(effects.names[index]) \(percent >= 0 ? "+" : "")\(String(format: "%.2f", percent))% per unit above \(String(format: "%.4g", effects.means[index]))"
        }
        FileHandle.standardError.write(Data("drivers learnt from \(seriesCount) series: \(parts.joined(separator: "; "))\n".utf8))
    }

    private func text(_ document: ForecastDocument) throws -> String {
        format == .csv ? ForecastOutput.csv(document) : try ForecastOutput.json(document)
    }
}
