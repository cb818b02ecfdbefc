public import ChannelCore
public import ChannelStore
import Foundation
import GRDB

/// Contingency plan runs in the SQLite file (table `plan_runs` of migration `0006_contingency_plans`): the plan and
/// its tasks kept as JSON, the form the API returns, beside the columns runs are looked up by.
extension SQLiteChannelStore: PlanStore {
    public func startPlan(
        _ plan: ContingencyPlan, forAlert alertID: Int64, assignees: [OwnerRole: UserID], actor: String, requestID: String?,
        at: Instant
    ) throws -> PlanRun {
        try writeAccounts("starting plan \(plan.id) for alert \(alertID)") { db in
            let alert = try Self.alert(db, alertID)
            try PlanRows.checkStartable(alert)
            let running = try Int64.fetchOne(
                db, sql: "SELECT id FROM plan_runs WHERE alert_id = ? AND plan_id = ? AND finished = 0",
                arguments: [alertID, plan.id.rawValue])
            if let running {
                throw PlanRows.alreadyRunning(plan, alert: alertID, run: running)
            }
            for user in PlanRows.assignedUsers(plan, assignees: assignees) where try Self.userRowID(db, user) == nil {
                throw PlanRows.unknownAssignee(user)
            }
            let activation = try PlanRows.activation(plan, alert: alert, assignees: assignees, at: at)
            try db.execute(
                sql: """
                    INSERT INTO plan_runs (alert_id, plan_id, plan, activation, finished, started_at, started_by)
                    VALUES (?, ?, ?, ?, 0, ?, ?)
                    """,
                arguments: [alertID, plan.id.rawValue, try PlanRows.json(plan), try PlanRows.json(activation), at.millisecondsSinceEpoch, actor])
            let run = PlanRun(id: db.lastInsertedRowID, plan: plan, activation: activation, startedBy: actor)
            try Self.history(db, alertID, at: at.millisecondsSinceEpoch, actor: actor, action: .planStarted, note: PlanRows.startNote(run))
            try AuditLog.append(
                db, at: at, actor: actor, requestID: requestID, entity: "plan_runs", entityKey: String(run.id), action: .create,
                before: nil, after: PlanRows.image(of: run, step: nil))
            return run
        }
    }

    public func planRuns(alert: Int64?, openOnly: Bool, limit: Int) throws -> [PlanRun] {
        try readAccounts("listing plan runs") { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let alert {
                conditions.append("alert_id = ?")
                arguments += [alert]
            }
            if openOnly { conditions.append("finished = 0") }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(
                db, sql: "SELECT \(PlanRows.runColumns) FROM plan_runs \(filter) ORDER BY id DESC LIMIT \(max(0, limit))", arguments: arguments
            ).map(PlanRows.run)
        }
    }

    public func planRun(_ id: Int64) throws -> PlanRun {
        try readAccounts("reading plan run \(id)") { db in try Self.run(db, id) }
    }

    public func closeTask(_ runID: Int64, step: PlanStepKey, skip: Bool, actor: String, requestID: String?, at: Instant) throws -> PlanRun {
        try writeAccounts("closing step \(step) of plan run \(runID)") { db in
            let before = try Self.run(db, runID)
            let after = try PlanRows.closing(before, step: step, skip: skip, at: at)
            try db.execute(
                sql: "UPDATE plan_runs SET activation = ?, finished = ? WHERE id = ?",
                arguments: [try PlanRows.json(after.activation), after.activation.isFinished ? 1 : 0, runID])
            try Self.history(
                db, after.activation.alert.alertID, at: at.millisecondsSinceEpoch, actor: actor, action: skip ? .taskSkipped : .taskDone,
                note: PlanRows.closeNote(after, step: step))
            try AuditLog.append(
                db, at: at, actor: actor, requestID: requestID, entity: "plan_runs", entityKey: String(runID), action: .update,
                before: PlanRows.image(of: before, step: nil), after: PlanRows.image(of: after, step: step))
            return after
        }
    }

    static func run(_ db: Database, _ id: Int64) throws -> PlanRun {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(PlanRows.runColumns) FROM plan_runs WHERE id = ?", arguments: [id]) else {
            throw PlanRows.unknownRun(id)
        }
        return try PlanRows.run(row)
    }
}

/// Migration `0006_contingency_plans`: plan runs, and the alert history's plan events.
enum SQLitePlanSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                -- A contingency plan started for an alert: the plan as started and its tasks, as JSON.
                CREATE TABLE plan_runs (
                    id INTEGER PRIMARY KEY,
                    alert_id INTEGER NOT NULL REFERENCES alerts(id),
                    plan_id TEXT NOT NULL CHECK (plan_id <> ''),
                    plan TEXT NOT NULL,
                    activation TEXT NOT NULL,
                    finished INTEGER NOT NULL CHECK (finished IN (0, 1)),
                    started_at INTEGER NOT NULL,
                    started_by TEXT NOT NULL CHECK (started_by <> '')
                );
                CREATE INDEX plan_runs_alert ON plan_runs(alert_id, id);
                CREATE INDEX plan_runs_open ON plan_runs(finished, id);

                -- The alert history gains the plan events (SQLite changes a CHECK by rebuilding the table).
                CREATE TABLE alert_events_0006 (
                    id INTEGER PRIMARY KEY,
                    alert_id INTEGER NOT NULL REFERENCES alerts(id),
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL CHECK (actor <> ''),
                    action TEXT NOT NULL CHECK (action IN ('raised', 'repeated', 'acknowledged', 'assigned', 'commented', 'snoozed',
                        'reopened', 'resolved', 'plan_started', 'task_done', 'task_skipped')),
                    note TEXT
                );
                INSERT INTO alert_events_0006 (id, alert_id, at, actor, action, note)
                    SELECT id, alert_id, at, actor, action, note FROM alert_events;
                DROP TABLE alert_events;
                ALTER TABLE alert_events_0006 RENAME TO alert_events;
                CREATE INDEX alert_events_alert ON alert_events(alert_id, id);
                """)
    }
}
