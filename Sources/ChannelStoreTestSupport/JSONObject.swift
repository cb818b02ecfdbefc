import Foundation

/// Parses a JSON object (an audit image) into its members.
/// - Throws: `JSONObjectError` when `text` is nil or not a JSON object.
public func jsonObject(_ text: String?) throws -> [String: Any] {
    guard let text else { throw JSONObjectError(text: nil) }
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw JSONObjectError(text: text)
    }
    return object
}

/// A text that should have been a JSON object.
public struct JSONObjectError: Error, CustomStringConvertible {
    public var text: String?
    public var description: String { "not a JSON object: \(text ?? "nil")" }
}
