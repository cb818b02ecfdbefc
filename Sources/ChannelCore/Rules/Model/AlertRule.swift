/// A declarative alert rule: what to watch (``condition``), how urgent it is, which risk (and so which contingency
/// plan) it signals, and how often it may fire for the same subject.
///
/// Rules are read from YAML or JSON files by ``AlertRuleFile``, which checks them against a ``RuleCatalogue``.
/// `Codable` gives the canonical JSON form (snake_case keys, durations as text, defaults written out), which
/// ``AlertRuleFile`` reads back to an equal rule.
public struct AlertRule: Hashable, Sendable, Codable, Identifiable {
    /// The cooldown when a rule gives none: one hour.
    public static let defaultCooldown = RuleDuration.hours(1)
    /// The longest cooldown a rule may have: 30 days.
    public static let maximumCooldown = RuleDuration.days(30)

    /// A slug, unique in its file.
    public var id: AlertRuleID
    /// The name shown to users, in Chinese.
    public var name: String
    /// The name in English, when given.
    public var nameEn: String?
    /// How urgent the alert is.
    public var severity: Severity
    /// After the rule fires for a subject, it does not fire again for that subject within this time.
    public var cooldown: RuleDuration
    /// Whether the rule is evaluated at all.
    public var isEnabled: Bool
    /// The risk signalled, linking the alert to a contingency plan.
    public var riskType: RiskType
    /// Free text for people: why the rule exists, what to do.
    public var details: String?
    /// What makes the rule fire.
    public var condition: AlertCondition

    /// A rule; see the properties for the meaning of each value.
    public init(
        id: AlertRuleID, name: String, nameEn: String? = nil, severity: Severity,
        cooldown: RuleDuration = Self.defaultCooldown, isEnabled: Bool = true, riskType: RiskType,
        details: String? = nil, condition: AlertCondition
    ) {
        self.id = id
        self.name = name
        self.nameEn = nameEn
        self.severity = severity
        self.cooldown = cooldown
        self.isEnabled = isEnabled
        self.riskType = riskType
        self.details = details
        self.condition = condition
    }

    /// Decodes the canonical form; `cooldown` and `enabled` take their defaults when left out. Values are not
    /// checked against a catalogue: use ``AlertRuleFile/parse(_:catalogue:)`` for text from outside.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(AlertRuleID.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        nameEn = try container.decodeIfPresent(String.self, forKey: .nameEn)
        severity = try container.decode(Severity.self, forKey: .severity)
        cooldown = try container.decodeIfPresent(RuleDuration.self, forKey: .cooldown) ?? Self.defaultCooldown
        isEnabled = try container.decodeIfPresent(Bool.self, forKey: .isEnabled) ?? true
        riskType = try container.decode(RiskType.self, forKey: .riskType)
        details = try container.decodeIfPresent(String.self, forKey: .details)
        condition = try container.decode(AlertCondition.self, forKey: .condition)
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case nameEn = "name_en"
        case severity, cooldown
        case isEnabled = "enabled"
        case riskType = "risk_type"
        case details = "description"
        case condition
    }
}
