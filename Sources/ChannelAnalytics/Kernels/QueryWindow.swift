public import ChannelCore

/// The as-of instant of a KPI question and the windows measured back from it.
///
/// "Last D days" are the instants in (T - D days, T]. The as-of date, against which outlets' opening and closing
/// dates are compared, is T's calendar date in UTC (the benchmark's convention: 2026-10-31T23:59:59Z -> 2026-10-31).
public struct QueryWindow: Sendable {
    public let asOf: Int64
    public let asOfDay: Int32

    public init(asOf: Instant) {
        self.asOf = asOf.millisecondsSinceEpoch
        let ms = asOf.millisecondsSinceEpoch
        asOfDay = Int32((ms >= 0 ? ms : ms - BusinessClock.millisecondsPerDay + 1) / BusinessClock.millisecondsPerDay)
    }

    /// The first instant after the start of the last `days` days: a time t is inside when `start(days) <= t <= asOf`.
    public func start(days: Int) -> Int64 { asOf - Int64(days) * BusinessClock.millisecondsPerDay + 1 }
}

/// `year * 12 + month - 1` of a day since 1970: months as consecutive integers.
@inline(__always)
func monthNumber(ofDay day: Int32) -> Int32 {
    let (y, m, _) = CalendarDay(daysSinceEpoch: day).components
    return Int32(y * 12 + m - 1)
}

/// `YYYY-MM` of a month number.
func monthText(_ month: Int32) -> String {
    let y = Int(month) / 12
    let m = Int(month) % 12 + 1
    return "\(y)-\(m < 10 ? "0" : "")\(m)"
}
