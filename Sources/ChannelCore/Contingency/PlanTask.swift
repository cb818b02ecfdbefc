/// The task made from one plan step when the plan starts: who does it, and its SLA clock.
///
/// A task with prerequisites waits (``startedAt`` and ``dueAt`` nil) until the last of them is done or skipped; its
/// clock then starts at that instant and it is due ``sla`` later.
public struct PlanTask: Hashable, Sendable, Codable, Identifiable {
    /// Whether the task is still to do.
    public enum State: String, CodedValue {
        /// Still to do (running, or waiting for its prerequisites).
        case open
        /// Done.
        case done
        /// Decided not to do; it releases the tasks waiting on it like a done one.
        case skipped
    }

    /// The step's key.
    public var stepKey: PlanStepKey
    /// What to do, in Chinese.
    public var title: String
    /// What to do, in English, when given.
    public var titleEn: String?
    /// Who owns it: a role or a named user.
    public var owner: StepOwner
    /// The user it is assigned to: the named user, or whoever the role resolved to when the plan started.
    public var assignee: UserID?
    /// Open, done or skipped.
    public var state: State
    /// The steps it waits for.
    public var after: [PlanStepKey]
    /// How long it may take once started.
    public var sla: RuleDuration
    /// When its clock started; nil while it waits for prerequisites.
    public var startedAt: Instant?
    /// When it is due; nil while it waits.
    public var dueAt: Instant?
    /// When it was done or skipped.
    public var completedAt: Instant?

    /// The step key, as the task's identity within its activation.
    public var id: PlanStepKey { stepKey }

    /// Whether it is open and its clock has not started (it waits for prerequisites).
    public var isWaiting: Bool { state == .open && startedAt == nil }

    /// Its SLA clock.
    public var clock: SLAClock { SLAClock(task: self) }

    /// A task; see the properties for the meaning of each value.
    public init(
        stepKey: PlanStepKey, title: String, titleEn: String? = nil, owner: StepOwner, assignee: UserID? = nil,
        state: State = .open, after: [PlanStepKey] = [], sla: RuleDuration, startedAt: Instant? = nil,
        dueAt: Instant? = nil, completedAt: Instant? = nil
    ) {
        self.stepKey = stepKey
        self.title = title
        self.titleEn = titleEn
        self.owner = owner
        self.assignee = assignee
        self.state = state
        self.after = after
        self.sla = sla
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.completedAt = completedAt
    }

    enum CodingKeys: String, CodingKey {
        case stepKey = "step_key"
        case title
        case titleEn = "title_en"
        case owner, assignee, state, after, sla
        case startedAt = "started_at"
        case dueAt = "due_at"
        case completedAt = "completed_at"
    }

    /// Decodes the API form (instants as ISO 8601 text).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stepKey = try container.decode(PlanStepKey.self, forKey: .stepKey)
        title = try container.decode(String.self, forKey: .title)
        titleEn = try container.decodeIfPresent(String.self, forKey: .titleEn)
        owner = try container.decode(StepOwner.self, forKey: .owner)
        assignee = try container.decodeIfPresent(UserID.self, forKey: .assignee)
        state = try container.decode(State.self, forKey: .state)
        after = try container.decodeIfPresent([PlanStepKey].self, forKey: .after) ?? []
        sla = try container.decode(RuleDuration.self, forKey: .sla)
        startedAt = try container.decodeInstantIfPresent(forKey: .startedAt)
        dueAt = try container.decodeInstantIfPresent(forKey: .dueAt)
        completedAt = try container.decodeInstantIfPresent(forKey: .completedAt)
    }

    /// Snake-case keys, instants as ISO 8601 text, absent values as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stepKey, forKey: .stepKey)
        try container.encode(title, forKey: .title)
        try container.encode(titleEn, forKey: .titleEn)
        try container.encode(owner, forKey: .owner)
        try container.encode(assignee, forKey: .assignee)
        try container.encode(state, forKey: .state)
        try container.encode(after, forKey: .after)
        try container.encode(sla, forKey: .sla)
        try container.encodeInstant(startedAt, forKey: .startedAt)
        try container.encodeInstant(dueAt, forKey: .dueAt)
        try container.encodeInstant(completedAt, forKey: .completedAt)
    }
}
