@testable import ChannelAnalytics

/// Builds small ``OrderFacts`` by hand: partners, products and orders with their lines.
struct FactsBuilder {
    struct Line {
        var product: Int
        var qty: Int32
        var unitNet: Int64
    }

    struct Order {
        var partner: Int
        var channel: UInt8
        var day: Int32
        var outlet: Int32
        var minute: Int64
        var lines: [Line]
    }

    /// 2026-10-31, days since 1970.
    static let lastDay: Int32 = 20_757

    var partnerCodes: [String] = []
    var tiers: [UInt8] = []
    var suspended: [Bool] = []
    var productCodes: [String] = []
    var listPrices: [Int64] = []
    var orders: [Order] = []

    /// Net unit price in 1e-8 yuan of `fen` at a discount of `ppm` parts per million.
    static func net(fen: Int64, discountPPM: Int64 = 0) -> Int64 { fen * (1_000_000 - discountPPM) }

    mutating func partner(_ code: String, tier: UInt8 = 3, suspended: Bool = false) -> Int {
        partnerCodes.append(code)
        tiers.append(tier)
        self.suspended.append(suspended)
        return partnerCodes.count - 1
    }

    mutating func product(_ code: String, listFen: Int64 = 1_000) -> Int {
        productCodes.append(code)
        listPrices.append(listFen)
        return productCodes.count - 1
    }

    /// Adds an order and returns its position; `minute` is its time of day on `day`.
    @discardableResult
    mutating func order(
        partner: Int, channel: UInt8 = 0, day: Int32 = lastDay, outlet: Int32 = 0, minute: Int64 = 600,
        _ lines: [Line]
    ) -> Int {
        orders.append(Order(partner: partner, channel: channel, day: day, outlet: outlet, minute: minute, lines: lines))
        return orders.count - 1
    }

    /// One line of `qty` units of `product` at `fen` per unit.
    static func line(_ product: Int, qty: Int32, fen: Int64 = 1_000, discountPPM: Int64 = 0) -> Line {
        Line(product: product, qty: qty, unitNet: net(fen: fen, discountPPM: discountPPM))
    }

    func build(suspendedSince: [Int32?]? = nil, timed: Bool = true, outlets: Bool = true) throws -> OrderFacts {
        var lineOrder: [Int32] = []
        var product: [Int32] = []
        var qty: [Int32] = []
        var unitNet: [Int64] = []
        var lineStart: [Int32] = []
        var lineCount: [Int32] = []
        for (o, order) in orders.enumerated() {
            lineStart.append(Int32(lineOrder.count))
            lineCount.append(Int32(order.lines.count))
            for line in order.lines {
                lineOrder.append(Int32(o))
                product.append(Int32(line.product))
                qty.append(line.qty)
                unitNet.append(line.unitNet)
            }
        }
        return try OrderFacts(
            orders: .init(
                partner: orders.map { Int32($0.partner) },
                outlet: outlets ? orders.map(\.outlet) : nil, channel: orders.map(\.channel),
                status: orders.map { _ in 0 }, day: orders.map(\.day),
                orderedAt: timed ? orders.map { (Int64($0.day) * 1_440 + $0.minute) * 60_000 } : nil,
                lineStart: lineStart, lineCount: lineCount),
            lines: .init(order: lineOrder, product: product, qty: qty, unitNet: unitNet),
            partners: .init(code: partnerCodes, tier: tiers, suspended: suspended, suspendedSince: suspendedSince),
            products: .init(code: productCodes, listPriceMinor: listPrices))
    }
}

/// Typical quantities around 10 units with a realistic spread (median 10, upper quartile 12).
let typicalQuantities: [Int32] = [
    8, 10, 12, 9, 11, 14, 7, 10, 13, 9, 12, 8, 15, 10, 11, 9, 12, 10, 6, 13, 10, 11, 9, 12,
]

extension AnomalyDetector {
    /// The flags of hand-built facts, whose order `o` is numbered `SO` + (100000 + o).
    func flags(in facts: OrderFacts) -> [AnomalyFlag] {
        flags(in: facts) { positions in Dictionary(uniqueKeysWithValues: positions.map { ($0, "SO\(100_000 + $0)") }) }
    }
}
