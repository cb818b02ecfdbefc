/// A contingency plan started for an alert: one task per step, with owners, assignees and SLA clocks.
///
/// Starting a plan at instant *t*: the steps without prerequisites start at *t* and are due *t* + SLA; the others
/// wait. Closing a task (``complete(_:at:)`` or ``skip(_:at:)``) starts every waiting task whose prerequisites are now
/// all closed: its clock starts at the latest of their closing instants and it is due that instant + its SLA.
public struct PlanActivation: Hashable, Sendable, Codable {
    /// The plan started.
    public var planID: PlanID
    /// The alert it answers.
    public var alert: AlertReference
    /// When it started.
    public var startedAt: Instant
    /// The tasks, in the order of the plan's steps.
    public private(set) var tasks: [PlanTask]

    /// Starts `plan` for `alert` at `start`.
    ///
    /// - Parameters:
    ///   - plan: The plan; it must answer the alert's risk type.
    ///   - alert: The alert it answers.
    ///   - start: When the plan starts (the clocks of the steps without prerequisites start then).
    ///   - assignee: The user on duty for a role, or nil to leave the role's tasks unassigned. Steps owned by a named
    ///     user are assigned to that user.
    /// - Throws: ``PlanActivationError/riskTypeNotAnswered(plan:riskType:answers:)`` when the plan does not answer the
    ///   alert's risk type; ``PlanActivationError/invalidPlan(plan:reason:)`` when its steps repeat a key, wait for an
    ///   unknown step or wait for each other in a cycle.
    public init(
        plan: ContingencyPlan, alert: AlertReference, startingAt start: Instant,
        assignee: (OwnerRole) -> UserID? = { _ in nil }
    ) throws(PlanActivationError) {
        guard plan.answers(alert.riskType) else {
            throw .riskTypeNotAnswered(plan: plan.id, riskType: alert.riskType, answers: plan.riskTypes)
        }
        if let problem = StepGraph.problem(in: plan.steps) { throw .invalidPlan(plan: plan.id, reason: problem) }
        guard !plan.steps.isEmpty else { throw .invalidPlan(plan: plan.id, reason: "it has no steps") }
        self.planID = plan.id
        self.alert = alert
        self.startedAt = start
        self.tasks = plan.steps.map { step in
            let assigned: UserID? =
                switch step.owner {
                case .user(let user): user
                case .role(let role): assignee(role)
                }
            let startsNow = step.after.isEmpty
            return PlanTask(
                stepKey: step.key, title: step.title, titleEn: step.titleEn, owner: step.owner, assignee: assigned,
                after: step.after, sla: step.sla, startedAt: startsNow ? start : nil,
                dueAt: startsNow ? start.adding(step.sla) : nil)
        }
    }

    /// The task of step `key`, if the plan has that step.
    public func task(_ key: PlanStepKey) -> PlanTask? { tasks.first { $0.stepKey == key } }

    /// Whether every task is done or skipped.
    public var isFinished: Bool { tasks.allSatisfy { $0.state != .open } }

    /// The open tasks whose clocks are running, in plan order.
    public var runningTasks: [PlanTask] { tasks.filter { $0.state == .open && $0.startedAt != nil } }

    /// Marks task `key` done at `instant` and starts the tasks that were waiting only on it.
    ///
    /// - Throws: ``PlanActivationError`` when there is no such task, it is already done or skipped, it still waits for
    ///   prerequisites, or `instant` is before its clock started.
    public mutating func complete(_ key: PlanStepKey, at instant: Instant) throws(PlanActivationError) {
        let index = try openTaskIndex(key)
        guard let startedAt = tasks[index].startedAt else {
            throw .waitingOnPrerequisites(key, pending: pendingPrerequisites(of: tasks[index]))
        }
        guard instant >= startedAt else { throw .completedBeforeStart(key, startedAt: startedAt, at: instant) }
        close(index, as: .done, at: instant)
    }

    /// Marks task `key` skipped at `instant` (also allowed while it waits) and starts the tasks that were waiting only
    /// on it, as a done task would.
    ///
    /// - Throws: ``PlanActivationError`` when there is no such task, it is already done or skipped, or `instant` is
    ///   before its clock started.
    public mutating func skip(_ key: PlanStepKey, at instant: Instant) throws(PlanActivationError) {
        let index = try openTaskIndex(key)
        if let startedAt = tasks[index].startedAt, instant < startedAt {
            throw .completedBeforeStart(key, startedAt: startedAt, at: instant)
        }
        close(index, as: .skipped, at: instant)
    }

    /// The non-mutating form of ``complete(_:at:)``.
    public func completing(_ key: PlanStepKey, at instant: Instant) throws(PlanActivationError) -> PlanActivation {
        var copy = self
        try copy.complete(key, at: instant)
        return copy
    }

    /// The position of the open task `key`.
    private func openTaskIndex(_ key: PlanStepKey) throws(PlanActivationError) -> Int {
        guard let index = tasks.firstIndex(where: { $0.stepKey == key }) else {
            throw .unknownStep(key, known: tasks.map(\.stepKey))
        }
        let task = tasks[index]
        guard task.state == .open else { throw .alreadyClosed(key, state: task.state, at: task.completedAt) }
        return index
    }

    /// The prerequisites of `task` still open.
    private func pendingPrerequisites(of task: PlanTask) -> [PlanStepKey] {
        task.after.filter { self.task($0)?.state == .open }
    }

    /// Closes the task at `index` and starts the waiting tasks whose prerequisites are all closed now.
    private mutating func close(_ index: Int, as state: PlanTask.State, at instant: Instant) {
        tasks[index].state = state
        tasks[index].completedAt = instant
        for waiting in tasks.indices where tasks[waiting].isWaiting {
            let prerequisites = tasks[waiting].after.compactMap { task($0) }
            guard prerequisites.allSatisfy({ $0.state != .open }) else { continue }
            // The latest closing instant: prerequisites may be recorded out of order (a backdated completion).
            let start = prerequisites.compactMap(\.completedAt).max() ?? instant
            tasks[waiting].startedAt = start
            tasks[waiting].dueAt = start.adding(tasks[waiting].sla)
        }
    }

    enum CodingKeys: String, CodingKey {
        case planID = "plan_id"
        case alertID = "alert_id"
        case riskType = "risk_type"
        case subject
        case startedAt = "started_at"
        case tasks
    }

    /// Decodes the API form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        planID = try container.decode(PlanID.self, forKey: .planID)
        alert = AlertReference(
            alertID: try container.decode(Int64.self, forKey: .alertID),
            riskType: try container.decode(RiskType.self, forKey: .riskType),
            subject: try container.decode(String.self, forKey: .subject))
        startedAt = try container.decodeInstant(forKey: .startedAt)
        tasks = try container.decode([PlanTask].self, forKey: .tasks)
    }

    /// `{"plan_id", "alert_id", "risk_type", "subject", "started_at", "tasks": [...]}`, instants as ISO 8601 text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(planID, forKey: .planID)
        try container.encode(alert.alertID, forKey: .alertID)
        try container.encode(alert.riskType, forKey: .riskType)
        try container.encode(alert.subject, forKey: .subject)
        try container.encodeInstant(startedAt, forKey: .startedAt)
        try container.encode(tasks, forKey: .tasks)
    }
}
