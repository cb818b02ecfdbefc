/// The kinds of alert condition, as written in `condition.kind`.
public enum ConditionKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// A threshold on a KPI catalogue measure: ``MeasureCondition``.
    case measure
    /// Stock below the safety line: ``StockBelowSafetyCondition``.
    case stockBelowSafety = "stock_below_safety"
    /// A complaint past its first-response SLA: ``ComplaintResponseOverdueCondition``.
    case complaintResponseOverdue = "complaint_response_overdue"
    /// A partner's win-win index dropping: ``WinWinDropCondition``.
    case winWinDrop = "win_win_drop"
    /// Online prices undercutting dealers: ``OnlinePriceBelowDealerCondition``.
    case onlinePriceBelowDealer = "online_price_below_dealer"
    /// An order from a suspended partner: ``SuspendedPartnerOrderCondition``.
    case suspendedPartnerOrder = "suspended_partner_order"
    /// Orders past their promised time: ``LateShipmentsCondition``.
    case lateShipments = "late_shipments"
    /// An order flagged by the anomaly detector: ``AnomalousOrderCondition``.
    case anomalousOrder = "anomalous_order"
}
