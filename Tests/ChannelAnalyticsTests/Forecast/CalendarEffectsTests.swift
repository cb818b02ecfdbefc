import ChannelCore
import Testing

@testable import ChannelAnalytics

@Suite struct CalendarEffectsTests {
    @Test func lunarNewYearFollowsTheLunarCalendar() throws {
        // Published dates of the Spring Festival.
        let expected = [2020: "2020-01-25", 2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06", 2030: "2030-02-03"]
        for (year, date) in expected {
            #expect(ChinaCalendar.lunarNewYear(year) == (try CalendarDay(parsing: date)))
        }
    }

    @Test func occurrencesMarkTheEventWindows() throws {
        let start = try CalendarDay(parsing: "2026-09-30")
        let days = ChinaCalendar.occurrences(from: start, count: 50)
        #expect(days[0] == .init(event: .goldenWeek, offset: -1))
        #expect(days[1] == .init(event: .goldenWeek, offset: 0))
        #expect(days[11] == nil)  // 11 October: after the window
        #expect(days[42] == .init(event: .double11, offset: 0))  // 11 November
    }

    @Test func effectsAreLearntAndApplied() throws {
        // Three years of 100 a day, doubled on each day of Golden Week (1–7 October) and halved on New Year's Eve of
        // the lunar calendar; the factors come back, and a forecast over the next Golden Week is doubled.
        let start = try CalendarDay(parsing: "2023-01-01")
        var values = [Double](repeating: 100, count: 3 * 365)
        for (index, occurrence) in ChinaCalendar.occurrences(from: start, count: values.count).enumerated() {
            if occurrence?.event == .goldenWeek, (0...6).contains(occurrence?.offset ?? -99) { values[index] = 200 }
            if occurrence == .init(event: .springFestival, offset: -1) { values[index] = 50 }
        }
        let effects = CalendarEffects(learningFrom: values, start: start)
        #expect(abs((effects.factors[.init(event: .goldenWeek, offset: 3)] ?? 0) - 2) < 1e-9)
        #expect(abs((effects.factors[.init(event: .goldenWeek, offset: 8)] ?? 0) - 1) < 1e-9)
        #expect(abs((effects.factors[.init(event: .springFestival, offset: -1)] ?? 0) - 0.5) < 1e-9)

        let lastDay = start.adding(days: values.count - 1)  // 2025-12-31
        let adjustment = CalendarAdjustment(effects: effects, from: start, through: lastDay.adding(days: 300))
        let forecaster = Forecaster(horizon: 300, seasonLength: 7)
        let forecast = try #require(forecaster.forecast(all: [(start, values)], method: .horizonLevel, calendar: adjustment).first)
        let goldenWeek = Int(try CalendarDay(parsing: "2026-10-03").daysSinceEpoch - lastDay.daysSinceEpoch) - 1
        #expect(abs(forecast.point[goldenWeek] - 200) < 1e-6)
        #expect(abs(forecast.point[goldenWeek - 20] - 100) < 1e-6)  // mid-September: an ordinary day
    }
}
