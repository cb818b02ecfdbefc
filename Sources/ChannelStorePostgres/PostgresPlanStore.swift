public import ChannelCore
public import ChannelStore

/// Contingency plan runs in PostgreSQL (table `plan_runs` of migration `0006_contingency_plans`), kept as JSON as in
/// SQLite, with the same checks, history notes and audit images (`PlanRows`).
extension PostgresChannelStore: PlanStore {
    public func startPlan(
        _ plan: ContingencyPlan, forAlert alertID: Int64, assignees: [OwnerRole: UserID], actor: String, requestID: String?,
        at: Instant
    ) throws -> PlanRun {
        try writing("starting plan \(plan.id) for alert \(alertID)") { session in
            let alert = try Self.alert(session, alertID)
            try PlanRows.checkStartable(alert)
            let running = try session.query(
                "SELECT id FROM plan_runs WHERE alert_id = $1 AND plan_id = $2 AND NOT finished ORDER BY id LIMIT 1",
                [.integer(alertID), .text(plan.id.rawValue)], context: "looking for a running plan")
            if let running = try running.first?.integer(at: 0) {
                throw PlanRows.alreadyRunning(plan, alert: alertID, run: running)
            }
            for user in PlanRows.assignedUsers(plan, assignees: assignees).sorted(by: { $0.rawValue < $1.rawValue })
            where try Self.userRowID(session, user) == nil {
                throw PlanRows.unknownAssignee(user)
            }
            let activation = try PlanRows.activation(plan, alert: alert, assignees: assignees, at: at)
            let inserted = try session.query(
                """
                INSERT INTO plan_runs (alert_id, plan_id, plan, activation, finished, started_at, started_by)
                VALUES ($1, $2, $3, $4, false, $5, $6) RETURNING id
                """,
                [
                    .integer(alertID), .text(plan.id.rawValue), .text(try PlanRows.json(plan)), .text(try PlanRows.json(activation)),
                    .integer(at.millisecondsSinceEpoch), .text(actor),
                ], context: "starting plan \(plan.id)")
            guard let id = try inserted.first?.integer(at: 0) else { throw StoreError(.corrupt, "a started plan run has no id") }
            let run = PlanRun(id: id, plan: plan, activation: activation, startedBy: actor)
            try Self.history(session, alertID, at: at.millisecondsSinceEpoch, actor: actor, action: .planStarted, note: PlanRows.startNote(run))
            try PostgresAuditLog.append(
                session, at: at, actor: actor, requestID: requestID, entity: "plan_runs", entityKey: String(run.id), action: .create,
                before: nil, after: PlanRows.image(of: run, step: nil))
            return run
        }
    }

    public func planRuns(alert: Int64?, openOnly: Bool, limit: Int) throws -> [PlanRun] {
        try reading("listing plan runs") { session in
            var conditions: [String] = []
            var arguments: [DBValue] = []
            if let alert {
                arguments.append(.integer(alert))
                conditions.append("alert_id = $\(arguments.count)")
            }
            if openOnly { conditions.append("NOT finished") }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try session.query(
                "SELECT \(PlanRows.runColumns) FROM plan_runs \(filter) ORDER BY id DESC LIMIT \(max(0, limit))", arguments,
                context: "listing plan runs"
            ).map(PlanRows.run)
        }
    }

    public func planRun(_ id: Int64) throws -> PlanRun {
        try reading("reading plan run \(id)") { session in try Self.run(session, id) }
    }

    public func closeTask(_ runID: Int64, step: PlanStepKey, skip: Bool, actor: String, requestID: String?, at: Instant) throws -> PlanRun {
        try writing("closing step \(step) of plan run \(runID)") { session in
            let before = try Self.run(session, runID)
            let after = try PlanRows.closing(before, step: step, skip: skip, at: at)
            try session.run(
                "UPDATE plan_runs SET activation = $1, finished = $2 <> 0 WHERE id = $3",
                [.text(try PlanRows.json(after.activation)), .integer(after.activation.isFinished ? 1 : 0), .integer(runID)],
                context: "closing step \(step) of plan run \(runID)")
            try Self.history(
                session, after.activation.alert.alertID, at: at.millisecondsSinceEpoch, actor: actor,
                action: skip ? .taskSkipped : .taskDone, note: PlanRows.closeNote(after, step: step))
            try PostgresAuditLog.append(
                session, at: at, actor: actor, requestID: requestID, entity: "plan_runs", entityKey: String(runID), action: .update,
                before: PlanRows.image(of: before, step: nil), after: PlanRows.image(of: after, step: step))
            return after
        }
    }

    static func run(_ session: PostgresSession, _ id: Int64) throws -> PlanRun {
        guard
            let row = try session.query(
                "SELECT \(PlanRows.runColumns) FROM plan_runs WHERE id = $1", [.integer(id)], context: "reading plan run \(id)"
            ).first
        else { throw PlanRows.unknownRun(id) }
        return try PlanRows.run(row)
    }
}
