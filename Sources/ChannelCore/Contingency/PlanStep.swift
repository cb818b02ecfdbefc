/// One step of a contingency plan: what to do, who does it, and how long they have.
///
/// The SLA is counted from the plan's start, or, for a step with prerequisites (``after``), from the moment its last
/// prerequisite is done or skipped. The steps of a plan never wait for each other in a cycle (checked by
/// ``ContingencyPlanFile`` and again when a plan starts).
public struct PlanStep: Hashable, Sendable, Codable, Identifiable {
    /// The key, unique within the plan.
    public var key: PlanStepKey
    /// What to do, in Chinese.
    public var title: String
    /// What to do, in English, when given.
    public var titleEn: String?
    /// Who does it.
    public var owner: StepOwner
    /// How long the step may take once its clock starts.
    public var sla: RuleDuration
    /// The steps that must be done (or skipped) before this one starts; empty for a step that starts with the plan.
    public var after: [PlanStepKey]

    /// The key, as the step's identity.
    public var id: PlanStepKey { key }

    /// A step; see the properties for the meaning of each value.
    public init(
        key: PlanStepKey, title: String, titleEn: String? = nil, owner: StepOwner, sla: RuleDuration,
        after: [PlanStepKey] = []
    ) {
        self.key = key
        self.title = title
        self.titleEn = titleEn
        self.owner = owner
        self.sla = sla
        self.after = after
    }

    enum CodingKeys: String, CodingKey {
        case key, title
        case titleEn = "title_en"
        case owner, sla, after
    }

    /// Decodes the file form; `after` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(PlanStepKey.self, forKey: .key)
        title = try container.decode(String.self, forKey: .title)
        titleEn = try container.decodeIfPresent(String.self, forKey: .titleEn)
        owner = try container.decode(StepOwner.self, forKey: .owner)
        sla = try container.decode(RuleDuration.self, forKey: .sla)
        after = try container.decodeIfPresent([PlanStepKey].self, forKey: .after) ?? []
    }

    /// Encodes the file form; `title_en` and `after` only when given.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(titleEn, forKey: .titleEn)
        try container.encode(owner, forKey: .owner)
        try container.encode(sla, forKey: .sla)
        if !after.isEmpty { try container.encode(after, forKey: .after) }
    }
}
