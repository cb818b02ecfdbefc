import ChannelStore

/// The PostgreSQL schema as named, forward-only migrations: the same names and meaning as `SQLiteMigrations`. Never
/// edit a migration that has shipped: add one.
///
/// Applied names are recorded in `qudao_migrations`. Each migration runs in its own transaction, and the whole run
/// holds an advisory lock, so several servers starting on one database migrate it once.
enum PostgresMigrations {
    struct Migration: Sendable {
        let name: String
        let apply: @Sendable (PostgresSession) throws -> Void
    }

    static let all: [Migration] = [
        Migration(name: "0001_initial_schema") { try $0.execute(PostgresInitialSchema.sql, context: "creating the schema") },
        Migration(name: "0002_accounts") { try $0.execute(PostgresLaterSchemas.accounts, context: "adding accounts") },
        Migration(name: "0003_audit_chain") { try PostgresAuditChain.migrate($0) },
        Migration(name: "0004_forecast_backtests") {
            try $0.execute(PostgresLaterSchemas.forecastBacktests, context: "adding forecast backtests")
        },
        Migration(name: "0005_alerts") { try $0.execute(PostgresLaterSchemas.alerts, context: "adding alerts") },
        Migration(name: "0006_contingency_plans") {
            try $0.execute(PostgresLaterSchemas.contingencyPlans, context: "adding contingency plans")
        },
        Migration(name: "0007_webhooks") { try $0.execute(PostgresLaterSchemas.webhooks, context: "adding webhooks") },
    ]

    /// The advisory lock key that serializes migration runs ("qudao-mg").
    static let lockKey: Int64 = 0x7175_6461_6f2d_6d67

    /// Applies the pending migrations in order.
    /// - Throws: `StoreError` `.migration` when the database holds a migration this Qudao does not know (it was
    ///   written by a newer one), or a migration fails.
    static func migrate(_ session: PostgresSession, location: PostgresLocation) throws {
        try session.run("SELECT pg_advisory_lock($1)", [.integer(lockKey)], context: "waiting for the migration lock")
        defer { try? session.run("SELECT pg_advisory_unlock($1)", [.integer(lockKey)], context: "releasing the migration lock") }
        try session.execute(
            """
            CREATE TABLE IF NOT EXISTS qudao_migrations (
                name text PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, context: "creating the migrations table")
        let applied = try appliedMigrations(session)
        let known = Set(all.map(\.name))
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw StoreError(
                .migration,
                "\(location) was written by a newer Qudao (it has migration \(unknown), which this one does not know); "
                    + "upgrade qudao to open it")
        }
        for migration in all where !applied.contains(migration.name) {
            do {
                try session.transaction {
                    try migration.apply(session)
                    try session.run(
                        "INSERT INTO qudao_migrations (name) VALUES ($1)", [.text(migration.name)],
                        context: "recording migration \(migration.name)")
                }
            } catch let error as StoreError {
                throw StoreError(.migration, "migration \(migration.name) failed on \(location): \(error.message)", underlying: error)
            }
        }
    }

    /// The migrations applied to the database, oldest first.
    static func appliedMigrations(_ session: PostgresSession) throws -> [String] {
        try session.query("SELECT name FROM qudao_migrations ORDER BY name", context: "reading the applied migrations")
            .map { try $0.text(at: 0) }
    }
}
