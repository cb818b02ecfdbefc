import ChannelCore
import ChannelStore
import Foundation

/// Records as JSON: whole numbers as numbers, everything else as the text of the CSV layout (exact decimals as
/// strings), empty as null. Bodies are read back the same way; numbers are accepted for decimals too.
enum RecordJSON {
    static func object(_ record: Record) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for (column, value) in record.fields {
            guard let value else {
                object[column] = .null
                continue
            }
            if ColumnType.of(column, in: record.kind) == .integer, let number = Int(value) {
                object[column] = .integer(number)
            } else {
                object[column] = .string(value)
            }
        }
        return .object(object)
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
