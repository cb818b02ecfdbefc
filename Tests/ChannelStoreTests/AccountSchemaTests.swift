import GRDB
import Testing

@testable import ChannelStoreSQLite
import ChannelStoreTestSupport

/// SQLite's side of migration `0002_accounts`: the tables and columns it adds to the file. (What the account store does
/// with them is a contract test, run on every backend: ChannelStoreContractTests/AccountStoreTests.)
@Suite struct AccountSchemaTests {
    @Test func migrationAddsTheAccountTables() throws {
        try withTemporaryStore { store, path in
            #expect(try store.appliedMigrations().contains("0002_accounts"))
            let queue = try DatabaseQueue(path: path)
            try queue.read { db throws in
                #expect(try db.columns(in: "users").map(\.name).contains("password_hash"))
                #expect(try db.columns(in: "sessions").map(\.name) == ["token_hash", "user_id", "csrf_token", "created_at", "expires_at"])
                #expect(
                    try db.columns(in: "api_keys").map(\.name) == [
                        "id", "key_id", "secret_hash", "name", "user_id", "scopes", "created_at", "expires_at", "revoked_at",
                        "last_used_at",
                    ])
                #expect(
                    try db.columns(in: "idempotency_keys").map(\.name) == [
                        "user_id", "key", "request_hash", "status", "body", "content_type", "created_at",
                    ])
                #expect(try db.primaryKey("idempotency_keys").columns == ["user_id", "key"])
            }
        }
    }
}
