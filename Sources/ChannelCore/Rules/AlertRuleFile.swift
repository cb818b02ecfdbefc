public import Foundation
import Yams

/// Reads alert rules files: YAML or JSON, a list of rules or `{rules: [...]}`, snake_case keys.
///
/// Everything is checked: required keys, types, allowed values (measures, dimensions and risk types come from the
/// ``RuleCatalogue``), durations, threshold ranges, unknown keys (with a "did you mean" hint) and duplicate ids.
/// All issues are collected, each with its line:column and key path, and thrown together as ``RuleIssues``.
///
/// ```yaml
/// rules:
///   - id: late-delivery-by-province
///     name: 各省准时交付率低于90%
///     severity: warning
///     risk_type: late_delivery
///     condition: {kind: measure, measure: on_time_rate, by: [province], window: 7d, op: "<", threshold: 0.9}
/// ```
///
/// In YAML, quote `>` and `>=` (`op: ">="`): unquoted, `>` starts a block of text.
public enum AlertRuleFile {
    /// Parses and checks a rules file's text.
    ///
    /// - Parameters:
    ///   - text: The whole file, YAML or JSON (JSON when it starts with `{` or `[`).
    ///   - catalogue: The names the rules may use.
    /// - Returns: The rules, in file order.
    /// - Throws: ``RuleIssues`` with every issue found, in file order.
    public static func parse(_ text: String, catalogue: RuleCatalogue = .standard) throws(RuleIssues) -> [AlertRule] {
        try RuleDocument.read(
            text, catalogue: catalogue,
            empty: "the file has no rules; write a list of rules, or `rules: []` to have none"
        ) { reader, root in
            reader.readDocument(root)
        }
    }

    /// Parses and checks a rules file's bytes, which must be UTF-8 (a byte order mark is allowed).
    ///
    /// - Throws: ``RuleIssues``; bytes that are not UTF-8 give one issue at the first bad byte.
    public static func parse(_ data: Data, catalogue: RuleCatalogue = .standard) throws(RuleIssues) -> [AlertRule] {
        try parse(try RuleDocument.text(fromUTF8: data), catalogue: catalogue)
    }

    /// Parses and checks one rule on its own (a mapping with `id`, `name`, ...), such as the body of an API request.
    ///
    /// Issue paths start at the rule (`condition.window`). Whether the id is unique among other rules is the
    /// caller's to check.
    public static func parseRule(_ text: String, catalogue: RuleCatalogue = .standard) throws(RuleIssues) -> AlertRule {
        try RuleDocument.read(
            text, catalogue: catalogue,
            empty: "the text is empty; write one rule, a mapping with id, name, severity, ..."
        ) { reader, root in
            reader.readRule(root, path: IssuePath())
        }
    }
}
