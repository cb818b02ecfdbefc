import Foundation
import ChannelAnalytics
import Testing

@Suite struct StandardNormalTests {
    // Reference quantiles from standard normal tables (printed to 6 decimals).
    @Test(arguments: [
        (p: 0.95, z: 1.644854),
        (p: 0.99, z: 2.326348),
        (p: 0.5, z: 0.0),
        (p: 0.975, z: 1.959964),
        (p: 0.9, z: 1.281552),
        (p: 0.001, z: -3.090232),
        (p: 0.02, z: -2.053749),
        (p: 0.999, z: 3.090232),
    ])
    func quantileMatchesTables(p: Double, z: Double) {
        #expect(abs(StandardNormal.quantile(p) - z) < 1e-6)
    }

    @Test func quantileInvertsTheCumulativeProbability() {
        for p in [1e-12, 1e-6, 0.01, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.97575, 0.999999] {
            let z = StandardNormal.quantile(p)
            #expect(abs(StandardNormal.cumulativeProbability(z) - p) <= 1e-14 * max(1, p / 1e-3))
        }
    }

    @Test func quantileIsAntisymmetric() {
        for p in [0.001, 0.05, 0.2, 0.4] {
            #expect(abs(StandardNormal.quantile(p) + StandardNormal.quantile(1 - p)) < 1e-12)
        }
    }

    @Test func quantileEdgeCases() {
        #expect(StandardNormal.quantile(0) == -.infinity)
        #expect(StandardNormal.quantile(1) == .infinity)
        #expect(StandardNormal.quantile(.nan).isNaN)
    }
}
