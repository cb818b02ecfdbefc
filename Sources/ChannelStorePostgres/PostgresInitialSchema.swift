import ChannelCore
import ChannelStore

/// Migration `0001_initial_schema` in PostgreSQL: the same tables, columns and invariants as SQLite's.
///
/// Surrogate ids and instants are `bigint` (the writer assigns entity and audit ids, as in SQLite), money is `bigint`
/// minor units, natural keys and business dates are `text COLLATE "C"` (byte order, as SQLite compares them). SQLite's
/// triggers are PL/pgSQL trigger functions raising the same messages (SQLSTATE 23514, a check violation).
enum PostgresInitialSchema {
    /// `column IN ('a', 'b')`.
    static func oneOf(_ column: String, _ values: [String]) -> String {
        "\(column) IN (" + values.map { "'\($0)'" }.joined(separator: ", ") + ")"
    }

    /// The same `YYYY-MM-DD` shape check as SQLite's: ten characters between the first and last valid dates.
    static func isDate(_ column: String) -> String {
        "length(\(column)) = 10 AND \(column) BETWEEN '0001-01-01' AND '9999-12-31' AND substr(\(column), 5, 1) = '-'"
    }

    /// `CREATE UNIQUE INDEX <table>_natural_key ON <table>(<key columns>)` for every table with a surrogate id.
    static func naturalKeyIndex(_ kind: EntityKind) -> String? {
        let layout = StoredColumns.of(kind)
        guard layout.feedIDColumn == "id" else { return nil }
        return "CREATE UNIQUE INDEX \(kind.name)_natural_key ON \(kind.name)(\(layout.names[..<layout.keyCount].joined(separator: ", ")))"
    }

