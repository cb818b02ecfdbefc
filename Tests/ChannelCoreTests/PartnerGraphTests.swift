import Testing

@testable import ChannelCore

@Suite struct PartnerGraphTests {
    /// A stored chain: distributor D1 (tier 1) <- agent A1 (tier 2) <- dealer R1 (tier 3), and platform PL (tier 0).
    static let stored: [PartnerID: PartnerGraph.Node] = [
        PartnerID("D1"): .init(tier: 1, parentID: nil),
        PartnerID("A1"): .init(tier: 2, parentID: PartnerID("D1")),
        PartnerID("R1"): .init(tier: 3, parentID: PartnerID("A1")),
        PartnerID("PL"): .init(tier: 0, parentID: nil),
    ]

    func merge(_ incoming: [Partner], existing: [PartnerID: PartnerGraph.Node] = stored)
        -> (issues: [PartnerID: [ValidationIssue]], writeOrder: [Int])
    {
        var graph = PartnerGraph(existing: existing)
        return graph.merge(incoming)
    }

    @Test func childrenOfStoredAndIncomingParentsAreValid() {
        let result = merge([
            Fixture.partner("A2", kind: .agent, tier: 2, parent: "D1"),
            Fixture.partner("R2", kind: .dealer, tier: 3, parent: "A2"),
            // A parent may skip a tier: a dealer straight under a distributor.
            Fixture.partner("R3", kind: .dealer, tier: 3, parent: "D1"),
            Fixture.partner("D2", kind: .distributor, tier: 1),
            Fixture.partner("PL2", kind: .platform, tier: 0),
        ])
        #expect(result.issues.isEmpty)
    }

    @Test func parentDefinedLaterInTheSameBatchIsKnown() {
        let result = merge([Fixture.partner("R9", kind: .dealer, tier: 3, parent: "A9"), Fixture.partner("A9", kind: .agent, tier: 2)], existing: [:])
        #expect(result.issues.isEmpty)
        #expect(result.writeOrder == [1, 0])
    }

    @Test func unknownParent() {
        let result = merge([Fixture.partner("A2", kind: .agent, tier: 2, parent: "NOPE")])
        #expect(result.issues == [PartnerID("A2"): [ValidationIssue("parent_id", "refers to unknown partner NOPE")]])
    }

