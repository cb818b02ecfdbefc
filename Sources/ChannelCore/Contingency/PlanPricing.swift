/// The one currency of a plan's amounts while it is read: set by the first supplier, warehouse or compensation that
/// has amounts, and checked against by the others.
struct PlanPricing {
    /// The plan's currency, once known.
    var currency: CurrencyCode?
    /// The path of the mapping that set it, for messages.
    var source: IssuePath?
}
