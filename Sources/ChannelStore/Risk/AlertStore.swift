public import ChannelCore

/// Alerts and their history. Human changes (acknowledge, assign, comment, snooze, resolve) are audited (entity
/// `alerts`) in the same transaction; the rules' own bookkeeping (raising, counting repeats) is in the history only.
/// Errors are `StoreError`s: `.notFound` for an unknown alert or assignee, `.conflict` for a change its state does not
/// allow (acknowledging a resolved alert, say), `.constraint` for bad input.
public protocol AlertStore: Sendable {
    /// Records what an evaluation found at `at`, in one transaction: a signal whose (rule, subject) has an alert that is
    /// not resolved adds an occurrence (a snoozed one whose time has passed opens again); one whose last alert was
    /// resolved less than the rule's cooldown ago is suppressed; any other raises a new open alert.
    func record(_ signals: [AlertSignal], at: Instant) throws -> AlertRecording

    /// Alerts, newest first, in the given states (all when empty), at most `limit`.
    func alerts(states: Set<Alert.State>, limit: Int) throws -> [Alert]

    /// The alert and its history (oldest first); throws `.notFound` for an unknown id.
    func alert(_ id: Int64) throws -> (alert: Alert, history: [AlertEvent])

    func acknowledge(_ id: Int64, actor: String, requestID: String?, at: Instant) throws -> Alert
    /// Assigns the alert to a user (who must exist), or clears the assignee with nil.
    func assign(_ id: Int64, to assignee: UserID?, actor: String, requestID: String?, at: Instant) throws -> Alert
    func comment(_ id: Int64, _ text: String, actor: String, requestID: String?, at: Instant) throws -> Alert
    /// Snoozes until `until` (after `at`); a repeat after that opens the alert again.
    func snooze(_ id: Int64, until: Instant, actor: String, requestID: String?, at: Instant) throws -> Alert
    func resolve(_ id: Int64, note: String?, actor: String, requestID: String?, at: Instant) throws -> Alert

    /// Entries of every alert's history written after entry `after` (by any process on the database), oldest first, at
    /// most `limit`, each with its alert as it is now: how every server follows what happens to alerts.
    func alertHistory(after: Int64, limit: Int) throws -> [AlertHistoryEntry]

    /// The id of the latest entry of any alert's history (0 when there is none).
    func latestAlertHistoryID() throws -> Int64
}

/// One entry of an alert's history, numbered across all alerts, with the alert it concerns (`AlertStore.alertHistory`).
public struct AlertHistoryEntry: Sendable, Equatable {
    /// Increases with every entry written, whichever process wrote it.
    public var id: Int64
    public var action: AlertEvent.Action
    /// The alert as it is when read, not as the entry left it.
    public var alert: Alert

    public init(id: Int64, action: AlertEvent.Action, alert: Alert) {
        self.id = id
        self.action = action
        self.alert = alert
    }
}

/// What `AlertStore.record` did.
public struct AlertRecording: Sendable, Equatable {
    /// New alerts.
    public var raised: [Alert]
    /// Signals that counted as another occurrence of an alert not resolved.
    public var repeated: Int
    /// Signals inside the cooldown after their alert was resolved.
    public var suppressed: Int

    public init(raised: [Alert], repeated: Int, suppressed: Int) {
        self.raised = raised
        self.repeated = repeated
        self.suppressed = suppressed
    }
}
