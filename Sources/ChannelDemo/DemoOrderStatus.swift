/// Order status, derived from the order's timestamps and "now".
enum DemoOrderStatus: Sendable {
    case pending
    case shipped
    case delivered
    case cancelled

    /// The value written to `orders.csv`.
    var code: StaticString {
        switch self {
        case .pending: "pending"
        case .shipped: "shipped"
        case .delivered: "delivered"
        case .cancelled: "cancelled"
        }
    }
}
