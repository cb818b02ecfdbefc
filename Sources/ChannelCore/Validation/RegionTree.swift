/// Checks the region tree: a city's parent is a province, a district's parent is a city.
public struct RegionTree: Sendable {
    private var levels: [RegionID: RegionLevel]

    /// Starts from the regions already stored.
    public init(existing: [RegionID: RegionLevel]) { self.levels = existing }

    /// The level of a known region.
    public func level(of id: RegionID) -> RegionLevel? { levels[id] }

    /// Adds incoming regions; returns the issues per region and a write order (parents first).
    public mutating func merge(_ incoming: [Region]) -> (issues: [RegionID: [ValidationIssue]], writeOrder: [Int]) {
        for region in incoming { levels[region.id] = region.level }
        var issues: [RegionID: [ValidationIssue]] = [:]
        for region in incoming {
            guard let parentID = region.parentID, let expected = region.level.parentLevel else { continue }
            guard let parentLevel = levels[parentID] else {
                issues[region.id, default: []].append(.init("parent_id", "refers to unknown region \(parentID)"))
                continue
            }
            if parentLevel != expected {
                issues[region.id, default: []].append(
                    .init("parent_id", "refers to \(parentID), a \(parentLevel.rawValue); a \(region.level.rawValue) needs a \(expected.rawValue)")
                )
            }
        }
        func depth(_ level: RegionLevel) -> Int { level == .province ? 0 : level == .city ? 1 : 2 }
        let order = incoming.indices.sorted { (depth(incoming[$0].level), $0) < (depth(incoming[$1].level), $1) }
        return (issues, order)
    }
}
