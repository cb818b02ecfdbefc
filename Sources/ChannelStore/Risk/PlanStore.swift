public import ChannelCore

/// A contingency plan started for an alert: the plan as it was when started (later edits to the plans file do not
/// change a running plan) and its tasks with their SLA clocks.
public struct PlanRun: Sendable, Equatable, Encodable {
    public var id: Int64
    public var plan: ContingencyPlan
    public var activation: PlanActivation
    public var startedBy: String

    public init(id: Int64, plan: ContingencyPlan, activation: PlanActivation, startedBy: String) {
        self.id = id
        self.plan = plan
        self.activation = activation
        self.startedBy = startedBy
    }

    enum CodingKeys: String, CodingKey {
        case id, plan, activation
        case startedBy = "started_by"
        case finished
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(plan, forKey: .plan)
        try container.encode(activation, forKey: .activation)
        try container.encode(startedBy, forKey: .startedBy)
        try container.encode(activation.isFinished, forKey: .finished)
    }
}

/// Contingency plans started for alerts, and their tasks. Starting a plan and closing a task are audited (entity
/// `plan_runs`) and written to the alert's history in the same transaction. Errors are `StoreError`s: `.notFound`
/// for an unknown alert, run, step or assignee; `.conflict` when the alert is resolved or already runs the plan, or
/// a task cannot be closed (done already, still waiting); `.constraint` for a plan that does not answer the alert.
public protocol PlanStore: Sendable {
    /// Starts `plan` for alert `alertID` at `at`: a task per step, the steps without prerequisites due `at` + SLA.
    /// Tasks of a role are assigned to `assignees[role]` when given (the user must exist); steps owned by a named
    /// user go to that user.
    func startPlan(
        _ plan: ContingencyPlan, forAlert alertID: Int64, assignees: [OwnerRole: UserID], actor: String, requestID: String?,
        at: Instant
    ) throws -> PlanRun

    /// Runs, newest first: of one alert, or of every alert when nil; unfinished ones only when `openOnly`.
    func planRuns(alert: Int64?, openOnly: Bool, limit: Int) throws -> [PlanRun]

    /// One run; `.notFound` when there is none.
    func planRun(_ id: Int64) throws -> PlanRun

    /// Marks step `step` of run `runID` done (or skipped) at `at`; the tasks waiting only on it start.
    func closeTask(_ runID: Int64, step: PlanStepKey, skip: Bool, actor: String, requestID: String?, at: Instant) throws -> PlanRun
}
