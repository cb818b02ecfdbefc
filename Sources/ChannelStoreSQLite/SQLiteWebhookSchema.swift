import GRDB

/// Migration `0007_webhooks`: webhook endpoints, their deliveries and every delivery attempt.
enum SQLiteWebhookSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                -- A receiver of webhooks. The secret is kept as given (signing needs it); it is shown once, at creation.
                CREATE TABLE webhook_endpoints (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 100),
                    url TEXT NOT NULL CHECK (url LIKE 'http://_%' OR url LIKE 'https://_%'),
                    secret TEXT NOT NULL CHECK (length(secret) BETWEEN 16 AND 256),
                    -- Event kinds, comma-separated: alert.raised, alert.changed.
                    events TEXT NOT NULL CHECK (events <> ''),
                    active INTEGER NOT NULL CHECK (active IN (0, 1)),
                    created_at INTEGER NOT NULL,
                    created_by TEXT NOT NULL CHECK (created_by <> ''),
                    deactivated_at INTEGER CHECK ((active = 0) = (deactivated_at IS NOT NULL))
                );

                -- One event on its way to one endpoint: pending (due at next_attempt_at), delivered, or dead (a dead
                -- letter, until replayed).
                CREATE TABLE webhook_deliveries (
                    id INTEGER PRIMARY KEY,
                    endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints(id),
                    event_id TEXT NOT NULL CHECK (event_id <> ''),
                    kind TEXT NOT NULL CHECK (kind IN ('alert.raised', 'alert.changed')),
                    payload TEXT NOT NULL CHECK (payload <> ''),
                    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
                    attempts INTEGER NOT NULL CHECK (attempts >= 0),
                    last_status INTEGER,
                    last_error TEXT,
                    next_attempt_at INTEGER CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL)),
                    created_at INTEGER NOT NULL,
                    delivered_at INTEGER CHECK ((state = 'delivered') = (delivered_at IS NOT NULL)),
                    UNIQUE (event_id, endpoint_id)
                );
                CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, id);
                CREATE INDEX webhook_deliveries_state ON webhook_deliveries(state, id);

                -- Every HTTP request of a delivery: the status it got, or why it got none.
                CREATE TABLE webhook_attempts (
                    id INTEGER PRIMARY KEY,
                    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id),
                    number INTEGER NOT NULL CHECK (number >= 1),
                    status INTEGER CHECK (status BETWEEN 100 AND 999),
                    error TEXT,
                    started_at INTEGER NOT NULL,
                    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
                    CHECK ((status IS NULL) <> (error IS NULL))
                );
                CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id, id);
                """)
    }
}
