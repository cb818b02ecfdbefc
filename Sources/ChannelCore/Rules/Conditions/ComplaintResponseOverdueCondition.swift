/// A complaint still without a first response when its SLA has run out; each complaint is a subject.
public struct ComplaintResponseOverdueCondition: Hashable, Sendable, Codable {
    /// The time allowed until the first response.
    public var sla: ComplaintSLA

    /// A complaint SLA condition.
    public init(sla: ComplaintSLA) { self.sla = sla }
}
