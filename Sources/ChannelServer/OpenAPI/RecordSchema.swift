import ChannelCore

/// JSON types of the canonical columns (DATASET.md) as the API reads and writes them: whole numbers as numbers,
/// exact decimals as strings (money never passes through a float), instants as ISO 8601 UTC, dates as
/// YYYY-MM-DD, codes as one of their values, references as the referenced record's natural key.
enum ColumnType: Sendable, Equatable {
    case text
    case integer
    case decimal
    case instant
    case date
    case code([String])

    static func of(_ column: String, in kind: EntityKind) -> ColumnType {
        switch column {
        case "tier", "line_no", "qty", "returned_qty", "on_hand", "in_transit", "rating": return .integer
        case "list_price", "unit_cost", "weight_kg", "unit_price", "discount_rate", "distance_km": return .decimal
        case "joined_on", "opened_on", "closed_on", "launched_on", "snapshot_date": return .date
        case "channel": return .code(SalesChannel.allCases.map(\.rawValue))
        case "severity": return .code(ComplaintSeverity.allCases.map(\.rawValue))
        case "mode": return .code(ShipmentMode.allCases.map(\.rawValue))
        case "level": return .code(RegionLevel.allCases.map(\.rawValue))
        default: break
        }
        if column.hasSuffix("_at") { return .instant }
        switch (kind, column) {
        case (.partners, "kind"): return .code(PartnerKind.allCases.map(\.rawValue))
        case (.partners, "status"): return .code(PartnerStatus.allCases.map(\.rawValue))
        case (.outlets, "kind"): return .code(OutletKind.allCases.map(\.rawValue))
        case (.orders, "status"): return .code(OrderStatus.allCases.map(\.rawValue))
        case (.complaints, "category"): return .code(ComplaintCategory.allCases.map(\.rawValue))
        default: return .text
        }
    }

    var schema: JSONValue {
        switch self {
        case .text: ["type": "string"]
        case .integer: ["type": "integer"]
        case .decimal: ["type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$", "description": "exact decimal"]
        case .instant: ["type": "string", "format": "date-time"]
        case .date: ["type": "string", "format": "date"]
        case .code(let values): ["type": "string", "enum": .array(values.map { .string($0) })]
        }
    }
}

enum RecordSchema {
    /// The schema of one record of `kind`: its canonical columns, the key columns required.
    static func of(_ kind: EntityKind) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for column in kind.columns {
            let base = ColumnType.of(column, in: kind).schema
            properties[column] = kind.keyColumns.contains(column) ? base : ["anyOf": [base, ["type": "null"]]]
        }
        return [
            "type": "object", "properties": .object(properties),
            "required": .array(kind.keyColumns.map { .string($0) }), "additionalProperties": false,
        ]
    }

    static func name(_ kind: EntityKind) -> String {
        kind.name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
