import Yams

extension Node {
    /// Where the node starts in the file; 1:1 for nodes without a mark (never the case for parsed nodes).
    var position: SourcePosition {
        mark.map { SourcePosition(line: $0.line, column: $0.column) } ?? SourcePosition(line: 1, column: 1)
    }

    /// Whether the node is a scalar whose resolved type is `name` (`!!int`, `!!str`, ...).
    func isScalar(of name: Tag.Name) -> Bool { scalar != nil && tag.rawValue == name.rawValue }

    /// Whether the node is an empty value (`key:` with nothing after it, `~`, `null`).
    var isNull: Bool { isScalar(of: .null) }

    /// What the node is, for messages: "text `abc`", "the number 12", "a list", ...
    var summary: String {
        switch self {
        case .scalar(let scalar):
            if isNull { return "nothing" }
            if isScalar(of: .int) || isScalar(of: .float) { return "the number \(scalar.string)" }
            if isScalar(of: .bool) { return "`\(scalar.string)`" }
            return "text `\(scalar.string)`"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }
}
