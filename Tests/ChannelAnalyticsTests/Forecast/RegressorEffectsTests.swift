import Foundation
import Testing

@testable import ChannelAnalytics

@Suite struct RegressorEffectsTests {
    /// Series of different sizes whose demand rises 30% on promotion days and falls 2% per degree above 20 °C.
    static func simulated(seed: UInt64, days: Int = 400) -> (series: [[Double]], drivers: [[[Double?]]]) {
        var random = SplitMix64(seed: seed)
        let temperature = (0..<days).map { day in 20 + 8 * sin(Double(day) / 9) }
        var series: [[Double]] = []
        var drivers: [[[Double?]]] = []
        for size in [20.0, 60.0, 150.0] {
            let promotion = (0..<days).map { _ in random.nextUnit() < 0.2 ? 1.0 : 0.0 }
            let values = (0..<days).map { day in
                let effect = 1 + 0.3 * (promotion[day] - 0.2) - 0.02 * (temperature[day] - 20)
                return size * effect * (0.9 + 0.2 * random.nextUnit())
            }
            series.append(values)
            drivers.append([promotion, temperature])
        }
        return (series, drivers)
    }

    @Test func recoversKnownEffects() {
        let (series, drivers) = Self.simulated(seed: 5)
        let effects = RegressorEffects(names: ["promotion", "temperature"], learningFrom: Array(zip(series, drivers)), radius: 14)
        #expect(abs(effects.coefficients[0] - 0.3) < 0.04, "promotion \(effects.coefficients[0])")
        #expect(abs(effects.coefficients[1] + 0.02) < 0.005, "temperature \(effects.coefficients[1])")
        #expect(abs(effects.means[0] - 0.2) < 0.03)
    }

    @Test func aDriverThatNeverVariesHasNoEffectAndUnknownValuesCountAsTheMean() {
        let values = [[Double]](repeating: (0..<100).map { Double(10 + $0 % 3) }, count: 2)
        let flat: [[[Double?]]] = [[Array(repeating: 5, count: 100)], [Array(repeating: 5, count: 100)]]
        let effects = RegressorEffects(names: ["constant"], learningFrom: Array(zip(values, flat)), radius: 7)
        #expect(effects.coefficients == [0])
        let known = RegressorEffects(names: ["promotion"], coefficients: [0.5], means: [0.25])
        #expect(known.factors([[1, nil, 0]], count: 4) == [1.375, 1, 0.875, 1])
        #expect(RegressorEffects(names: ["x"], coefficients: [-1], means: [0]).factors([[10]], count: 1) == [RegressorEffects.minimumFactor])
    }

    @Test func forecastsFollowThePlannedDrivers() {
        let (series, drivers) = Self.simulated(seed: 9, days: 428)
        let history = series.map { Array($0.prefix(400)) }
        let combined = RegressorEffects.combined(
            names: ["promotion", "temperature"], series: history, drivers: drivers, base: nil, horizon: 28, radius: 14)
        let forecasts = Forecaster(horizon: 28, seasonLength: 7).forecast(all: history, method: .ets, factors: combined.factors)
        // The largest series: days with a promotion ahead are forecast about 30% above days without.
        let promotion = drivers[2][0].suffix(28).map { $0 ?? 0 }
        let temperature = drivers[2][1].suffix(28).map { $0 ?? 20 }
        let adjusted = (0..<28).map { forecasts[2].point[$0] / (1 - 0.02 * (temperature[$0] - 20)) }
        let on = (0..<28).filter { promotion[$0] == 1 }.map { adjusted[$0] }
        let off = (0..<28).filter { promotion[$0] == 0 }.map { adjusted[$0] }
        let lift = (on.reduce(0, +) / Double(on.count)) / (off.reduce(0, +) / Double(off.count))
        #expect(!on.isEmpty && abs(lift - 1.3) < 0.06, "lift \(lift)")
        // And the forecast is closer to what happened than one without the drivers.
        let plain = Forecaster(horizon: 28, seasonLength: 7).forecast(all: history, method: .ets)
        let error = { (point: [Double]) in zip(point, series[2].suffix(28)).map { abs($0 - $1) }.reduce(0, +) }
        #expect(error(forecasts[2].point) < error(plain[2].point))
    }
}
