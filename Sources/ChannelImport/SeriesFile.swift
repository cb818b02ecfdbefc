public import ChannelCore
public import Foundation

/// A plain file of time series for the forecaster: CSV with the columns `series_id`, `date` (ISO `YYYY-MM-DD`) and
/// `value` (a number), in any order and any row order; other columns are ignored.
public struct SeriesFile: Sendable {
    /// One series, its dates ascending.
    public struct Series: Sendable {
        public var id: String
        public var dates: [CalendarDay]
        public var values: [Double]
    }

    /// In order of first appearance in the file.
    public var series: [Series]

    /// Reads and checks the file: a missing column, an unreadable date or number, or a date given twice in one
    /// series is an error naming the line (and the series).
    public static func read(_ url: URL) throws -> SeriesFile {
        let path = url.path
        var reader = try CSVReader(url: url)
        let header = reader.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw ImportError.file(path: path, reason: "no column `\(name)` (the header has: \(reader.header.joined(separator: ", ")))")
            }
            return index
        }
        let (idColumn, dateColumn, valueColumn) = (try column("series_id"), try column("date"), try column("value"))
        var positions: [String: Int] = [:]
        var rows: [[(CalendarDay, Double, Int)]] = []
        var ids: [String] = []
        // Files usually hold each series' rows together: the previous row's id is checked first, by its bytes.
        var lastID: [UInt8] = []
        var lastPosition = -1
        while let batch = try reader.nextBatch() {
            if let error = batch.errors.first { throw ImportError.file(path: path, reason: error.description) }
            for record in 0..<batch.count {
                let line = batch.line(record)
                guard let date = batch.withField(record, dateColumn, { CalendarDay.parseISO($0) }) else {
                    throw ImportError.file(
                        path: path, reason: "line \(line): date `\(batch.string(record, dateColumn))` is not an ISO date (YYYY-MM-DD)")
                }
                guard let value = batch.withField(record, valueColumn, Self.number) else {
                    throw ImportError.file(path: path, reason: "line \(line): value `\(batch.string(record, valueColumn))` is not a number")
                }
                let sameAsLast = lastPosition >= 0 && batch.withField(record, idColumn) { $0.elementsEqual(lastID) }
                if !sameAsLast {
                    let id = batch.string(record, idColumn)
                    guard !id.isEmpty else { throw ImportError.file(path: path, reason: "line \(line): empty series_id") }
                    lastPosition = positions[id] ?? {
                        positions[id] = rows.count
                        rows.append([])
                        ids.append(id)
                        return rows.count - 1
                    }()
                    lastID = Array(id.utf8)
                }
                rows[lastPosition].append((date, value, line))
            }
        }
        var series: [Series] = []
        series.reserveCapacity(rows.count)
        for (index, observations) in rows.enumerated() {
            let sorted = observations.sorted { $0.0 < $1.0 }
            for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.0 == next.0 {
                throw ImportError.file(
                    path: path, reason: "line \(next.2): series \(ids[index]) has date \(next.0) twice (also on line \(previous.2))")
            }
            series.append(Series(id: ids[index], dates: sorted.map(\.0), values: sorted.map(\.1)))
        }
        return SeriesFile(series: series)
    }

    /// A finite decimal number, spaces around it allowed.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let text = String(decoding: bytes, as: UTF8.self)
        let value = Double(text) ?? Double(text.trimmingCharacters(in: .whitespaces))
        return value.flatMap { $0.isFinite ? $0 : nil }
    }
}
