package import ChannelCore
import Foundation

/// What every backend's `AlertStore` shares: the SELECT of alerts and how its rows become `Alert`s, what a finding does
/// to the latest alert of its rule and subject, the human changes' rules (with their messages), and the audit images.
package enum AlertRows {
    /// Alerts with their assignee's user id: `alert(_:)` reads its rows.
    package static let alertSelect = "SELECT \(alertColumns) FROM alerts a LEFT JOIN users u ON u.id = a.assignee_id"

    private static let alertColumns = """
        a.id, a.rule_id, a.subject, a.severity, a.risk_type, a.state, a.message, a.message_en, a.value, a.threshold, \
        a.first_seen_at, a.last_seen_at, a.occurrences, u.user_id, a.snoozed_until, a.resolved_at
        """

    /// The columns of an alert's history (`alert_events`), which `event(_:)` reads.
    package static let historyColumns = "at, actor, action, note"

    package static func alert(_ row: some StoreRow) throws -> Alert {
        let id = try row.integer(at: 0)
        guard let severity = Severity(rawValue: try row.text(at: 3)), let state = Alert.State(rawValue: try row.text(at: 5)) else {
            throw StoreError(.corrupt, "alert \(id) has an unknown severity or state")
        }
        return Alert(
            id: id, ruleID: try row.text(at: 1), subject: try row.text(at: 2), severity: severity, riskType: RiskType(rawValue: try row.text(at: 4)),
            state: state, message: try row.text(at: 6), messageEnglish: try row.text(at: 7), value: try row.optionalReal(at: 8),
            threshold: try row.optionalReal(at: 9), firstSeenAt: try row.instant(at: 10), lastSeenAt: try row.instant(at: 11),
            occurrences: Int(try row.integer(at: 12)), assignee: try row.optionalText(at: 13).map { UserID($0) },
            snoozedUntil: try row.optionalInstant(at: 14), resolvedAt: try row.optionalInstant(at: 15))
    }

    /// History entries after the first placeholder's id, oldest first, at most the second placeholder's count, each
    /// with its alert (`historyEntry(_:)` reads the rows).
    package static func historySince(_ dialect: RecordStatement.Dialect) -> String {
        """
        SELECT \(alertColumns), e.id, e.action
        FROM alert_events e JOIN alerts a ON a.id = e.alert_id LEFT JOIN users u ON u.id = a.assignee_id
        WHERE e.id > \(dialect.placeholder(1)) ORDER BY e.id LIMIT \(dialect.placeholder(2))
        """
    }

    package static let latestHistoryID = "SELECT coalesce(max(id), 0) FROM alert_events"

    package static func historyEntry(_ row: some StoreRow) throws -> AlertHistoryEntry {
        let id = try row.integer(at: 16)
        let action = try row.text(at: 17)
        guard let known = AlertEvent.Action(rawValue: action) else {
            throw StoreError(.corrupt, "alert history entry \(id) has an unknown action '\(action)'")
        }
        return AlertHistoryEntry(id: id, action: known, alert: try alert(row))
    }

    package static func event(_ row: some StoreRow) throws -> AlertEvent {
        AlertEvent(
            at: try row.instant(at: 0), actor: try row.text(at: 1), action: AlertEvent.Action(rawValue: try row.text(at: 2)) ?? .commented,
            note: try row.optionalText(at: 3))
    }

    package static func unknownAlert(_ id: Int64) -> StoreError { StoreError(.notFound, "alert \(id) does not exist") }

    package static func unknownAssignee(_ user: UserID) -> StoreError {
        StoreError(.notFound, "user \(user) does not exist; an alert is assigned to a known user")
    }

    // MARK: Findings

    /// What one finding does, given the latest alert of its rule and subject.
    package enum Finding {
        /// Another occurrence of an alert not resolved: its new state and snooze (a snoozed alert whose time has passed
        /// opens again, `wakes`).
        case repeated(state: Alert.State, snoozedUntil: Instant?, wakes: Bool)
        /// Within the cooldown after its alert was resolved.
        case suppressed
        /// A new open alert.
        case raised
    }

    /// What `signal`, found at `at`, does when `previous` is the latest alert of its rule and subject.
    /// - Throws: `.constraint` for a finding without a rule id or subject.
    package static func finding(_ signal: AlertSignal, previous: Alert?, at: Instant) throws -> Finding {
        guard !signal.ruleID.isEmpty, !signal.subject.isEmpty else {
            throw StoreError(.constraint, "an alert finding needs a rule id and a subject")
        }
        if let previous, previous.state != .resolved {
            let wakes = previous.state == .snoozed && (previous.snoozedUntil.map { $0 <= at } ?? true)
            return .repeated(state: wakes ? .open : previous.state, snoozedUntil: wakes ? nil : previous.snoozedUntil, wakes: wakes)
        }
        if let resolved = previous?.resolvedAt,
            at.millisecondsSinceEpoch - resolved.millisecondsSinceEpoch < Int64(signal.cooldown.seconds) * 1_000
        {
            return .suppressed
        }
        return .raised
    }

    // MARK: Human changes

    /// A human change of an alert: what it records in the history and the audit trail, and how it changes the alert.
    package struct Change {
        package let action: AlertEvent.Action
        package let note: String?
        package let apply: (inout Alert) throws -> Void
    }

    package static func acknowledge(_ id: Int64) -> Change {
        Change(action: .acknowledged, note: nil) { alert in
            guard alert.state == .open || alert.state == .snoozed else {
                throw StoreError(.conflict, "alert \(id) is \(alert.state.rawValue); only an open or snoozed alert can be acknowledged")
            }
            alert.state = .acknowledged
            alert.snoozedUntil = nil
        }
    }

    package static func assign(to assignee: UserID?) -> Change {
        Change(action: .assigned, note: assignee?.rawValue) { alert in alert.assignee = assignee }
    }

    package static func comment(_ id: Int64, _ text: String) throws -> Change {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError(.constraint, "alert \(id): a comment needs text")
        }
        return Change(action: .commented, note: text) { _ in }
    }

    package static func snooze(_ id: Int64, until: Instant, at: Instant) throws -> Change {
        guard until > at else { throw StoreError(.constraint, "alert \(id): snooze until a time after now (\(at)), not \(until)") }
        return Change(action: .snoozed, note: until.description) { alert in
            guard alert.state != .resolved else { throw StoreError(.conflict, "alert \(id) is resolved; it cannot be snoozed") }
            alert.state = .snoozed
            alert.snoozedUntil = until
        }
    }

    package static func resolve(_ id: Int64, note: String?, at: Instant) -> Change {
        Change(action: .resolved, note: note) { alert in
            guard alert.state != .resolved else { throw StoreError(.conflict, "alert \(id) is already resolved") }
            alert.state = .resolved
            alert.snoozedUntil = nil
            alert.resolvedAt = at
        }
    }

    package static func image(of alert: Alert, action: AlertEvent.Action? = nil, note: String? = nil) -> String {
        var columns = ["id", "rule_id", "subject", "state", "assignee", "snoozed_until", "resolved_at"]
        var values: [DBValue] = [
            .integer(alert.id), .text(alert.ruleID), .text(alert.subject), .text(alert.state.rawValue),
            DBValue(alert.assignee?.rawValue), DBValue(alert.snoozedUntil?.millisecondsSinceEpoch),
            DBValue(alert.resolvedAt?.millisecondsSinceEpoch),
        ]
        if let action {
            columns += ["action", "note"]
            values += [.text(action.rawValue), DBValue(note)]
        }
        return JSONText.object(columns, values)
    }
}
