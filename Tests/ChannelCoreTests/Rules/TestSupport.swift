@testable import ChannelCore
import Testing

/// The issues of a file that must not parse; records a failure when it parses.
func issues(of text: String, catalogue: RuleCatalogue = .standard) -> [RuleIssue] {
    do {
        let rules = try AlertRuleFile.parse(text, catalogue: catalogue)
        Issue.record("expected issues, parsed \(rules.count) rules")
        return []
    } catch {
        return error.issues
    }
}

/// A minimal valid rule in YAML with `condition` (a flow mapping) and extra lines spliced in.
func yamlRule(id: String = "r1", condition: String, extra: String = "") -> String {
    """
    - id: \(id)
      name: 规则
      severity: warning
      risk_type: late_delivery
    \(extra.isEmpty ? "" : extra + "\n")  condition: \(condition)
    """
}
