import Foundation
import Testing

@testable import ChannelCore

@Suite struct CalendarDayTests {
    @Test(arguments: [
        ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-01-01", 10_957), ("2024-02-29", 19_782),
        ("2024-03-01", 19_783), ("2026-10-31", 20_757), ("1900-01-01", -25_567), ("1600-03-01", -135_080),
        ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
    ] as [(String, Int32)])
    func daysSinceEpoch(_ text: String, days: Int32) throws {
        let day = try CalendarDay(parsing: text)
        #expect(day.daysSinceEpoch == days)
        #expect(day.description == text)
        #expect(CalendarDay(daysSinceEpoch: days).description == text)
    }

    @Test func componentsOfKnownDays() throws {
        let leapDay = try Fixture.day(2024, 2, 29)
        #expect(leapDay.components == (2024, 2, 29))
        #expect(CalendarDay(daysSinceEpoch: -1).components == (1969, 12, 31))
    }

    @Test(arguments: [
        (2023, 2, 29), (1900, 2, 29), (2024, 2, 30), (2024, 4, 31), (2024, 13, 1), (2024, 0, 1), (2024, 1, 0),
        (2024, 1, 32), (0, 1, 1), (10_000, 1, 1),
    ])
    func rejectsInvalidDates(year: Int, month: Int, day: Int) {
        #expect(CalendarDay(year: year, month: month, day: day) == nil)
    }

    @Test(arguments: [(2024, 2, 29), (2000, 2, 29), (2023, 2, 28), (2024, 4, 30), (1, 1, 1), (9999, 12, 31)])
    func acceptsValidDates(year: Int, month: Int, day: Int) throws {
        let date = try #require(CalendarDay(year: year, month: month, day: day))
        #expect(date.components == (year, month, day))
    }

