import Foundation

/// A flat forecast chosen for the error measure planners are scored on: the level `f` that would have given the
/// smallest root mean squared error over each of the recent windows as long as the horizon, summed over the windows
/// (minimising Σ_j √(mean over window j of (y − f)²)).
///
/// For lumpy demand this is not the mean: a window's error is dominated by its few large orders, and the root taken
/// per window rewards a level below the long-run mean, near what a typical window holds. The sum is convex in `f`
/// (each term is the root of a quadratic), so its minimum is found by bisection on the derivative. Window means and
/// variances come from prefix sums: every window costs O(1).
public enum HorizonLevel {
    /// At most this many windows, ending at each of the last periods.
    public static let maximumWindows = 365

    /// The level for `horizon`-long windows; the series' mean when it is shorter than the horizon.
    public static func level(_ values: [Double], horizon: Int) -> Double {
        let n = values.count
        guard n > 0 else { return 0 }
        let length = min(max(1, horizon), n)
        let windows = min(n - length + 1, maximumWindows)
        var sums = [0.0]
        var squares = [0.0]
        sums.reserveCapacity(n + 1)
        squares.reserveCapacity(n + 1)
        for value in values {
            sums.append(sums[sums.count - 1] + value)
            squares.append(squares[squares.count - 1] + value * value)
        }
        var means = [Double](repeating: 0, count: windows)
        var variances = [Double](repeating: 0, count: windows)
        for window in 0..<windows {
            let end = n - window
            let start = end - length
            let mean = (sums[end] - sums[start]) / Double(length)
            means[window] = mean
            variances[window] = max(0, (squares[end] - squares[start]) / Double(length) - mean * mean)
        }
        guard var low = means.min(), var high = means.max() else { return 0 }
        // d/df Σ √(v + (m − f)²) = Σ (f − m) / √(v + (m − f)²): rises with f, ≤ 0 at min(m), ≥ 0 at max(m).
        // A window of equal values forecast exactly has a kink there (|f − m|): `atKink` is its slope from the right.
        func slope(_ f: Double, atKink: Double = 0) -> Double {
            var total = 0.0
            for window in 0..<windows {
                let gap = f - means[window]
                let root = (variances[window] + gap * gap).squareRoot()
                total += root > 0 ? gap / root : atKink
            }
            return total
        }
        // The least window mean is the answer when the sum already rises from there (often 0 for sparse demand).
        if slope(low, atKink: 1) >= 0 { return low }
        // Bisection to a millionth of the range: far below what a forecast of demand needs.
        let tolerance = 1e-6 * max(high - low, 1e-9)
        while high - low > tolerance {
            let middle = (low + high) / 2
            if slope(middle) > 0 { high = middle } else { low = middle }
        }
        return (low + high) / 2
    }
}
