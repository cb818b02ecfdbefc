/// Why an ETS model could not be fitted.
///
/// Thrown by ``ETSModel/estimate(_:seasonLength:spec:)`` and ``ETSModel/select(_:seasonLength:)``; the
/// optional-returning ``ETSModel/fit(_:seasonLength:spec:)`` and ``ETSModel/auto(_:seasonLength:)`` map
/// every case to `nil`. ``description`` says what to change.
public enum ETSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The series has no observations.
    case emptySeries
    /// An observation is NaN or infinite.
    case nonFiniteObservation(index: Int)
    /// The season length is below 1.
    case invalidSeasonLength(Int)
    /// A seasonal spec was requested with season length 1.
    case seasonalSpecWithoutSeason(ETSSpec)
    /// The spec has a multiplicative component but the data contain a value ≤ 0.
    case nonPositiveData(ETSSpec)
    /// Too few observations to estimate the spec's parameters and initial states.
    case seriesTooShort(ETSSpec, count: Int, required: Int)
    /// The optimiser found no parameter set with a finite likelihood (for example every candidate made a
    /// multiplicative model's fitted values non-positive).
    case noAdmissibleParameters(ETSSpec)
    /// Automatic selection found no candidate that could be fitted.
    case noCandidateFitted

    public var description: String {
        switch self {
        case .emptySeries:
            return "ETS: the series is empty"
        case .nonFiniteObservation(let index):
            return "ETS: observation \(index) is NaN or infinite; fill or drop it before fitting"
        case .invalidSeasonLength(let m):
            return "ETS: season length must be at least 1 (got \(m)); use 1 for non-seasonal data"
        case .seasonalSpecWithoutSeason(let spec):
            return "ETS: \(spec) is seasonal but the season length is 1"
        case .nonPositiveData(let spec):
            return "ETS: \(spec) has a multiplicative component and needs strictly positive data"
        case .seriesTooShort(let spec, let count, let required):
            return "ETS: \(spec) needs at least \(required) observations, the series has \(count)"
        case .noAdmissibleParameters(let spec):
            return "ETS: no admissible parameters found for \(spec)"
        case .noCandidateFitted:
            return "ETS: none of the candidate models could be fitted"
        }
    }
}
