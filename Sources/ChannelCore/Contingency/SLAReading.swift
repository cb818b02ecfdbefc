/// An SLA clock read at an instant: its state and how much time is left or how far past due it is.
public struct SLAReading: Hashable, Sendable, Encodable {
    /// The state.
    public var state: SLAState
    /// Whole seconds left before the due instant (a part of a second is dropped): while ``SLAState/running`` or
    /// ``SLAState/dueSoon``, and the slack that was left when ``SLAState/met``; nil otherwise.
    public var remainingSeconds: Int64?
    /// Seconds past the due instant (a part of a second counts as one): when ``SLAState/breached`` or
    /// ``SLAState/metLate``; nil otherwise.
    public var overdueSeconds: Int64?

    /// A reading; see the properties for the meaning of each value.
    public init(state: SLAState, remainingSeconds: Int64? = nil, overdueSeconds: Int64? = nil) {
        self.state = state
        self.remainingSeconds = remainingSeconds
        self.overdueSeconds = overdueSeconds
    }

    enum CodingKeys: String, CodingKey {
        case state
        case remainingSeconds = "remaining_seconds"
        case overdueSeconds = "overdue_seconds"
    }

    /// Snake-case keys; absent values as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(remainingSeconds, forKey: .remainingSeconds)
        try container.encode(overdueSeconds, forKey: .overdueSeconds)
    }
}
