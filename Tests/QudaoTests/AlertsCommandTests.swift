import Foundation
import Testing

/// `qudao alerts` on a small demo database, run as a separate process.
@Suite struct AlertsCommandTests {
    @Test func alertsAreRaisedOnceListedAndWorkedThroughTheirLifecycle() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("alerts.sqlite").path
        let demo = try CrashTests.runQudao(["demo", "--db", db, "--lines", "3000"])
        #expect(demo.status == 0, "\(demo.errors)")
        let first = try CrashTests.runQudao(["alerts", "evaluate", "--db", db, "--at", "2026-10-31T15:59:59Z"])
        #expect(first.status == 0, "\(first.errors)")
        let raised = Int(first.output.split(separator: " ").first ?? "") ?? 0
        #expect(raised > 0 && first.output.contains("\(raised) new alerts, 0 repeats"), "\(first.output)")
        let second = try CrashTests.runQudao(["alerts", "evaluate", "--db", db, "--at", "2026-10-31T15:59:59Z"])
        #expect(second.output.contains(": 0 new alerts, \(raised) repeats"), "\(second.output)")
        let list = try CrashTests.runQudao(["alerts", "list", "--db", db, "--lang", "en", "--limit", "10000"])
        #expect(list.output.contains("open") && list.output.split(separator: "\n").count == raised + 2, "\(list.output)")
        #expect(try CrashTests.runQudao(["alerts", "ack", "1", "--db", db]).output.contains("alert 1 is acknowledged"))
        #expect(try CrashTests.runQudao(["alerts", "resolve", "1", "--note", "restocked", "--db", db]).output.contains("alert 1 is resolved"))
        let again = try CrashTests.runQudao(["alerts", "ack", "1", "--db", db])
        #expect(again.status != 0 && again.errors.contains("alert 1 is resolved"), "\(again.errors)")
        let shown = try CrashTests.runQudao(["alerts", "show", "1", "--db", db])
        for action in ["raised", "acknowledged", "resolved"] { #expect(shown.output.contains(action), "\(shown.output)") }
        let third = try CrashTests.runQudao(["alerts", "evaluate", "--db", db, "--at", "2026-10-31T15:59:59Z"])
        #expect(third.output.contains("1 in cooldown"), "the resolved subject stays quiet: \(third.output)")
    }
}
