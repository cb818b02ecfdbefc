public import ChannelCore

/// How far apart a series' dates are. Monthly and longer steps keep the day of the month (the last day of a shorter
/// month when the start day does not exist in it).
public enum SeriesFrequency: String, CaseIterable, Sendable, Codable {
    case daily, weekly, monthly, quarterly, yearly

    /// The usual season length: a week of days, a year of weeks, months or quarters; none for years.
    public var seasonLength: Int {
        switch self {
        case .daily: 7
        case .weekly: 52
        case .monthly: 12
        case .quarterly: 4
        case .yearly: 1
        }
    }

    private var months: Int? {
        switch self {
        case .daily, .weekly: nil
        case .monthly: 1
        case .quarterly: 3
        case .yearly: 12
        }
    }

    /// The date `steps` periods after `start`.
    public func date(_ start: CalendarDay, plus steps: Int) -> CalendarDay {
        guard let months else { return start.adding(days: steps * (self == .daily ? 1 : 7)) }
        let (year, month, day) = start.components
        let index = year * 12 + (month - 1) + steps * months
        let (newYear, newMonth) = (index / 12, index % 12 + 1)
        return CalendarDay(year: newYear, month: newMonth, day: min(day, CalendarDay.daysIn(month: newMonth, year: newYear)))
            ?? start
    }

    /// The frequency whose steps match every gap between the sorted, distinct `dates`; nil when none does (or
    /// with fewer than two dates).
    public static func detect(_ dates: [CalendarDay]) -> SeriesFrequency? {
        guard let first = dates.first, dates.count > 1 else { return nil }
        return allCases.first { frequency in
            dates.enumerated().allSatisfy { index, date in frequency.date(first, plus: index) == date }
        }
    }
}
