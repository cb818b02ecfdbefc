public import ChannelCore
public import Foundation

/// Outside drivers of demand for the forecaster (weather, promotions, prices): CSV with a `date` column (ISO
/// `YYYY-MM-DD`), an optional `series_id` column, and one column per driver holding numbers. A row without a series
/// id (or a file without the column) applies to every series; a row with one applies to that series and overrides
/// the shared row of the same date. An empty cell means "not known".
public struct RegressorFile: Sendable {
    /// Where the file was read from, for messages.
    public var path: String
    /// The drivers, in the file's column order.
    public var names: [String]
    /// Values per date for every series, then per series id; each row holds one optional value per driver.
    private var shared: [CalendarDay: [Double?]]
    private var bySeries: [String: [CalendarDay: [Double?]]]

    /// Reads and checks the file: a missing `date` column, no driver column, an unreadable date or number, or a date
    /// given twice for one series is an error naming the line.
    public static func read(_ url: URL) throws -> RegressorFile {
        let path = url.path
        var reader = try CSVReader(url: url)
        let header = reader.header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let dateColumn = header.firstIndex(where: { $0.lowercased() == "date" }) else {
            throw ImportError.file(path: path, reason: "no column `date` (the header has: \(reader.header.joined(separator: ", ")))")
        }
        let idColumn = header.firstIndex { $0.lowercased() == "series_id" }
        let driverColumns = header.indices.filter { $0 != dateColumn && $0 != idColumn }
        guard !driverColumns.isEmpty else {
            throw ImportError.file(path: path, reason: "no driver columns besides date and series_id")
        }
        var file = RegressorFile(path: path, names: driverColumns.map { header[$0] }, shared: [:], bySeries: [:])
        var seen: [String: [CalendarDay: Int]] = [:]
        while let batch = try reader.nextBatch() {
            if let error = batch.errors.first { throw ImportError.file(path: path, reason: error.description) }
            for record in 0..<batch.count {
                let line = batch.line(record)
                guard let date = batch.withField(record, dateColumn, { CalendarDay.parseISO($0) }) else {
                    throw ImportError.file(
                        path: path, reason: "line \(line): date `\(batch.string(record, dateColumn))` is not an ISO date (YYYY-MM-DD)")
                }
                let id = idColumn.map { batch.string(record, $0).trimmingCharacters(in: .whitespaces) } ?? ""
                if let earlier = seen[id]?[date] {
                    throw ImportError.file(
                        path: path,
                        reason: "line \(line): \(id.isEmpty ? "the shared drivers have" : "series \(id) has") date \(date) twice (also on line \(earlier))")
                }
                seen[id, default: [:]][date] = line
                let values = try driverColumns.map { column -> Double? in
                    let text = batch.string(record, column).trimmingCharacters(in: .whitespaces)
                    if text.isEmpty { return nil }
                    guard let value = Double(text), value.isFinite else {
                        throw ImportError.file(path: path, reason: "line \(line): \(header[column]) `\(text)` is not a number")
                    }
                    return value
                }
                if id.isEmpty {
                    file.shared[date] = values
                } else {
                    file.bySeries[id, default: [:]][date] = values
                }
            }
        }
        return file
    }

    /// Each driver's values for one series on `dates` (`[driver][position]`), nil where unknown. A driver the series
    /// has any value of must be known on every date from `dates[forecastFrom]` on (the periods to forecast): else the
    /// error names the series, the driver and the first date missing.
    public func values(for seriesID: String, on dates: [CalendarDay], forecastFrom: Int) throws -> [[Double?]] {
        let own = bySeries[seriesID]
        return try names.indices.map { driver in
            let values = dates.map { date in own?[date]?[driver] ?? shared[date]?[driver] }
            if values.contains(where: { $0 != nil }), let missing = values.indices.dropFirst(forecastFrom).first(where: { values[$0] == nil }) {
                throw ImportError.file(
                    path: path,
                    reason: "series \(seriesID): \(names[driver]) has no value for \(dates[missing]), which is to be forecast "
                        + "(give the drivers' planned or forecast values up to \(dates[dates.count - 1]))")
            }
            return values
        }
    }
}
