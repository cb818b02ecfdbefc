/// Checks the partner graph: every parent exists, sits upstream (a smaller tier number, tier >= 1) and
/// no chain of parents loops back.
public struct PartnerGraph: Sendable {
    /// What the graph knows of a partner: its tier and parent.
    public struct Node: Hashable, Sendable {
        public var tier: Int
        public var parentID: PartnerID?
        public init(tier: Int, parentID: PartnerID?) {
            self.tier = tier
            self.parentID = parentID
        }
    }

    private var nodes: [PartnerID: Node]

    /// Starts from the partners already stored.
    public init(existing: [PartnerID: Node]) { self.nodes = existing }

    /// Adds or replaces incoming partners and returns the issues of each incoming partner that breaks a rule,
    /// plus an order (parents before children) in which the valid ones can be written.
    public mutating func merge(_ incoming: [Partner]) -> (issues: [PartnerID: [ValidationIssue]], writeOrder: [Int]) {
        for partner in incoming { nodes[partner.id] = Node(tier: partner.tier, parentID: partner.parentID) }
        var issues: [PartnerID: [ValidationIssue]] = [:]
        for partner in incoming {
            guard let parentID = partner.parentID else { continue }
            guard let parent = nodes[parentID] else {
                issues[partner.id, default: []].append(.init("parent_id", "refers to unknown partner \(parentID)"))
                continue
            }
            if parent.tier == 0 {
                issues[partner.id, default: []].append(.init("parent_id", "refers to \(parentID), a tier-0 partner, which has no downstream"))
            } else if parent.tier >= partner.tier {
                issues[partner.id, default: []].append(
                    .init("parent_id", "refers to \(parentID) of tier \(parent.tier), which is not upstream of tier \(partner.tier)")
                )
            }
            if let cycle = cycle(from: partner.id) {
                issues[partner.id, default: []].append(.init("parent_id", "closes a cycle: \(cycle)"))
            }
        }
        // An incoming partner whose tier changed may now sit at or below a stored child.
        let incomingIDs = Set(incoming.map(\.id))
        for (childID, child) in nodes where !incomingIDs.contains(childID) {
            guard let parentID = child.parentID, incomingIDs.contains(parentID), let parent = nodes[parentID],
                parent.tier == 0 || parent.tier >= child.tier
            else { continue }
            issues[parentID, default: []].append(
                .init("tier", "\(parent.tier) is not upstream of its stored downstream partner \(childID) (tier \(child.tier))")
            )
        }
        // Parents first: a smaller tier comes first, ties by input position, so a parent is written before its children.
        let order = incoming.indices.sorted { (incoming[$0].tier, $0) < (incoming[$1].tier, $1) }
        return (issues, order)
    }

    /// The loop through `start`, spelled out, if following parents from it comes back to it.
    private func cycle(from start: PartnerID) -> String? {
        var path: [PartnerID] = [start]
        var seen: Set<PartnerID> = [start]
        var current = start
        while let parentID = nodes[current]?.parentID {
            path.append(parentID)
            if parentID == start { return path.map(\.rawValue).joined(separator: " -> ") }
            if !seen.insert(parentID).inserted { return nil }  // a loop above `start`, reported on its own members
            current = parentID
        }
        return nil
    }
}