    @Test(arguments: ["2024-2-29", "2024-02-29T", "24-02-29", "2024/02/29", "2024-02-3a", "", "2024-02-30", "0000-01-01", " 2024-02-29"])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: FieldError("is not a date in the form YYYY-MM-DD")) { try CalendarDay(parsing: text) }
    }

    /// Every 7919th day from 0001-01-01 to 9999-12-31 (and both ends) survives text and component round trips.
    @Test func roundTripsOverTheWholeRange() throws {
        let first: Int32 = -719_162
        let last: Int32 = 2_932_896
        var days = Set(stride(from: first, through: last, by: 7_919))
        days.insert(last)
        days.formUnion(-800...800)
        var previous: String?
        for raw in days.sorted() {
            let day = CalendarDay(daysSinceEpoch: raw)
            let text = day.description
            #expect(try CalendarDay(parsing: text) == day, "\(raw) -> \(text)")
            let (y, m, d) = day.components
            #expect(CalendarDay(year: y, month: m, day: d) == day, "\(raw) -> \(y)-\(m)-\(d)")
            // Text order is day order for four-digit years.
            if let previous { #expect(previous < text) }
            previous = text
        }
    }

    @Test func consecutiveDaysStepThroughMonthEnds() throws {
        var day = try Fixture.day(2023, 12, 30)
        var seen: [String] = []
        for _ in 0..<65 {
            seen.append(day.description)
            day = day.adding(days: 1)
        }
        #expect(seen.contains("2024-01-31") && seen.contains("2024-02-01") && seen.contains("2024-02-29"))
        #expect(seen.contains("2024-03-01") && !seen.contains("2024-02-30"))
        #expect(day == (try Fixture.day(2024, 3, 4)))
    }

    @Test(arguments: [(2, 2024, 29), (2, 2023, 28), (2, 2000, 29), (2, 1900, 28), (4, 2024, 30), (12, 2024, 31), (1, 2023, 31)])
    func daysInMonth(_ month: Int, year: Int, days: Int) {
        #expect(CalendarDay.daysIn(month: month, year: year) == days)
    }

    @Test func comparesAndAdds() throws {
        let day = try Fixture.day(2024, 2, 28)
        #expect(day < day.adding(days: 1))
        #expect(day.adding(days: 1).description == "2024-02-29")
        #expect(day.adding(days: -59).description == "2023-12-31")
    }

    @Test func codableAsText() throws {
        let data = try JSONEncoder().encode([try Fixture.day(2024, 2, 29)])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([CalendarDay].self, from: data) == [try Fixture.day(2024, 2, 29)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDay].self, from: Data(#"["2023-02-29"]"#.utf8)) }
    }
}

@Suite struct BusinessCalendarTests {
    let calendar = BusinessCalendar.shanghai

    @Test func shanghaiIsUTCPlusEight() {
        #expect(calendar.timeZone.secondsFromGMT(for: Instant(millisecondsSinceEpoch: 1_741_076_100_000).date) == 8 * 3_600)
    }

    @Test(arguments: [
        ("2024-02-28T15:59:59Z", "2024-02-28"),
        ("2024-02-28T15:59:59.999Z", "2024-02-28"),
        ("2024-02-28T16:00:00Z", "2024-02-29"),
        ("2024-02-29T15:59:59Z", "2024-02-29"),
        ("2024-02-29T16:00:00Z", "2024-03-01"),
        ("2026-10-31T15:59:59Z", "2026-10-31"),
        ("2026-10-31T16:00:00Z", "2026-11-01"),
        ("2026-10-31T23:59:59Z", "2026-11-01"),
        ("1969-12-31T15:59:59.999Z", "1969-12-31"),
        ("1969-12-31T16:00:00Z", "1970-01-01"),
        ("2025-03-05T00:15:00+08:00", "2025-03-05"),
    ])
    func businessDay(_ text: String, day: String) throws {
        #expect(calendar.day(containing: try Instant(iso8601: text)).description == day)
    }

    @Test func instantOfLocalMidnight() throws {
        let midnight = calendar.instant(day: try Fixture.day(2024, 2, 29), secondOfDay: 0)
        #expect(midnight.iso8601 == "2024-02-28T16:00:00Z")
        #expect(calendar.instant(day: try Fixture.day(2024, 2, 29), secondOfDay: 86_399, milliseconds: 999).iso8601 == "2024-02-29T15:59:59.999Z")
    }

    /// `instant(day:secondOfDay:)` inverts `day(containing:)` for every hour of a few years, in zones without DST (a DST fall-back hour has two instants).
    @Test(arguments: ["Asia/Shanghai", "UTC", "Asia/Kolkata"])
    func instantInvertsDay(_ zone: String) throws {
        let calendar = try BusinessCalendar(timeZoneIdentifier: zone)
        let start: Int64 = 1_700_000_000_123
        for hour in stride(from: Int64(0), to: 24 * 365 * 3, by: 7) {
            let instant = Instant(millisecondsSinceEpoch: start + hour * 3_600_000)
            let day = calendar.day(containing: instant)
            let local = instant.millisecondsSinceEpoch + Int64(calendar.timeZone.secondsFromGMT(for: instant.date)) * 1_000
            let millisecondOfDay = local - Int64(day.daysSinceEpoch) * 86_400_000
            #expect((0..<86_400_000).contains(millisecondOfDay))
            let back = calendar.instant(
                day: day, secondOfDay: Int(millisecondOfDay / 1_000), milliseconds: Int(millisecondOfDay % 1_000))
            #expect(back == instant, "\(zone) \(instant)")
        }
    }

    @Test func instantFollowsDaylightSavingTime() throws {
        let newYork = try BusinessCalendar(timeZoneIdentifier: "America/New_York")
        #expect(newYork.instant(day: try Fixture.day(2024, 1, 15), secondOfDay: 12 * 3_600).iso8601 == "2024-01-15T17:00:00Z")
        #expect(newYork.instant(day: try Fixture.day(2024, 7, 1), secondOfDay: 12 * 3_600).iso8601 == "2024-07-01T16:00:00Z")
    }

    @Test func rejectsUnknownZone() {
        #expect(throws: FieldError("is not a known IANA time zone")) { try BusinessCalendar(timeZoneIdentifier: "Mars/Olympus_Mons") }
    }
}
