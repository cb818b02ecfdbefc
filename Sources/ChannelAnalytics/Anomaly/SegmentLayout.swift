/// How partner tier × sales channel segments are numbered, fixed when a model is learnt: segment = tier × channels +
/// channel. Per-SKU baselines by segment sit in flat arrays at product × ``count`` + segment.
struct SegmentLayout: Sendable {
    /// Tiers 0 ..< `tiers` and channels 0 ..< `channels` have a segment.
    let tiers: Int
    let channels: Int

    /// The layout covering every partner tier and every order channel of `facts`.
    init(_ facts: OrderFacts) {
        tiers = Int(facts.partners.tier.max() ?? 0) + 1
        channels = Int(facts.orders.channel.max() ?? 0) + 1
    }

    /// Number of segments.
    var count: Int { tiers * channels }

    /// The segment of order `o` (by its partner's tier and its channel); -1 when the layout has none for them (a
    /// tier or channel first seen after learning).
    func segment(of o: Int, in facts: OrderFacts) -> Int32 {
        let tier = Int(facts.partners.tier[Int(facts.orders.partner[o])])
        let channel = Int(facts.orders.channel[o])
        return tier < tiers && channel < channels ? Int32(tier * channels + channel) : -1
    }

    /// The position of `product` × `segment` in a flat array of `products` × ``count`` values; nil when either is
    /// outside it.
    func cell(product: Int32, segment: Int32, products: Int) -> Int? {
        guard Int(product) < products, segment >= 0 else { return nil }
        return Int(product) * count + Int(segment)
    }
}
