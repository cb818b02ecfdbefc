/// The unit lateness is charged in: every started hour or every started day (24 hours) counts in full.
public enum LatenessUnit: String, CodedValue {
    /// Per started hour.
    case hour
    /// Per started day of 24 hours.
    case day

    /// The unit's length in milliseconds.
    public var milliseconds: Int64 {
        switch self {
        case .hour: 3_600_000
        case .day: 86_400_000
        }
    }

    /// `小时` / `天`.
    var chineseName: String {
        switch self {
        case .hour: "小时"
        case .day: "天"
        }
    }

    /// `h` / `d`.
    var englishSymbol: String {
        switch self {
        case .hour: "h"
        case .day: "d"
        }
    }
}
