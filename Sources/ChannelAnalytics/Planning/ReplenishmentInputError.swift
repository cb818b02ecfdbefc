/// Why a ``ReplenishmentInput`` cannot be planned; the description names the field and the rule.
public enum ReplenishmentInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The daily forecast has no days, so there is no demand rate to plan with.
    case emptyForecast
    /// A forecast value is NaN or infinite; `day` is its 0-based index.
    case nonFiniteForecast(day: Int, value: Double)
    /// A field is outside its allowed range.
    case invalidField(field: String, value: Double, requirement: String)

    /// A message that says which field is wrong and why.
    public var description: String {
        switch self {
        case .emptyForecast:
            "ReplenishmentInput.dailyForecast is empty: at least one day of forecast is needed"
        case .nonFiniteForecast(let day, let value):
            "ReplenishmentInput.dailyForecast[\(day)] is \(value): forecasts must be finite numbers"
        case .invalidField(let field, let value, let requirement):
            "ReplenishmentInput.\(field) is \(value) but \(requirement)"
        }
    }
}
