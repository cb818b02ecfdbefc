import Testing

@testable import ChannelCore

@Suite struct PlanActivationTests {
    /// a → (b, c) → d, and e on its own for a named user.
    static let plan = ContingencyPlan(
        id: "stock-out-test", title: "缺货测试", riskTypes: [.stockOut, .supplierFailure],
        steps: [
            PlanStep(key: "a", title: "确认缺口", titleEn: "Confirm the gap", owner: .role(.planner), sla: .hours(4)),
            PlanStep(key: "b", title: "调拨", owner: .role(.logistics), sla: .hours(12), after: ["a"]),
            PlanStep(key: "c", title: "备选供应商下单", owner: .role(.procurement), sla: .hours(8), after: ["a"]),
            PlanStep(key: "d", title: "分配到货", owner: .role(.channelManager), sla: .days(1), after: ["b", "c"]),
            PlanStep(key: "e", title: "通知客服", owner: .user(UserID("li.wei")), sla: .hours(2)),
        ])

    static let alert = AlertReference(alertID: 42, riskType: .stockOut, subject: "SKU00042 @ WH-SH")

    static func start() throws -> PlanActivation {
        try PlanActivation(plan: plan, alert: alert, startingAt: PlanFixture.t0) { role in
            role == .planner ? UserID("zhang.san") : nil
        }
    }

    @Test func stepsWithoutPrerequisitesStartWithThePlan() throws {
        let activation = try Self.start()
        #expect(activation.tasks.map(\.stepKey) == ["a", "b", "c", "d", "e"])
        let a = try #require(activation.task("a"))
        #expect(a.startedAt == PlanFixture.t0)
        #expect(a.dueAt == PlanFixture.hours(4))
        #expect(a.assignee == UserID("zhang.san"))
        #expect(a.titleEn == "Confirm the gap")
        let e = try #require(activation.task("e"))
        #expect(e.assignee == UserID("li.wei"))
        #expect(e.dueAt == PlanFixture.hours(2))
        for key: PlanStepKey in ["b", "c", "d"] {
            let task = try #require(activation.task(key))
            #expect(task.isWaiting)
            #expect(task.startedAt == nil && task.dueAt == nil)
            #expect(task.assignee == nil)
        }
        #expect(activation.runningTasks.map(\.stepKey) == ["a", "e"])
    }

