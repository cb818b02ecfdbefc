import Foundation
import Testing

@testable import ChannelDemo

@Suite struct CSVFileWriterTests {
    private func written(_ build: (inout CSVFileWriter) throws -> Void) throws -> String {
        let directory = try DemoFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = try CSVFileWriter(directory: directory, fileName: "t.csv", header: ["a", "b"])
        try build(&csv)
        try csv.finish()
        return try String(contentsOf: directory.appending(path: "t.csv"), encoding: .utf8)
    }

    @Test func quotesFieldsThatNeedIt() throws {
        let text = try written { csv in
            csv.field("Fast delivery, great quality")
            csv.comma()
            csv.field("Box marked \"fragile\"")
            try csv.endRow()
            csv.field("物流很快，包装完好")
            csv.comma()
            csv.field("")
            try csv.endRow()
        }
        #expect(text == "a,b\n\"Fast delivery, great quality\",\"Box marked \"\"fragile\"\"\"\n物流很快，包装完好,\n")
        let table = try CSVTable.parse(Array(text.utf8))
        #expect(table.rows[0] == ["Fast delivery, great quality", "Box marked \"fragile\""])
    }

    @Test func formatsNumbersDatesAndTimestamps() throws {
        let text = try written { csv in
            csv.fixed(12_345, scale: 2)
            csv.comma()
            csv.fixed(7, scale: 3)
            try csv.endRow()
            csv.id("SO", 42, width: 9)
            csv.comma()
            csv.int(-17)
            try csv.endRow()
            csv.date(0)
            csv.comma()
            csv.timestamp(729 * 86_400 + 8 * 3_600 + 15 * 60 + 9)
            try csv.endRow()
            csv.date(-1)
            csv.comma()
            csv.timestamp(DemoCalendar.now)
            try csv.endRow()
        }
        #expect(
            text == """
                a,b
                123.45,0.007
                SO000000042,-17
                2024-11-01,2026-10-31T08:15:09Z
                2024-10-31,2026-10-31T23:59:59Z

                """
        )
    }

    @Test func flushesLargeFilesCompletely() throws {
        let text = try written { csv in
            for index in 0..<50_000 {  // 1.3 MB: one flush and a tail
                csv.int(index)
                csv.comma()
                csv.ascii("xxxxxxxxxxxxxxxxxxxx")
                try csv.endRow()
            }
        }
        let newlines = text.utf8.withContiguousStorageIfAvailable { buffer in
            var count = 0
            for byte in buffer where byte == 0x0A { count += 1 }
            return count
        }
        #expect(newlines == 50_001)
        #expect(text.hasSuffix("\n49998,xxxxxxxxxxxxxxxxxxxx\n49999,xxxxxxxxxxxxxxxxxxxx\n"))
    }

    @Test func calendarMatchesKnownDates() {
        #expect(DemoCalendar.civil(0) == (2024, 11, 1))
        #expect(DemoCalendar.civil(729) == (2026, 10, 31))
        #expect(DemoCalendar.weekday(0) == 4)  // Friday
        #expect(DemoCalendar.civil(DemoCalendar.lastSnapshotDay) == (2026, 10, 25))
        #expect(DemoCalendar.springFestivals.contains(DemoCalendar.epochDay(year: 2025, month: 1, day: 29) - 20_028))
    }
}
