import ChannelCore
import Foundation
import Testing

@testable import ChannelAnalytics

/// The rules catalogue of `ChannelCore` names what the analytic engine computes (Core cannot see the engine).
@Suite struct RuleCatalogueTests {
    @Test func theStandardCatalogueNamesTheEnginesMeasuresDimensionsAndAnomalies() {
        let catalogue = RuleCatalogue.standard
        #expect(catalogue.measures.map(\.rawValue) == Measure.allCases.map(\.rawValue))
        #expect(Set(catalogue.dimensions.map(\.rawValue) + catalogue.timeBuckets.map(\.rawValue))
            == Set(CubeDimension.names.map { $0.replacingOccurrences(of: "[:TIER]", with: "") }))
        #expect(catalogue.anomalyKinds == AnomalyKind.allCases.map(\.rawValue))
        #expect(catalogue.complaintSeverities == ComplaintSeverity.allCases.map(\.rawValue))
    }
}
