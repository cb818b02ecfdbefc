import Testing

@testable import ChannelAnalytics

@Suite struct ETSSpecTests {
    @Test func taxonomyHasThirtyDistinctModels() {
        #expect(ETSSpec.taxonomy.count == 30)
        #expect(Set(ETSSpec.taxonomy).count == 30)
        #expect(Set(ETSSpec.taxonomy.map(\.description)).count == 30)
        #expect(ETSSpec(error: .multiplicative, trend: .damped, season: .additive).description == "ETS(M,Ad,A)")
        #expect(ETSSpec(error: .additive, trend: .multiplicativeDamped, season: .none).description == "ETS(A,Md,N)")
    }

    @Test(arguments: [(true, true, 15), (false, true, 6), (true, false, 6), (false, false, 3)])
    func admissibleCounts(seasonal: Bool, positive: Bool, expected: Int) {
        let specs = ETSSpec.all(seasonal: seasonal, positive: positive)
        #expect(specs.count == expected)
        #expect(!specs.contains { $0.error == .additive && $0.season == .multiplicative })
        #expect(!specs.contains { $0.trend == .multiplicative || $0.trend == .multiplicativeDamped })
        if !seasonal { #expect(!specs.contains { $0.hasSeason }) }
        if !positive { #expect(!specs.contains { $0.needsPositiveData }) }
    }

    @Test func multiplicativeTrendOptIn() {
        let specs = ETSSpec.all(seasonal: true, positive: true, multiplicativeTrend: true)
        #expect(specs.count == 19)
        #expect(!specs.contains(ETSSpec(error: .multiplicative, trend: .multiplicative, season: .additive)))
        #expect(!specs.contains(ETSSpec(error: .additive, trend: .multiplicative, season: .none)))
    }
}
