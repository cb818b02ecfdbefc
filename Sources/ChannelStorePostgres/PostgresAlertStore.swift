public import ChannelCore
public import ChannelStore

/// Alerts in PostgreSQL (tables of migration `0005_alerts`), with the findings' rules, the human changes' checks, the
/// history and the audit images of SQLite's (`AlertRows`).
extension PostgresChannelStore: AlertStore {
    public func record(_ signals: [AlertSignal], at: Instant) throws -> AlertRecording {
        let now = at.millisecondsSinceEpoch
        return try writing("recording \(signals.count) alert findings") { session in
            var recording = AlertRecording(raised: [], repeated: 0, suppressed: 0)
            // The latest alert of every rule and subject, read at once: an evaluation after every write repeats
            // thousands of findings, and one query beats thousands.
            var latest: [String: [String: Alert]] = [:]
            let rules = Set(signals.map(\.ruleID)).sorted()
            if !rules.isEmpty {
                let marks = rules.indices.map { "$\($0 + 1)" }.joined(separator: ",")
                let rows = try session.query(
                    """
                    \(AlertRows.alertSelect) WHERE a.id IN (
                        SELECT max(id) FROM alerts WHERE rule_id IN (\(marks)) GROUP BY rule_id, subject)
                    """, rules.map(DBValue.text), context: "reading the latest alerts")
                for row in rows {
                    let alert = try AlertRows.alert(row)
                    latest[alert.ruleID, default: [:]][alert.subject] = alert
                }
            }
            for signal in signals {
                let previous = latest[signal.ruleID]?[signal.subject]
                switch try AlertRows.finding(signal, previous: previous, at: at) {
                case .repeated(let state, let snoozedUntil, let wakes):
                    guard let previous else { continue }
                    try session.run(
                        """
                        UPDATE alerts SET last_seen_at = $1, occurrences = occurrences + 1, value = $2::float8, threshold = $3::float8,
                            message = $4, message_en = $5, state = $6, snoozed_until = $7 WHERE id = $8
                        """,
                        [
                            .integer(now), Self.real(signal.value), Self.real(signal.threshold), .text(signal.message),
                            .text(signal.messageEnglish), .text(state.rawValue), DBValue(snoozedUntil?.millisecondsSinceEpoch),
                            .integer(previous.id),
                        ], context: "counting a repeat of alert \(previous.id)")
                    // A repeat is counted on the alert, not written to its history: the rules run after every write,
                    // and the history is for what changed.
                    if wakes { try Self.history(session, previous.id, at: now, actor: "rules", action: .reopened, note: nil) }
                    recording.repeated += 1
                    continue
                case .suppressed:
                    recording.suppressed += 1
                    continue
                case .raised:
                    break
                }
                let inserted = try session.query(
                    """
                    INSERT INTO alerts (rule_id, subject, severity, risk_type, state, message, message_en, value, threshold,
                        first_seen_at, last_seen_at, occurrences)
                    VALUES ($1, $2, $3, $4, 'open', $5, $6, $7::float8, $8::float8, $9, $10, 1)
                    RETURNING id
                    """,
                    [
                        .text(signal.ruleID), .text(signal.subject), .text(signal.severity.rawValue), .text(signal.riskType.rawValue),
                        .text(signal.message), .text(signal.messageEnglish), Self.real(signal.value), Self.real(signal.threshold),
                        .integer(now), .integer(now),
                    ], context: "raising an alert")
                guard let id = try inserted.first?.integer(at: 0) else {
                    throw StoreError(.corrupt, "a raised alert has no id")
                }
                try Self.history(session, id, at: now, actor: "rules", action: .raised, note: nil)
                let raised = try Self.alert(session, id)
                // A signal repeated within one batch counts on the alert it just raised.
                latest[signal.ruleID, default: [:]][signal.subject] = raised
                recording.raised.append(raised)
            }
            return recording
        }
    }

