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

/// Codes the kernels test against, as literals so that reading them in a hot loop costs no lazy-initialization
/// check (a test holds them equal to the enums' `caseCode`).
enum StatusCode {
    static let delivered: UInt8 = 3
    static let cancelled: UInt8 = 5
    static let removed: UInt8 = 255

    /// Live orders: not cancelled (and not removed).
    @inline(__always)
    static func isLive(_ code: UInt8) -> Bool { code != cancelled && code != removed }
}

enum ChannelCode {
    static let online: UInt8 = 0
    static let offline: UInt8 = 1
}
