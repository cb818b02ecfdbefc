import ChannelCore
import Foundation
import Testing

@testable import ChannelImport

@Suite struct RegressorFileTests {
    func read(_ text: String) throws -> RegressorFile {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-drivers-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try RegressorFile.read(url)
    }

    func message(_ text: String) -> String {
        do {
            _ = try read(text)
            return "read without error"
        } catch {
            return "\(error)"
        }
    }

    @Test func seriesRowsOverrideSharedRowsAndEmptyCellsAreUnknown() throws {
        let file = try read("date,series_id,temperature,price\n2026-01-01,,12,\n2026-01-02,,14,9.5\n2026-01-02,tea,,8\n")
        #expect(file.names == ["temperature", "price"])
        let days = [CalendarDay(year: 2026, month: 1, day: 1)!, CalendarDay(year: 2026, month: 1, day: 2)!]
        #expect(try file.values(for: "tea", on: days, forecastFrom: 2) == [[12, 14], [nil, 8]])
        #expect(try file.values(for: "coffee", on: days, forecastFrom: 2) == [[12, 14], [nil, 9.5]])
        #expect(throws: ImportError.self) { try file.values(for: "coffee", on: days, forecastFrom: 0) }
    }

    @Test func badFilesNameTheLineAndTheReason() {
        #expect(message("day,price\n2026-01-01,3\n").contains("no column `date`"))
        #expect(message("date,series_id\n2026-01-01,a\n").contains("no driver columns"))
        #expect(message("date,price\n2026-01-01,3\n2026-13-01,4\n").contains("line 3: date `2026-13-01` is not an ISO date"))
        #expect(message("date,price\n2026-01-01,cheap\n").contains("line 2: price `cheap` is not a number"))
        #expect(message("date,series_id,price\n2026-01-01,a,3\n2026-01-01,a,4\n").contains("line 3: series a has date 2026-01-01 twice (also on line 2)"))
    }
}
