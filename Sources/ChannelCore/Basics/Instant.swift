public import Foundation

/// A point in time, UTC, in whole milliseconds since 1970-01-01T00:00:00Z.
public struct Instant: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

    public init(_ date: Date) { self.millisecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch }

    /// Parses ISO 8601 with a zone: `2025-03-04T08:15:00Z`, `2025-03-04 08:15:00.250+08:00`, `...+0800`.
    public init(iso8601 text: String) throws(FieldError) {
        var copy = text
        guard let value = copy.withUTF8({ Instant.parseISO8601($0) }) else {
            throw FieldError("is not an ISO 8601 timestamp with a zone (e.g. 2025-03-04T08:15:00Z)")
        }
        self = value
    }

    /// Fast ISO 8601 parser for the import hot path; nil when malformed or out of range.
    public static func parseISO8601(_ b: UnsafeBufferPointer<UInt8>) -> Instant? {
        guard b.count >= 19 else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let d = Int(b[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45, let day = digits(8, 2),
            b[10] == 84 || b[10] == 32 || b[10] == 116,
            let hour = digits(11, 2), b[13] == 58, let minute = digits(14, 2), b[16] == 58, let second = digits(17, 2),
            hour < 24, minute < 60, second < 60,
            let date = CalendarDay(year: year, month: month, day: day)
        else { return nil }
        var index = 19
        var millis = 0
        if index < b.count, b[index] == 46 {
            index += 1
            var scale = 100
            let start = index
            while index < b.count, b[index] >= 48, b[index] <= 57 {
                millis += Int(b[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }  // a zone is required: local times are ambiguous
        var offsetSeconds = 0
        if b[index] == 90 || b[index] == 122 {
            index += 1
        } else if b[index] == 43 || b[index] == 45 {
            let sign = b[index] == 45 ? -1 : 1
            index += 1
            guard index + 2 <= b.count, let oh = digits(index, 2) else { return nil }
            index += 2
            if index < b.count, b[index] == 58 { index += 1 }
            guard index + 2 <= b.count, let om = digits(index, 2) else { return nil }
            index += 2
            guard oh <= 18, om < 60 else { return nil }
            offsetSeconds = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard index == b.count else { return nil }
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return Instant(millisecondsSinceEpoch: seconds * 1000 + Int64(millis))
    }

    /// `2025-03-04T08:15:00Z` (milliseconds shown only when not zero).
    public var iso8601: String {
        let seconds = millisecondsSinceEpoch.floorDivided(by: 1000)
        let millis = millisecondsSinceEpoch - seconds * 1000
        let day = CalendarDay(daysSinceEpoch: Int32(seconds.floorDivided(by: 86_400)))
        let secondOfDay = Int(seconds - Int64(day.daysSinceEpoch) * 86_400)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = "\(day)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        if millis != 0 { text += "." + String(String(millis + 1000).dropFirst()) }
        return text + "Z"
    }

    public var description: String { iso8601 }
}

extension Int64 {
    /// Division rounding toward negative infinity (dates before 1970 stay on the right day).
    func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
