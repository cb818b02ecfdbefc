import ArgumentParser
import ChannelAnalytics
import ChannelCore
import Foundation

/// `qudao bench`: performance measurements on the user's own database.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Qudao's speed on a database.", subcommands: [KPIs.self])

    /// `qudao bench kpis`: engine build time, each benchmark query's best time, their total, memory.
    struct KPIs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kpis",
            abstract: "Time the analytic engine's build and the eight benchmark KPI queries.",
            discussion: """
                Builds the analytic engine from the database, runs q1..q8 (as of 2026-10-31T23:59:59Z unless \
                --as-of says otherwise) --repeat times each, and prints the build time, each query's best time, the \
                total of the best times, and the process's resident memory.
                """)

        @OptionGroup var storage: StorageOptions

        @Option(help: "Runs of each query; the best is reported.")
        var `repeat` = 3

        @Option(name: .customLong("as-of"), help: ArgumentHelp("The as-of instant (ISO 8601).", valueName: "instant"))
        var asOf = "2026-10-31T23:59:59Z"

        @Option(name: .customLong("query"), help: ArgumentHelp("Time only this query (repeatable); all eight by default.", valueName: "name"))
        var only: [String] = []

        func validate() throws {
            guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
            for name in only where BenchmarkQuery(rawValue: name) == nil {
                throw ValidationError("unknown query '\(name)'; known: \(BenchmarkQuery.allCases.map(\.name).joined(separator: ", "))")
            }
            do { _ = try Instant(iso8601: asOf) } catch { throw ValidationError("--as-of '\(asOf)' \(error)") }
        }

        func run() throws {
            let store = try storage.openExistingStore()
            let instant = try Instant(iso8601: asOf)
            let clock = ContinuousClock()
            let buildStart = clock.now
            let engine = try AnalyticsEngine(store: store)
            let build = clock.now - buildStart
            let snapshot = engine.snapshot
            print("engine build: \(Self.format(build)) (\(snapshot.orders.count - 1) orders, \(snapshot.lines.count) lines)")
            var total = Duration.zero
            for query in BenchmarkQuery.allCases where only.isEmpty || only.contains(query.name) {
                var best = Duration.seconds(1_000_000)
                var rows = 0
                for _ in 0..<`repeat` {
                    let start = clock.now
                    rows = query.run(on: snapshot, asOf: instant).rows.count
                    best = min(best, clock.now - start)
                }
                total += best
                print("\(query.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(Self.format(best))  (\(rows) rows)")
            }
            print("queries total: \(Self.format(total)) (best of \(`repeat`) each)")
            let memory = ResidentMemory.current()
            print("resident memory: \(memory.current / 1_048_576) MiB now, \(memory.peak / 1_048_576) MiB peak")
        }

        static func format(_ duration: Duration) -> String {
            let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            return ms >= 1000 ? String(format: "%.2f s", ms / 1000) : String(format: "%.1f ms", ms)
        }
    }
}

/// The process's resident set size, now and at its peak (from Linux's /proc; zero where that is missing).
enum ResidentMemory {
    static func current() -> (current: Int, peak: Int) {
        var current = 0
        var peak = 0
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
            for line in status.split(separator: "\n") {
                let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard parts.count >= 2, let kb = Int(parts[1]) else { continue }
                if parts[0] == "VmRSS:" { current = kb * 1024 }
                if parts[0] == "VmHWM:" { peak = kb * 1024 }
            }
        }
        return (current, peak)
    }
}
