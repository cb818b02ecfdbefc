import GRDB

/// Migration `0002_accounts`: passwords, sessions, API keys, idempotency keys.
///
/// Credentials are stored only as hashes: a bcrypt hash per password, the SHA-256 of each session token and API key
/// secret. Instants are INTEGER milliseconds since 1970-01-01 UTC, as everywhere else.
enum SQLiteAccountSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                -- A bcrypt hash ($2b$...), or NULL for an account that cannot sign in with a password (API clients).
                ALTER TABLE users ADD COLUMN password_hash TEXT CHECK (password_hash IS NULL OR password_hash <> '');

                -- Signed-in browser sessions, keyed by the SHA-256 (hex) of the token the browser holds.
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY CHECK (token_hash <> ''),
                    user_id INTEGER NOT NULL REFERENCES users(id),
                    csrf_token TEXT NOT NULL CHECK (csrf_token <> ''),
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL CHECK (expires_at > created_at)
                );
                CREATE INDEX sessions_user ON sessions(user_id);
                CREATE INDEX sessions_expiry ON sessions(expires_at);

                -- API keys: the public key id, the SHA-256 (hex) of the secret, space-separated scopes.
                CREATE TABLE api_keys (
                    id INTEGER PRIMARY KEY,
                    key_id TEXT NOT NULL UNIQUE CHECK (key_id <> ''),
                    secret_hash TEXT NOT NULL CHECK (secret_hash <> ''),
                    name TEXT NOT NULL CHECK (name <> ''),
                    user_id INTEGER NOT NULL REFERENCES users(id),
                    scopes TEXT NOT NULL CHECK (scopes <> ''),
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER CHECK (expires_at > created_at),
                    revoked_at INTEGER,
                    last_used_at INTEGER
                );
                CREATE INDEX api_keys_user ON api_keys(user_id);

                -- Responses kept per (caller, Idempotency-Key) so that a retried request gets the same answer.
                CREATE TABLE idempotency_keys (
                    user_id TEXT NOT NULL,
                    key TEXT NOT NULL CHECK (key <> ''),
                    request_hash TEXT NOT NULL,
                    status INTEGER NOT NULL CHECK (status BETWEEN 100 AND 599),
                    body BLOB NOT NULL,
                    content_type TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (user_id, key)
                ) WITHOUT ROWID;
                CREATE INDEX idempotency_keys_age ON idempotency_keys(created_at);
                """)
    }
}
