/// The computed policy levels that the decision, the risk assessment and the reason all read.
struct ReplenishmentLevels {
    var meanDemand: Double
    var leadTimeDemand: Double
    var protectionDemand: Double
    var sigma: Double
    var safetyStock: Double
    var reorderPoint: Double
    var orderUpTo: Double
    var position: Double
    var eoq: Double?
}
