import Foundation
import Testing

@testable import ChannelCore
@testable import ChannelStore

/// Contingency plan runs in the store (each backend): started for an alert with its tasks, read back equal, closed
/// task by task, audited and in the alert's history; what the alert's or the task's state does not allow is refused.
@Suite struct PlanStoreTests {
    static let plan = ContingencyPlan(
        id: "late-test", title: "迟到应急", riskTypes: [.lateDelivery],
        steps: [
            PlanStep(key: "call", title: "联系承运商", owner: .role(.logistics), sla: .hours(2)),
            PlanStep(key: "reroute", title: "改派", owner: .user(UserID("manager")), sla: .hours(4), after: ["call"]),
        ])

    static func signal() -> AlertSignal {
        AlertSignal(
            ruleID: "late-shipments", subject: "all", severity: .warning, riskType: .lateDelivery, cooldown: .hours(1),
            message: "迟到", messageEnglish: "late", value: 3, threshold: 1)
    }

    @Test(arguments: Backend.allCases)
    func aRunIsStartedReadBackAndClosedTaskByTask(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.createUser(
                User(id: UserID("manager"), displayName: "经理", role: .channelManager, partnerID: nil), passwordHash: nil, actor: "test", requestID: nil)
            let alert = try store.record([Self.signal()], at: AlertStoreTests.at(minutes: 0)).raised[0].id
            let start = AlertStoreTests.at(minutes: 10)
            let run = try store.startPlan(
                Self.plan, forAlert: alert, assignees: [.logistics: UserID("manager")], actor: "user:manager", requestID: nil, at: start)
            #expect(run.activation.tasks.map(\.assignee) == [UserID("manager"), UserID("manager")])
            #expect(run.activation.tasks[0].dueAt == AlertStoreTests.at(minutes: 130) && run.activation.tasks[1].startedAt == nil)
            #expect(try store.planRun(run.id) == run, "read back equal")
            let again = #expect(throws: StoreError.self) {
                try store.startPlan(Self.plan, forAlert: alert, assignees: [:], actor: "user:manager", requestID: nil, at: start)
            }
            #expect(again?.code == .conflict)

            let early = #expect(throws: StoreError.self) {
                try store.closeTask(run.id, step: "reroute", skip: false, actor: "user:manager", requestID: nil, at: AlertStoreTests.at(minutes: 20))
            }
            #expect(early?.code == .conflict, "a task waiting for its prerequisites cannot be done")
            let called = try store.closeTask(run.id, step: "call", skip: false, actor: "user:manager", requestID: nil, at: AlertStoreTests.at(minutes: 40))
            #expect(called.activation.tasks[1].startedAt == AlertStoreTests.at(minutes: 40))
            #expect(called.activation.tasks[1].dueAt == AlertStoreTests.at(minutes: 280))
            let finished = try store.closeTask(run.id, step: "reroute", skip: true, actor: "user:manager", requestID: nil, at: AlertStoreTests.at(minutes: 50))
            #expect(finished.activation.isFinished)
            #expect(try store.planRuns(alert: alert, openOnly: true, limit: 10).isEmpty)
            #expect(try store.planRuns(alert: nil, openOnly: false, limit: 10).map(\.id) == [run.id])
            let missing = #expect(throws: StoreError.self) {
                try store.closeTask(run.id, step: "nothing", skip: false, actor: "user:manager", requestID: nil, at: AlertStoreTests.at(minutes: 60))
            }
            #expect(missing?.code == .notFound)

            #expect(try store.alert(alert).history.map(\.action) == [.raised, .planStarted, .taskDone, .taskSkipped])
            #expect(try store.auditTrail(AuditQuery(entity: "plan_runs", limit: 10)).events.count == 3)
            // A finished run lets the plan start again.
            _ = try store.startPlan(Self.plan, forAlert: alert, assignees: [:], actor: "user:manager", requestID: nil, at: AlertStoreTests.at(minutes: 70))
        }
    }

    @Test(arguments: Backend.allCases)
    func whatTheAlertOrThePlanDoesNotAllowIsRefused(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let alert = try store.record([Self.signal()], at: AlertStoreTests.at(minutes: 0)).raised[0].id
            let unknownUser = #expect(throws: StoreError.self) {
                try store.startPlan(Self.plan, forAlert: alert, assignees: [:], actor: "test", requestID: nil, at: AlertStoreTests.at(minutes: 1))
            }
            #expect(unknownUser?.code == .notFound, "the step owned by user manager needs that user")
            var stock = Self.plan
            stock.riskTypes = [.stockOut]
            stock.steps = [PlanStep(key: "count", title: "盘点", owner: .role(.planner), sla: .hours(1))]
            let wrongRisk = #expect(throws: StoreError.self) {
                try store.startPlan(stock, forAlert: alert, assignees: [:], actor: "test", requestID: nil, at: AlertStoreTests.at(minutes: 1))
            }
            #expect(wrongRisk?.code == .constraint)
            _ = try store.resolve(alert, note: nil, actor: "test", requestID: nil, at: AlertStoreTests.at(minutes: 2))
            var late = Self.plan
            late.steps = [PlanStep(key: "call", title: "联系承运商", owner: .role(.logistics), sla: .hours(2))]
            let resolved = #expect(throws: StoreError.self) {
                try store.startPlan(late, forAlert: alert, assignees: [:], actor: "test", requestID: nil, at: AlertStoreTests.at(minutes: 3))
            }
            #expect(resolved?.code == .conflict)
            #expect(try store.planRuns(alert: alert, openOnly: false, limit: 10).isEmpty, "nothing half-written")
        }
    }
}
