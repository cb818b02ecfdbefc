import ChannelStore
import Foundation

/// The opaque keyset cursor: the kind, the sort and the last row's order values, as base64url JSON.
struct RecordCursor: Codable {
    enum Value: Codable, Equatable {
        case integer(Int64)
        case text(String)
        case null

        init(_ value: DBValue) {
            switch value {
            case .integer(let number): self = .integer(number)
            case .text(let text): self = .text(text)
            case .null: self = .null
            }
        }

        var dbValue: DBValue {
            switch self {
            case .integer(let number): .integer(number)
            case .text(let text): .text(text)
            case .null: .null
            }
        }
    }

    var kind: String
    var sort: String
    var values: [Value]

    init(kind: String, sort: String, values: [Value]) {
        self.kind = kind
        self.sort = sort
        self.values = values
    }

    init?(decoding text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(RecordCursor.self, from: data) else {
            return nil
        }
        self = cursor
    }

    var encoded: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
