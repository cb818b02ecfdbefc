/// The SLA clock of a task, or of any started-at/due-at pair: read at an instant, it tells whether the work waits, runs,
/// is due soon, is breached, or was met (on time or late).
///
/// The due instant itself is still on time: work done exactly at ``dueAt`` has met its SLA, and open work is
/// breached only after it. "Due soon" compares exactly, in integer milliseconds: less than `dueSoonPercent` % of the
/// span from ``startedAt`` to ``dueAt`` is left (at exactly that share the clock is still running).
public struct SLAClock: Hashable, Sendable {
    /// The share of the span left under which a clock is due soon, in percent: 20.
    public static let defaultDueSoonPercent = 20

    /// When the clock started; nil while the work waits for its prerequisites.
    public var startedAt: Instant?
    /// When the work is due; nil while it waits.
    public var dueAt: Instant?
    /// When the work was done (or skipped); nil while it is open.
    public var completedAt: Instant?
    /// Whether the work was skipped, so that the SLA no longer applies.
    public var isSkipped: Bool

    /// A clock; see the properties for the meaning of each value.
    public init(startedAt: Instant?, dueAt: Instant?, completedAt: Instant? = nil, isSkipped: Bool = false) {
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.completedAt = completedAt
        self.isSkipped = isSkipped
    }

    /// The clock of `task`.
    public init(task: PlanTask) {
        self.init(
            startedAt: task.startedAt, dueAt: task.dueAt, completedAt: task.completedAt,
            isSkipped: task.state == .skipped)
    }

    /// The clock read at `now`.
    ///
    /// - Parameters:
    ///   - now: The instant to read at; ignored once the work is done.
    ///   - dueSoonPercent: The share of the span (0…100, clamped) under which the clock is due soon.
    public func reading(at now: Instant, dueSoonPercent: Int = Self.defaultDueSoonPercent) -> SLAReading {
        if isSkipped { return SLAReading(state: .skipped) }
        guard let dueAt else {
            return SLAReading(state: completedAt == nil ? .waiting : .met)
        }
        if let completedAt {
            let slack = dueAt.milliseconds(since: completedAt)
            return slack >= 0
                ? SLAReading(state: .met, remainingSeconds: slack / 1_000)
                : SLAReading(state: .metLate, overdueSeconds: Self.secondsRoundedUp(slack.magnitude))
        }
        guard let startedAt else { return SLAReading(state: .waiting) }
        let left = dueAt.milliseconds(since: now)
        guard left >= 0 else {
            return SLAReading(state: .breached, overdueSeconds: Self.secondsRoundedUp(left.magnitude))
        }
        let span = Int128(dueAt.milliseconds(since: startedAt))
        let percent = Int128(min(100, max(0, dueSoonPercent)))
        let isDueSoon = Int128(left) * 100 < span * percent
        return SLAReading(state: isDueSoon ? .dueSoon : .running, remainingSeconds: left / 1_000)
    }

    /// Whole seconds in `milliseconds`, a part of a second counting as one.
    private static func secondsRoundedUp(_ milliseconds: UInt64) -> Int64 {
        Int64(clamping: milliseconds / 1_000 + (milliseconds % 1_000 == 0 ? 0 : 1))
    }
}
