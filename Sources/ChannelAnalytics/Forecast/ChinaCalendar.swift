public import ChannelCore
import Foundation

/// The Chinese holidays and shopping festivals that move demand, with the days around each that they affect.
///
/// The Spring Festival falls on the first day of the first lunar month; its Gregorian date comes from Foundation's
/// Chinese calendar (ICU), so no table of years has to be kept. The other events have fixed Gregorian dates.
public enum ChinaCalendar {
    public enum Event: String, CaseIterable, Sendable {
        /// Lunar New Year: stocking up in the weeks before, the holiday week after.
        case springFestival = "spring-festival"
        /// National Day holiday, 1–7 October.
        case goldenWeek = "golden-week"
        /// The mid-year online festival, 1–18 June.
        case festival618 = "618"
        /// Singles' Day, the largest online festival, building up to 11 November.
        case double11 = "double-11"

        /// Days before and after the anchor date the event affects.
        public var window: ClosedRange<Int> {
            switch self {
            case .springFestival: -21...14
            case .goldenWeek: -7...9
            case .festival618: -17...2
            case .double11: -10...2
            }
        }

        /// The event's anchor day in a Gregorian year; nil if it cannot be computed.
        public func anchor(in year: Int) -> CalendarDay? {
            switch self {
            case .springFestival: ChinaCalendar.lunarNewYear(year)
            case .goldenWeek: CalendarDay(year: year, month: 10, day: 1)
            case .festival618: CalendarDay(year: year, month: 6, day: 18)
            case .double11: CalendarDay(year: year, month: 11, day: 11)
            }
        }
    }

    /// The day an event affects, and how far it is from the event's anchor.
    public struct Occurrence: Hashable, Sendable {
        public var event: Event
        public var offset: Int
    }

    /// The events (with offsets) that affect each of `count` days from `start`. The windows of the events do not
    /// overlap, so a day has at most one.
    public static func occurrences(from start: CalendarDay, count: Int) -> [Occurrence?] {
        guard count > 0 else { return [] }
        let firstYear = start.components.year - 1
        let lastYear = start.adding(days: count - 1).components.year + 1
        var days = [Occurrence?](repeating: nil, count: count)
        for event in Event.allCases {
            for year in firstYear...lastYear {
                guard let anchor = event.anchor(in: year) else { continue }
                for offset in event.window {
                    let index = Int(anchor.daysSinceEpoch - start.daysSinceEpoch) + offset
                    if days.indices.contains(index) { days[index] = Occurrence(event: event, offset: offset) }
                }
            }
        }
        return days
    }

    /// The Gregorian date of the Lunar New Year in `year` (Beijing time).
    public static func lunarNewYear(_ year: Int) -> CalendarDay? {
        guard let zone = TimeZone(identifier: "Asia/Shanghai") else { return nil }
        var chinese = Calendar(identifier: .chinese)
        chinese.timeZone = zone
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        // 1 March always lies in the lunar year that began in the same Gregorian year.
        guard let march = gregorian.date(from: DateComponents(year: year, month: 3, day: 1)) else { return nil }
        let lunar = chinese.dateComponents([.era, .year], from: march)
        guard let newYear = chinese.date(from: DateComponents(era: lunar.era, year: lunar.year, month: 1, day: 1)) else { return nil }
        let parts = gregorian.dateComponents([.year, .month, .day], from: newYear)
        guard let y = parts.year, let m = parts.month, let d = parts.day else { return nil }
        return CalendarDay(year: y, month: m, day: d)
    }
}
