/// The alert a plan is started for: its id, the risk it signals and its subject (`SKU00042 @ WH-SH`).
public struct AlertReference: Hashable, Sendable, Codable {
    /// The alert's id in the store.
    public var alertID: Int64
    /// The risk the alert signals; the plan must answer it.
    public var riskType: RiskType
    /// What the alert is about, as the alert names it.
    public var subject: String

    /// A reference; see the properties for the meaning of each value.
    public init(alertID: Int64, riskType: RiskType, subject: String) {
        self.alertID = alertID
        self.riskType = riskType
        self.subject = subject
    }

    /// The reference to `alert`.
    public init(_ alert: Alert) {
        self.init(alertID: alert.id, riskType: alert.riskType, subject: alert.subject)
    }

    enum CodingKeys: String, CodingKey {
        case alertID = "alert_id"
        case riskType = "risk_type"
        case subject
    }
}
