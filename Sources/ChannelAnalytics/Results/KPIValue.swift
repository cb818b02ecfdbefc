import Foundation

/// One cell of a KPI result: exact decimals stay exact, ratios are doubles shown with a fixed number of places.
public enum KPIValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    /// `units x 10^-scale`, already rounded to `scale` places.
    case decimal(Int128, scale: Int)
    /// An exact sum, `units x 10^-scale`, shown rounded (half away from zero) to `places`: slices of it add up to
    /// their total exactly, and only the display is rounded.
    case exact(Int128, scale: Int, places: Int)
    /// A ratio or mean, shown rounded to `places` decimals.
    case real(Double, places: Int)
    case null

    /// The value as text (nil for `null`): decimals and reals with their fixed places, `.` as decimal point.
    public var text: String? {
        switch self {
        case .text(let s): s
        case .integer(let v): String(v)
        case .decimal(let units, let scale): Exact.text(units, scale: scale)
        case .exact(let units, let scale, let places):
            Exact.text(Exact.divideRounded(units, by: Exact.pow10(scale - places)), scale: places)
        case .real(let v, let places): v.isFinite ? String(format: "%.\(places)f", v) : nil
        case .null: nil
        }
    }

    /// A real rounded half away from zero to `places` (as SQL's ROUND), for ordering by a shown value.
    public static func rounded(_ v: Double, places: Int) -> Double {
        let factor = Foundation.pow(10.0, Double(places))
        return (v * factor).rounded(.toNearestOrAwayFromZero) / factor
    }
}

/// A KPI result: named columns and rows of values, in the order the KPI defines.
public struct KPITable: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[KPIValue]]

    public init(columns: [String], rows: [[KPIValue]] = []) {
        self.columns = columns
        self.rows = rows
    }
}
