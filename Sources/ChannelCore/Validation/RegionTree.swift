/// Checks the region tree: a city's parent is a province, a district's parent is a city, and a region whose level
/// changes does not leave its stored children under the wrong kind of parent.
public struct RegionTree: Sendable {
    /// What the tree knows of a region: its level and parent.
    public struct Node: Hashable, Sendable {
        public var level: RegionLevel
        public var parentID: RegionID?
        public init(level: RegionLevel, parentID: RegionID?) {
            self.level = level
            self.parentID = parentID
        }
    }

    private var nodes: [RegionID: Node]

    /// Starts from the regions already stored.
    public init(existing: [RegionID: Node]) { self.nodes = existing }

    /// The level of a known region.
    public func level(of id: RegionID) -> RegionLevel? { nodes[id]?.level }

    /// Adds incoming regions; returns the issues per region and a write order (parents first).
    public mutating func merge(_ incoming: [Region]) -> (issues: [RegionID: [ValidationIssue]], writeOrder: [Int]) {
        for region in incoming { nodes[region.id] = Node(level: region.level, parentID: region.parentID) }
        var issues: [RegionID: [ValidationIssue]] = [:]
        for region in incoming {
            guard let parentID = region.parentID, let expected = region.level.parentLevel else { continue }
            guard let parentLevel = nodes[parentID]?.level else {
                issues[region.id, default: []].append(.init("parent_id", "refers to unknown region \(parentID)"))
                continue
            }
            if parentLevel != expected {
                issues[region.id, default: []].append(
                    .init("parent_id", "refers to \(parentID), a \(parentLevel.rawValue); a \(region.level.rawValue) needs a \(expected.rawValue)")
                )
            }
        }
        // An incoming region whose level changed may no longer fit the stored regions under it.
        let incomingIDs = Set(incoming.map(\.id))
        for (childID, child) in nodes where !incomingIDs.contains(childID) {
            guard let parentID = child.parentID, incomingIDs.contains(parentID), let parent = nodes[parentID],
                child.level.parentLevel != parent.level
            else { continue }
            issues[parentID, default: []].append(
                .init("level", "\(parent.level.rawValue) cannot hold its stored \(child.level.rawValue) \(childID)")
            )
        }
        func depth(_ level: RegionLevel) -> Int { level == .province ? 0 : level == .city ? 1 : 2 }
        let order = incoming.indices.sorted { (depth(incoming[$0].level), $0) < (depth(incoming[$1].level), $1) }
        return (issues, order)
    }
}
