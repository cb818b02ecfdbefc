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

    enum CalendarChoice: String, ExpressibleByArgument, CaseIterable {
        /// Spring Festival (lunar calendar), Golden Week, 618 and Double 11.
        case cn
    }

    @OptionGroup var storage: StorageOptions

    @Option(help: ArgumentHelp("A series file (CSV with columns series_id, date, value) to forecast instead of the database.", valueName: "file"))
    var input: String?

    @Option(
        help: ArgumentHelp("Database mode: the level, PRODUCT-GEOGRAPHY with PRODUCT sku, category or total and GEOGRAPHY city, province or national (default: sku-province).", valueName: "level"),
        transform: { text in
            guard let level = DemandLevel(text) else {
                throw ValidationError("`\(text)` is not a level; use one of \(DemandLevel.allNames.joined(separator: ", "))")
            }
            return level
        })
    var level = DemandLevel(product: .sku, geography: .province)

    @Option(
        help: ArgumentHelp("Database mode: also forecast every level above --level and make them coherent: \(DemandForecast.Reconciliation.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "method"),
        transform: choice)
    var reconcile: DemandForecast.Reconciliation?

    @Option(help: "Periods to forecast after each series' last date.")
    var horizon = 28

    @Option(help: ArgumentHelp("Periods in a season (default: 7 for daily, 52 weekly, 12 monthly, 4 quarterly, 1 yearly).", valueName: "m"))
    var seasonLength: Int?

    @Option(
        help: ArgumentHelp("Spacing of the dates: \(SeriesFrequency.allCases.map(\.rawValue).joined(separator: ", ")); detected per series by default.", valueName: "frequency"),
        transform: choice)
    var frequency: SeriesFrequency?

    @Option(
        help: ArgumentHelp("Method: \(ForecastMethod.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "method"),
        transform: choice)
    var method: ForecastMethod = .auto

    @Option(help: ArgumentHelp(
        "Calendar effects: `cn` learns the effects of the Spring Festival (lunar calendar), Golden Week, 618 and Double 11 from the total of all series and applies them (daily series only; off by default, since a file's dates may be placeholders).",
        valueName: "calendar"))
    var calendar: CalendarChoice?

    @Option(name: .customLong("interval"), help: "Coverage of the prediction interval, between 0.5 and 0.99.")
    var coverage = 0.8

    @Option(help: "Output format: csv or json.")
    var format: Format = .csv

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard (1...10_000).contains(horizon) else { throw ValidationError("--horizon must be between 1 and 10000, not \(horizon)") }
        if let seasonLength, !(1...1_000).contains(seasonLength) {
            throw ValidationError("--season-length must be between 1 and 1000, not \(seasonLength)")
        }
        guard (0.5...0.99).contains(coverage) else { throw ValidationError("--interval must be between 0.5 and 0.99, not \(coverage)") }
    }

    func run() throws {
        let text: String
        if let input {
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
        let history = try DemandHistory.load(from: engine.snapshot, level: level)
        let forecaster = Forecaster(horizon: horizon, seasonLength: seasonLength ?? 7, level: coverage)
        let nodes = try DemandForecast.run(history, forecaster: forecaster, method: method, reconciliation: reconcile, calendar: true)
        let rows = nodes.map { node in
            ForecastOutput.Series(
                id: node.series.id, level: node.level.description, last: history.start.adding(days: node.series.values.count - 1),
                frequency: .daily, forecast: node.forecast)
        }
        return format == .csv ? ForecastOutput.csv(rows, level: coverage) : try ForecastOutput.json(rows, level: coverage)
    }

    private func forecastFile(_ input: String) throws -> String {
        let file = try SeriesFile.read(URL(fileURLWithPath: input))
        let spacings = try file.series.map { series in try spacing(of: series) }
        var forecasts = [SeriesForecast?](repeating: nil, count: file.series.count)
        if calendar == .cn {
            guard spacings.allSatisfy({ $0 == .daily }) else {
                throw ValidationError("--calendar cn needs daily series; \(file.series[spacings.firstIndex { $0 != .daily } ?? 0].id) is not daily")
            }
            let results = forecastWithCalendar(file.series)
            for (index, result) in results.enumerated() { forecasts[index] = result }
        } else {
            // Series of one spacing share a forecaster (its season length).
            for spacing in Set(spacings) {
                let members = spacings.indices.filter { spacings[$0] == spacing }
                let forecaster = Forecaster(horizon: horizon, seasonLength: seasonLength ?? spacing.seasonLength, level: coverage)
                let results = forecaster.forecast(all: members.map { file.series[$0].values }, method: method)
                for (member, result) in zip(members, results) { forecasts[member] = result }
            }
        }
        let rows = zip(file.series, zip(spacings, forecasts)).compactMap { series, pair in
            pair.1.map { ForecastOutput.Series(id: series.id, level: nil, last: series.dates.last, frequency: pair.0, forecast: $0) }
        }
        return format == .csv ? ForecastOutput.csv(rows, level: coverage) : try ForecastOutput.json(rows, level: coverage)
    }

    /// Daily series with the calendar effects learnt from their total.
    private func forecastWithCalendar(_ series: [SeriesFile.Series]) -> [SeriesForecast] {
        let dated = series.compactMap { item in item.dates.first.map { (start: $0, values: item.values) } }
        guard let adjustment = CalendarAdjustment(learningFromTotalOf: dated, horizon: horizon) else { return [] }
        let forecaster = Forecaster(horizon: horizon, seasonLength: seasonLength ?? 7, level: coverage)
        return forecaster.forecast(all: dated, method: method, calendar: adjustment)
    }

    /// The series' spacing: the one given (checked), else the one its dates follow.
    private func spacing(of series: SeriesFile.Series) throws -> SeriesFrequency {
        guard let first = series.dates.first else { throw ValidationError("series \(series.id) has no rows") }
        if let frequency {
            for (index, date) in series.dates.enumerated() where frequency.date(first, plus: index) != date {
                throw ValidationError(
                    "series \(series.id): expected \(frequency.date(first, plus: index)) after \(series.dates[max(0, index - 1)]) "
                        + "for --frequency \(frequency.rawValue), found \(date) (fill missing dates, e.g. with 0)")
            }
            return frequency
        }
        if series.dates.count == 1 { return .daily }
        guard let detected = SeriesFrequency.detect(series.dates) else {
            throw ValidationError(
                "series \(series.id): its dates are not evenly daily, weekly, monthly, quarterly or yearly "
                    + "(a date missing?); fill the gaps or give --frequency")
        }
        return detected
    }
}


/// Parses a named choice of `T`, or says which names there are.
private func choice<T: RawRepresentable & CaseIterable>(_ text: String) throws -> T where T.RawValue == String {
    guard let value = T(rawValue: text) else {
        throw ValidationError("`\(text)` is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return value
}
