/// A node of the administrative region tree: a province, a city under it, or a district under a city.
public struct Region: Hashable, Sendable, Codable {
    public var id: RegionID
    public var name: String
    public var parentID: RegionID?
    public var level: RegionLevel

    public init(id: RegionID, name: String, parentID: RegionID?, level: RegionLevel) {
        self.id = id
        self.name = name
        self.parentID = parentID
        self.level = level
    }

    /// Checks the row on its own; the tree (parent level) is checked by `RegionTree`.
    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if name.isEmpty { issues.append(.init("name", "is empty")) }
        if level == .province, parentID != nil { issues.append(.init("parent_id", "must be empty for a province")) }
        if level != .province, parentID == nil { issues.append(.init("parent_id", "is required for a \(level.rawValue)")) }
        if parentID == id { issues.append(.init("parent_id", "is the region itself")) }
        return issues
    }
}
