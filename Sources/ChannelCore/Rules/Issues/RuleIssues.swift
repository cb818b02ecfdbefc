/// Everything wrong with a rules file, in file order; thrown by ``AlertRuleFile`` when there is at least one issue.
public struct RuleIssues: Error, Hashable, Sendable, CustomStringConvertible {
    /// The issues, ordered by position in the file.
    public var issues: [RuleIssue]

    /// The issues, put in file order.
    public init(_ issues: [RuleIssue]) {
        self.issues = issues.enumerated()
            .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .map(\.element)
    }

    /// A human-readable report, one line per issue, each starting with `file:line:column:`.
    ///
    /// - Parameter file: The file name to show, as the user knows it (`rules.yaml`).
    public func report(file: String) -> String {
        issues.map { $0.line(file: file) }.joined(separator: "\n")
    }

    /// The report without a file name.
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