    public func alerts(states: Set<Alert.State>, limit: Int) throws -> [Alert] {
        try reading("listing alerts") { session in
            let filter = states.isEmpty ? "" : "WHERE a.state IN (\(states.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")))"
            return try session.query(
                "\(AlertRows.alertSelect) \(filter) ORDER BY a.id DESC LIMIT \(max(0, limit))", context: "listing alerts"
            ).map(AlertRows.alert)
        }
    }

    public func alert(_ id: Int64) throws -> (alert: Alert, history: [AlertEvent]) {
        try reading("reading alert \(id)") { session in
            let alert = try Self.alert(session, id)
            let history = try session.query(
                "SELECT \(AlertRows.historyColumns) FROM alert_events WHERE alert_id = $1 ORDER BY id", [.integer(id)],
                context: "reading the history of alert \(id)"
            ).map(AlertRows.event)
            return (alert, history)
        }
    }

    public func alertHistory(after: Int64, limit: Int) throws -> [AlertHistoryEntry] {
        try reading("following the alert history") { session in
            try session.query(
                AlertRows.historySince(.postgres), [.integer(after), .integer(Int64(max(0, limit)))], context: "following the alert history"
            ).map(AlertRows.historyEntry)
        }
    }

    public func latestAlertHistoryID() throws -> Int64 {
        try reading("reading the latest alert history entry") { session in
            try session.query(AlertRows.latestHistoryID, context: "reading the latest alert history entry").first?.integer(at: 0) ?? 0
        }
    }

    public func acknowledge(_ id: Int64, actor: String, requestID: String?, at: Instant) throws -> Alert {
        try change(id, AlertRows.acknowledge(id), actor: actor, requestID: requestID, at: at)
    }

    public func assign(_ id: Int64, to assignee: UserID?, actor: String, requestID: String?, at: Instant) throws -> Alert {
        try change(id, AlertRows.assign(to: assignee), actor: actor, requestID: requestID, at: at)
    }

    public func comment(_ id: Int64, _ text: String, actor: String, requestID: String?, at: Instant) throws -> Alert {
        try change(id, try AlertRows.comment(id, text), actor: actor, requestID: requestID, at: at)
    }

    public func snooze(_ id: Int64, until: Instant, actor: String, requestID: String?, at: Instant) throws -> Alert {
        try change(id, try AlertRows.snooze(id, until: until, at: at), actor: actor, requestID: requestID, at: at)
    }

    public func resolve(_ id: Int64, note: String?, actor: String, requestID: String?, at: Instant) throws -> Alert {
        try change(id, AlertRows.resolve(id, note: note, at: at), actor: actor, requestID: requestID, at: at)
    }

    /// One human change: applied, written, recorded in the history and audited, in one transaction.
    private func change(_ id: Int64, _ change: AlertRows.Change, actor: String, requestID: String?, at: Instant) throws -> Alert {
        try writing("changing alert \(id)") { session in
            let before = try Self.alert(session, id)
            var after = before
            try change.apply(&after)
            var assigneeRow: Int64?
            if let assignee = after.assignee {
                guard let row = try Self.userRowID(session, assignee) else { throw AlertRows.unknownAssignee(assignee) }
                assigneeRow = row
            }
            try session.run(
                "UPDATE alerts SET state = $1, assignee_id = $2, snoozed_until = $3, resolved_at = $4 WHERE id = $5",
                [
                    .text(after.state.rawValue), DBValue(assigneeRow), DBValue(after.snoozedUntil?.millisecondsSinceEpoch),
                    DBValue(after.resolvedAt?.millisecondsSinceEpoch), .integer(id),
                ], context: "changing alert \(id)")
            try Self.history(session, id, at: at.millisecondsSinceEpoch, actor: actor, action: change.action, note: change.note)
            try PostgresAuditLog.append(
                session, at: at, actor: actor, requestID: requestID, entity: "alerts", entityKey: String(id), action: .update,
                before: AlertRows.image(of: before), after: AlertRows.image(of: after, action: change.action, note: change.note))
            return after
        }
    }

    static func alert(_ session: PostgresSession, _ id: Int64) throws -> Alert {
        guard let row = try session.query("\(AlertRows.alertSelect) WHERE a.id = $1", [.integer(id)], context: "reading alert \(id)").first
        else { throw AlertRows.unknownAlert(id) }
        return try AlertRows.alert(row)
    }

    static func history(_ session: PostgresSession, _ id: Int64, at: Int64, actor: String, action: AlertEvent.Action, note: String?) throws {
        try session.run(
            "INSERT INTO alert_events (alert_id, at, actor, action, note) VALUES ($1, $2, $3, $4, $5)",
            [.integer(id), .integer(at), .text(actor), .text(action.rawValue), DBValue(note)], context: "writing the history of alert \(id)")
    }

    /// A `double precision` value as a bound parameter: its shortest exact text, cast in SQL (`$n::float8`).
    static func real(_ value: Double?) -> DBValue { value.map { .text(String($0)) } ?? .null }
}
