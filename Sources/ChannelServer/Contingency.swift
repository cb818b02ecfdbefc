import ChannelCore
import ChannelStore

/// Starting contingency plans and closing their tasks: the API's and the alert page's one way.
struct Contingency: Sendable {
    let store: any PlanStore & AlertStore
    /// The plans the server offers.
    let plans: [ContingencyPlan]
    let clock: @Sendable () -> Instant

    /// Starts the plan asked for, or the first plan answering the alert's risk type.
    func start(_ alertID: Int64, _ request: PlanStart, actor: String) throws -> PlanRun {
        let (alert, _) = try translatingErrors { try store.alert(alertID) }
        let plan: ContingencyPlan
        if let wanted = request.planID {
            guard let found = plans.first(where: { $0.id.rawValue == wanted }) else {
                throw APIError.invalid("no plan `\(wanted)`; the plans are \(plans.map(\.id.rawValue).joined(separator: ", "))")
            }
            plan = found
        } else {
            guard let found = plans.first(where: { $0.answers(alert.riskType) }) else {
                throw APIError.invalid("no plan answers risk type `\(alert.riskType)` of alert \(alertID); name one with plan_id")
            }
            plan = found
        }
        var assignees: [OwnerRole: UserID] = [:]
        for (role, user) in request.assignees ?? [:] {
            guard let known = OwnerRole(rawValue: role) else {
                throw APIError.invalid(
                    "assignees: `\(role)` is not a role; the roles are \(OwnerRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            assignees[known] = UserID(user)
        }
        return try translatingErrors {
            try store.startPlan(plan, forAlert: alertID, assignees: assignees, actor: actor, requestID: nil, at: clock())
        }
    }

    /// Marks a task done or skipped.
    func close(_ runID: Int64, step: PlanStepKey, skip: Bool, actor: String) throws -> PlanRun {
        try translatingErrors { try store.closeTask(runID, step: step, skip: skip, actor: actor, requestID: nil, at: clock()) }
    }
}
