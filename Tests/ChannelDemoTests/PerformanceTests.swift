import Foundation
import Testing

@testable import ChannelDemo

/// Opt-in timing: `CHANNEL_DEMO_BENCH_LINES=200000 swift test --filter PerformanceTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CHANNEL_DEMO_BENCH_LINES"] != nil))
struct PerformanceTests {
    @Test func timesALargeDataset() throws {
        let lines = Int(ProcessInfo.processInfo.environment["CHANNEL_DEMO_BENCH_LINES"] ?? "") ?? 200_000
        let directory = try DemoFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ContinuousClock()
        var summary: DemoSummary?
        let elapsed = try clock.measure {
            summary = try DemoDataset(lines: lines, seed: 20_261_126).write(to: directory)
        }
        let result = try #require(summary)
        print("ChannelDemo: \(lines) lines in \(elapsed), rows: \(result.rowsByFile.sorted { $0.key < $1.key })")
        #expect(result.rowsByFile["order_lines.csv"] == lines)
    }
}
