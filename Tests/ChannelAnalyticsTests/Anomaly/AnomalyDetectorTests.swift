import Testing

@testable import ChannelAnalytics

@Suite struct AnomalyDetectorTests {
    @Test func flagsAreOrderedAndIgnoredStatusesAreSkipped() throws {
        var b = FactsBuilder()
        let p = b.partner("P000002", suspended: true)
        let a = b.product("SKU-A", listFen: 5_000)
        b.order(partner: p, [FactsBuilder.line(a, qty: 1, fen: 500)])
        let facts = try b.build()
        let flags = AnomalyDetector().flags(in: facts)
        // The whole-order flag first, then the line's.
        #expect(flags.map(\.kind) == [.suspendedPartner, .priceDeviation])
        #expect(flags.map(\.lineNo) == [nil, 1])

        var thresholds = AnomalyThresholds()
        thresholds.ignoredStatuses = [0]
        #expect(AnomalyDetector(thresholds: thresholds).flags(in: facts).isEmpty)
    }

    @Test func emptyFactsGiveNoFlags() throws {
        let facts = try FactsBuilder().build()
        #expect(AnomalyDetector().flags(in: facts).isEmpty)
    }
}
