/// One sales order while it is being streamed out (never stored for the whole dataset).
struct DemoOrder: Sendable {
    /// 1-based number, written as `SO000000001`.
    let number: Int
    /// Partner index in ``DemoWorld/partners``.
    let partner: Int
    /// Outlet index in ``DemoWorld/outlets``; always one of the partner's outlets.
    let outlet: Int
    /// Partner tier (0 for online partners).
    let tier: Int
    let isOnline: Bool
    /// Business day (China time) of the order.
    let day: Int
    let orderedAt: Int
    let promisedAt: Int
    /// When the goods arrive (or would arrive), even if that is after "now".
    let arrivalAt: Int
    let shippedAt: Int?
    let deliveredAt: Int?
    let status: DemoOrderStatus
    let promotion: DemoPromotion?
    /// Planned shipment: index into the channel's carrier list, mode index and distance.
    let carrier: Int
    let mode: Int
    let distanceKm: Int

    /// Whether the goods arrive after the promised time.
    var isLate: Bool { arrivalAt > promisedAt }
}
