/// The kinds of records Qudao stores, in the order an import writes them (parents before children).
public enum EntityKind: String, CodedValue, Comparable {
    // Stock snapshots need only products: taking them before outlets and orders gives the database work while
    // the orders, which most other files wait for, are still being read.
    case regions, partners, products
    case inventorySnapshots = "inventory_snapshots"
    case outlets, orders
    case orderLines = "order_lines"
    case shipments
    case feedback, complaints

    /// The table and file stem, e.g. `order_lines`.
    public var name: String { rawValue }

    /// Position in the import order (0 for regions): a cheap array index for per-kind state.
    public var ordinal: Int {
        switch self {
        case .regions: 0
        case .partners: 1
        case .products: 2
        case .inventorySnapshots: 3
        case .outlets: 4
        case .orders: 5
        case .orderLines: 6
        case .shipments: 7
        case .feedback: 8
        case .complaints: 9
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.ordinal < rhs.ordinal }

    /// The canonical columns, as in DATASET.md, in file order.
    public var columns: [String] {
        switch self {
        case .regions: ["region_id", "name", "parent_id", "level"]
        case .partners: ["partner_id", "name", "kind", "parent_id", "tier", "region_id", "channel", "joined_on", "status"]
        case .outlets: ["outlet_id", "partner_id", "region_id", "kind", "opened_on", "closed_on"]
        case .products: ["sku", "name", "category", "list_price", "unit_cost", "weight_kg", "launched_on"]
        case .orders:
            ["order_id", "partner_id", "outlet_id", "channel", "ordered_at", "promised_at", "shipped_at", "delivered_at", "status"]
        case .orderLines: ["order_id", "line_no", "sku", "qty", "unit_price", "discount_rate", "returned_qty"]
        case .shipments:
            ["shipment_id", "order_id", "carrier", "mode", "distance_km", "weight_kg", "shipped_at", "delivered_at"]
        case .inventorySnapshots: ["snapshot_date", "location_id", "sku", "on_hand", "in_transit"]
        case .feedback: ["feedback_id", "order_id", "partner_id", "outlet_id", "channel", "created_at", "rating", "text"]
        case .complaints:
            ["complaint_id", "order_id", "partner_id", "opened_at", "first_response_at", "resolved_at", "severity", "category"]
        }
    }

    /// Columns that may be left empty; every other column is required.
    public var optionalColumns: Set<String> {
        switch self {
        case .regions: ["parent_id"]
        case .partners: ["parent_id"]
        case .outlets: ["closed_on"]
        case .products: []
        case .orders: ["outlet_id", "promised_at", "shipped_at", "delivered_at"]
        case .orderLines: ["discount_rate", "returned_qty"]
        case .shipments: ["mode", "distance_km", "weight_kg", "delivered_at", "carrier"]
        case .inventorySnapshots: ["in_transit"]
        case .feedback: ["order_id", "outlet_id", "text"]
        case .complaints: ["order_id", "first_response_at", "resolved_at"]
        }
    }

    /// The columns that together identify a record (its natural key).
    public var keyColumns: [String] {
        switch self {
        case .orderLines: ["order_id", "line_no"]
        case .inventorySnapshots: ["snapshot_date", "location_id", "sku"]
        default: [columns[0]]
        }
    }
}
