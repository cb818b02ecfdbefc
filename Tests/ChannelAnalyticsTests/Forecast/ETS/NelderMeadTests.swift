import Testing

@testable import ChannelAnalytics

@Suite struct NelderMeadTests {
    @Test func rosenbrock() {
        let result = NelderMead(maxEvaluations: 5_000, tolerance: 1e-14).minimize(
            { x in 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]) },
            start: [-1.2, 1], lower: [-5, -5], upper: [5, 5])
        #expect(abs(result.point[0] - 1) < 1e-3 && abs(result.point[1] - 1) < 1e-3, "\(result.point)")
    }

    @Test func respectsBounds() {
        let result = NelderMead.minimize(
            { x in (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1) + (x[2] - 0.5) * (x[2] - 0.5) },
            start: [0, 0, 0], lower: [0, 0, 0], upper: [1, 1, 1], maxIterations: 2_000, tolerance: 1e-12)
        #expect(abs(result.point[0] - 1) < 1e-6)
        #expect(abs(result.point[1]) < 1e-6)
        #expect(abs(result.point[2] - 0.5) < 1e-4)
    }
}
