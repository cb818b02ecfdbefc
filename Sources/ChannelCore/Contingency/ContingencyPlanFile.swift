public import Foundation

/// Reads contingency plans files: YAML or JSON, a list of plans or `{plans: [...]}`, snake_case keys (the format is
/// described in PLANS.md).
///
/// Everything is checked, as in rules files (``AlertRuleFile``): required keys, types, risk types (from the
/// ``RuleCatalogue``), owners, durations, amounts (exact decimals in the currency's minor units), unknown keys (with a
/// "did you mean" hint), duplicate plan ids, step keys, supplier codes and ranks, warehouse codes, prerequisites that
/// name no step, and steps that wait for each other in a cycle. All issues are collected, each with its line:column and
/// key path (`plans[2].steps[0].sla`), and thrown together as ``RuleIssues``.
///
/// ```yaml
/// plans:
///   - id: stock-out-standard
///     title: 缺货应急预案
///     risk_types: [stock_out]
///     steps:
///       - {key: confirm-gap, title: 确认缺口, owner: planner, sla: 4h}
///       - {key: order-backup, title: 向备选供应商下单, owner: procurement, sla: 8h, after: [confirm-gap]}
/// ```
public enum ContingencyPlanFile {
    /// Parses and checks a plans file's text.
    ///
    /// - Parameters:
    ///   - text: The whole file, YAML or JSON (JSON when it starts with `{` or `[`).
    ///   - catalogue: The risk types the plans may answer.
    /// - Returns: The plans, in file order.
    /// - Throws: ``RuleIssues`` with every issue found, in file order.
    public static func parse(_ text: String, catalogue: RuleCatalogue = .standard) throws(RuleIssues)
        -> [ContingencyPlan]
    {
        try RuleDocument.read(
            text, catalogue: catalogue,
            empty: "the file has no plans; write a list of plans, or `plans: []` to have none"
        ) { reader, root in
            reader.readPlanDocument(root)
        }
    }

    /// Parses and checks a plans file's bytes, which must be UTF-8 (a byte order mark is allowed).
    ///
    /// - Throws: ``RuleIssues``; bytes that are not UTF-8 give one issue at the first bad byte.
    public static func parse(_ data: Data, catalogue: RuleCatalogue = .standard) throws(RuleIssues)
        -> [ContingencyPlan]
    {
        try parse(try RuleDocument.text(fromUTF8: data), catalogue: catalogue)
    }

    /// Parses and checks one plan on its own (a mapping with `id`, `title`, ...), such as the body of an API request.
    ///
    /// Issue paths start at the plan (`steps[0].sla`). Whether the id is unique among other plans is the caller's to
    /// check.
    public static func parsePlan(_ text: String, catalogue: RuleCatalogue = .standard) throws(RuleIssues)
        -> ContingencyPlan
    {
        try RuleDocument.read(
            text, catalogue: catalogue,
            empty: "the text is empty; write one plan, a mapping with id, title, risk_types, steps, ..."
        ) { reader, root in
            reader.readPlan(root, path: IssuePath())
        }
    }

    /// Parses and checks compensation terms on their own (the mapping a plan has under `compensation:`), such as the
    /// SLA of a partner's contract.
    ///
    /// Issue paths start at the terms (`per_started_hour`).
    public static func parseCompensation(_ text: String) throws(RuleIssues) -> CompensationTerms {
        try RuleDocument.read(
            text, catalogue: .standard,
            empty: "the text is empty; write compensation terms, a mapping with target, per_breach, ..."
        ) { reader, root in
            var pricing = PlanPricing()
            return reader.readCompensation(root, path: IssuePath(), pricing: &pricing)
        }
    }
}
