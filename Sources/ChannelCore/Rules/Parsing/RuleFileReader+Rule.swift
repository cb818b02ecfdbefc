import Yams

extension RuleFileReader {
    /// The keys of a rule, in canonical order.
    static let ruleKeys = [
        "id", "name", "name_en", "severity", "cooldown", "enabled", "risk_type", "description", "condition",
    ]

    /// Reads the top of the document: a list of rules, or a mapping with `rules:`.
    func readDocument(_ root: Node) -> [AlertRule] {
        let rulesNode: Node
        switch root {
        case .sequence:
            rulesNode = root
        case .mapping:
            guard let fields = fields(of: root, path: IssuePath(), expectation: "expected a mapping") else { return [] }
            rejectUnknownKeys(in: fields, allowed: ["rules"])
            guard let node = required("rules", in: fields, example: "[...]") else { return [] }
            rulesNode = node
        default:
            report(
                "expected a list of rules or a mapping with `rules:`, found \(root.summary)", at: root,
                path: IssuePath())
            return []
        }
        guard case .sequence(let sequence) = rulesNode else {
            report(
                "expected a list of rules, found \(rulesNode.summary)", at: rulesNode, path: IssuePath([.key("rules")]))
            return []
        }
        reportDuplicateIDs(in: sequence)
        var rules: [AlertRule] = []
        for (index, node) in sequence.enumerated() {
            if let rule = readRule(node, path: IssuePath.rule(index)) { rules.append(rule) }
        }
        return rules
    }

    /// Reports every id used by an earlier rule, whether or not either rule has other issues.
    private func reportDuplicateIDs(in rules: Node.Sequence) {
        var firstUse: [String: (index: Int, position: SourcePosition)] = [:]
        for (index, node) in rules.enumerated() {
            guard case .mapping(let mapping) = node,
                let idNode = MappingFields(mapping, node: node, path: IssuePath.rule(index))["id"],
                let id = idNode.scalar?.string, Self.isSlug(id)
            else { continue }
            guard let first = firstUse[id] else {
                firstUse[id] = (index, idNode.position)
                continue
            }
            ruleID = id
            report(
                "duplicate id `\(id)`; rules[\(first.index)] at \(first.position) has it already, "
                    + "and ids must be unique",
                at: idNode, path: IssuePath.rule(index).appending("id"))
            ruleID = nil
        }
    }

    /// Reads one rule found at `path`; nil when any of its values was refused (all are reported).
    func readRule(_ node: Node, path: IssuePath) -> AlertRule? {
        ruleID = nil
        defer { ruleID = nil }
        guard
            let fields = fields(of: node, path: path, expectation: "expected a rule (a mapping with id, name, ...)")
        else { return nil }

        // The id first, so that every later issue of the rule names it.
        let idNode = required("id", in: fields, example: "late-delivery-east")
        ruleID = idNode?.scalar.map(\.string).flatMap { $0.isEmpty ? nil : $0 }
        let id = idNode.flatMap { slug($0, path: path.appending("id"), example: "late-delivery-east") }

        var rule: AlertRule?
        let clean = isClean {
            rejectUnknownKeys(in: fields, allowed: Self.ruleKeys) { key in
                if ConditionKeys.all.contains(key) { return "condition parameters go under `condition:`" }
                guard let suggestion = Suggestion.closest(to: key, among: ConditionKeys.all.sorted()) else {
                    return nil
                }
                return "did you mean `\(suggestion)`? Condition parameters go under `condition:`"
            }
            let name = required("name", in: fields, example: "华东准时交付率低").flatMap {
                text($0, path: path.appending("name"))
            }
            let nameEn = fields["name_en"].flatMap { text($0, path: path.appending("name_en")) }
            let severity: Severity? = required("severity", in: fields, example: "warning").flatMap {
                choice($0, path: path.appending("severity"), what: "a severity")
            }
            let cooldown = fields["cooldown"].flatMap {
                duration($0, path: path.appending("cooldown"), maximum: AlertRule.maximumCooldown)
            }
            let isEnabled = fields["enabled"].flatMap { flag($0, path: path.appending("enabled")) }
            let riskType = required("risk_type", in: fields, example: "late_delivery").flatMap {
                oneOf(
                    $0, path: path.appending("risk_type"), among: catalogue.riskTypes.map(\.rawValue),
                    what: "a risk type")
            }
            let details = fields["description"].flatMap { text($0, path: path.appending("description")) }
            let condition = required("condition", in: fields, example: "{kind: measure, ...}").flatMap {
                readCondition($0, path: path.appending("condition"))
            }
            guard let id, let name, let severity, let riskType, let condition else { return }
            rule = AlertRule(
                id: AlertRuleID(rawValue: id), name: name, nameEn: nameEn, severity: severity,
                cooldown: cooldown ?? AlertRule.defaultCooldown, isEnabled: isEnabled ?? true,
                riskType: RiskType(rawValue: riskType), details: details, condition: condition)
        }
        return clean ? rule : nil
    }
}