    @Test(arguments: [("A1", 2), ("R1", 3)])
    func parentNotUpstream(parent: String, parentTier: Int) {
        let result = merge([Fixture.partner("A2", kind: .agent, tier: 2, parent: parent)])
        #expect(
            result.issues == [
                PartnerID("A2"): [ValidationIssue("parent_id", "refers to \(parent) of tier \(parentTier), which is not upstream of tier 2")]
            ])
    }

    @Test func tierZeroParent() {
        let result = merge([Fixture.partner("R2", kind: .dealer, tier: 3, parent: "PL")])
        #expect(result.issues == [PartnerID("R2"): [ValidationIssue("parent_id", "refers to PL, a tier-0 partner, which has no downstream")]])
    }

    @Test func cycleIsReportedOnEachMember() {
        let result = merge([
            Fixture.partner("X1", kind: .distributor, tier: 1, parent: "X2"),
            Fixture.partner("X2", kind: .agent, tier: 2, parent: "X1"),
        ], existing: [:])
        let x1 = result.issues[PartnerID("X1")] ?? []
        let x2 = result.issues[PartnerID("X2")] ?? []
        #expect(x1.contains(ValidationIssue("parent_id", "closes a cycle: X1 -> X2 -> X1")))
        #expect(x1.contains(ValidationIssue("parent_id", "refers to X2 of tier 2, which is not upstream of tier 1")))
        #expect(x2 == [ValidationIssue("parent_id", "closes a cycle: X2 -> X1 -> X2")])
    }

    @Test func cycleThroughStoredPartners() {
        // Re-parenting the stored distributor under its own grandchild closes D1 -> R1 -> A1 -> D1.
        let result = merge([Fixture.partner("D1", kind: .distributor, tier: 1, parent: "R1")])
        let issues = result.issues[PartnerID("D1")] ?? []
        #expect(issues.contains(ValidationIssue("parent_id", "closes a cycle: D1 -> R1 -> A1 -> D1")))
    }

    @Test func partnerBelowALoopIsNotBlamedForIt() {
        let result = merge([
            Fixture.partner("X1", kind: .agent, tier: 2, parent: "X2"),
            Fixture.partner("X2", kind: .agent, tier: 2, parent: "X1"),
            Fixture.partner("Y", kind: .dealer, tier: 3, parent: "X1"),
        ], existing: [:])
        #expect(result.issues[PartnerID("Y")] == nil)
        #expect(result.issues[PartnerID("X1")]?.contains { $0.reason.hasPrefix("closes a cycle") } == true)
    }

    @Test(arguments: [2, 3])
    func storedChildLeftBelowAPartnerWhoseTierChanged(newTier: Int) {
        // A1 (stored tier 2, parent of stored R1 at tier 3) comes in again at a tier that is no longer upstream of R1.
        let result = merge([Fixture.partner("A1", kind: .agent, tier: newTier, parent: "D1")])
        // A1 itself is fine (D1 is still upstream); the broken edge is to its stored child.
        let issues = result.issues[PartnerID("A1")] ?? []
        if newTier == 3 {
            #expect(issues == [ValidationIssue("tier", "3 is not upstream of its stored downstream partner R1 (tier 3)")])
        } else {
            #expect(issues.isEmpty)
        }
    }

    /// A stored partner re-imported as a tier-0 platform leaves its stored children under a tier-0 parent, which
    /// the graph refuses for incoming children ("a tier-0 partner, which has no downstream"); it must refuse it here too.
    @Test func storedChildLeftBelowAPartnerThatBecameTierZero() {
        let result = merge([Fixture.partner("A1", kind: .platform, tier: 0)])
        let issues = result.issues[PartnerID("A1")] ?? []
        #expect(!issues.isEmpty, "A1 became tier 0 while stored R1 still names it as parent")
    }

    @Test func unchangedReimportOfTheStoredGraphIsValid() {
        let result = merge([
            Fixture.partner("R1", kind: .dealer, tier: 3, parent: "A1"),
            Fixture.partner("A1", kind: .agent, tier: 2, parent: "D1"),
            Fixture.partner("D1", kind: .distributor, tier: 1),
            Fixture.partner("PL", kind: .platform, tier: 0),
        ])
        #expect(result.issues.isEmpty)
    }

    @Test func writeOrderPutsParentsFirst() {
        let incoming = [
            Fixture.partner("R2", kind: .dealer, tier: 3, parent: "A2"),
            Fixture.partner("A2", kind: .agent, tier: 2, parent: "D2"),
            Fixture.partner("R3", kind: .dealer, tier: 3, parent: "A2"),
            Fixture.partner("D2", kind: .distributor, tier: 1),
            Fixture.partner("PL2", kind: .platform, tier: 0),
            Fixture.partner("A3", kind: .agent, tier: 2, parent: "D2"),
        ]
        let result = merge(incoming, existing: [:])
        #expect(result.issues.isEmpty)
        #expect(result.writeOrder == [4, 3, 1, 5, 0, 2])
        // Every partner comes after its parent.
        let position = Dictionary(uniqueKeysWithValues: result.writeOrder.enumerated().map { (incoming[$1].id, $0) })
        for partner in incoming {
            if let parent = partner.parentID { #expect(position[parent, default: -1] < position[partner.id, default: -1]) }
        }
    }

    @Test func laterMergesSeeEarlierOnes() {
        var graph = PartnerGraph(existing: [:])
        #expect(graph.merge([Fixture.partner("D1", kind: .distributor, tier: 1)]).issues.isEmpty)
        #expect(graph.merge([Fixture.partner("A1", kind: .agent, tier: 2, parent: "D1")]).issues.isEmpty)
        #expect(graph.merge([Fixture.partner("D1", kind: .distributor, tier: 2)]).issues[PartnerID("D1")]?.count == 1)
    }
}

