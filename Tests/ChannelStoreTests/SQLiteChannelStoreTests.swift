import Foundation
import Testing

@testable import ChannelCore
@testable import ChannelStore
@testable import ChannelStoreSQLite
import ChannelStoreTestSupport

/// What only SQLite does; the contract tests (ChannelStoreContractTests) cover the rest on every backend.
@Suite struct SQLiteChannelStoreTests {
    @Test func reopeningKeepsDataAndMigrations() throws {
        try withTemporaryDatabase { path throws in
            _ = try withExtendedLifetime(try openStore(path)) { store in try store.write(SampleData()) }
            let reopened = try openStore(path)
            #expect(try reopened.appliedMigrations() == ["0001_initial_schema", "0002_accounts", "0003_audit_chain", "0004_forecast_backtests", "0005_alerts", "0006_contingency_plans", "0007_webhooks"])
            #expect(try reopened.rowCounts() == SampleData().counts)
        }
    }

    @Test func openingADirectoryFailsAsUnavailable() throws {
        try withTemporaryDatabase { path throws in
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let error = #expect(throws: StoreError.self) { try openStore(path) }
            #expect(error?.code == .unavailable)
        }
    }
}
