public import ChannelCore

/// The master data the facts point at, by dense index (a few thousand rows each: plain arrays, rebuilt in place).
///
/// Indexes, not store row ids, are what facts hold; `-1` means "none".
public struct Dimensions: Sendable {
    public struct Regions: Sendable {
        public internal(set) var code: [String] = []
        public internal(set) var name: [String] = []
        public internal(set) var level: [RegionLevel] = []
        /// Derived from `parentRow`.
        public internal(set) var parent: [Int32] = []
        var parentRow: [Int64] = []
        /// Derived: the province a region lies in (itself for a province).
        public internal(set) var province: [Int32] = []
        /// Derived: the city a region lies in (itself for a city; -1 for a province).
        public internal(set) var city: [Int32] = []
        var index = RowIndex()
        public var count: Int { code.count }
    }

    public struct Partners: Sendable {
        public internal(set) var code: [String] = []
        public internal(set) var name: [String] = []
        public internal(set) var kind: [PartnerKind] = []
        /// Derived from `parentRow`.
        public internal(set) var parent: [Int32] = []
        var parentRow: [Int64] = []
        public internal(set) var tier: [UInt8] = []
        public internal(set) var region: [Int32] = []
        public internal(set) var channel: [SalesChannel] = []
        public internal(set) var joinedOn: [CalendarDay] = []
        public internal(set) var status: [PartnerStatus] = []
        /// Derived: the top of the partner's upstream chain (itself when it has no parent).
        public internal(set) var root: [Int32] = []
        var index = RowIndex()
        public var count: Int { code.count }
    }

    public struct Products: Sendable {
        public internal(set) var sku: [String] = []
        public internal(set) var name: [String] = []
        /// Index into `categories`.
        public internal(set) var category: [Int32] = []
        public internal(set) var listPriceMinor: [Int64] = []
        public internal(set) var unitCostMinor: [Int64] = []
        public internal(set) var launchedOn: [CalendarDay] = []
        public internal(set) var categories: [String] = []
        var categoryIndex: [String: Int32] = [:]
        var index = RowIndex()
        public var count: Int { sku.count }
    }

    public struct Outlets: Sendable {
        public internal(set) var code: [String] = []
        public internal(set) var partner: [Int32] = []
        public internal(set) var region: [Int32] = []
        public internal(set) var kind: [OutletKind] = []
        public internal(set) var openedOn: [Int32] = []
        /// Days since 1970; `Int32.max` while open.
        public internal(set) var closedOn: [Int32] = []
        var index = RowIndex()
        public var count: Int { code.count }

        /// Whether outlet `o` is open on `day` (opened on or before it, not closed on or before it).
        public func isOpen(_ o: Int, on day: CalendarDay) -> Bool {
            openedOn[o] <= day.daysSinceEpoch && closedOn[o] > day.daysSinceEpoch
        }
    }

    public internal(set) var regions = Regions()
    public internal(set) var partners = Partners()
    public internal(set) var products = Products()
    public internal(set) var outlets = Outlets()
    /// Stock locations (warehouses) by index.
    public internal(set) var locations: [String] = []
    var locationIndex: [String: Int32] = [:]

    /// Recomputes the derived region and partner arrays after master data changed.
    mutating func derive() {
        regions.parent = regions.parentRow.map { $0 < 0 ? -1 : regions.index[$0] ?? -1 }
        partners.parent = partners.parentRow.map { $0 < 0 ? -1 : partners.index[$0] ?? -1 }
        let r = regions
        regions.province = (0..<r.count).map { i in
            var at = Int32(i)
            var steps = 0
            while r.level[Int(at)] != .province, r.parent[Int(at)] >= 0, steps < 8 {
                at = r.parent[Int(at)]
                steps += 1
            }
            return at
        }
        regions.city = (0..<r.count).map { i in
            switch r.level[i] {
            case .province: -1
            case .city: Int32(i)
            case .district: r.parent[i]
            }
        }
        let p = partners
        partners.root = (0..<p.count).map { i in
            var at = Int32(i)
            var steps = 0
            // Tiers strictly decrease up the chain (a store invariant), so this ends; the step limit guards anyway.
            while p.parent[Int(at)] >= 0, steps < 16 {
                at = p.parent[Int(at)]
                steps += 1
            }
            return at
        }
    }
}
