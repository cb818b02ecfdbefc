extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// The duration in whole nanoseconds, saturating at `Int64.max` (AsyncHTTPClient's timeouts are nanoseconds).
    var nanoseconds: Int64 {
        let (seconds, overflow) = components.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : seconds.addingReportingOverflow(components.attoseconds / 1_000_000_000).partialValue
    }

    /// The duration in whole milliseconds, rounded down and saturating at `Int64.max` (the store keeps milliseconds).
    var milliseconds: Int64 {
        let (whole, overflow) = components.seconds.multipliedReportingOverflow(by: 1_000)
        return overflow ? .max : whole.addingReportingOverflow(components.attoseconds / 1_000_000_000_000_000).partialValue
    }
}
