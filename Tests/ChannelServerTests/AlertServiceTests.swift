import ChannelAnalytics
import ChannelCore
import ChannelStoreSQLite
import Foundation
import Logging
import Testing

@testable import ChannelServer

/// The alert service evaluates the rules on its own while it runs, and again when the store changes.
@Suite struct AlertServiceTests {
    @Test func theServiceRaisesAlertsWithoutBeingAsked() async throws {
        let fixture = try ServerFixture.shared.get()
        let store = try SQLiteChannelStore(path: try fixture.copy())
        let engine = try AnalyticsEngine(store: store)
        let before = try store.alerts(states: [], limit: 100_000).count
        let alerting = Alerting(store: store, engine: engine, rules: AlertRule.builtIn, clock: { Instant(Date()) })
        let service = AlertService(alerting: alerting, checkInterval: .milliseconds(50), interval: .seconds(3600), logger: Logger(label: "test"))
        let task = Task { try await service.run() }
        defer { task.cancel() }
        var alerts = 0
        for _ in 0..<600 where alerts == 0 {
            try await Task.sleep(for: .milliseconds(100))
            alerts = try store.alerts(states: [], limit: 100_000).count - before
        }
        #expect(alerts > 0, "the service raised no alert within a minute")
        // Nothing changed since: no new evaluation adds occurrences.
        let occurrences = try store.alerts(states: [], limit: 100_000).map(\.occurrences).reduce(0, +)
        try await Task.sleep(for: .milliseconds(500))
        #expect(try store.alerts(states: [], limit: 100_000).map(\.occurrences).reduce(0, +) == occurrences)
    }
}
