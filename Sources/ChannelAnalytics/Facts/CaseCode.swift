public import ChannelCore

extension CodedValue {
    /// The position of this case in `allCases`: how the engine's columns store codes.
    public var caseCode: UInt8 { UInt8(truncatingIfNeeded: Self.allCases.firstIndex(of: self).map { Self.allCases.distance(from: Self.allCases.startIndex, to: $0) } ?? 255) }

    /// The case stored as `code`, nil for an unknown code.
    public init?(caseCode code: UInt8) {
        let cases = Array(Self.allCases)
        guard Int(code) < cases.count else { return nil }
        self = cases[Int(code)]
    }
}

/// Order status codes the kernels test against.
enum StatusCode {
    static let delivered = OrderStatus.delivered.caseCode
    static let cancelled = OrderStatus.cancelled.caseCode
    static let removed = OrderTable.removedStatus

    /// Live orders: not cancelled (and not removed).
    @inline(__always)
    static func isLive(_ code: UInt8) -> Bool { code != cancelled && code != removed }
}
