/// An alert: one rule holding for one subject, from the first time it was seen until it is resolved.
///
/// Lifecycle: `open` → `acknowledged` → `resolved`, or `snoozed` until an instant (then open again when seen). While an
/// alert is not resolved, the rule finding the same subject again only counts as another occurrence (deduplication);
/// after it is resolved, the subject raises a new alert only once the rule's cooldown has passed.
public struct Alert: Sendable, Equatable, Codable {
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
public struct AlertEvent: Sendable, Equatable, Codable {
    public enum Action: String, CaseIterable, Sendable, Codable {
        case raised, repeated, acknowledged, assigned, commented, snoozed, reopened, resolved
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
}
