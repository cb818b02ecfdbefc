/// The shipment that carries one order.
public struct Shipment: Hashable, Sendable, Codable {
    public var id: ShipmentID
    public var orderID: OrderID
    public var carrier: String
    public var mode: ShipmentMode?
    /// Road distance in metres (files give kilometres).
    public var distanceMeters: Int64?
    /// Gross weight in grams (files give kilograms).
    public var weightGrams: Int64?
    public var shippedAt: Instant
    public var deliveredAt: Instant?

    public init(
        id: ShipmentID, orderID: OrderID, carrier: String, mode: ShipmentMode?, distanceMeters: Int64?,
        weightGrams: Int64?, shippedAt: Instant, deliveredAt: Instant?
    ) {
        self.id = id
        self.orderID = orderID
        self.carrier = carrier
        self.mode = mode
        self.distanceMeters = distanceMeters
        self.weightGrams = weightGrams
        self.shippedAt = shippedAt
        self.deliveredAt = deliveredAt
    }

    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if let distanceMeters, distanceMeters < 0 { issues.append(.init("distance_km", "is negative")) }
        if let weightGrams, weightGrams < 0 { issues.append(.init("weight_kg", "is negative")) }
        if let deliveredAt, deliveredAt < shippedAt { issues.append(.init("delivered_at", "is before shipped_at")) }
        return issues
    }
}
