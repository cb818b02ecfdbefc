package import ChannelCore

/// How each entity is stored: its table's columns in bind order (natural key first, no surrogate `id`), how many
/// of them form the natural key, and which column identifies its rows in the change feed.
package struct StoredColumns: Sendable {
    package let names: [String]
    package let keyCount: Int
    package let feedIDColumn: String

    package static func of(_ kind: EntityKind) -> StoredColumns {
        switch kind {
        case .regions: StoredColumns(names: ["region_id", "name", "parent_id", "level"], keyCount: 1, feedIDColumn: "id")
        case .partners:
            StoredColumns(
                names: ["partner_id", "name", "kind", "parent_id", "tier", "region_id", "channel", "joined_on", "status"],
                keyCount: 1, feedIDColumn: "id")
        case .products:
            StoredColumns(
                names: ["sku", "name", "category", "currency", "list_price_minor", "unit_cost_minor", "weight_g", "launched_on"],
                keyCount: 1, feedIDColumn: "id")
        case .outlets:
            StoredColumns(
                names: ["outlet_id", "partner_id", "region_id", "kind", "opened_on", "closed_on"], keyCount: 1, feedIDColumn: "id")
        case .orders:
            StoredColumns(
                names: [
                    "order_id", "partner_id", "outlet_id", "channel", "ordered_at", "promised_at", "shipped_at", "delivered_at",
                    "status",
                ], keyCount: 1, feedIDColumn: "id")
        case .orderLines:
            StoredColumns(
                names: ["order_id", "line_no", "product_id", "qty", "unit_price_minor", "discount_ppm", "returned_qty"],
                keyCount: 2, feedIDColumn: "order_id")
        case .shipments:
            StoredColumns(
                names: ["shipment_id", "order_id", "carrier", "mode", "distance_m", "weight_g", "shipped_at", "delivered_at"],
                keyCount: 1, feedIDColumn: "id")
        case .inventorySnapshots:
            StoredColumns(
                names: ["location_id", "snapshot_date", "product_id", "on_hand", "in_transit"], keyCount: 3,
                feedIDColumn: "id")
        case .feedback:
            StoredColumns(
                names: ["feedback_id", "order_id", "partner_id", "outlet_id", "channel", "created_at", "rating", "text"],
                keyCount: 1, feedIDColumn: "id")
        case .complaints:
            StoredColumns(
                names: [
                    "complaint_id", "order_id", "partner_id", "opened_at", "first_response_at", "resolved_at", "severity",
                    "category",
                ], keyCount: 1, feedIDColumn: "id")
        }
    }
}
