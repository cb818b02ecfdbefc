public import ChannelCore

/// One stored row of an entity kind in its canonical columns (`EntityKind.columns`, the DATASET.md layout), with
/// every value as text exactly as that CSV layout writes it, so the importer's row decoders read it back as the same
/// entity.
///
/// Money is a decimal with the currency's digits (`24.57`), a discount the exact stored fraction with at least two
/// decimals (`0.25`, `0.125`), weights and distances in kg and km with three decimals (`0.500`), instants ISO 8601
/// UTC (`2025-01-02T01:00:00Z`, milliseconds only when not zero), dates `YYYY-MM-DD`, references the referenced
/// row's natural key (an order's `partner_id` is the partner code). An empty value is nil.
public struct Record: Hashable, Sendable, Codable {
    /// The entity kind: which canonical columns `values` holds.
    public let kind: EntityKind
    /// One value per canonical column, in `kind.columns` order; nil when empty.
    public let values: [String?]
    /// The natural key, in `kind.keyColumns` order.
    public let key: [String]
    /// A strong validator of the values: identical rows have identical tags, any change gives another.
    public let etag: String

    /// A record from its values in `kind.columns` order (one per column); the key is taken from them.
    public init(kind: EntityKind, values: [String?], etag: String) {
        self.kind = kind
        self.values = values
        self.etag = etag
        let columns = kind.columns
        key = kind.keyColumns.map { column in
            columns.firstIndex(of: column).flatMap { values.indices.contains($0) ? values[$0] : nil } ?? ""
        }
    }

    /// The value of a canonical column; nil when it is empty or not a column of this kind.
    public subscript(column: String) -> String? {
        guard let index = kind.columns.firstIndex(of: column), values.indices.contains(index) else { return nil }
        return values[index]
    }

    /// The canonical columns with their values, in column order.
    public var fields: [(column: String, value: String?)] {
        zip(kind.columns, values).map { (column: $0, value: $1) }
    }

    /// The natural key as one text, parts joined by `/` (`SO1/2`): the `entity_key` of the record's audit events.
    public var keyText: String { Record.keyText(key) }

    /// Natural key parts joined by `/`, as audit events name a record.
    public static func keyText(_ key: [String]) -> String { key.joined(separator: "/") }
}
