/// How urgent an alert is: it decides how loudly it is shown and who is notified.
public enum Severity: String, CaseIterable, Hashable, Sendable, Codable {
    /// Worth knowing; no action expected today.
    case info
    /// Needs attention within the working day.
    case warning
    /// Needs action now; a contingency plan is usually attached.
    case critical
}
