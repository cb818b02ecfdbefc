import Yams

extension RuleFileReader {
    /// The keys of a plan step, in canonical order.
    static let stepKeys = ["key", "title", "title_en", "owner", "sla", "after"]

    /// Keys people write for prerequisites, pointed to `after`.
    private static let prerequisiteSynonyms: Set<String> = [
        "depends_on", "dependencies", "requires", "prerequisites", "needs", "wait_for", "waits_for", "before",
    ]

    /// Reads a plan's `steps:`: a non-empty list of steps with unique keys, whose prerequisites name steps of the
    /// list and do not wait for each other in a cycle.
    func readSteps(_ node: Node, path: IssuePath) -> [PlanStep]? {
        guard case .sequence(let sequence) = node else {
            report(
                "expected a list of steps, e.g. [{key: confirm-gap, title: 确认缺口, owner: planner, sla: 4h}], found "
                    + node.summary, at: node, path: path)
            return nil
        }
        guard !sequence.isEmpty else {
            report("is an empty list; a plan needs at least one step", at: node, path: path)
            return nil
        }
        reportDuplicates(
            of: "key", in: sequence, listPath: path, what: "step key", rule: "step keys must be unique within a plan")
        // Every well-formed key, so a prerequisite may name a step listed after it.
        let knownKeys = sequence.compactMap { item -> String? in
            guard case .mapping(let mapping) = item,
                let key = MappingFields(mapping, node: item, path: path)["key"]?.scalar?.string, Self.isSlug(key)
            else { return nil }
            return key
        }
        var steps: [PlanStep] = []
        var prerequisiteNodes: [PlanStepKey: [PlanStepKey: (index: Int, node: Node)]] = [:]
        var isComplete = true
        for (index, item) in sequence.enumerated() {
            guard let (step, nodes) = readStep(item, path: path.appending(index), knownKeys: knownKeys) else {
                isComplete = false
                continue
            }
            steps.append(step)
            prerequisiteNodes[step.key] = nodes
        }
        guard isComplete else { return nil }
        if let cycle = StepGraph.cycle(in: steps.map { ($0.key, $0.after) }),
            let stepIndex = steps.firstIndex(where: { $0.key == cycle[0] }),
            let prerequisite = prerequisiteNodes[cycle[0]]?[cycle[1]]
        {
            report(
                "steps wait for each other in a cycle: \(StepGraph.describe(cycle)) (each waits for the next); "
                    + "remove one of these prerequisites",
                at: prerequisite.node, path: path.appending(stepIndex).appending("after").appending(prerequisite.index))
            return nil
        }
        return steps
    }

    /// Reads one step; nil when any of its values was refused. Also returns the node of each prerequisite, for
    /// pointing at a cycle.
    private func readStep(_ node: Node, path: IssuePath, knownKeys: [String]) -> (
        PlanStep, [PlanStepKey: (index: Int, node: Node)]
    )? {
        guard
            let fields = fields(
                of: node, path: path, expectation: "expected a step (a mapping with key, title, owner, sla)")
        else { return nil }
        var result: (PlanStep, [PlanStepKey: (index: Int, node: Node)])?
        let clean = isClean {
            rejectUnknownKeys(in: fields, allowed: Self.stepKeys) { key in
                Self.prerequisiteSynonyms.contains(key)
                    ? "prerequisites are written `after: [step-key, ...]`" : nil
            }
            let key = required("key", in: fields, example: "confirm-gap").flatMap {
                slug($0, path: path.appending("key"), example: "confirm-gap")
            }
            let title = required("title", in: fields, example: "确认缺口数量").flatMap {
                text($0, path: path.appending("title"))
            }
            let titleEn = fields["title_en"].flatMap { text($0, path: path.appending("title_en")) }
            let owner = required("owner", in: fields, example: "planner").flatMap {
                stepOwner($0, path: path.appending("owner"))
            }
            let sla = required("sla", in: fields, example: "4h").flatMap { duration($0, path: path.appending("sla")) }
            var nodes: [PlanStepKey: (index: Int, node: Node)] = [:]
            let after = fields["after"].flatMap {
                distinctList($0, path: path.appending("after"), example: "[confirm-gap]") { item, itemPath in
                    guard let prerequisite = slug(item, path: itemPath, example: "confirm-gap") else { return nil }
                    if prerequisite == key {
                        report("a step cannot wait for itself", at: item, path: itemPath)
                        return nil
                    }
                    guard knownKeys.contains(prerequisite) else {
                        var message = "`\(prerequisite)` is not a step of this plan"
                        if let suggestion = Suggestion.closest(to: prerequisite, among: knownKeys) {
                            message += " (did you mean `\(suggestion)`?)"
                        }
                        message += "; its steps are \(knownKeys.joined(separator: ", "))"
                        report(message, at: item, path: itemPath)
                        return nil
                    }
                    if case .index(let index) = itemPath.components.last {
                        nodes[PlanStepKey(rawValue: prerequisite)] = (index, item)
                    }
                    return prerequisite
                }
            }
            guard let key, let title, let owner, let sla else { return }
            let step = PlanStep(
                key: PlanStepKey(rawValue: key), title: title, titleEn: titleEn, owner: owner, sla: sla,
                after: (after ?? []).map(PlanStepKey.init(rawValue:)))
            result = (step, nodes)
        }
        return clean ? result : nil
    }
}
