extension Instant {
    /// The instant `milliseconds` later (earlier when negative), saturating at the ends of the range.
    func adding(milliseconds: Int64) -> Instant {
        let (sum, overflow) = millisecondsSinceEpoch.addingReportingOverflow(milliseconds)
        guard !overflow else { return Instant(millisecondsSinceEpoch: milliseconds > 0 ? .max : .min) }
        return Instant(millisecondsSinceEpoch: sum)
    }

    /// The instant `duration` later.
    func adding(_ duration: RuleDuration) -> Instant { adding(milliseconds: duration.milliseconds) }

    /// Milliseconds from `other` to this instant (negative when this one is earlier), saturating.
    func milliseconds(since other: Instant) -> Int64 {
        let (difference, overflow) = millisecondsSinceEpoch.subtractingReportingOverflow(other.millisecondsSinceEpoch)
        guard !overflow else { return other.millisecondsSinceEpoch < 0 ? .max : .min }
        return difference
    }
}

extension RuleDuration {
    /// The length in milliseconds, saturating at the ends of the range.
    var milliseconds: Int64 {
        let (product, overflow) = Int64(seconds).multipliedReportingOverflow(by: 1_000)
        guard !overflow else { return seconds > 0 ? .max : .min }
        return product
    }
}
