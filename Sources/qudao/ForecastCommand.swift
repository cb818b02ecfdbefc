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
        let nodes = try DemandForecast.run(
            history, forecaster: forecaster, method: series.method, reconciliation: reconcile, calendar: true)
        return try text(ForecastDocument(nodes, start: history.start, interval: coverage))
    }

    private func forecastFile(_ input: String) throws -> String {
        let (file, groups) = try series.readFile(input)
        var rows = [ForecastDocument.Series?](repeating: nil, count: file.series.count)
        for (spacing, members) in groups {
            let forecaster = Forecaster(horizon: series.horizon, seasonLength: series.seasonLength(for: spacing), level: coverage)
            let forecasts: [SeriesForecast]
            if series.calendar == .cn {
                let dated = members.compactMap { index in file.series[index].dates.first.map { (start: $0, values: file.series[index].values) } }
                let adjustment = CalendarAdjustment(learningFromTotalOf: dated, horizon: series.horizon)
                forecasts = adjustment.map { forecaster.forecast(all: dated, method: series.method, calendar: $0) } ?? []
            } else {
                forecasts = forecaster.forecast(all: members.map { file.series[$0].values }, method: series.method)
            }
            for (member, forecast) in zip(members, forecasts) {
                let item = file.series[member]
                rows[member] = ForecastDocument.Series(id: item.id, level: nil, last: item.dates.last, frequency: spacing, forecast: forecast)
            }
        }
        return try text(ForecastDocument(interval: coverage, series: rows.compactMap { $0 }))
    }

    private func text(_ document: ForecastDocument) throws -> String {
        format == .csv ? ForecastOutput.csv(document) : try ForecastOutput.json(document)
    }
}
