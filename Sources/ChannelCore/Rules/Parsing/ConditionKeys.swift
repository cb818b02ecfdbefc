/// The keys each kind of condition allows in a rules file, in canonical order (`kind` first).
enum ConditionKeys {
    /// The keys of a condition of `kind`.
    static func keys(of kind: ConditionKind) -> [String] {
        switch kind {
        case .measure: ["kind", "measure", "by", "filters", "window", "op", "threshold", "compare", "min_volume"]
        case .stockBelowSafety: ["kind", "service_level", "locations", "skus"]
        case .complaintResponseOverdue: ["kind", "sla"]
        case .winWinDrop: ["kind", "points", "window", "tiers"]
        case .onlinePriceBelowDealer: ["kind", "tolerance", "window"]
        case .suspendedPartnerOrder: ["kind", "since"]
        case .lateShipments: ["kind", "grace", "min_count"]
        case .anomalousOrder: ["kind", "kinds", "min_score"]
        }
    }

    /// Every key some kind of condition allows.
    static let all = Set(ConditionKind.allCases.flatMap(keys(of:)))

    /// The kinds whose conditions allow `key`, in declaration order.
    static func kinds(allowing key: String) -> [ConditionKind] {
        ConditionKind.allCases.filter { keys(of: $0).contains(key) }
    }
}
