/// The "waits for" relation between the steps of a plan: checks that every prerequisite exists and that no steps
/// wait for each other in a cycle. Used by the plans file reader and again when a plan starts.
enum StepGraph {
    /// A cycle of steps each waiting for the next, closed (`[a, b, a]`), or nil when there is none. Prerequisites
    /// naming no step are ignored here.
    static func cycle(in steps: [(key: PlanStepKey, after: [PlanStepKey])]) -> [PlanStepKey]? {
        var prerequisites: [PlanStepKey: [PlanStepKey]] = [:]
        for step in steps { prerequisites[step.key, default: []] += step.after }
        var finished: Set<PlanStepKey> = []
        var trail: [PlanStepKey] = []

        func visit(_ key: PlanStepKey) -> [PlanStepKey]? {
            if let start = trail.firstIndex(of: key) { return Array(trail[start...]) + [key] }
            guard !finished.contains(key), let next = prerequisites[key] else { return nil }
            trail.append(key)
            for prerequisite in next {
                if let cycle = visit(prerequisite) { return cycle }
            }
            trail.removeLast()
            finished.insert(key)
            return nil
        }

        for step in steps {
            if let cycle = visit(step.key) { return cycle }
        }
        return nil
    }

    /// What is wrong with the relation, in words, or nil when nothing is: a repeated key, a prerequisite naming no
    /// step or the step itself, or a cycle.
    static func problem(in steps: [PlanStep]) -> String? {
        var keys: Set<PlanStepKey> = []
        for step in steps where !keys.insert(step.key).inserted {
            return "step `\(step.key)` is listed twice"
        }
        for step in steps {
            for prerequisite in step.after {
                if prerequisite == step.key { return "step `\(step.key)` waits for itself" }
                if !keys.contains(prerequisite) {
                    return "step `\(step.key)` waits for `\(prerequisite)`, which is not a step of the plan"
                }
            }
        }
        if let cycle = cycle(in: steps.map { ($0.key, $0.after) }) {
            return "steps wait for each other in a cycle: \(describe(cycle))"
        }
        return nil
    }

    /// `a → b → a`.
    static func describe(_ cycle: [PlanStepKey]) -> String {
        cycle.map(\.rawValue).joined(separator: " → ")
    }
}
