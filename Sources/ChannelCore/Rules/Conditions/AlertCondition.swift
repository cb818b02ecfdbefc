/// What makes a rule fire: exactly one kind of condition with its parameters.
///
/// Encoded as one object whose `kind` names the case and whose other keys are the parameters:
/// `{"kind": "late_shipments", "grace": "12h"}`.
public enum AlertCondition: Hashable, Sendable, Codable {
    /// `kind: measure`: a threshold on a KPI catalogue measure.
    case measure(MeasureCondition)
    /// `kind: stock_below_safety`: stock below the safety line.
    case stockBelowSafety(StockBelowSafetyCondition)
    /// `kind: complaint_response_overdue`: a complaint past its first-response SLA.
    case complaintResponseOverdue(ComplaintResponseOverdueCondition)
    /// `kind: win_win_drop`: a partner's win-win index dropping.
    case winWinDrop(WinWinDropCondition)
    /// `kind: online_price_below_dealer`: online prices undercutting dealers.
    case onlinePriceBelowDealer(OnlinePriceBelowDealerCondition)
    /// `kind: suspended_partner_order`: an order from a suspended partner.
    case suspendedPartnerOrder(SuspendedPartnerOrderCondition)
    /// `kind: late_shipments`: orders past their promised time.
    case lateShipments(LateShipmentsCondition)
    /// `kind: anomalous_order`: an order flagged by the anomaly detector.
    case anomalousOrder(AnomalousOrderCondition)

    /// The kind of this condition, as written in `kind`.
    public var kind: ConditionKind {
        switch self {
        case .measure: .measure
        case .stockBelowSafety: .stockBelowSafety
        case .complaintResponseOverdue: .complaintResponseOverdue
        case .winWinDrop: .winWinDrop
        case .onlinePriceBelowDealer: .onlinePriceBelowDealer
        case .suspendedPartnerOrder: .suspendedPartnerOrder
        case .lateShipments: .lateShipments
        case .anomalousOrder: .anomalousOrder
        }
    }

    /// Decodes `kind` and then the parameters of that kind from the same object.
    public init(from decoder: any Decoder) throws {
        let kind = try decoder.container(keyedBy: KindKey.self).decode(ConditionKind.self, forKey: .kind)
        switch kind {
        case .measure: self = .measure(try MeasureCondition(from: decoder))
        case .stockBelowSafety: self = .stockBelowSafety(try StockBelowSafetyCondition(from: decoder))
        case .complaintResponseOverdue:
            self = .complaintResponseOverdue(try ComplaintResponseOverdueCondition(from: decoder))
        case .winWinDrop: self = .winWinDrop(try WinWinDropCondition(from: decoder))
        case .onlinePriceBelowDealer: self = .onlinePriceBelowDealer(try OnlinePriceBelowDealerCondition(from: decoder))
        case .suspendedPartnerOrder: self = .suspendedPartnerOrder(try SuspendedPartnerOrderCondition(from: decoder))
        case .lateShipments: self = .lateShipments(try LateShipmentsCondition(from: decoder))
        case .anomalousOrder: self = .anomalousOrder(try AnomalousOrderCondition(from: decoder))
        }
    }

    /// Encodes `kind` followed by the parameters, in one object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: KindKey.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .measure(let condition): try condition.encode(to: encoder)
        case .stockBelowSafety(let condition): try condition.encode(to: encoder)
        case .complaintResponseOverdue(let condition): try condition.encode(to: encoder)
        case .winWinDrop(let condition): try condition.encode(to: encoder)
        case .onlinePriceBelowDealer(let condition): try condition.encode(to: encoder)
        case .suspendedPartnerOrder(let condition): try condition.encode(to: encoder)
        case .lateShipments(let condition): try condition.encode(to: encoder)
        case .anomalousOrder(let condition): try condition.encode(to: encoder)
        }
    }

    private enum KindKey: String, CodingKey {
        case kind
    }
}
