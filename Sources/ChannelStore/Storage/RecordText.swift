package import ChannelCore
import Crypto

/// Canonical text of stored values (the CSV layout's spelling), record entity tags, and records as JSON.
package enum RecordText {
    /// The canonical text of a stored value; nil for NULL and empty text.
    package static func text(_ value: DBValue, _ type: RecordValueType, currencyDigits: Int) -> String? {
        switch value {
        case .null: return nil
        case .text(let text): return text.isEmpty ? nil : text
        case .integer(let number):
            switch type {
            case .money: return ExactDecimal(units: number, scale: currencyDigits).description
            case .discount: return discount(partsPerMillion: number)
            case .thousandths: return ExactDecimal(units: number, scale: 3).description
            case .instant: return Instant(millisecondsSinceEpoch: number).iso8601
            case .text, .code, .reference, .integer, .date: return String(number)
            }
        }
    }

    /// A discount as the exact stored fraction with at least two decimals: `0.25`, `0.00`, `0.123456`.
    package static func discount(partsPerMillion: Int64) -> String {
        var text = ExactDecimal(units: partsPerMillion, scale: 6).description
        // Six decimals as stored; trailing zeros beyond the second carry nothing.
        var trailing = 0
        for character in text.reversed() {
            guard character == "0", trailing < 4 else { break }
            trailing += 1
        }
        text.removeLast(trailing)
        return text
    }

    /// Digits of a currency's minor unit; two for an unknown code (the store checks codes on write).
    package static func digits(ofCurrency code: String) -> Int {
        (try? CurrencyCode(parsing: code))?.minorUnitDigits ?? 2
    }

    /// The entity tag of a record's values: the first 16 bytes of SHA-256 over the kind and each value
    /// (length-prefixed, nil marked apart from empty), in hex.
    package static func etag(_ kind: EntityKind, _ values: [String?]) -> String {
        var bytes: [UInt8] = Array(kind.name.utf8)
        for value in values { AuditHash.appendField(value, to: &bytes) }
        return AuditHash.hex(SHA256.hash(data: bytes).prefix(16))
    }

    /// The record as a JSON object of its canonical columns (values as strings, null when empty): the image of
    /// per-row audit events.
    package static func json(_ record: Record) -> String {
        "{"
            + zip(record.kind.columns, record.values).map { column, value in
                JSONText.quoted(column) + ":" + (value.map(JSONText.quoted) ?? "null")
            }.joined(separator: ",") + "}"
    }
}
