/// The facts the detector reads: plain columnar arrays indexed by position, the layout of the analytic engine's
/// fact tables. Built with ``init(orders:lines:partners:products:)``, which checks every length and index once so
/// that the detector's loops can rely on them.
public struct OrderFacts: Sendable {
    /// Orders by position `o`.
    public struct Orders: Sendable {
        /// Partner position of the order.
        public var partner: [Int32]
        /// Outlet position, -1 when the order names none; nil when outlets are not known at all.
        public var outlet: [Int32]?
        /// Sales channel: 0 offline, 1 online.
        public var channel: [UInt8]
        /// Order status code; orders whose status is in ``AnomalyThresholds/ignoredStatuses`` are skipped.
        public var status: [UInt8]
        /// Business day of the order, days since 1970-01-01.
        public var day: [Int32]
        /// Order time in milliseconds since 1970; nil when unknown (duplicates are then matched by day alone).
        public var orderedAt: [Int64]?
        /// The order's lines are positions `lineStart ..< lineStart + lineCount` of ``Lines``.
        public var lineStart: [Int32]
        public var lineCount: [Int32]

        public init(
            partner: [Int32], outlet: [Int32]? = nil, channel: [UInt8], status: [UInt8], day: [Int32],
            orderedAt: [Int64]? = nil, lineStart: [Int32], lineCount: [Int32]
        ) {
            self.partner = partner
            self.outlet = outlet
            self.channel = channel
            self.status = status
            self.day = day
            self.orderedAt = orderedAt
            self.lineStart = lineStart
            self.lineCount = lineCount
        }

        public var count: Int { partner.count }
    }

    /// Order lines by position `l`; the lines of one order are contiguous, and a line's number is its position
    /// within the order plus one.
    public struct Lines: Sendable {
        /// Order position of the line.
        public var order: [Int32]
        /// Product position of the line.
        public var product: [Int32]
        /// Units ordered.
        public var qty: [Int32]
        /// Exact net unit price after discount in 1e-8 yuan: `unit_price_minor × (1_000_000 − discount_ppm)`.
        public var unitNet: [Int64]

        public init(order: [Int32], product: [Int32], qty: [Int32], unitNet: [Int64]) {
            self.order = order
            self.product = product
            self.qty = qty
            self.unitNet = unitNet
        }

        public var count: Int { order.count }
    }

    /// Channel partners by position.
    public struct Partners: Sendable {
        /// Partner code shown in reasons, such as "P000123".
        public var code: [String]
        /// 0 online platform or direct shop, 1 distributor, 2 agent, 3 dealer.
        public var tier: [UInt8]
        /// Whether the partner's status is suspended.
        public var suspended: [Bool]
        /// The business day (days since 1970) each partner was suspended on, nil where unknown; nil altogether
        /// when the data carries no suspension dates.
        public var suspendedSince: [Int32?]?

        public init(code: [String], tier: [UInt8], suspended: [Bool], suspendedSince: [Int32?]? = nil) {
            self.code = code
            self.tier = tier
            self.suspended = suspended
            self.suspendedSince = suspendedSince
        }

        public var count: Int { code.count }
    }

    /// Products (SKUs) by position.
    public struct Products: Sendable {
        /// SKU code shown in reasons, such as "SKU00042".
        public var code: [String]
        /// List price in fen (1e-2 yuan).
        public var listPriceMinor: [Int64]

        public init(code: [String], listPriceMinor: [Int64]) {
            self.code = code
            self.listPriceMinor = listPriceMinor
        }

        public var count: Int { code.count }
    }

    public let orders: Orders
    public let lines: Lines
    public let partners: Partners
    public let products: Products

    /// Checks that the columns of each table have one length and that every position points inside its table.
    public init(orders: Orders, lines: Lines, partners: Partners, products: Products) throws(OrderFactsError) {
        let o = orders.count
        try Self.expect("orders.channel", orders.channel.count, o)
        try Self.expect("orders.status", orders.status.count, o)
        try Self.expect("orders.day", orders.day.count, o)
        try Self.expect("orders.lineStart", orders.lineStart.count, o)
        try Self.expect("orders.lineCount", orders.lineCount.count, o)
        if let outlet = orders.outlet { try Self.expect("orders.outlet", outlet.count, o) }
        if let at = orders.orderedAt { try Self.expect("orders.orderedAt", at.count, o) }
        try Self.expect("lines.product", lines.product.count, lines.count)
        try Self.expect("lines.qty", lines.qty.count, lines.count)
        try Self.expect("lines.unitNet", lines.unitNet.count, lines.count)
        try Self.expect("partners.tier", partners.tier.count, partners.count)
        try Self.expect("partners.suspended", partners.suspended.count, partners.count)
        if let since = partners.suspendedSince {
            try Self.expect("partners.suspendedSince", since.count, partners.count)
        }
        try Self.expect("products.listPriceMinor", products.listPriceMinor.count, products.count)

        for i in 0..<o {
            guard orders.partner[i] >= 0, Int(orders.partner[i]) < partners.count else {
                throw .positionOutOfRange(column: "orders.partner", row: i)
            }
            let start = Int(orders.lineStart[i])
            let count = Int(orders.lineCount[i])
            guard start >= 0, count >= 0, start + count <= lines.count else {
                throw .positionOutOfRange(column: "orders.lineStart", row: i)
            }
            for l in start..<(start + count) where lines.order[l] != Int32(i) {
                throw .positionOutOfRange(column: "lines.order", row: l)
            }
        }
        for l in 0..<lines.count {
            guard lines.order[l] >= 0, Int(lines.order[l]) < o else {
                throw .positionOutOfRange(column: "lines.order", row: l)
            }
            guard lines.product[l] >= 0, Int(lines.product[l]) < products.count else {
                throw .positionOutOfRange(column: "lines.product", row: l)
            }
        }
        self.init(checked: orders, lines: lines, partners: partners, products: products)
    }

    /// Facts known to be consistent (an engine snapshot's), taken without the checks.
    init(checked orders: Orders, lines: Lines, partners: Partners, products: Products) {
        self.orders = orders
        self.lines = lines
        self.partners = partners
        self.products = products
    }

    private static func expect(_ column: String, _ actual: Int, _ expected: Int) throws(OrderFactsError) {
        guard actual == expected else { throw .lengthMismatch(column: column, expected: expected, actual: actual) }
    }
}
