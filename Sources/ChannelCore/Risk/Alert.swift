/// An alert: one rule holding for one subject, from the first time it was seen until it is resolved.
///
/// Lifecycle: `open` → `acknowledged` → `resolved`, or `snoozed` until an instant (then open again when seen). While an
/// alert is not resolved, the rule finding the same subject again only counts as another occurrence (deduplication);
/// after it is resolved, the subject raises a new alert only once the rule's cooldown has passed.
public struct Alert: Sendable, Equatable, Encodable {
    public enum State: String, CaseIterable, Sendable, Codable {
        case open, acknowledged, snoozed, resolved
    }

    public var id: Int64
    public var ruleID: String
    public var subject: String
    public var severity: Severity
    public var riskType: RiskType
    public var state: State
    public var message: String
    public var messageEnglish: String
    public var value: Double?
    public var threshold: Double?
    public var firstSeenAt: Instant
    public var lastSeenAt: Instant
    /// Times the rule found the subject while the alert was not resolved (1 when raised).
    public var occurrences: Int
    public var assignee: UserID?
    public var snoozedUntil: Instant?
    public var resolvedAt: Instant?

    public init(
        id: Int64, ruleID: String, subject: String, severity: Severity, riskType: RiskType, state: State, message: String,
        messageEnglish: String, value: Double?, threshold: Double?, firstSeenAt: Instant, lastSeenAt: Instant, occurrences: Int,
        assignee: UserID?, snoozedUntil: Instant?, resolvedAt: Instant?
    ) {
        self.id = id
        self.ruleID = ruleID
        self.subject = subject
        self.severity = severity
        self.riskType = riskType
        self.state = state
        self.message = message
        self.messageEnglish = messageEnglish
        self.value = value
        self.threshold = threshold
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
        self.occurrences = occurrences
        self.assignee = assignee
        self.snoozedUntil = snoozedUntil
        self.resolvedAt = resolvedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, subject, severity, state, message, value, threshold, occurrences, assignee
        case ruleID = "rule_id"
        case riskType = "risk_type"
        case messageEnglish = "message_en"
        case firstSeenAt = "first_seen_at"
        case lastSeenAt = "last_seen_at"
        case snoozedUntil = "snoozed_until"
        case resolvedAt = "resolved_at"
    }

    /// Snake-case keys, instants as ISO 8601 text (the API's shape).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(ruleID, forKey: .ruleID)
        try container.encode(subject, forKey: .subject)
        try container.encode(severity, forKey: .severity)
        try container.encode(riskType, forKey: .riskType)
        try container.encode(state, forKey: .state)
        try container.encode(message, forKey: .message)
        try container.encode(messageEnglish, forKey: .messageEnglish)
        try container.encode(value, forKey: .value)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(firstSeenAt.iso8601, forKey: .firstSeenAt)
        try container.encode(lastSeenAt.iso8601, forKey: .lastSeenAt)
        try container.encode(occurrences, forKey: .occurrences)
        try container.encode(assignee?.rawValue, forKey: .assignee)
        try container.encode(snoozedUntil?.iso8601, forKey: .snoozedUntil)
        try container.encode(resolvedAt?.iso8601, forKey: .resolvedAt)
    }
}

/// A rule holding for a subject at an evaluation, as the alert store takes it: the finding with its rule's severity,
/// risk type and cooldown.
public struct AlertSignal: Sendable, Equatable {
    public var ruleID: String
    public var subject: String
    public var severity: Severity
    public var riskType: RiskType
    public var cooldown: RuleDuration
    public var message: String
    public var messageEnglish: String
    public var value: Double?
    public var threshold: Double?

    public init(
        ruleID: String, subject: String, severity: Severity, riskType: RiskType, cooldown: RuleDuration, message: String,
        messageEnglish: String, value: Double?, threshold: Double?
    ) {
        self.ruleID = ruleID
        self.subject = subject
        self.severity = severity
        self.riskType = riskType
        self.cooldown = cooldown
        self.message = message
        self.messageEnglish = messageEnglish
        self.value = value
        self.threshold = threshold
    }
}

/// One entry of an alert's history.
public struct AlertEvent: Sendable, Equatable, Encodable {
    public enum Action: String, CaseIterable, Sendable, Codable {
        /// (`repeated`: written by earlier versions for every repeat; a repeat now only counts an occurrence.)
        case raised, repeated, acknowledged, assigned, commented, snoozed, reopened, resolved
        /// A contingency plan was started for the alert (note: the plan and run), or one of its tasks closed (note: the
        /// run and step).
        case planStarted = "plan_started", taskDone = "task_done", taskSkipped = "task_skipped"
    }

    public var at: Instant
    public var actor: String
    public var action: Action
    public var note: String?

    public init(at: Instant, actor: String, action: Action, note: String?) {
        self.at = at
        self.actor = actor
        self.action = action
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case at, actor, action, note
    }

    /// The instant as ISO 8601 text (the API's shape).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(at.iso8601, forKey: .at)
        try container.encode(actor, forKey: .actor)
        try container.encode(action, forKey: .action)
        try container.encode(note, forKey: .note)
    }
}
