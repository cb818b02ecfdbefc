/// Codes and names of dimension values, and the order rows are shown in (time ascending, others by code).
struct Labels {
    let snapshot: FactSnapshot
    /// Per dimension of the query, each value's place in code order; nil where values order by themselves (time
    /// buckets, tiers). Made once, so that sorting tens of thousands of rows compares numbers, not codes.
    let places: [[Int32]?]

    init(_ snapshot: FactSnapshot, dimensions: [CubeDimension]) {
        self.snapshot = snapshot
        let d = snapshot.dimensions
        places = dimensions.map { dimension -> [Int32]? in
            let count: Int
            switch dimension {
            case .day, .week, .month, .quarter, .year, .tier: return nil
            case .province, .city: count = d.regions.count
            case .channel: count = 2
            case .partner, .upstream: count = d.partners.count
            case .outlet: count = d.outlets.count
            case .category: count = d.products.categories.count
            case .sku: count = d.products.count
            }
            let codes = (0..<count).map { Self.key(dimension, Int32($0), d).code }
            var places = [Int32](repeating: 0, count: count)
            for (place, value) in codes.indices.sorted(by: { codes[$0] < codes[$1] }).enumerated() { places[value] = Int32(place) }
            return places
        }
    }

    func key(_ dimension: CubeDimension, _ value: Int32) -> CubeResult.Key { Self.key(dimension, value, snapshot.dimensions) }

    private static func key(_ dimension: CubeDimension, _ value: Int32, _ d: Dimensions) -> CubeResult.Key {
        guard value >= 0 || dimension.isTime else { return CubeResult.Key(code: "", label: "(none)") }
        let i = Int(value)
        switch dimension {
        case .day, .week, .month, .quarter, .year:
            let text = TimeBucket.label(dimension, number: value)
            return CubeResult.Key(code: text, label: text)
        case .province, .city: return CubeResult.Key(code: d.regions.code[i], label: d.regions.name[i])
        case .channel:
            let name = value == Int32(ChannelCode.online) ? "online" : "offline"
            return CubeResult.Key(code: name, label: name == "online" ? "线上 online" : "线下 offline")
        case .tier: return CubeResult.Key(code: String(value), label: "T\(value)")
        case .partner, .upstream: return CubeResult.Key(code: d.partners.code[i], label: d.partners.name[i])
        case .outlet: return CubeResult.Key(code: d.outlets.code[i], label: d.outlets.code[i])
        case .category: return CubeResult.Key(code: d.products.categories[i], label: d.products.categories[i])
        case .sku: return CubeResult.Key(code: d.products.sku[i], label: d.products.name[i])
        }
    }
}
