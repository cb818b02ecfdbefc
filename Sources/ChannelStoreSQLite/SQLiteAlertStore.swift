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
                        \(Self.alertSelect) WHERE a.id IN (
                            SELECT MAX(id) FROM alerts WHERE rule_id IN (\(rules.map { _ in "?" }.joined(separator: ","))) GROUP BY rule_id, subject)
                        """,
                    arguments: StatementArguments(Array(rules)))
                while let row = try rows.next() {
                    let alert = try Self.alert(from: row)
                    latest[alert.ruleID, default: [:]][alert.subject] = alert
                }
            }
            let repeatStatement = try db.cachedStatement(
                sql: """
                    UPDATE alerts SET last_seen_at = ?, occurrences = occurrences + 1, value = ?, threshold = ?,
                        message = ?, message_en = ?, state = ?, snoozed_until = ? WHERE id = ?
                    """)
            for signal in signals {
                guard !signal.ruleID.isEmpty, !signal.subject.isEmpty else {
                    throw StoreError(.constraint, "an alert finding needs a rule id and a subject")
                }
                let previous = latest[signal.ruleID]?[signal.subject]
                if let previous, previous.state != .resolved {
                    let wakes = previous.state == .snoozed && (previous.snoozedUntil.map { $0 <= at } ?? true)
                    try repeatStatement.execute(arguments: [
                        now, signal.value, signal.threshold, signal.message, signal.messageEnglish,
                        wakes ? Alert.State.open.rawValue : previous.state.rawValue,
                        wakes ? nil : previous.snoozedUntil?.millisecondsSinceEpoch, previous.id,
                    ])
                    // A repeat is counted on the alert, not written to its history: the rules run after every write,
                    // and the history is for what changed.
                    if wakes { try Self.history(db, previous.id, at: now, actor: "rules", action: .reopened, note: nil) }
                    recording.repeated += 1
                    continue
                }
                if let resolved = previous?.resolvedAt,
                    now - resolved.millisecondsSinceEpoch < Int64(signal.cooldown.seconds) * 1_000
                {
                    recording.suppressed += 1
                    continue
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
            return try Row.fetchAll(db, sql: "\(Self.alertSelect) \(filter) ORDER BY a.id DESC LIMIT \(max(0, limit))")
                .map(Self.alert(from:))
        }
    }

    public func alert(_ id: Int64) throws -> (alert: Alert, history: [AlertEvent]) {
        try readAccounts("reading alert \(id)") { db in
            let alert = try Self.alert(db, id)
            let history = try Row.fetchAll(
                db, sql: "SELECT at, actor, action, note FROM alert_events WHERE alert_id = ? ORDER BY id", arguments: [id]
            ).map { row in
                AlertEvent(
                    at: Instant(millisecondsSinceEpoch: row[0]), actor: row[1],
                    action: AlertEvent.Action(rawValue: row[2]) ?? .commented, note: row[3])
            }
            return (alert, history)
        }
    }

    public func acknowledge(_ id: Int64, actor: String, requestID: String?, at: Instant) throws -> Alert {
        try change(id, .acknowledged, actor: actor, requestID: requestID, at: at, note: nil) { alert in
            guard alert.state == .open || alert.state == .snoozed else {
                throw StoreError(.conflict, "alert \(id) is \(alert.state.rawValue); only an open or snoozed alert can be acknowledged")
            }
            alert.state = .acknowledged
            alert.snoozedUntil = nil
        }
    }

    public func assign(_ id: Int64, to assignee: UserID?, actor: String, requestID: String?, at: Instant) throws -> Alert {
        try change(id, .assigned, actor: actor, requestID: requestID, at: at, note: assignee?.rawValue) { alert in
            alert.assignee = assignee
        }
    }

    public func comment(_ id: Int64, _ text: String, actor: String, requestID: String?, at: Instant) throws -> Alert {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError(.constraint, "alert \(id): a comment needs text")
        }
        return try change(id, .commented, actor: actor, requestID: requestID, at: at, note: text) { _ in }
    }

    public func snooze(_ id: Int64, until: Instant, actor: String, requestID: String?, at: Instant) throws -> Alert {
        guard until > at else { throw StoreError(.constraint, "alert \(id): snooze until a time after now (\(at)), not \(until)") }
        return try change(id, .snoozed, actor: actor, requestID: requestID, at: at, note: until.description) { alert in
            guard alert.state != .resolved else { throw StoreError(.conflict, "alert \(id) is resolved; it cannot be snoozed") }
            alert.state = .snoozed
            alert.snoozedUntil = until
        }
    }

    public func resolve(_ id: Int64, note: String?, actor: String, requestID: String?, at: Instant) throws -> Alert {
        try change(id, .resolved, actor: actor, requestID: requestID, at: at, note: note) { alert in
            guard alert.state != .resolved else { throw StoreError(.conflict, "alert \(id) is already resolved") }
            alert.state = .resolved
            alert.snoozedUntil = nil
            alert.resolvedAt = at
        }
    }

    /// One human change: applied, written, recorded in the history and audited, in one transaction.
    private func change(
        _ id: Int64, _ action: AlertEvent.Action, actor: String, requestID: String?, at: Instant, note: String?,
        _ apply: (inout Alert) throws -> Void
    ) throws -> Alert {
        try writeAccounts("changing alert \(id)") { db in
            let before = try Self.alert(db, id)
            var after = before
            try apply(&after)
            var assigneeRow: Int64?
            if let assignee = after.assignee {
                guard let row = try Self.userRowID(db, assignee) else {
                    throw StoreError(.notFound, "user \(assignee) does not exist; an alert is assigned to a known user")
                }
                assigneeRow = row
            }
            try db.execute(
                sql: "UPDATE alerts SET state = ?, assignee_id = ?, snoozed_until = ?, resolved_at = ? WHERE id = ?",
                arguments: [
                    after.state.rawValue, assigneeRow, after.snoozedUntil?.millisecondsSinceEpoch,
                    after.resolvedAt?.millisecondsSinceEpoch, id,
                ])
            try Self.history(db, id, at: at.millisecondsSinceEpoch, actor: actor, action: action, note: note)
            try AuditLog.append(
                db, at: at, actor: actor, requestID: requestID, entity: "alerts", entityKey: String(id), action: .update,
                before: Self.image(of: before), after: Self.image(of: after, action: action, note: note))
            return after
        }
    }

    static let alertSelect = """
        SELECT a.id, a.rule_id, a.subject, a.severity, a.risk_type, a.state, a.message, a.message_en, a.value, a.threshold,
            a.first_seen_at, a.last_seen_at, a.occurrences, u.user_id, a.snoozed_until, a.resolved_at
        FROM alerts a LEFT JOIN users u ON u.id = a.assignee_id
        """

    static func alert(from row: Row) throws -> Alert {
        let id: Int64 = row[0]
        guard let severity = Severity(rawValue: row[3]), let state = Alert.State(rawValue: row[5]) else {
            throw StoreError(.corrupt, "alert \(id) has an unknown severity or state")
        }
        let instant = { (index: Int) in (row[index] as Int64?).map(Instant.init(millisecondsSinceEpoch:)) }
        return Alert(
            id: id, ruleID: row[1], subject: row[2], severity: severity, riskType: RiskType(rawValue: row[4]), state: state,
            message: row[6], messageEnglish: row[7], value: row[8], threshold: row[9],
            firstSeenAt: Instant(millisecondsSinceEpoch: row[10]), lastSeenAt: Instant(millisecondsSinceEpoch: row[11]),
            occurrences: row[12], assignee: (row[13] as String?).map { UserID($0) }, snoozedUntil: instant(14),
            resolvedAt: instant(15))
    }

    static func alert(_ db: Database, _ id: Int64) throws -> Alert {
        guard let row = try Row.fetchOne(db, sql: "\(alertSelect) WHERE a.id = ?", arguments: [id]) else {
            throw StoreError(.notFound, "alert \(id) does not exist")
        }
        return try alert(from: row)
    }

    static func history(_ db: Database, _ id: Int64, at: Int64, actor: String, action: AlertEvent.Action, note: String?) throws {
        try db.execute(
            sql: "INSERT INTO alert_events (alert_id, at, actor, action, note) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, at, actor, action.rawValue, note])
    }

    static func image(of alert: Alert, action: AlertEvent.Action? = nil, note: String? = nil) -> String {
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