@Suite struct RegionTreeTests {
    static let stored: [RegionID: RegionTree.Node] = [
        RegionID("310000"): .init(level: .province, parentID: nil),
        RegionID("310100"): .init(level: .city, parentID: RegionID("310000")),
    ]

    func merge(_ incoming: [Region], existing: [RegionID: RegionTree.Node] = stored)
        -> (issues: [RegionID: [ValidationIssue]], writeOrder: [Int])
    {
        var tree = RegionTree(existing: existing)
        return tree.merge(incoming)
    }

    @Test func cityUnderProvince() {
        #expect(merge([Fixture.region("310200", .city, parent: "310000")]).issues.isEmpty)
    }

    @Test func districtUnderCity() {
        #expect(merge([Fixture.region("310101", .district, parent: "310100")]).issues.isEmpty)
    }

    @Test func cityUnderCityIsRejected() {
        let result = merge([Fixture.region("310200", .city, parent: "310100")])
        #expect(
            result.issues == [
                RegionID("310200"): [ValidationIssue("parent_id", "refers to 310100, a city; a city needs a province")]
            ])
    }

    @Test func districtUnderProvinceIsRejected() {
        let result = merge([Fixture.region("310101", .district, parent: "310000")])
        #expect(result.issues[RegionID("310101")]?.map(\.field) == ["parent_id"])
    }

    @Test func unknownParent() {
        let result = merge([Fixture.region("440300", .city, parent: "440000")])
        #expect(result.issues == [RegionID("440300"): [ValidationIssue("parent_id", "refers to unknown region 440000")]])
    }

    @Test func parentInTheSameBatch() {
        let result = merge(
            [Fixture.region("440301", .district, parent: "440300"), Fixture.region("440300", .city, parent: "440000"), Fixture.region("440000", .province)],
            existing: [:])
        #expect(result.issues.isEmpty)
        #expect(result.writeOrder == [2, 1, 0])
    }

    @Test func writeOrderIsByLevelThenInput() {
        let result = merge(
            [
                Fixture.region("C1", .city, parent: "P1"), Fixture.region("D1", .district, parent: "C1"), Fixture.region("P1", .province),
                Fixture.region("C2", .city, parent: "P1"), Fixture.region("P2", .province),
            ], existing: [:])
        #expect(result.writeOrder == [2, 4, 0, 3, 1])
    }

    @Test func knowsLevelsOfStoredAndMergedRegions() {
        var tree = RegionTree(existing: Self.stored)
        _ = tree.merge([Fixture.region("310101", .district, parent: "310100")])
        #expect(tree.level(of: RegionID("310000")) == .province)
        #expect(tree.level(of: RegionID("310101")) == .district)
        #expect(tree.level(of: RegionID("999999")) == nil)
    }

    /// A stored province re-imported as a city would leave its stored cities under a city.
    @Test func storedChildLeftBelowARegionWhoseLevelChanged() {
        var tree = RegionTree(existing: [:])
        _ = tree.merge([Fixture.region("P1", .province), Fixture.region("P2", .province), Fixture.region("C1", .city, parent: "P1")])
        let result = tree.merge([Fixture.region("P1", .city, parent: "P2")])
        #expect(result.issues == [RegionID("P1"): [ValidationIssue("level", "city cannot hold its stored city C1")]])
    }

    @Test func aStoredRegionMayChangeItsNameAndKeepItsChildren() {
        var tree = RegionTree(existing: Self.stored)
        #expect(tree.merge([Fixture.region("310000", .province)]).issues.isEmpty)
    }
}
