public import ChannelCore

/// A subject for which a rule's condition holds when evaluated: what an alert is raised for.
///
/// `subject` identifies the thing within the rule (`province=310000`, `order=SO000001049`,
/// `location=WH-310000&sku=SKU00042`), so that the same rule and subject make the same alert: the lifecycle
/// deduplicates and applies the cooldown by (rule, subject).
public struct AlertFinding: Sendable, Hashable {
    public var ruleID: AlertRuleID
    public var subject: String
    /// The value measured (a KPI, a count, a price ratio...); nil where the condition is a state.
    public var value: Double?
    /// The limit the value crossed.
    public var threshold: Double?
    /// What happened, for people: Chinese and English.
    public var message: String
    public var messageEnglish: String

    public init(ruleID: AlertRuleID, subject: String, value: Double?, threshold: Double?, message: String, messageEnglish: String) {
        self.ruleID = ruleID
        self.subject = subject
        self.value = value
        self.threshold = threshold
        self.message = message
        self.messageEnglish = messageEnglish
    }
}
