import Foundation

/// The opaque keyset cursor of `RecordStore.records`: the kind, the sort and the last row's order values, as base64url
/// JSON. Both backends write the same cursor for the same row, so a cursor names a place in the data, not a backend.
package struct RecordCursor: Codable {
    package enum Value: Codable, Equatable {
        case integer(Int64)
        case text(String)
        case null

        package init(_ value: DBValue) {
            switch value {
            case .integer(let number): self = .integer(number)
            case .text(let text): self = .text(text)
            case .null: self = .null
            }
        }

        package var dbValue: DBValue {
            switch self {
            case .integer(let number): .integer(number)
            case .text(let text): .text(text)
            case .null: .null
            }
        }
    }

    package var kind: String
    package var sort: String
    package var values: [Value]

    package init(kind: String, sort: String, values: [Value]) {
        self.kind = kind
        self.sort = sort
        self.values = values
    }

    package init?(decoding text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(RecordCursor.self, from: data) else {
            return nil
        }
        self = cursor
    }

    /// The cursor as text: the same text for the same place, whichever backend or process writes it (keys sorted; the
    /// encoder's own key order varies from process to process).
    package var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
