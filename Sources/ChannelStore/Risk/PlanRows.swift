package import ChannelCore
import Foundation

/// What every backend's `PlanStore` shares: how a run is kept (the plan and its tasks as JSON) and read back, the
/// checks of starting a plan and closing a task (with their messages), and the audit images.
package enum PlanRows {
    /// The columns `run(_:)` reads.
    package static let runColumns = "id, plan, activation, started_by"

    package static func run(_ row: some StoreRow) throws -> PlanRun {
        let id = try row.integer(at: 0)
        do {
            let decoder = JSONDecoder()
            return PlanRun(
                id: id, plan: try decoder.decode(ContingencyPlan.self, from: Data(try row.text(at: 1).utf8)),
                activation: try decoder.decode(PlanActivation.self, from: Data(try row.text(at: 2).utf8)), startedBy: try row.text(at: 3))
        } catch {
            throw StoreError(.corrupt, "plan run \(id) cannot be read: \(error)")
        }
    }

    package static func unknownRun(_ id: Int64) -> StoreError { StoreError(.notFound, "plan run \(id) does not exist") }

    /// The plan or its tasks as kept: JSON with sorted keys.
    package static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    // MARK: Starting a plan

    /// Refuses to start a plan for a resolved alert.
    package static func checkStartable(_ alert: Alert) throws {
        guard alert.state != .resolved else {
            throw StoreError(.conflict, "alert \(alert.id) is resolved; a plan is started for an alert still open")
        }
    }

    package static func alreadyRunning(_ plan: ContingencyPlan, alert: Int64, run: Int64) -> StoreError {
        StoreError(.conflict, "alert \(alert) already runs plan \(plan.id) (run \(run)); finish it first")
    }

    /// Every user the plan's tasks go to: the assignees of roles and the steps' named owners, each to be checked.
    package static func assignedUsers(_ plan: ContingencyPlan, assignees: [OwnerRole: UserID]) -> Set<UserID> {
        let named = plan.steps.compactMap { step -> UserID? in if case .user(let user) = step.owner { user } else { nil } }
        return Set(assignees.values).union(named)
    }

    package static func unknownAssignee(_ user: UserID) -> StoreError {
        StoreError(.notFound, "user \(user) does not exist; plan tasks are assigned to known users")
    }

    /// The plan's tasks with their SLA clocks from `at`.
    package static func activation(
        _ plan: ContingencyPlan, alert: Alert, assignees: [OwnerRole: UserID], at: Instant
    ) throws -> PlanActivation {
        do {
            return try PlanActivation(plan: plan, alert: AlertReference(alert), startingAt: at) { assignees[$0] }
        } catch {
            throw StoreError(.constraint, "\(error)")
        }
    }

    /// The history note of a started plan.
    package static func startNote(_ run: PlanRun) -> String { "\(run.plan.id) (run \(run.id))" }

    // MARK: Closing a task

    /// `run` with step `step` done (or skipped) at `at`.
    package static func closing(_ run: PlanRun, step: PlanStepKey, skip: Bool, at: Instant) throws -> PlanRun {
        var after = run
        guard after.activation.task(step) != nil else {
            throw StoreError(.notFound, "plan run \(run.id) (\(run.plan.id)) has no step \(step)")
        }
        do {
            if skip { try after.activation.skip(step, at: at) } else { try after.activation.complete(step, at: at) }
        } catch {
            throw StoreError(.conflict, "plan run \(run.id): \(error)")
        }
        return after
    }

    /// The history note of a closed task.
    package static func closeNote(_ run: PlanRun, step: PlanStepKey) -> String { "\(run.plan.id) (run \(run.id)): \(step)" }

    /// The audit image of a run: which plan for which alert, and each task's state.
    package static func image(of run: PlanRun, step: PlanStepKey?) -> String {
        var columns = ["id", "alert_id", "plan_id", "finished", "tasks"]
        var values: [DBValue] = [
            .integer(run.id), .integer(run.activation.alert.alertID), .text(run.plan.id.rawValue),
            .integer(run.activation.isFinished ? 1 : 0),
            .text(run.activation.tasks.map { "\($0.stepKey)=\($0.state.rawValue)" }.joined(separator: ",")),
        ]
        if let step {
            columns.append("step")
            values.append(.text(step.rawValue))
        }
        return JSONText.object(columns, values)
    }
}
