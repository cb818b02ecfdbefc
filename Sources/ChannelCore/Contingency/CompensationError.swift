/// Why compensation cannot be worked out or why terms are refused.
public enum CompensationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The order value is in another currency than the terms.
    case currencyMismatch(terms: CurrencyCode, given: CurrencyCode)
    /// The terms charge a share of the order value (or cap by it), but no order value was given.
    case orderValueRequired
    /// The order value is below zero.
    case negativeOrderValue(Money)
    /// An amount does not fit 64-bit minor units.
    case overflow
    /// The terms themselves are inconsistent (built in code; files are checked by ``ContingencyPlanFile``).
    case invalidTerms(String)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .currencyMismatch(let terms, let given):
            "the order value is in \(given) but the compensation terms are in \(terms); convert it to \(terms) first"
        case .orderValueRequired:
            "these compensation terms charge or cap by a share of the order value; pass the affected order's value"
        case .negativeOrderValue(let value):
            "the order value \(value) is negative; pass the value of the affected order, 0 or more"
        case .overflow:
            "the compensation is too large to compute exactly (beyond 64-bit minor units)"
        case .invalidTerms(let reason):
            "invalid compensation terms: \(reason)"
        }
    }
}
