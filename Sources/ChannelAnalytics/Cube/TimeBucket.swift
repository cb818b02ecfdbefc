import ChannelCore

/// Calendar buckets of business days: days, ISO weeks (Monday first), months, quarters, years, numbered so that
/// consecutive buckets have consecutive numbers.
enum TimeBucket {
    /// The bucket number of `day` (days since 1970) for a time dimension.
    static func number(_ dimension: CubeDimension, day: Int32) -> Int32 {
        switch dimension {
        case .day: return day
        // 1970-01-01 was a Thursday: Monday-based week numbers count from the Monday before it.
        case .week: return (day + 3 >= 0 ? day + 3 : day - 3) / 7
        case .month: return monthNumber(ofDay: day)
        case .quarter: return monthNumber(ofDay: day) / 3
        case .year: return monthNumber(ofDay: day) / 12
        default: return 0
        }
    }

    /// The first and last day of bucket `number`.
    static func days(_ dimension: CubeDimension, number: Int32) -> ClosedRange<Int32> {
        switch dimension {
        case .week: return (number * 7 - 3)...(number * 7 + 3)
        case .month: return monthDays(number, count: 1)
        case .quarter: return monthDays(number * 3, count: 3)
        case .year: return monthDays(number * 12, count: 12)
        default: return number...number
        }
    }

    private static func monthDays(_ month: Int32, count: Int32) -> ClosedRange<Int32> {
        let first = firstDay(ofMonth: month)
        return first...(firstDay(ofMonth: month + count) - 1)
    }

    static func firstDay(ofMonth month: Int32) -> Int32 {
        let year = Int(month) / 12
        let m = Int(month) % 12 + 1
        return CalendarDay(year: year, month: m, day: 1)?.daysSinceEpoch ?? 0
    }

    /// `2026-10-31`, `2026-W44` (ISO week-numbering year), `2026-10`, `2026-Q4`, `2026`.
    static func label(_ dimension: CubeDimension, number: Int32) -> String {
        switch dimension {
        case .day: return CalendarDay(daysSinceEpoch: number).description
        case .week:
            let monday = number * 7 - 3
            // The ISO week belongs to the year of its Thursday; week 1 holds that year's first Thursday.
            let thursday = monday + 3
            let year = CalendarDay(daysSinceEpoch: thursday).components.year
            let january1 = CalendarDay(year: year, month: 1, day: 1)?.daysSinceEpoch ?? thursday
            let week = (thursday - january1) / 7 + 1
            return "\(year)-W\(week < 10 ? "0" : "")\(week)"
        case .month: return monthText(number)
        case .quarter: return "\(number / 4)-Q\(number % 4 + 1)"
        case .year: return String(number)
        default: return ""
        }
    }

    /// Shifts a bucket number by `months` calendar months (for year-over-year: 12), or by one bucket.
    static func shifted(_ dimension: CubeDimension, number: Int32, byMonths months: Int32) -> Int32 {
        switch dimension {
        case .month: return number - months
        case .quarter: return number - months / 3
        case .year: return number - months / 12
        case .day, .week:
            // Same calendar position a number of months earlier: shift the bucket's first day and re-bucket.
            let first = days(dimension, number: number).lowerBound
            let (y, m, d) = CalendarDay(daysSinceEpoch: first).components
            let target = Int32(y * 12 + m - 1) - months
            let targetDay = CalendarDay(
                year: Int(target) / 12, month: Int(target) % 12 + 1,
                day: min(d, CalendarDay.daysIn(month: Int(target) % 12 + 1, year: Int(target) / 12)))
            return Self.number(dimension, day: targetDay?.daysSinceEpoch ?? first)
        default: return number
        }
    }
}
