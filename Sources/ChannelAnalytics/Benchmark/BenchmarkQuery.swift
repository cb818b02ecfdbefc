public import ChannelCore

/// The eight benchmark KPI queries of the shared KPIS.md, with exactly its semantics (the reference SQL decides
/// where the text is ambiguous). Each runs on one snapshot and returns its rows in the defined order.
public enum BenchmarkQuery: String, CaseIterable, Sendable {
    case monthlySales = "q1_monthly_sales"
    case cycleTime = "q2_cycle_time"
    case returnRate = "q3_return_rate"
    case activeOutlets = "q4_active_outlets"
    case coverage = "q5_coverage"
    case inventoryTurnover = "q6_inventory_turnover"
    case partnerIndex = "q7_partner_index"
    case priceConflict = "q8_price_conflict"

    public var name: String { rawValue }

    public func run(on snapshot: FactSnapshot, asOf: Instant) -> KPITable {
        let window = QueryWindow(asOf: asOf)
        switch self {
        case .monthlySales: return Self.monthlySales(snapshot)
        case .cycleTime: return Self.cycleTime(snapshot)
        case .returnRate: return Self.returnRate(snapshot)
        case .activeOutlets: return Self.activeOutlets(snapshot, window)
        case .coverage: return Self.coverage(snapshot, window)
        case .inventoryTurnover: return Self.inventoryTurnover(snapshot, window)
        case .partnerIndex: return Self.partnerIndex(snapshot, window)
        case .priceConflict: return Self.priceConflict(snapshot, window)
        }
    }
}
