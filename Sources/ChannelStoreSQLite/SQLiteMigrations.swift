import ChannelCore
import ChannelStore
import GRDB

/// The SQLite schema as named, forward-only migrations. Never edit a migration that has shipped: add one.
///
/// Invariants live in the schema (NOT NULL, CHECK, UNIQUE, foreign keys, triggers) so no path can write a
/// row the domain rejects. Money is integer minor units, instants are UTC milliseconds, business dates are
/// `YYYY-MM-DD` text, natural keys are text with an integer surrogate `id` that references use.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("0001_initial_schema") { db in
            try db.execute(sql: initialSchema)
        }
        migrator.registerMigration("0002_accounts") { db in
            try SQLiteAccountSchema.migrate(db)
        }
        migrator.registerMigration("0003_audit_chain") { db in
            try SQLiteAuditChain.migrate(db)
        }
        migrator.registerMigration("0004_forecast_backtests") { db in
            try SQLiteBacktestSchema.migrate(db)
        }
        migrator.registerMigration("0005_alerts") { db in
            try SQLiteAlertSchema.migrate(db)
        }
        migrator.registerMigration("0006_contingency_plans") { db in
            try SQLitePlanSchema.migrate(db)
        }
        migrator.registerMigration("0007_webhooks") { db in
            try SQLiteWebhookSchema.migrate(db)
        }
        return migrator
    }

    /// `(column = 'a' OR column = 'b')`: the same meaning as `column IN ('a', 'b')`, but SQLite evaluates an IN
    /// list in a CHECK through a temporary b-tree built for every inserted row, which tripled the cost of bulk
    /// inserts; a chain of comparisons costs almost nothing.
    private static func oneOf(_ column: String, _ values: [String]) -> String {
        "(" + values.map { "\(column) = '\($0)'" }.joined(separator: " OR ") + ")"
    }

    /// `CREATE UNIQUE INDEX <table>_natural_key ON <table>(<key columns>)` for every table with a surrogate id.
    static func naturalKeyIndex(_ kind: EntityKind) -> (name: String, create: String)? {
        let layout = StoredColumns.of(kind)
        guard layout.feedIDColumn == "id" else { return nil }
        let name = "\(kind.name)_natural_key"
        let columns = layout.names[..<layout.keyCount].joined(separator: ", ")
        return (name, "CREATE UNIQUE INDEX \(name) ON \(kind.name)(\(columns))")
    }

    private static var naturalKeyIndexes: String {
        EntityKind.allCases.compactMap { naturalKeyIndex($0).map { "\($0.create);" } }.joined(separator: "\n")
    }

    /// A `YYYY-MM-DD` shape check for date columns: ten characters between the first and last valid dates.
    /// (Comparisons, not GLOB: the check runs for every imported row and GLOB costs several times more.)
    private static func isDate(_ column: String) -> String {
        "length(\(column)) = 10 AND \(column) BETWEEN '0001-01-01' AND '9999-12-31' AND substr(\(column), 5, 1) = '-'"
    }

    private static let initialSchema = """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        INSERT INTO settings (key, value) VALUES ('business_time_zone', 'Asia/Shanghai'), ('currency', 'CNY');

        CREATE TABLE regions (
            id INTEGER PRIMARY KEY,
            region_id TEXT NOT NULL CHECK (region_id <> ''),
            name TEXT NOT NULL CHECK (name <> ''),
            parent_id INTEGER REFERENCES regions(id),
            level TEXT NOT NULL CHECK (\(oneOf("level", ["province", "city", "district"]))),
            CHECK ((level = 'province') = (parent_id IS NULL)),
            CHECK (parent_id IS NULL OR parent_id <> id)
        );

        -- A city sits under a province, a district under a city, also after a region changes its level.
        CREATE TRIGGER regions_parent_level_insert BEFORE INSERT ON regions
        WHEN NEW.parent_id IS NOT NULL AND (SELECT level FROM regions WHERE id = NEW.parent_id)
            IS NOT (CASE NEW.level WHEN 'city' THEN 'province' WHEN 'district' THEN 'city' END)
        BEGIN SELECT RAISE(ABORT, 'a city belongs to a province and a district to a city'); END;
        CREATE TRIGGER regions_parent_level_update BEFORE UPDATE OF parent_id, level ON regions
        WHEN (NEW.parent_id IS NOT NULL AND (SELECT level FROM regions WHERE id = NEW.parent_id)
                IS NOT (CASE NEW.level WHEN 'city' THEN 'province' WHEN 'district' THEN 'city' END))
            OR EXISTS (
                SELECT 1 FROM regions WHERE parent_id = NEW.id
                    AND (CASE level WHEN 'city' THEN 'province' WHEN 'district' THEN 'city' END) IS NOT NEW.level)
        BEGIN SELECT RAISE(ABORT, 'a city belongs to a province and a district to a city'); END;

        CREATE TABLE partners (
            id INTEGER PRIMARY KEY,
            partner_id TEXT NOT NULL CHECK (partner_id <> ''),
            name TEXT NOT NULL CHECK (name <> ''),
            kind TEXT NOT NULL CHECK (\(oneOf("kind", ["distributor", "agent", "dealer", "platform", "direct"]))),
            parent_id INTEGER REFERENCES partners(id),
            tier INTEGER NOT NULL CHECK (tier BETWEEN 0 AND 9),
            region_id INTEGER NOT NULL REFERENCES regions(id),
            channel TEXT NOT NULL CHECK (\(oneOf("channel", ["online", "offline"]))),
            joined_on TEXT NOT NULL CHECK (\(isDate("joined_on"))),
            status TEXT NOT NULL CHECK (\(oneOf("status", ["active", "suspended"]))),
            CHECK ((\(oneOf("kind", ["platform", "direct"]))) = (tier = 0)),
            CHECK (parent_id IS NULL OR (parent_id <> id AND tier > 0))
        );
        -- A parent sits upstream: a smaller, non-zero tier. Tiers strictly decrease up the chain, so no cycles.
        CREATE TRIGGER partners_parent_upstream_insert BEFORE INSERT ON partners
        WHEN NEW.parent_id IS NOT NULL
            AND (SELECT tier FROM partners WHERE id = NEW.parent_id) NOT BETWEEN 1 AND NEW.tier - 1
        BEGIN SELECT RAISE(ABORT, 'parent partner must sit upstream (a smaller tier number)'); END;
        CREATE TRIGGER partners_parent_upstream_update BEFORE UPDATE OF parent_id, tier ON partners
        WHEN (NEW.parent_id IS NOT NULL
                AND (SELECT tier FROM partners WHERE id = NEW.parent_id) NOT BETWEEN 1 AND NEW.tier - 1)
            OR EXISTS (SELECT 1 FROM partners WHERE parent_id = NEW.id AND (tier <= NEW.tier OR NEW.tier = 0))
        BEGIN SELECT RAISE(ABORT, 'parent partner must sit upstream (a smaller tier number)'); END;
        CREATE INDEX partners_parent ON partners(parent_id);

        CREATE TABLE products (
            id INTEGER PRIMARY KEY,
            sku TEXT NOT NULL CHECK (sku <> ''),
            name TEXT NOT NULL CHECK (name <> ''),
            category TEXT NOT NULL CHECK (category <> ''),
            currency TEXT NOT NULL DEFAULT 'CNY' CHECK (length(currency) = 3),
            list_price_minor INTEGER NOT NULL CHECK (list_price_minor >= 0),
            unit_cost_minor INTEGER NOT NULL CHECK (unit_cost_minor >= 0),
            weight_g INTEGER NOT NULL CHECK (weight_g >= 0),
            launched_on TEXT NOT NULL CHECK (\(isDate("launched_on")))
        );

        CREATE TABLE outlets (
            id INTEGER PRIMARY KEY,
            outlet_id TEXT NOT NULL CHECK (outlet_id <> ''),
            partner_id INTEGER NOT NULL REFERENCES partners(id),
            region_id INTEGER NOT NULL REFERENCES regions(id),
            kind TEXT NOT NULL
                CHECK (\(oneOf("kind", ["supermarket", "convenience", "specialty", "wholesale", "online_store", "other"]))),
            opened_on TEXT NOT NULL CHECK (\(isDate("opened_on"))),
            closed_on TEXT CHECK (closed_on IS NULL OR (\(isDate("closed_on")) AND closed_on > opened_on))
        );

        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            order_id TEXT NOT NULL CHECK (order_id <> ''),
            partner_id INTEGER NOT NULL REFERENCES partners(id),
            outlet_id INTEGER REFERENCES outlets(id),
            channel TEXT NOT NULL CHECK (\(oneOf("channel", ["online", "offline"]))),
            currency TEXT NOT NULL DEFAULT 'CNY' CHECK (length(currency) = 3),
            ordered_at INTEGER NOT NULL,
            promised_at INTEGER CHECK (promised_at >= ordered_at),
            shipped_at INTEGER CHECK (shipped_at >= ordered_at),
            delivered_at INTEGER CHECK (delivered_at >= shipped_at),
            status TEXT NOT NULL
                CHECK (\(oneOf("status", ["pending", "confirmed", "shipped", "delivered", "returned", "cancelled"]))),
            CHECK (delivered_at IS NULL OR shipped_at IS NOT NULL),
            CHECK (NOT \(oneOf("status", ["shipped", "delivered", "returned"])) OR shipped_at IS NOT NULL),
            CHECK ((\(oneOf("status", ["delivered", "returned"]))) = (delivered_at IS NOT NULL)),
            CHECK (NOT \(oneOf("status", ["pending", "confirmed"])) OR shipped_at IS NULL)
        );

        CREATE TABLE order_lines (
            order_id INTEGER NOT NULL REFERENCES orders(id),
            line_no INTEGER NOT NULL CHECK (line_no BETWEEN 1 AND 99999),
            product_id INTEGER NOT NULL REFERENCES products(id),
            qty INTEGER NOT NULL CHECK (qty > 0),
            unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
            discount_ppm INTEGER NOT NULL DEFAULT 0 CHECK (discount_ppm >= 0 AND discount_ppm < 1000000),
            returned_qty INTEGER NOT NULL DEFAULT 0 CHECK (returned_qty >= 0 AND returned_qty <= qty),
            PRIMARY KEY (order_id, line_no)
        ) WITHOUT ROWID;

        CREATE TABLE shipments (
            id INTEGER PRIMARY KEY,
            shipment_id TEXT NOT NULL CHECK (shipment_id <> ''),
            order_id INTEGER NOT NULL REFERENCES orders(id),
            carrier TEXT NOT NULL DEFAULT '',
            mode TEXT CHECK (\(oneOf("mode", ["diesel_truck", "ev_truck", "rail", "air", "van", "ship"]))),
            distance_m INTEGER CHECK (distance_m >= 0),
            weight_g INTEGER CHECK (weight_g >= 0),
            shipped_at INTEGER NOT NULL,
            delivered_at INTEGER CHECK (delivered_at >= shipped_at)
        );

        CREATE TABLE inventory_snapshots (
            id INTEGER PRIMARY KEY,
            location_id TEXT NOT NULL CHECK (location_id <> ''),
            snapshot_date TEXT NOT NULL CHECK (\(isDate("snapshot_date"))),
            product_id INTEGER NOT NULL REFERENCES products(id),
            on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
            in_transit INTEGER NOT NULL DEFAULT 0 CHECK (in_transit >= 0)
        );

        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY,
            feedback_id TEXT NOT NULL CHECK (feedback_id <> ''),
            order_id INTEGER REFERENCES orders(id),
            partner_id INTEGER NOT NULL REFERENCES partners(id),
            outlet_id INTEGER REFERENCES outlets(id),
            channel TEXT NOT NULL CHECK (\(oneOf("channel", ["online", "offline"]))),
            created_at INTEGER NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            text TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE complaints (
            id INTEGER PRIMARY KEY,
            complaint_id TEXT NOT NULL CHECK (complaint_id <> ''),
            order_id INTEGER REFERENCES orders(id),
            partner_id INTEGER NOT NULL REFERENCES partners(id),
            opened_at INTEGER NOT NULL,
            first_response_at INTEGER CHECK (first_response_at >= opened_at),
            resolved_at INTEGER CHECK (resolved_at >= first_response_at),
            severity TEXT NOT NULL CHECK (\(oneOf("severity", ["low", "medium", "high", "critical"]))),
            category TEXT NOT NULL CHECK (\(oneOf("category", ["delivery", "quality", "price", "service", "other"]))),
            CHECK (resolved_at IS NULL OR first_response_at IS NOT NULL)
        );

        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL UNIQUE CHECK (user_id <> ''),
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (\(oneOf("role", ["admin", "channel_manager", "analyst", "partner_user", "api_client"]))),
            partner_id INTEGER REFERENCES partners(id),
            is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
            created_at INTEGER NOT NULL,
            CHECK ((role = 'partner_user') = (partner_id IS NOT NULL))
        );

        -- Natural keys, as named indexes (not inline UNIQUE) so that a bulk load into an empty table can drop and
        -- rebuild them in one sorted pass instead of updating them row by row (see TableWriter).
        \(naturalKeyIndexes)

        -- Who changed what, when, with the state before and after (JSON). Append-only.
        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL CHECK (actor <> ''),
            request_id TEXT,
            entity TEXT NOT NULL,
            entity_key TEXT NOT NULL,
            action TEXT NOT NULL CHECK (\(oneOf("action", ["create", "update", "delete", "import"]))),
            before_json TEXT,
            after_json TEXT
        );
        CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
        CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

        -- The change feed: readers remember the last seq they applied.
        CREATE TABLE change_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            entity TEXT NOT NULL,
            operation TEXT NOT NULL CHECK (\(oneOf("operation", ["insert", "update", "delete"]))),
            first_row_id INTEGER NOT NULL,
            last_row_id INTEGER NOT NULL,
            audit_event_id INTEGER NOT NULL REFERENCES audit_events(id),
            CHECK (first_row_id <= last_row_id)
        );
        """
}
