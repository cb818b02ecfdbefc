/// The demand pattern of a series by the Syntetos–Boylan–Croston scheme: the average interval between non-zero
/// demands (ADI) against 1.32 and the squared coefficient of variation of the non-zero sizes (CV²) against 0.49.
public enum DemandClass: String, Sendable, CaseIterable {
    /// Regular demand of regular size.
    case smooth
    /// Regular demand of irregular size.
    case erratic
    /// Demand on few periods, of regular size.
    case intermittent
    /// Demand on few periods, of irregular size.
    case lumpy

    /// Whether demand comes on few periods (the methods for sparse series apply).
    public var isSparse: Bool { self == .intermittent || self == .lumpy }

    /// The class of `values`; a series with no demand at all counts as intermittent.
    public init(_ values: [Double]) {
        var nonZero = 0
        var sum = 0.0
        var sumOfSquares = 0.0
        for value in values where value != 0 {
            nonZero += 1
            sum += value
            sumOfSquares += value * value
        }
        guard nonZero > 0 else {
            self = .intermittent
            return
        }
        let interval = Double(values.count) / Double(nonZero)
        let mean = sum / Double(nonZero)
        let variance = max(0, sumOfSquares / Double(nonZero) - mean * mean)
        let cv2 = mean == 0 ? 0 : variance / (mean * mean)
        switch (interval >= 1.32, cv2 >= 0.49) {
        case (false, false): self = .smooth
        case (false, true): self = .erratic
        case (true, false): self = .intermittent
        case (true, true): self = .lumpy
        }
    }
}
