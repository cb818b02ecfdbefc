public import Foundation

/// Turns instants into business dates in the company's configured time zone (default Asia/Shanghai).
public struct BusinessCalendar: Sendable, Hashable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// Looks a zone up by its IANA name, e.g. `Asia/Shanghai`.
    public init(timeZoneIdentifier: String) throws(FieldError) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else {
            throw FieldError("is not a known IANA time zone")
        }
        self.timeZone = zone
    }

    /// China Standard Time, the default for Qudao's users.
    public static let shanghai = BusinessCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt)

    /// The business date that contains `instant`.
    public func day(containing instant: Instant) -> CalendarDay {
        let offset = Int64(timeZone.secondsFromGMT(for: instant.date)) * 1000
        let local = instant.millisecondsSinceEpoch + offset
        return CalendarDay(daysSinceEpoch: Int32(local.floorDivided(by: 86_400_000)))
    }

    /// The instant at which a local wall-clock time occurs (for sources that write local times).
    public func instant(day: CalendarDay, secondOfDay: Int, milliseconds: Int = 0) -> Instant {
        let naive = (Int64(day.daysSinceEpoch) * 86_400 + Int64(secondOfDay)) * 1000 + Int64(milliseconds)
        // Two passes settle the offset across a DST change; China has none, other zones may.
        var offset = Int64(timeZone.secondsFromGMT(for: Instant(millisecondsSinceEpoch: naive).date)) * 1000
        offset = Int64(timeZone.secondsFromGMT(for: Instant(millisecondsSinceEpoch: naive - offset).date)) * 1000
        return Instant(millisecondsSinceEpoch: naive - offset)
    }
}
