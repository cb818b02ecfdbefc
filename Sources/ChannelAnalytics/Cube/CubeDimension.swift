/// What a cube slices by. Time dimensions bucket the fact's business date; the others follow the fact's order,
/// outlet, partner or product.
public enum CubeDimension: Hashable, Sendable {
    case day, week, month, quarter, year
    /// The province of the fact's outlet (of its partner when it has no outlet).
    case province
    /// The city of the fact's outlet (of its partner when it has no outlet).
    case city
    case channel
    case tier
    case partner
    /// The partner's upstream partner at `tier` (tier 1: the distributor at the top of its chain). Every fact of a
    /// partner and of everything downstream of it rolls up to that partner; partners above `tier` stand for
    /// themselves.
    case upstream(tier: Int)
    case outlet
    case category
    case sku

    /// Parses `month`, `province`, `upstream` (tier 1), `upstream:2`, ...
    public init(parsing text: String) throws(AnalyticsError) {
        if text.hasPrefix("upstream") {
            let rest = text.dropFirst("upstream".count)
            if rest.isEmpty {
                self = .upstream(tier: 1)
                return
            }
            guard rest.first == ":", let tier = Int(rest.dropFirst()), (1...9).contains(tier) else {
                throw AnalyticsError("dimension '\(text)': write upstream or upstream:TIER with a tier from 1 to 9")
            }
            self = .upstream(tier: tier)
            return
        }
        guard let dimension = Self.simple[text] else {
            throw AnalyticsError("unknown dimension '\(text)'; known: \(Self.names.joined(separator: ", "))")
        }
        self = dimension
    }

    private static let simple: [String: CubeDimension] = [
        "day": .day, "week": .week, "month": .month, "quarter": .quarter, "year": .year, "province": .province,
        "city": .city, "channel": .channel, "tier": .tier, "partner": .partner, "outlet": .outlet,
        "category": .category, "sku": .sku,
    ]

    public static let names = [
        "day", "week", "month", "quarter", "year", "province", "city", "channel", "tier", "partner", "upstream[:TIER]",
        "outlet", "category", "sku",
    ]

    public var name: String {
        switch self {
        case .day: "day"
        case .week: "week"
        case .month: "month"
        case .quarter: "quarter"
        case .year: "year"
        case .province: "province"
        case .city: "city"
        case .channel: "channel"
        case .tier: "tier"
        case .partner: "partner"
        case .upstream(let tier): tier == 1 ? "upstream" : "upstream:\(tier)"
        case .outlet: "outlet"
        case .category: "category"
        case .sku: "sku"
        }
    }

    public var isTime: Bool {
        switch self {
        case .day, .week, .month, .quarter, .year: true
        default: false
        }
    }

    /// Product dimensions: they split an order's lines.
    var isProduct: Bool { self == .category || self == .sku }
}
