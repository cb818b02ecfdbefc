import GRDB
import Testing

@testable import ChannelCore
@testable import ChannelStore
@testable import ChannelStoreSQLite
import ChannelStoreTestSupport

/// SQLite's side of migration `0007_webhooks`: the schema itself refuses what the store's types would not let through.
/// (What the webhook store does is a contract test, run on every backend: ChannelStoreContractTests/WebhookStoreTests.)
@Suite struct WebhookSchemaTests {
    /// Each statement is first run with acceptable values, so a refusal below comes from the broken invariant.
    @Test func theSchemaRefusesWhatTheTypesWouldNot() throws {
        try withTemporaryStore { store, _ throws in
            let endpoint = try store.createWebhookEndpoint(
                try NewWebhookEndpoint(name: "a", url: "https://hooks.example.com/a", events: [], secret: "whsec_store_test_secret_0123"),
                actor: "user:admin", requestID: nil, at: fixedNow)
            let insert = """
                INSERT INTO webhook_endpoints (name, url, secret, events, active, created_at, created_by)
                VALUES ('x', ?, ?, 'alert.raised', 1, 0, 't')
                """
            try store.pool.write { db in try db.execute(sql: insert, arguments: ["https://x.example", "0123456789abcdef"]) }
            #expect(throws: DatabaseError.self) {
                try store.pool.write { db in try db.execute(sql: insert, arguments: ["ftp://x.example", "0123456789abcdef"]) }
            }
            #expect(throws: DatabaseError.self) {
                try store.pool.write { db in try db.execute(sql: insert, arguments: ["https://x.example", "short"]) }
            }
            let event = WebhookEvent(id: "e1", kind: .alertRaised, payload: #"{"id":"e1"}"#, createdAt: fixedNow)
            let id = try #require(try store.enqueueWebhookEvent(event).first?.id)
            let due = "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?"
            try store.pool.write { db in try db.execute(sql: due, arguments: [5, id]) }
            #expect(throws: DatabaseError.self) {
                try store.pool.write { db in try db.execute(sql: due, arguments: [nil, id]) }
            }
            let move = "UPDATE webhook_deliveries SET endpoint_id = ? WHERE id = ?"
            try store.pool.write { db in try db.execute(sql: move, arguments: [endpoint.id, id]) }
            #expect(throws: DatabaseError.self) {
                try store.pool.write { db in try db.execute(sql: move, arguments: [endpoint.id + 100, id]) }
            }
        }
    }
}
