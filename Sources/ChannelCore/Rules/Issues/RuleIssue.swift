/// One problem found in a rules file: where it is (line:column and key path, with the rule's id when known) and why.
public struct RuleIssue: Hashable, Sendable, CustomStringConvertible {
    /// The line and column of the offending key or value.
    public var position: SourcePosition
    /// The key path of the offending value: `rules[2].condition.window`.
    public var path: IssuePath
    /// The id of the rule the issue is in, when it could be read.
    public var ruleID: String?
    /// Why the value is refused and, where possible, what to write instead.
    public var message: String

    /// An issue at `position` and `path`.
    public init(position: SourcePosition, path: IssuePath, ruleID: String? = nil, message: String) {
        self.position = position
        self.path = path
        self.ruleID = ruleID
        self.message = message
    }

    /// `12:5: rules[2] (late-east): condition.window: ...`, the form of ``line(file:)`` without a file name.
    public var description: String { "\(position): \(located)" }

    /// One line of a report: `rules.yaml:12:5: rules[2] (late-east): condition.window: ...`.
    public func line(file: String) -> String { "\(file):\(position): \(located)" }

    private var located: String {
        var parts: [String] = []
        switch (path.ruleIndex, ruleID) {
        case (let index?, let id?): parts.append("rules[\(index)] (\(id))")
        case (let index?, nil): parts.append("rules[\(index)]")
        case (nil, let id?): parts.append("rule (\(id))")
        case (nil, nil): break
        }
        let inner = path.withinRule.description
        if !inner.isEmpty { parts.append(inner) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
