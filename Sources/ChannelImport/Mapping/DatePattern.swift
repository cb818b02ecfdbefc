import ChannelCore

/// A date/time layout such as `yyyy/MM/dd HH:mm:ss` or `yyyyMMdd`, parsed by hand.
///
/// Foundation's `DateFormatter` is slow, locale-sensitive and lenient; imports need a strict, fast reader
/// that says exactly what is wrong.
public struct DatePattern: Sendable, Equatable {
    enum Token: Equatable, Sendable {
        case year, month, day, hour, minute, second, millisecond
        case literal(UInt8)
        /// `M`, `d`, `H`: one or two digits.
        case flexible(Field)
        enum Field: Sendable { case month, day, hour }
    }

    let tokens: [Token]
    /// Whether the pattern has a time of day (else the value is a date only).
    public let hasTime: Bool

    /// Parses a pattern; nil when it has unknown letters or no year/month/day.
    public init?(_ pattern: String) {
        var tokens: [Token] = []
        let bytes = Array(pattern.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var run = 1
            while index + run < bytes.count, bytes[index + run] == byte { run += 1 }
            switch (byte, run) {
            case (UInt8(ascii: "y"), 4): tokens.append(.year)
            case (UInt8(ascii: "M"), 2): tokens.append(.month)
            case (UInt8(ascii: "M"), 1): tokens.append(.flexible(.month))
            case (UInt8(ascii: "d"), 2): tokens.append(.day)
            case (UInt8(ascii: "d"), 1): tokens.append(.flexible(.day))
            case (UInt8(ascii: "H"), 2): tokens.append(.hour)
            case (UInt8(ascii: "H"), 1): tokens.append(.flexible(.hour))
            case (UInt8(ascii: "m"), 2): tokens.append(.minute)
            case (UInt8(ascii: "s"), 2): tokens.append(.second)
            case (UInt8(ascii: "S"), 3): tokens.append(.millisecond)
            default:
                if (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) { return nil }
                for _ in 0..<run { tokens.append(.literal(byte)) }
            }
            index += run
        }
        let fields = Set(tokens.compactMap { token -> String? in
            switch token {
            case .year: "y"
            case .month, .flexible(.month): "M"
            case .day, .flexible(.day): "d"
            default: nil
            }
        })
        guard fields == ["y", "M", "d"] else { return nil }
        self.tokens = tokens
        self.hasTime = tokens.contains { $0 == .hour || $0 == .flexible(.hour) }
    }

    /// The date and the second and millisecond of the day written in `bytes`, or nil when they don't fit the pattern.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (day: CalendarDay, secondOfDay: Int, millisecond: Int)? {
        var index = 0
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0
        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maximum, index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
                count += 1
            }
            return count >= minimum ? value : nil
        }
        for token in tokens {
            switch token {
            case .year: guard let v = digits(4, 4) else { return nil }; year = v
            case .month: guard let v = digits(2, 2) else { return nil }; month = v
            case .day: guard let v = digits(2, 2) else { return nil }; day = v
            case .hour: guard let v = digits(2, 2) else { return nil }; hour = v
            case .minute: guard let v = digits(2, 2) else { return nil }; minute = v
            case .second: guard let v = digits(2, 2) else { return nil }; second = v
            case .millisecond: guard let v = digits(3, 3) else { return nil }; millisecond = v
            case .flexible(.month): guard let v = digits(1, 2) else { return nil }; month = v
            case .flexible(.day): guard let v = digits(1, 2) else { return nil }; day = v
            case .flexible(.hour): guard let v = digits(1, 2) else { return nil }; hour = v
            case .literal(let byte):
                guard index < bytes.count, bytes[index] == byte else { return nil }
                index += 1
            }
        }
        guard index == bytes.count, hour < 24, minute < 60, second < 60,
            let date = CalendarDay(year: year, month: month, day: day)
        else { return nil }
        return (date, hour * 3600 + minute * 60 + second, millisecond)
    }
}