    static var sql: String {
        """
        CREATE TABLE settings (
            key text PRIMARY KEY,
            value text NOT NULL
        );
        INSERT INTO settings (key, value) VALUES ('business_time_zone', 'Asia/Shanghai'), ('currency', 'CNY');

        CREATE TABLE regions (
            id bigint PRIMARY KEY,
            region_id text COLLATE "C" NOT NULL CHECK (region_id <> ''),
            name text NOT NULL CHECK (name <> ''),
            parent_id bigint REFERENCES regions(id),
            level text NOT NULL CHECK (\(oneOf("level", ["province", "city", "district"]))),
            CHECK ((level = 'province') = (parent_id IS NULL)),
            CHECK (parent_id IS NULL OR parent_id <> id)
        );

        -- A city sits under a province, a district under a city, also after a region changes its level.
        CREATE FUNCTION regions_parent_level() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF (NEW.parent_id IS NOT NULL AND (SELECT level FROM regions WHERE id = NEW.parent_id)
                    IS DISTINCT FROM (CASE NEW.level WHEN 'city' THEN 'province' WHEN 'district' THEN 'city' END))
                OR (TG_OP = 'UPDATE' AND EXISTS (
                    SELECT 1 FROM regions WHERE parent_id = NEW.id
                        AND (CASE level WHEN 'city' THEN 'province' WHEN 'district' THEN 'city' END) IS DISTINCT FROM NEW.level))
            THEN
                RAISE EXCEPTION 'a city belongs to a province and a district to a city' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER regions_parent_level_insert BEFORE INSERT ON regions
            FOR EACH ROW EXECUTE FUNCTION regions_parent_level();
        CREATE TRIGGER regions_parent_level_update BEFORE UPDATE OF parent_id, level ON regions
            FOR EACH ROW EXECUTE FUNCTION regions_parent_level();

        CREATE TABLE partners (
            id bigint PRIMARY KEY,
            partner_id text COLLATE "C" NOT NULL CHECK (partner_id <> ''),
            name text NOT NULL CHECK (name <> ''),
            kind text NOT NULL CHECK (\(oneOf("kind", ["distributor", "agent", "dealer", "platform", "direct"]))),
            parent_id bigint REFERENCES partners(id),
            tier integer NOT NULL CHECK (tier BETWEEN 0 AND 9),
            region_id bigint NOT NULL REFERENCES regions(id),
            channel text NOT NULL CHECK (\(oneOf("channel", ["online", "offline"]))),
            joined_on text COLLATE "C" NOT NULL CHECK (\(isDate("joined_on"))),
            status text NOT NULL CHECK (\(oneOf("status", ["active", "suspended"]))),
            CHECK ((\(oneOf("kind", ["platform", "direct"]))) = (tier = 0)),
            CHECK (parent_id IS NULL OR (parent_id <> id AND tier > 0))
        );
        -- A parent sits upstream: a smaller, non-zero tier. Tiers strictly decrease up the chain, so no cycles.
        CREATE FUNCTION partners_parent_upstream() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF (NEW.parent_id IS NOT NULL
                    AND NOT ((SELECT tier FROM partners WHERE id = NEW.parent_id) BETWEEN 1 AND NEW.tier - 1))
                OR (TG_OP = 'UPDATE' AND EXISTS (
                    SELECT 1 FROM partners WHERE parent_id = NEW.id AND (tier <= NEW.tier OR NEW.tier = 0)))
            THEN
                RAISE EXCEPTION 'parent partner must sit upstream (a smaller tier number)' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER partners_parent_upstream_insert BEFORE INSERT ON partners
            FOR EACH ROW EXECUTE FUNCTION partners_parent_upstream();
        CREATE TRIGGER partners_parent_upstream_update BEFORE UPDATE OF parent_id, tier ON partners
            FOR EACH ROW EXECUTE FUNCTION partners_parent_upstream();
        CREATE INDEX partners_parent ON partners(parent_id);

        CREATE TABLE products (
            id bigint PRIMARY KEY,
            sku text COLLATE "C" NOT NULL CHECK (sku <> ''),
            name text NOT NULL CHECK (name <> ''),
            category text NOT NULL CHECK (category <> ''),
            currency text NOT NULL DEFAULT 'CNY' CHECK (length(currency) = 3),
            list_price_minor bigint NOT NULL CHECK (list_price_minor >= 0),
            unit_cost_minor bigint NOT NULL CHECK (unit_cost_minor >= 0),
            weight_g bigint NOT NULL CHECK (weight_g >= 0),
            launched_on text COLLATE "C" NOT NULL CHECK (\(isDate("launched_on")))
        );

        CREATE TABLE outlets (
            id bigint PRIMARY KEY,
            outlet_id text COLLATE "C" NOT NULL CHECK (outlet_id <> ''),
            partner_id bigint NOT NULL REFERENCES partners(id),
            region_id bigint NOT NULL REFERENCES regions(id),
            kind text NOT NULL
                CHECK (\(oneOf("kind", ["supermarket", "convenience", "specialty", "wholesale", "online_store", "other"]))),
            opened_on text COLLATE "C" NOT NULL CHECK (\(isDate("opened_on"))),
            closed_on text COLLATE "C" CHECK (closed_on IS NULL OR (\(isDate("closed_on")) AND closed_on > opened_on))
        );

        CREATE TABLE orders (
            id bigint PRIMARY KEY,
            order_id text COLLATE "C" NOT NULL CHECK (order_id <> ''),
            partner_id bigint NOT NULL REFERENCES partners(id),
            outlet_id bigint REFERENCES outlets(id),
            channel text NOT NULL CHECK (\(oneOf("channel", ["online", "offline"]))),
            currency text NOT NULL DEFAULT 'CNY' CHECK (length(currency) = 3),
            ordered_at bigint NOT NULL,
            promised_at bigint CHECK (promised_at >= ordered_at),
            shipped_at bigint CHECK (shipped_at >= ordered_at),
            delivered_at bigint CHECK (delivered_at >= shipped_at),
            status text NOT NULL
                CHECK (\(oneOf("status", ["pending", "confirmed", "shipped", "delivered", "returned", "cancelled"]))),
            CHECK (delivered_at IS NULL OR shipped_at IS NOT NULL),
            CHECK (NOT (\(oneOf("status", ["shipped", "delivered", "returned"]))) OR shipped_at IS NOT NULL),
            CHECK ((\(oneOf("status", ["delivered", "returned"]))) = (delivered_at IS NOT NULL)),
            CHECK (NOT (\(oneOf("status", ["pending", "confirmed"]))) OR shipped_at IS NULL)
        );

        CREATE TABLE order_lines (
            order_id bigint NOT NULL REFERENCES orders(id),
            line_no integer NOT NULL CHECK (line_no BETWEEN 1 AND 99999),
            product_id bigint NOT NULL REFERENCES products(id),
            qty bigint NOT NULL CHECK (qty > 0),
            unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
            discount_ppm bigint NOT NULL DEFAULT 0 CHECK (discount_ppm >= 0 AND discount_ppm < 1000000),
            returned_qty bigint NOT NULL DEFAULT 0 CHECK (returned_qty >= 0 AND returned_qty <= qty),
            PRIMARY KEY (order_id, line_no)
        );

        CREATE TABLE shipments (
            id bigint PRIMARY KEY,
            shipment_id text COLLATE "C" NOT NULL CHECK (shipment_id <> ''),
            order_id bigint NOT NULL REFERENCES orders(id),
            carrier text NOT NULL DEFAULT '',
            mode text CHECK (\(oneOf("mode", ["diesel_truck", "ev_truck", "rail", "air", "van", "ship"]))),
            distance_m bigint CHECK (distance_m >= 0),
            weight_g bigint CHECK (weight_g >= 0),
            shipped_at bigint NOT NULL,
            delivered_at bigint CHECK (delivered_at >= shipped_at)
        );

        CREATE TABLE inventory_snapshots (
            id bigint PRIMARY KEY,
            location_id text COLLATE "C" NOT NULL CHECK (location_id <> ''),
            snapshot_date text COLLATE "C" NOT NULL CHECK (\(isDate("snapshot_date"))),
            product_id bigint NOT NULL REFERENCES products(id),
            on_hand bigint NOT NULL CHECK (on_hand >= 0),
            in_transit bigint NOT NULL DEFAULT 0 CHECK (in_transit >= 0)
        );

        CREATE TABLE feedback (
            id bigint PRIMARY KEY,
            feedback_id text COLLATE "C" NOT NULL CHECK (feedback_id <> ''),
            order_id bigint REFERENCES orders(id),
            partner_id bigint NOT NULL REFERENCES partners(id),
            outlet_id bigint REFERENCES outlets(id),
            channel text NOT NULL CHECK (\(oneOf("channel", ["online", "offline"]))),
            created_at bigint NOT NULL,
            rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
            text text NOT NULL DEFAULT ''
        );

        CREATE TABLE complaints (
            id bigint PRIMARY KEY,
            complaint_id text COLLATE "C" NOT NULL CHECK (complaint_id <> ''),
            order_id bigint REFERENCES orders(id),
            partner_id bigint NOT NULL REFERENCES partners(id),
            opened_at bigint NOT NULL,
            first_response_at bigint CHECK (first_response_at >= opened_at),
            resolved_at bigint CHECK (resolved_at >= first_response_at),
            severity text NOT NULL CHECK (\(oneOf("severity", ["low", "medium", "high", "critical"]))),
            category text NOT NULL CHECK (\(oneOf("category", ["delivery", "quality", "price", "service", "other"]))),
            CHECK (resolved_at IS NULL OR first_response_at IS NOT NULL)
        );

        CREATE TABLE users (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            user_id text COLLATE "C" NOT NULL UNIQUE CHECK (user_id <> ''),
            display_name text NOT NULL,
            role text NOT NULL CHECK (\(oneOf("role", ["admin", "channel_manager", "analyst", "partner_user", "api_client"]))),
            partner_id bigint REFERENCES partners(id),
            is_active boolean NOT NULL DEFAULT true,
            created_at bigint NOT NULL,
            CHECK ((role = 'partner_user') = (partner_id IS NOT NULL))
        );

        -- Natural keys, as named unique indexes (the same names as in SQLite).
        \(EntityKind.allCases.compactMap { naturalKeyIndex($0).map { $0 + ";" } }.joined(separator: "\n"))

        -- Who changed what, when, with the state before and after (JSON). Append-only.
        CREATE TABLE audit_events (
            id bigint PRIMARY KEY,
            at bigint NOT NULL,
            actor text NOT NULL CHECK (actor <> ''),
            request_id text,
            entity text NOT NULL,
            entity_key text COLLATE "C" NOT NULL,
            action text NOT NULL CHECK (\(oneOf("action", ["create", "update", "delete", "import"]))),
            before_json text,
            after_json text
        );
        CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'check_violation';
        END $$;
        CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events
            FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
        CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events
            FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
        CREATE TRIGGER audit_events_append_only_truncate BEFORE TRUNCATE ON audit_events
            FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

        -- The change feed: readers remember the last seq they applied.
        CREATE TABLE change_log (
            seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            at bigint NOT NULL,
            entity text NOT NULL,
            operation text NOT NULL CHECK (\(oneOf("operation", ["insert", "update", "delete"]))),
            first_row_id bigint NOT NULL,
            last_row_id bigint NOT NULL,
            audit_event_id bigint NOT NULL REFERENCES audit_events(id),
            CHECK (first_row_id <= last_row_id)
        );
        """
    }
}
