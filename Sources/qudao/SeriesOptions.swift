import ArgumentParser
import ChannelAnalytics
import ChannelCore
import ChannelImport
import Foundation

/// What to forecast and how, shared by `qudao forecast` and `qudao backtest`: the database's demand at a level, or
/// the series of a file; the horizon, season, spacing, method and calendar.
struct SeriesOptions: ParsableArguments {
    enum CalendarChoice: String, ExpressibleByArgument, CaseIterable {
        /// Spring Festival (lunar calendar), Golden Week, 618 and Double 11.
        case cn
    }

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
        "Calendar effects for a file: `cn` learns the effects of the Spring Festival (lunar calendar), Golden Week, 618 and Double 11 from the total of all series and applies them (daily series only; off by default, since a file's dates may be placeholders). Database forecasts always use them.",
        valueName: "calendar"))
    var calendar: CalendarChoice?

    func validate() throws {
        guard (1...10_000).contains(horizon) else { throw ValidationError("--horizon must be between 1 and 10000, not \(horizon)") }
        if let seasonLength, !(1...1_000).contains(seasonLength) {
            throw ValidationError("--season-length must be between 1 and 1000, not \(seasonLength)")
        }
    }

    /// A file's series grouped by spacing, each group with its indexes into the file's series. With `--calendar cn`
    /// every series must be daily.
    func readFile(_ input: String) throws -> (file: SeriesFile, groups: [(spacing: SeriesFrequency, members: [Int])]) {
        let file = try SeriesFile.read(URL(fileURLWithPath: input))
        let spacings = try file.series.map { series in try spacing(of: series) }
        if calendar == .cn, let other = spacings.firstIndex(where: { $0 != .daily }) {
            throw ValidationError("--calendar cn needs daily series; \(file.series[other].id) is not daily")
        }
        let groups = Set(spacings).sorted { $0.rawValue < $1.rawValue }.map { spacing in
            (spacing, spacings.indices.filter { spacings[$0] == spacing })
        }
        return (file, groups)
    }

    /// The season length of series of `spacing`: the one given, else the spacing's own.
    func seasonLength(for spacing: SeriesFrequency) -> Int { seasonLength ?? spacing.seasonLength }

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
func choice<T: RawRepresentable & CaseIterable>(_ text: String) throws -> T where T.RawValue == String {
    guard let value = T(rawValue: text) else {
        throw ValidationError("`\(text)` is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return value
}
