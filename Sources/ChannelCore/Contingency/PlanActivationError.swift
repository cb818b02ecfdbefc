/// Why a plan cannot start, or why a task cannot be done or skipped.
public enum PlanActivationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The plan does not answer the alert's risk type.
    case riskTypeNotAnswered(plan: PlanID, riskType: RiskType, answers: [RiskType])
    /// The plan's steps are inconsistent (built in code; files are checked by ``ContingencyPlanFile``).
    case invalidPlan(plan: PlanID, reason: String)
    /// The activation has no task for this step.
    case unknownStep(PlanStepKey, known: [PlanStepKey])
    /// The task was already done or skipped.
    case alreadyClosed(PlanStepKey, state: PlanTask.State, at: Instant?)
    /// The task still waits for prerequisites, so it cannot be done yet.
    case waitingOnPrerequisites(PlanStepKey, pending: [PlanStepKey])
    /// The instant given is before the task's clock started.
    case completedBeforeStart(PlanStepKey, startedAt: Instant, at: Instant)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .riskTypeNotAnswered(let plan, let riskType, let answers):
            "plan `\(plan)` does not answer risk type `\(riskType)` (it answers "
                + answers.map { "`\($0)`" }.joined(separator: ", ") + "); choose a plan for `\(riskType)`"
        case .invalidPlan(let plan, let reason):
            "plan `\(plan)` cannot start: \(reason)"
        case .unknownStep(let key, let known):
            "no task `\(key)` in this plan; its tasks are " + known.map(\.rawValue).joined(separator: ", ")
        case .alreadyClosed(let key, let state, let at):
            "task `\(key)` is already \(state.rawValue)" + (at.map { " (at \($0))" } ?? "")
                + "; it cannot be closed twice"
        case .waitingOnPrerequisites(let key, let pending):
            "task `\(key)` has not started: it waits for "
                + pending.map { "`\($0)`" }.joined(separator: ", ") + "; finish or skip those first"
        case .completedBeforeStart(let key, let startedAt, let at):
            "task `\(key)` cannot be closed at \(at): its clock started at \(startedAt)"
        }
    }
}
