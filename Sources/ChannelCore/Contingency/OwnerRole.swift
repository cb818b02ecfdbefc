/// A role that owns steps of contingency plans; when a plan starts, the caller's resolver turns each role into the
/// user on duty (``PlanActivation``).
public enum OwnerRole: String, CodedValue {
    /// Supply planner (计划员): stock, replenishment, backup supply.
    case planner
    /// Channel manager (渠道经理): partners, prices and channel decisions.
    case channelManager = "channel_manager"
    /// Logistics (物流): carriers, warehouses, shipments.
    case logistics
    /// Customer service (客服): complaints and customer messages.
    case customerService = "customer_service"
    /// Partner manager (伙伴经理): the relationship with a distributor or dealer.
    case partnerManager = "partner_manager"
    /// Procurement (采购): suppliers and purchase orders.
    case procurement
    /// Finance (财务): credit, payments, compensation.
    case finance
    /// Risk control (风控): fraud and compliance.
    case riskControl = "risk_control"

    /// The role's name in Chinese, for task lists.
    public var chineseName: String {
        switch self {
        case .planner: "计划员"
        case .channelManager: "渠道经理"
        case .logistics: "物流"
        case .customerService: "客服"
        case .partnerManager: "伙伴经理"
        case .procurement: "采购"
        case .finance: "财务"
        case .riskControl: "风控"
        }
    }
}
