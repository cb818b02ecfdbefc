import ChannelAnalytics
import Testing

@Suite struct SummingHierarchyTests {
    @Test func buildsSparseAndDenseSummingMatrix() throws {
        let hierarchy = try SummingHierarchy(
            bottomIDs: ["AA", "AB", "BA"],
            aggregates: [.init(id: "Total", bottomIDs: ["BA", "AA", "AB"]), .init(id: "A", bottomIDs: ["AB", "AA"])]
        )
        #expect(hierarchy.nodeIDs == ["Total", "A", "AA", "AB", "BA"])
        #expect(hierarchy.summingRows == [[0, 1, 2], [0, 1], [0], [1], [2]])
        #expect(hierarchy.denseSummingMatrix() == [[1, 1, 1], [1, 1, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
        #expect(hierarchy.aggregate(bottomValues: [1, 2, 4]) == [7, 3, 1, 2, 4])
        #expect(hierarchy.nodeIndex(of: "BA") == 4)
        #expect(hierarchy.nodeIndex(of: "ZZ") == nil)
    }

    @Test func rejectsInvalidStructures() {
        #expect(throws: SummingHierarchyError.unknownBottom(aggregateID: "A", bottomID: "AC")) {
            try SummingHierarchy(bottomIDs: ["AA", "AB"], aggregates: [.init(id: "A", bottomIDs: ["AA", "AC"])])
        }
        #expect(throws: SummingHierarchyError.duplicateNodeID("AA")) {
            try SummingHierarchy(bottomIDs: ["AA", "AB"], aggregates: [.init(id: "AA", bottomIDs: ["AA", "AB"])])
        }
        #expect(throws: SummingHierarchyError.emptyAggregate("A")) {
            try SummingHierarchy(bottomIDs: ["AA"], aggregates: [.init(id: "A", bottomIDs: [])])
        }
        #expect(throws: SummingHierarchyError.repeatedBottom(aggregateID: "A", bottomID: "AA")) {
            try SummingHierarchy(bottomIDs: ["AA", "AB"], aggregates: [.init(id: "A", bottomIDs: ["AA", "AA"])])
        }
        #expect(throws: SummingHierarchyError.noBottomSeries) { try SummingHierarchy(bottomIDs: [], aggregates: []) }
    }
}
