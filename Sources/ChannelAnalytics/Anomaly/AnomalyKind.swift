/// What makes an order or line anomalous.
public enum AnomalyKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A line's quantity far above what the partner usually orders of the SKU.
    case quantitySpike = "quantity_spike"
    /// A line's net unit price far from the SKU's typical price in the partner's tier and channel.
    case priceDeviation = "price_deviation"
    /// An order placed by a suspended partner.
    case suspendedPartner = "suspended_partner"
    /// An order repeating an earlier one: same partner, outlet, day and lines.
    case duplicateOrder = "duplicate_order"
}
