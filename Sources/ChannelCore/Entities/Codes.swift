/// Level of a region in the province / city / district tree.
public enum RegionLevel: String, CodedValue {
    case province, city, district

    /// The level a parent of this level must have; nil for a province (a root).
    public var parentLevel: RegionLevel? {
        switch self {
        case .province: nil
        case .city: .province
        case .district: .city
        }
    }
}

/// What a channel partner is in the route to market.
public enum PartnerKind: String, CodedValue {
    case distributor, agent, dealer, platform, direct

    /// Online platforms and the brand's direct shops sit outside the tier chain (tier 0).
    public var isTiered: Bool { self != .platform && self != .direct }
}

/// Online or offline sales channel.
public enum SalesChannel: String, CodedValue {
    case online, offline
}

/// Whether a partner may trade.
public enum PartnerStatus: String, CodedValue {
    case active, suspended
}

/// The kind of a terminal (store or online shop).
public enum OutletKind: String, CodedValue {
    case supermarket, convenience, specialty, wholesale
    case onlineStore = "online_store"
    case other
}

/// Lifecycle state of a sales order.
public enum OrderStatus: String, CodedValue {
    case pending, confirmed, shipped, delivered, returned, cancelled

    /// Whether goods have left the warehouse in this state (a ship time is then required).
    public var hasShipped: Bool { self == .shipped || self == .delivered || self == .returned }
    /// Whether goods have reached the customer in this state (a delivery time is then required).
    public var hasDelivered: Bool { self == .delivered || self == .returned }
}

/// Transport mode of a shipment (drives CO2e factors later).
public enum ShipmentMode: String, CodedValue {
    case dieselTruck = "diesel_truck"
    case evTruck = "ev_truck"
    case rail, air, van, ship
}

/// How serious a complaint is.
public enum ComplaintSeverity: String, CodedValue {
    case low, medium, high, critical
}

/// What a complaint is about.
public enum ComplaintCategory: String, CodedValue {
    case delivery, quality, price, service, other
}

/// A user's role; enforcement arrives with the server.
public enum UserRole: String, CodedValue {
    case admin
    case channelManager = "channel_manager"
    case analyst
    case partnerUser = "partner_user"
    case apiClient = "api_client"
}
