/// Civil-date arithmetic for the demo window, without Foundation's `Calendar` (fast and fixed).
///
/// Days are counted from the first day of the window, 2024-11-01, and timestamps are seconds
/// since 2024-11-01T00:00:00Z. That instant is 08:00 in China (UTC+8), so a timestamp
/// `day * 86_400 + s` with `s` in `0..<57_600` falls on business date `day` between 08:00 and 24:00.
enum DemoCalendar {
    /// Number of days in the window (2024-11-01 ... 2026-10-31).
    static let windowDays = 730
    /// Seconds in a day.
    static let secondsPerDay = 86_400
    /// "Now" in the data: 2026-10-31T23:59:59Z, as seconds since the window start.
    static let now = windowDays * secondsPerDay - 1
    /// Days from 1970-01-01 to 2024-11-01.
    static let startEpochDay = epochDay(year: 2024, month: 11, day: 1)
    /// The day (window-relative) of the last Sunday on or before 2026-10-31.
    static let lastSnapshotDay: Int = {
        var day = windowDays - 1
        while weekday(day) != 6 { day -= 1 }
        return day
    }()

    /// First day (window-relative) in ``dateTable``: early enough for every join and launch date.
    static let dateTableFirstDay = -2_500
    /// `YYYY-MM-DD` as ASCII for days `dateTableFirstDay ..< dateTableFirstDay + 3_600`, 10 bytes each.
    static let dateTable: [UInt8] = {
        var table: [UInt8] = []
        table.reserveCapacity(36_000)
        for day in dateTableFirstDay..<(dateTableFirstDay + 3_600) {
            let date = civil(day)
            let digits = [
                date.year / 1_000 % 10, date.year / 100 % 10, date.year / 10 % 10, date.year % 10,
                -3, date.month / 10, date.month % 10, -3, date.day / 10, date.day % 10,
            ]
            table.append(contentsOf: digits.map { UInt8(truncatingIfNeeded: 0x30 + $0) })
        }
        return table
    }()

    /// Chinese New Year's days near the window (window-relative).
    static let springFestivals: [Int] = [
        (2024, 2, 10), (2025, 1, 29), (2026, 2, 17), (2027, 2, 6),
    ].map { epochDay(year: $0.0, month: $0.1, day: $0.2) - startEpochDay }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func epochDay(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a window-relative day.
    static func civil(_ day: Int) -> (year: Int, month: Int, day: Int) {
        let z = day + startEpochDay + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, dayOfMonth)
    }

    /// A window-relative day as `YYYY-MM-DD`.
    static func isoDate(_ day: Int) -> String {
        let date = civil(day)
        let month = date.month < 10 ? "0\(date.month)" : "\(date.month)"
        let dayOfMonth = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        return "\(date.year)-\(month)-\(dayOfMonth)"
    }

    /// Weekday of a window-relative day: 0 = Monday ... 6 = Sunday.
    static func weekday(_ day: Int) -> Int {
        // 1970-01-01 was a Thursday (3).
        let value = (day + startEpochDay + 3) % 7
        return value < 0 ? value + 7 : value
    }

    /// Day of the year, 1-based.
    static func dayOfYear(_ day: Int) -> Int {
        let date = civil(day)
        return day + startEpochDay - epochDay(year: date.year, month: 1, day: 1) + 1
    }

    /// Floor division of a timestamp into its window-relative day.
    static func dayOf(seconds: Int) -> Int {
        seconds >= 0 ? seconds / secondsPerDay : -((-seconds + secondsPerDay - 1) / secondsPerDay)
    }
}
