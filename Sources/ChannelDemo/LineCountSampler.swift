import Foundation

/// Draws the number of lines of an order, 1...8, with a requested mean.
///
/// The counts follow a geometric law truncated to 1...8, `P(k) ∝ q^(k-1)`: a ratio `q < 1`
/// gives the usual "many small orders" shape, `q > 1` the rarer big-basket shape of
/// distributors. The ratio for a mean is looked up in a table solved once at start, so
/// the mean is met exactly and the stream can end on exactly the requested line count.
struct LineCountSampler: Sendable {
    /// Most lines an order can have.
    static let maxLines = 8
    /// Table resolution: entry `i` is for the mean `1 + i / steps`.
    private static let steps = 100

    private let ratios: [Double]

    init() {
        // Walk log(q) upwards once: the mean grows monotonically with q, so each table entry
        // takes the first ratio whose mean reaches it (error below 0.01 with this step).
        var ratios: [Double] = []
        let top = (Self.maxLines - 1) * Self.steps
        var logRatio = -12.0
        var ratio = exp(logRatio)
        var currentMean = Self.mean(ratio: ratio)
        var index = 0
        while index <= top {
            let target = 1 + Double(index) / Double(Self.steps)
            while currentMean < target, logRatio < 12 {
                logRatio += 0.002
                ratio = exp(logRatio)
                currentMean = Self.mean(ratio: ratio)
            }
            ratios.append(ratio)
            index += 1
        }
        self.ratios = ratios
    }

    /// Mean of the truncated geometric law with ratio `q`.
    static func mean(ratio q: Double) -> Double {
        var weight = 1.0
        var total = 0.0
        var weighted = 0.0
        var count = 1
        while count <= maxLines {
            total += weight
            weighted += Double(count) * weight
            weight *= q
            count += 1
        }
        return weighted / total
    }

    /// A count in `1...8` whose expected value is `mean` (clamped to 1...8).
    func draw(mean: Double, random: inout DemoRandom) -> Int {
        let position = (mean - 1) * Double(Self.steps)
        let top = ratios.count - 1
        let index = position <= 0 ? 0 : position >= Double(top) ? top : Int(position.rounded())
        let ratio = ratios[index]
        var total = 0.0
        var weight = 1.0
        var count = 0
        while count < Self.maxLines {
            total += weight
            weight *= ratio
            count += 1
        }
        var target = random.unit() * total
        weight = 1.0
        count = 1
        while count < Self.maxLines, target >= weight {
            target -= weight
            weight *= ratio
            count += 1
        }
        return count
    }
}
