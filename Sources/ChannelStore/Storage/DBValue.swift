/// A column value as the store keeps it (integer, text or NULL), for the generic row paths of every backend (bulk
/// writes, audit images).
package enum DBValue: Hashable, Sendable {
    case integer(Int64)
    case text(String)
    case null

    package init(_ value: Int64?) { self = value.map(DBValue.integer) ?? .null }
    package init(_ value: String?) { self = value.map(DBValue.text) ?? .null }

    /// The value as a JSON literal, for audit before/after images.
    package var jsonLiteral: String {
        switch self {
        case .integer(let v): String(v)
        case .null: "null"
        case .text(let s): JSONText.quoted(s)
        }
    }
}

/// Minimal JSON string quoting (RFC 8259), used for audit images of rows.
package enum JSONText {
    package static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `{"a":1,"b":"x"}` from column names and values.
    package static func object(_ columns: [String], _ values: [DBValue]) -> String {
        "{" + zip(columns, values).map { quoted($0) + ":" + $1.jsonLiteral }.joined(separator: ",") + "}"
    }
}
