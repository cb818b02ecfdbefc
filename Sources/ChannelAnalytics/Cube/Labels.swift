/// Codes and names of dimension values, and the order rows are shown in (time ascending, others by code).
struct Labels {
    let snapshot: FactSnapshot

    init(_ snapshot: FactSnapshot) { self.snapshot = snapshot }

    func key(_ dimension: CubeDimension, _ value: Int32) -> CubeResult.Key {
        let d = snapshot.dimensions
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

    /// Row order: dimension by dimension, time by date, tiers by number, the rest by code ("none" first).
    func precedes(_ a: [Int32], _ b: [Int32], _ dimensions: [CubeDimension]) -> Bool {
        for (position, dimension) in dimensions.enumerated() where a[position] != b[position] {
            if dimension.isTime || dimension == .tier { return a[position] < b[position] }
            return key(dimension, a[position]).code < key(dimension, b[position]).code
        }
        return false
    }
}
