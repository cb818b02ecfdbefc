public import ChannelCore
import Foundation

/// Instants as the business reads them: the local date and time in the business time zone, to the minute.
public enum LocalTime {
    /// `2026-10-31 11:05` for `2026-10-31T03:05:00Z` in Shanghai; the text itself when it is not an ISO 8601
    /// instant; empty for nil.
    public static func text(_ iso8601: String?, calendar: BusinessCalendar = .shanghai) -> String {
        guard let iso8601, !iso8601.isEmpty else { return "" }
        guard let instant = try? Instant(iso8601: iso8601) else { return iso8601 }
        let day = calendar.day(containing: instant)
        let offset = Int64(calendar.timeZone.secondsFromGMT(for: instant.date)) * 1000
        let minuteOfDay = ((instant.millisecondsSinceEpoch + offset) % 86_400_000 + 86_400_000) % 86_400_000 / 60_000
        let (hour, minute) = (minuteOfDay / 60, minuteOfDay % 60)
        return "\(day) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }
}
