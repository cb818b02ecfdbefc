import ChannelCore
import ChannelStore
import Foundation

/// Records as JSON: whole numbers as numbers, everything else as the text of the CSV layout (exact decimals as
/// strings), empty as null. Bodies are read back the same way; numbers are accepted for decimals too.
enum RecordJSON {
    /// The record as a JSON object, columns in the model's order. Written directly rather than through
    /// `JSONEncoder`: a record is a flat object of scalars, and encoding it generically cost a tenth of the server's
    /// time per created order.
    static func bytes(_ record: Record) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        append(record, to: &out)
        return out
    }

    /// A page of a list: `{"items": [...], "next_cursor": ...}`.
    static func page(_ records: [Record], nextCursor: String?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + records.count * 256)
        out.append(contentsOf: #"{"items":["#.utf8)
        for (index, record) in records.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(record, to: &out)
        }
        out.append(contentsOf: #"],"next_cursor":"#.utf8)
        if let nextCursor { quote(nextCursor, into: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Whole numbers as numbers, everything else as text, empty as null.
    private static func append(_ record: Record, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, (column, value)) in zip(record.kind.columns, record.values).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            quote(column, into: &out)
            out.append(UInt8(ascii: ":"))
            if let value {
                if ColumnType.of(column, in: record.kind) == .integer, Int(value) != nil {
                    out.append(contentsOf: value.utf8)
                } else {
                    quote(value, into: &out)
                }
            } else {
                out.append(contentsOf: "null".utf8)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// `text` as a JSON string (RFC 8259 escapes; other characters as their UTF-8).
    static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A JSON object body as column -> text (nil for null); refuses anything but a flat object of scalars.
    static func values(_ data: Data) throws -> [String: String?] {
        let object: [String: Scalar]
        do {
            object = try JSONDecoder().decode([String: Scalar].self, from: data)
        } catch {
            throw APIError.invalid("the body must be a JSON object of column values (text, numbers or null)")
        }
        var values: [String: String?] = [:]
        for (column, value) in object {
            switch value {
            case .null: values[column] = .some(nil)
            case .text(let text): values[column] = text
            case .number(let number): values[column] = number.description
            case .bool: throw APIError.invalid("'\(column)' is true or false; no column takes a boolean", details: [.init(field: column, reason: "not a boolean column")])
            }
        }
        return values
    }

    /// A JSON scalar; numbers keep their exact digits (decoded as `Decimal`, never through a float).
    enum Scalar: Decodable {
        case null, bool, text(String), number(Decimal)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if (try? container.decode(Bool.self)) != nil {
                self = .bool
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .number(try container.decode(Decimal.self))
            }
        }
    }
}
