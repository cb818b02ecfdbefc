/// A calendar date without a time (a business date), e.g. the day an outlet opened.
///
/// Stored as days since 1970-01-01 so comparison and arithmetic are integer operations;
/// the civil-date conversions are Howard Hinnant's days-from-civil algorithm.
public struct CalendarDay: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let daysSinceEpoch: Int32

    public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

    /// A valid proleptic Gregorian date in years 1...9999, else nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDay.daysIn(month: month, year: year)
        else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        daysSinceEpoch = Int32(era * 146_097 + doe - 719_468)
    }

    /// Parses `YYYY-MM-DD`.
    public init(parsing text: String) throws(FieldError) {
        var copy = text
        guard let day = copy.withUTF8({ CalendarDay.parseISO($0) }) else {
            throw FieldError("is not a date in the form YYYY-MM-DD")
        }
        self = day
    }

    /// Fast `YYYY-MM-DD` parser; nil when malformed.
    public static func parseISO(_ b: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        var parts = [0, 0, 0]
        for (part, range) in [(0, 0..<4), (1, 5..<7), (2, 8..<10)] {
            for i in range {
                let d = Int(b[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                parts[part] = parts[part] * 10 + d
            }
        }
        return CalendarDay(year: parts[0], month: parts[1], day: parts[2])
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// (year, month, day) of this date.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(daysSinceEpoch) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(daysSinceEpoch: daysSinceEpoch + Int32(days)) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        guard (0...9999).contains(y) else {
            let year = String(y)
            return String(repeating: "0", count: max(0, 4 - year.count)) + year + (m < 10 ? "-0" : "-") + String(m)
                + (d < 10 ? "-0" : "-") + String(d)
        }
        // Ten ASCII digits and dashes written in place: imports and exports format millions of dates, and joining
        // formatted pieces cost several allocations each.
        return String(unsafeUninitializedCapacity: 10) { text in
            let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
            text[0] = zero + UInt8(y / 1000)
            text[1] = zero + UInt8(y / 100 % 10)
            text[2] = zero + UInt8(y / 10 % 10)
            text[3] = zero + UInt8(y % 10)
            text[4] = dash
            text[5] = zero + UInt8(m / 10)
            text[6] = zero + UInt8(m % 10)
            text[7] = dash
            text[8] = zero + UInt8(d / 10)
            text[9] = zero + UInt8(d % 10)
            return 10
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "date \(error.reason)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
