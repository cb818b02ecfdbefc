import ChannelCore

/// The twelve whole months up to the month of a day: their first day and their labels (`2026-01`), as the cube's
/// month dimension writes them.
struct TwelveMonths {
    let start: CalendarDay
    let labels: [String]

    init(endingWith last: CalendarDay) {
        let (year, month, _) = last.components
        let first = (year * 12 + month - 1) - 11
        start = CalendarDay(year: first / 12, month: first % 12 + 1, day: 1) ?? last.adding(days: -364)
        labels = (0..<12).map { offset in
            let (y, m) = ((first + offset) / 12, (first + offset) % 12 + 1)
            return "\(y)-\(m < 10 ? "0" : "")\(m)"
        }
    }
}
