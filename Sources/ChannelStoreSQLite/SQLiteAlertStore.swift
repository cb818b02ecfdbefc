public import ChannelCore
public import ChannelStore
import Foundation
import GRDB

/// Alerts in the SQLite file (tables of migration `0005_alerts`).
extension SQLiteChannelStore: AlertStore {
    public func record(_ signals: [AlertSignal], at: Instant) throws -> AlertRecording {
        let now = at.millisecondsSinceEpoch
        return try writeAccounts("recording \(signals.count) alert findings") { db in
            var recording = AlertRecording(raised: [], repeated: 0, suppressed: 0)
            // The latest alert of every rule and subject, read at once: an evaluation after every write repeats
            // thousands of findings, and one query beats thousands.
            var latest: [String: [String: Alert]] = [:]
            let rules = Set(signals.map(\.ruleID))
            if !rules.isEmpty {
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        \(AlertRows.alertSelect) WHERE a.id IN (
                            SELECT MAX(id) FROM alerts WHERE rule_id IN (\(rules.map { _ in "?" }.joined(separator: ","))) GROUP BY rule_id, subject)
                        """,
                    arguments: StatementArguments(Array(rules)))
                while let row = try rows.next() {
                    let alert = try AlertRows.alert(row)
                    latest[alert.ruleID, default: [:]][alert.subject] = alert
                }
            }
            let repeatStatement = try db.cachedStatement(
                sql: """
                    UPDATE alerts SET last_seen_at = ?, occurrences = occurrences + 1, value = ?, threshold = ?,
                        message = ?, message_en = ?, state = ?, snoozed_until = ? WHERE id = ?
                    """)
            for signal in signals {
                let previous = latest[signal.ruleID]?[signal.subject]
                switch try AlertRows.finding(signal, previous: previous, at: at) {
                case .repeated(let state, let snoozedUntil, let wakes):
                    guard let previous else { continue }
                    try repeatStatement.execute(arguments: [
                        now, signal.value, signal.threshold, signal.message, signal.messageEnglish, state.rawValue,
                        snoozedUntil?.millisecondsSinceEpoch, previous.id,
                    ])
                    // A repeat is counted on the alert, not written to its history: the rules run after every write,
                    // and the history is for what changed.
                    if wakes { try Self.history(db, previous.id, at: now, actor: "rules", action: .reopened, note: nil) }
                    recording.repeated += 1
                    continue
                case .suppressed:
                    recording.suppressed += 1
                    continue
                case .raised:
                    break
                }
                try db.execute(
                    sql: """
                        INSERT INTO alerts (rule_id, subject, severity, risk_type, state, message, message_en, value, threshold,
                            first_seen_at, last_seen_at, occurrences)
                        VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, 1)
                        """,
                    arguments: [
                        signal.ruleID, signal.subject, signal.severity.rawValue, signal.riskType.rawValue, signal.message,
                        signal.messageEnglish, signal.value, signal.threshold, now, now,
                    ])
                let id = db.lastInsertedRowID
                try Self.history(db, id, at: now, actor: "rules", action: .raised, note: nil)
                let raised = try Self.alert(db, id)
                // A signal repeated within one batch counts on the alert it just raised.
                latest[signal.ruleID, default: [:]][signal.subject] = raised
                recording.raised.append(raised)
            }
            return recording
        }
    }

    public func alerts(states: Set<Alert.State>, limit: Int) throws -> [Alert] {
        try readAccounts("listing alerts") { db in
            let filter = states.isEmpty ? "" : "WHERE a.state IN (\(states.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")))"
            return try Row.fetchAll(db, sql: "\(AlertRows.alertSelect) \(filter) ORDER BY a.id DESC LIMIT \(max(0, limit))")
                .map(AlertRows.alert)
        }
    }

    public func alert(_ id: Int64) throws -> (alert: Alert, history: [AlertEvent]) {
        try readAccounts("reading alert \(id)") { db in
            let alert = try Self.alert(db, id)
            let history = try Row.fetchAll(
                db, sql: "SELECT \(AlertRows.historyColumns) FROM alert_events WHERE alert_id = ? ORDER BY id", arguments: [id]
            ).map(AlertRows.event)
            return (alert, history)
        }
    }

    public func alertHistory(after: Int64, limit: Int) throws -> [AlertHistoryEntry] {
        try readAccounts("following the alert history") { db in
            try Row.fetchAll(db, sql: AlertRows.historySince(.sqlite), arguments: [after, max(0, limit)]).map(AlertRows.historyEntry)
        }
    }

    public func latestAlertHistoryID() throws -> Int64 {
        try readAccounts("reading the latest alert history entry") { db in
            try Int64.fetchOne(db, sql: AlertRows.latestHistoryID) ?? 0
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
        try writeAccounts("changing alert \(id)") { db in
            let before = try Self.alert(db, id)
            var after = before
            try change.apply(&after)
            var assigneeRow: Int64?
            if let assignee = after.assignee {
                guard let row = try Self.userRowID(db, assignee) else {
                    throw AlertRows.unknownAssignee(assignee)
                }
                assigneeRow = row
            }
            try db.execute(
                sql: "UPDATE alerts SET state = ?, assignee_id = ?, snoozed_until = ?, resolved_at = ? WHERE id = ?",
                arguments: [
                    after.state.rawValue, assigneeRow, after.snoozedUntil?.millisecondsSinceEpoch,
                    after.resolvedAt?.millisecondsSinceEpoch, id,
                ])
            try Self.history(db, id, at: at.millisecondsSinceEpoch, actor: actor, action: change.action, note: change.note)
            try AuditLog.append(
                db, at: at, actor: actor, requestID: requestID, entity: "alerts", entityKey: String(id), action: .update,
                before: AlertRows.image(of: before), after: AlertRows.image(of: after, action: change.action, note: change.note))
            return after
        }
    }

    static func alert(_ db: Database, _ id: Int64) throws -> Alert {
        guard let row = try Row.fetchOne(db, sql: "\(AlertRows.alertSelect) WHERE a.id = ?", arguments: [id]) else {
            throw AlertRows.unknownAlert(id)
        }
        return try AlertRows.alert(row)
    }

    static func history(_ db: Database, _ id: Int64, at: Int64, actor: String, action: AlertEvent.Action, note: String?) throws {
        try db.execute(
            sql: "INSERT INTO alert_events (alert_id, at, actor, action, note) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, at, actor, action.rawValue, note])
    }
}

/// Migration `0005_alerts`.
enum SQLiteAlertSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                -- One rule holding for one subject, from first seen until resolved.
                CREATE TABLE alerts (
                    id INTEGER PRIMARY KEY,
                    rule_id TEXT NOT NULL CHECK (rule_id <> ''),
                    subject TEXT NOT NULL CHECK (subject <> ''),
                    severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
                    risk_type TEXT NOT NULL CHECK (risk_type <> ''),
                    state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'snoozed', 'resolved')),
                    message TEXT NOT NULL,
                    message_en TEXT NOT NULL,
                    value REAL,
                    threshold REAL,
                    first_seen_at INTEGER NOT NULL,
                    last_seen_at INTEGER NOT NULL CHECK (last_seen_at >= first_seen_at),
                    occurrences INTEGER NOT NULL CHECK (occurrences >= 1),
                    assignee_id INTEGER REFERENCES users(id),
                    snoozed_until INTEGER CHECK ((state = 'snoozed') = (snoozed_until IS NOT NULL)),
                    resolved_at INTEGER CHECK ((state = 'resolved') = (resolved_at IS NOT NULL))
                );
                CREATE INDEX alerts_rule_subject ON alerts(rule_id, subject, id);
                CREATE INDEX alerts_state ON alerts(state, id);

                -- Every alert's history: raised, repeated, acknowledged, assigned, commented, snoozed, reopened, resolved.
                CREATE TABLE alert_events (
                    id INTEGER PRIMARY KEY,
                    alert_id INTEGER NOT NULL REFERENCES alerts(id),
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL CHECK (actor <> ''),
                    action TEXT NOT NULL CHECK (action IN ('raised', 'repeated', 'acknowledged', 'assigned', 'commented', 'snoozed', 'reopened', 'resolved')),
                    note TEXT
                );
                CREATE INDEX alert_events_alert ON alert_events(alert_id, id);
                """)
    }
}