    @Test func completingStartsTheWaitingClocks() throws {
        var activation = try Self.start()
        try activation.complete("a", at: PlanFixture.hours(3))
        #expect(activation.task("a")?.state == .done)
        #expect(activation.task("a")?.completedAt == PlanFixture.hours(3))
        #expect(activation.task("b")?.startedAt == PlanFixture.hours(3))
        #expect(activation.task("b")?.dueAt == PlanFixture.hours(15))
        #expect(activation.task("c")?.dueAt == PlanFixture.hours(11))
        #expect(activation.task("d")?.isWaiting == true)

        try activation.complete("c", at: PlanFixture.hours(10))
        #expect(activation.task("d")?.isWaiting == true)  // still waits for b
        try activation.complete("b", at: PlanFixture.hours(14))
        #expect(activation.task("d")?.startedAt == PlanFixture.hours(14))
        #expect(activation.task("d")?.dueAt == PlanFixture.hours(38))
        #expect(!activation.isFinished)
        try activation.complete("d", at: PlanFixture.hours(40))
        try activation.complete("e", at: PlanFixture.hours(1))
        #expect(activation.isFinished)
        #expect(
            activation.task("d")?.clock.reading(at: PlanFixture.hours(99))
                == SLAReading(state: .metLate, overdueSeconds: 7_200))
    }

    @Test func aBackdatedCompletionStartsFromTheLatestPrerequisite() throws {
        var activation = try Self.start()
        try activation.complete("a", at: PlanFixture.hours(3))
        try activation.complete("c", at: PlanFixture.hours(10))
        try activation.complete("b", at: PlanFixture.hours(9))  // recorded later, done earlier
        #expect(activation.task("d")?.startedAt == PlanFixture.hours(10))
    }

    @Test func skippingReleasesDependentsAndMayHappenWhileWaiting() throws {
        var activation = try Self.start()
        try activation.skip("b", at: PlanFixture.hours(1))  // waiting: allowed
        try activation.complete("a", at: PlanFixture.hours(2))
        #expect(activation.task("c")?.startedAt == PlanFixture.hours(2))
        try activation.complete("c", at: PlanFixture.hours(5))
        #expect(activation.task("d")?.startedAt == PlanFixture.hours(5))
        #expect(activation.task("b")?.clock.reading(at: PlanFixture.hours(5)).state == .skipped)
    }

    @Test func refusesAPlanForAnotherRisk() {
        let alert = AlertReference(alertID: 7, riskType: .fraud, subject: "SO1")
        let expected = PlanActivationError.riskTypeNotAnswered(
            plan: "stock-out-test", riskType: .fraud, answers: [.stockOut, .supplierFailure])
        #expect(throws: expected) { try PlanActivation(plan: Self.plan, alert: alert, startingAt: PlanFixture.t0) }
        #expect(
            expected.description
                == "plan `stock-out-test` does not answer risk type `fraud` (it answers `stock_out`, "
                + "`supplier_failure`); choose a plan for `fraud`")
    }

    @Test func refusesClosingTwiceAWaitingTaskAndUnknownSteps() throws {
        var activation = try Self.start()
        #expect(throws: PlanActivationError.waitingOnPrerequisites("d", pending: ["b", "c"])) {
            try activation.complete("d", at: PlanFixture.hours(1))
        }
        try activation.complete("a", at: PlanFixture.hours(3))
        let twice = PlanActivationError.alreadyClosed("a", state: .done, at: PlanFixture.hours(3))
        #expect(throws: twice) { try activation.complete("a", at: PlanFixture.hours(4)) }
        #expect(throws: twice) { try activation.skip("a", at: PlanFixture.hours(4)) }
        #expect(
            twice.description
                == "task `a` is already done (at 2023-11-15T01:13:20Z); it cannot be closed twice")
        #expect(throws: PlanActivationError.unknownStep("z", known: ["a", "b", "c", "d", "e"])) {
            try activation.complete("z", at: PlanFixture.hours(4))
        }
        #expect(
            throws: PlanActivationError.completedBeforeStart("b", startedAt: PlanFixture.hours(3), at: PlanFixture.hours(2))
        ) {
            try activation.complete("b", at: PlanFixture.hours(2))
        }
        // Nothing changed through the refusals.
        #expect(activation.task("b")?.state == .open)
        #expect(try activation.completing("b", at: PlanFixture.hours(5)).task("b")?.state == .done)
    }

    @Test func refusesPlansWithCyclesOrUnknownPrerequisites() {
        var plan = Self.plan
        plan.steps[0].after = ["d"]
        #expect(
            throws: PlanActivationError.invalidPlan(
                plan: "stock-out-test", reason: "steps wait for each other in a cycle: a → d → b → a")
        ) {
            try PlanActivation(plan: plan, alert: Self.alert, startingAt: PlanFixture.t0)
        }
        plan.steps[0].after = ["x"]
        #expect(
            throws: PlanActivationError.invalidPlan(
                plan: "stock-out-test", reason: "step `a` waits for `x`, which is not a step of the plan")
        ) {
            try PlanActivation(plan: plan, alert: Self.alert, startingAt: PlanFixture.t0)
        }
    }

    @Test func referencesAnAlert() {
        let alert = Alert(
            id: 9, ruleID: "stock-below-safety", subject: "SKU00001 @ WH-SH", severity: .critical, riskType: .stockOut,
            state: .open, message: "库存低", messageEnglish: "Low stock", value: nil, threshold: nil,
            firstSeenAt: PlanFixture.t0, lastSeenAt: PlanFixture.t0, occurrences: 1, assignee: nil, snoozedUntil: nil,
            resolvedAt: nil)
        #expect(AlertReference(alert) == AlertReference(alertID: 9, riskType: .stockOut, subject: "SKU00001 @ WH-SH"))
    }
}
