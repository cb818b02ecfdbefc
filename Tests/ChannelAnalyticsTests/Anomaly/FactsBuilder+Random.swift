import Foundation

/// Random but realistic fact sets for comparing detectors: partners of every tier ordering from their own assortment
/// in their own quantities at their tier's price, with planted quantity spikes, price errors, giveaways, zero
/// quantities, repeated orders (within and outside the duplicate window, lines reordered), routine online baskets,
/// newcomers with a handful of lines, rarely sold SKUs (list-price fallback) and suspended partners.
extension FactsBuilder {
    /// The size of a random fact set.
    struct Shape: Sendable {
        var partners = 40
        var products = 30
        var orders = 2_000
        var days: Int32 = 120
        /// SKUs a partner orders from (besides the rare ones).
        var assortment = 8
    }

    /// SplitMix64, so that a seed gives the same facts everywhere.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A standard normal value (Box–Muller).
        mutating func normal() -> Double {
            let u = Double.random(in: Double.ulpOfOne..<1, using: &self)
            let v = Double.random(in: 0..<1, using: &self)
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
    }

    /// A random fact set of `shape`; the same for the same seed.
    static func random(seed: UInt64, _ shape: Shape = Shape()) -> FactsBuilder {
        var random = SeededGenerator(state: seed)
        var b = FactsBuilder()
        // The last tenth of the SKUs are rarely sold; one has no list price.
        let rare = max(1, shape.products / 10)
        let products = (0..<shape.products).map { i in
            b.product("SKU-\(i)", listFen: i == shape.products - 1 ? 0 : Int64.random(in: 500...50_000, using: &random))
        }
        let listFen = b.listPrices
        let common = products.dropLast(rare)
        struct Habits {
            var partner: Int
            var online: Bool
            var scale: Double
            var skus: [Int]
        }
        var partners: [Habits] = []
        var weights: [Double] = []
        for i in 0..<shape.partners {
            let online = i % 7 == 0
            let tier: UInt8 = online ? 0 : UInt8.random(in: 1...3, using: &random)
            let p = b.partner("P\(100_000 + i)", tier: tier, suspended: i % 11 == 3)
            let scale = [2.0, 120, 30, 8][Int(tier)] * exp(0.3 * random.normal())
            let skus = (0..<shape.assortment).compactMap { _ in common.randomElement(using: &random) }
            partners.append(Habits(partner: p, online: online, scale: scale, skus: skus))
            // The last tenth are newcomers with a handful of orders; online platforms sell most.
            weights.append(i >= shape.partners - shape.partners / 10 ? 0.05 : online ? 6 : 1)
        }
        let total = weights.reduce(0, +)
        let discount = [0.95, 0.6, 0.7, 0.8]

        var previous: Int?
        for _ in 0..<shape.orders {
            let roll = Double.random(in: 0..<1, using: &random)
            if let last = previous, roll < 0.02 {
                // A repeat of the previous order, its lines reversed, 1 to 15 minutes later (some outside the window).
                var again = b.orders[last]
                again.minute += Int64.random(in: 1...15, using: &random)
                again.lines.reverse()
                b.orders.append(again)
                continue
            }
            var x = Double.random(in: 0..<total, using: &random)
            let habits =
                partners.first { partner in
                    x -= weights[partner.partner]
                    return x < 0
                } ?? partners[0]
            var lines: [Line] = []
            for _ in 0..<(habits.online ? 1 : Int.random(in: 1...4, using: &random)) {
                let product =
                    Double.random(in: 0..<1, using: &random) < 0.03
                    ? products[shape.products - 1 - Int.random(in: 0..<rare, using: &random)]
                    : habits.skus.randomElement(using: &random) ?? products[0]
                guard !lines.contains(where: { $0.product == product }) else { continue }
                var qty = max(1, Int32((habits.scale * exp(0.3 * random.normal())).rounded()))
                let list = listFen[product] > 0 ? listFen[product] : 2_000
                let price = Double(list) * discount[Int(b.tiers[habits.partner])] * (1 + 0.01 * random.normal())
                var fen = Int64(price.rounded())
                let promo = habits.online && Int.random(in: 0..<5, using: &random) == 0
                switch Int.random(in: 0..<300, using: &random) {
                case 0, 1, 2: qty *= 40
                case 3, 4: fen /= 10
                case 5: fen *= 3
                case 6: qty = 0
                case 7: fen = 0
                default: break
                }
                let ppm = promo ? Int64.random(in: 100_000...350_000, using: &random) : 0
                lines.append(line(product, qty: qty, fen: fen, discountPPM: ppm))
            }
            previous = b.order(
                partner: habits.partner, channel: habits.online ? 1 : 0,
                day: lastDay - Int32.random(in: 0..<shape.days, using: &random),
                outlet: Int32.random(in: 0..<(habits.online ? 2 : 4), using: &random),
                minute: Int64.random(in: 0..<1_440, using: &random), lines)
        }
        return b
    }
}
