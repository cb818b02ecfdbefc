public import ChannelCore
import Foundation

/// Turns instants into business days of a calendar's time zone, fast enough for millions of orders.
///
/// `TimeZone` lookups cost about a microsecond each; the zone's UTC offsets change only at its transitions, so
/// the clock lists them once (1970 to 2100) and finds an instant's offset by binary search.
public struct BusinessClock: Sendable {
    public let calendar: BusinessCalendar
    /// Transition instants (ms) and the offset (ms) in force from each; the first entry starts at `Int64.min`.
    private let starts: [Int64]
    private let offsets: [Int64]

    public static let millisecondsPerDay: Int64 = 86_400_000

    public init(calendar: BusinessCalendar) {
        self.calendar = calendar
        let zone = calendar.timeZone
        var starts: [Int64] = [Int64.min]
        var offsets: [Int64] = [Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: 0))) * 1000]
        var at = Date(timeIntervalSince1970: 0)
        let end = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01
        while let next = zone.nextDaylightSavingTimeTransition(after: at), next < end {
            starts.append(Int64((next.timeIntervalSince1970 * 1000).rounded()))
            offsets.append(Int64(zone.secondsFromGMT(for: next)) * 1000)
            at = next
        }
        self.starts = starts
        self.offsets = offsets
    }

    /// The UTC offset in force at `milliseconds`.
    @inline(__always)
    public func offset(at milliseconds: Int64) -> Int64 {
        if starts.count == 1 || milliseconds >= starts[starts.count - 1] { return offsets[offsets.count - 1] }
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= milliseconds { low = mid } else { high = mid - 1 }
        }
        return offsets[low]
    }

    /// The business day (days since 1970) containing `milliseconds`.
    @inline(__always)
    public func day(of milliseconds: Int64) -> Int32 {
        let local = milliseconds + offset(at: milliseconds)
        let days = local >= 0 ? local / Self.millisecondsPerDay : (local - Self.millisecondsPerDay + 1) / Self.millisecondsPerDay
        return Int32(truncatingIfNeeded: days)
    }

    /// The first instant (ms) of business day `day`.
    public func start(ofDay day: Int32) -> Int64 {
        let local = Int64(day) * Self.millisecondsPerDay
        return local - offset(at: local - offset(at: local))
    }

    public func day(of instant: Instant) -> CalendarDay { CalendarDay(daysSinceEpoch: day(of: instant.millisecondsSinceEpoch)) }
}
