/// An order placed by a partner whose status is suspended; each order is a subject.
public struct SuspendedPartnerOrderCondition: Hashable, Sendable, Codable {
    /// Only orders placed within this trailing period (whole days) count; nil: every such order.
    public var since: RuleDuration?

    /// A suspended partner condition.
    public init(since: RuleDuration? = nil) { self.since = since }
}
