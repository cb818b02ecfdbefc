/// The KPI catalogue: every measure the cube computes. Definitions (inputs, units, rounding, empty periods) are in
/// docs/KPIS.md; `grain` names the facts a measure is computed from, which decides the dimensions it can be
/// sliced by.
public enum Measure: String, CaseIterable, Sendable, Codable {
    case netSales = "net_sales"
    case units
    case orders
    case averageOrderValue = "average_order_value"
    case returnRate = "return_rate"
    case cycleTimeMean = "cycle_time_mean_hours"
    case cycleTimeP50 = "cycle_time_p50_hours"
    case cycleTimeP90 = "cycle_time_p90_hours"
    case onTimeRate = "on_time_rate"
    case activeOutletRate = "active_outlet_rate"
    case coverage
    case inventoryTurnoverDays = "inventory_turnover_days"
    case weeksOfCover = "weeks_of_cover"
    case stockOutRate = "stock_out_rate"
    case csat
    case complaints
    case complaintResponseHours = "complaint_response_hours"
    case complaintResolutionHours = "complaint_resolution_hours"
    case winWinIndex = "win_win_index"

    /// The facts a measure is computed from.
    public enum Grain: String, Sendable {
        /// Order lines of orders in the period (by order time).
        case line
        /// Orders in the period (by order time).
        case order
        /// Outlets open at the end of the period (or of each time bucket).
        case outlet
        /// Stock snapshots in the period, with the units sold in it.
        case stock
        /// Feedback created in the period.
        case feedback
        /// Complaints opened in the period.
        case complaint
        /// Partners, scored over the period against the period before.
        case partner
    }

    public var grain: Grain {
        switch self {
        case .netSales, .units, .returnRate: .line
        case .orders, .averageOrderValue, .cycleTimeMean, .cycleTimeP50, .cycleTimeP90, .onTimeRate: .order
        case .activeOutletRate, .coverage: .outlet
        case .inventoryTurnoverDays, .weeksOfCover, .stockOutRate: .stock
        case .csat: .feedback
        case .complaints, .complaintResponseHours, .complaintResolutionHours: .complaint
        case .winWinIndex: .partner
        }
    }

    /// Decimal places shown.
    public var places: Int {
        switch self {
        case .netSales, .averageOrderValue: 2
        case .units, .orders, .complaints: 0
        case .cycleTimeMean, .cycleTimeP50, .cycleTimeP90, .complaintResponseHours, .complaintResolutionHours,
            .inventoryTurnoverDays, .weeksOfCover, .winWinIndex:
            3
        case .returnRate, .onTimeRate, .activeOutletRate, .coverage, .stockOutRate, .csat: 6
        }
    }

    /// Whether the measure adds up over slices (a total is the sum of its parts).
    public var isAdditive: Bool { self == .netSales || self == .units || self == .orders || self == .complaints }

    /// Chinese and English names, for tables and the UI.
    public var title: (zh: String, en: String) {
        switch self {
        case .netSales: ("净销售额", "Net sales")
        case .units: ("销量", "Units")
        case .orders: ("订单数", "Orders")
        case .averageOrderValue: ("客单价", "Average order value")
        case .returnRate: ("退货率", "Return rate")
        case .cycleTimeMean: ("平均交付时长(小时)", "Order-to-delivery, mean (h)")
        case .cycleTimeP50: ("交付时长中位数(小时)", "Order-to-delivery, p50 (h)")
        case .cycleTimeP90: ("交付时长P90(小时)", "Order-to-delivery, p90 (h)")
        case .onTimeRate: ("准时交付率", "On-time delivery rate")
        case .activeOutletRate: ("活跃网点率", "Active outlet rate")
        case .coverage: ("城市覆盖率", "City coverage")
        case .inventoryTurnoverDays: ("库存周转天数", "Inventory turnover (days)")
        case .weeksOfCover: ("库存可售周数", "Weeks of cover")
        case .stockOutRate: ("缺货率", "Stock-out rate")
        case .csat: ("满意度(CSAT)", "CSAT")
        case .complaints: ("投诉数", "Complaints")
        case .complaintResponseHours: ("投诉首次响应(小时)", "Complaint first response (h)")
        case .complaintResolutionHours: ("投诉解决时长(小时)", "Complaint resolution (h)")
        case .winWinIndex: ("共赢指数", "Win-win index")
        }
    }
}
