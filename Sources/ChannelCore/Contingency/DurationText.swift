/// Lengths of time in explanations: `27 小时` / `27 h`, or with days `1 天 3 小时` / `1 d 3 h`, down to seconds.
enum DurationText {
    /// `milliseconds` in Chinese (`27 小时 5 分钟`, or `1 天 3 小时 5 分钟` with days as the largest unit); a part of a
    /// second counts as a whole second.
    static func chinese(milliseconds: Int64, largest: LatenessUnit = .hour) -> String {
        words(
            milliseconds: milliseconds,
            units: [("天", 86_400), ("小时", 3_600), ("分钟", 60), ("秒", 1)].filter { largest == .day || $0.1 < 86_400 })
    }

    /// `milliseconds` in English (`27 h 5 min`, or `1 d 3 h 5 min` with days as the largest unit); a part of a second
    /// counts as a whole second.
    static func english(milliseconds: Int64, largest: LatenessUnit = .hour) -> String {
        words(
            milliseconds: milliseconds,
            units: [("d", 86_400), ("h", 3_600), ("min", 60), ("s", 1)].filter { largest == .day || $0.1 < 86_400 })
    }

    private static func words(milliseconds: Int64, units: [(name: String, seconds: Int64)]) -> String {
        var seconds = milliseconds <= 0 ? 0 : (milliseconds - 1) / 1_000 + 1
        var parts: [String] = []
        for unit in units where seconds >= unit.seconds {
            parts.append("\(seconds / unit.seconds) \(unit.name)")
            seconds %= unit.seconds
        }
        return parts.isEmpty ? "0 \(units[units.count - 1].name)" : parts.joined(separator: " ")
    }
}
