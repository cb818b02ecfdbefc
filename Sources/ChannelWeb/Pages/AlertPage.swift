public import ChannelCore

/// One alert: what it says, its history, the forms that move it (acknowledge, assign, comment, snooze, resolve),
/// and its contingency plans: the runs with their tasks and SLA clocks, and a form to start one.
public struct AlertPage: Sendable {
    /// A plan started for the alert.
    public struct Run: Sendable {
        public var id: Int64
        public var plan: ContingencyPlan
        public var activation: PlanActivation

        public init(id: Int64, plan: ContingencyPlan, activation: PlanActivation) {
            self.id = id
            self.plan = plan
            self.activation = activation
        }
    }

    public var alert: Alert
    public var history: [AlertEvent]
    public var runs: [Run]
    /// The plans that can be started: those answering the alert's risk type first.
    public var plans: [ContingencyPlan]
    /// When the SLA clocks are read.
    public var now: Instant
    /// Whether the user may change the alert (`write`).
    public var canChange: Bool
    public var csrfToken: String
    public var notice: String?
    public var error: String?

    public init(
        alert: Alert, history: [AlertEvent], runs: [Run], plans: [ContingencyPlan], now: Instant, canChange: Bool, csrfToken: String,
        notice: String? = nil, error: String? = nil
    ) {
        self.alert = alert
        self.history = history
        self.runs = runs
        self.plans = plans
        self.now = now
        self.canChange = canChange
        self.csrfToken = csrfToken
        self.notice = notice
        self.error = error
    }

    public func model(_ language: Language) -> [String: Any] {
        let time = { (instant: Instant?) in instant.map { LocalTime.text($0.iso8601) } ?? "—" }
        let facts: [[String: Any]] = [
            ["label": language.pick("级别", "Severity"), "value": AlertsPage.severity(alert.severity, language)],
            ["label": language.pick("状态", "State"), "value": AlertsPage.state(alert.state, language)],
            ["label": language.pick("规则", "Rule"), "value": alert.ruleID],
            ["label": language.pick("对象", "Subject"), "value": alert.subject],
            ["label": language.pick("风险类型", "Risk type"), "value": alert.riskType.rawValue],
            ["label": language.pick("首次发现", "First seen"), "value": time(alert.firstSeenAt)],
            ["label": language.pick("最近发现", "Last seen"), "value": time(alert.lastSeenAt) + language.pick("（共 \(alert.occurrences) 次）", " (\(alert.occurrences) times)")],
            ["label": language.pick("负责人", "Assignee"), "value": alert.assignee?.rawValue ?? "—"],
            ["label": language.pick("暂缓至", "Snoozed until"), "value": time(alert.snoozedUntil)],
        ]
        let history = TableView(
            caption: language.pick("处理记录", "History"),
            headers: [(language.pick("时间", "When"), false), (language.pick("操作人", "Who"), false), (language.pick("操作", "What"), false), (language.pick("说明", "Note"), false)],
            rows: self.history.map { event in
                [TableView.Cell(time(event.at)), TableView.Cell(event.actor), TableView.Cell(event.action.rawValue), TableView.Cell(event.note ?? "")]
            })
        let runs = runs.map { run -> [String: Any] in
            [
                "runID": String(run.id), "title": language.pick(run.plan.title, run.plan.titleEn ?? run.plan.title), "plan": run.plan.id.rawValue,
                "started": time(run.activation.startedAt), "finished": run.activation.isFinished,
                "tasks": run.activation.tasks.map { task -> [String: Any] in
                    let reading = task.clock.reading(at: now)
                    return [
                        "step": task.stepKey.rawValue, "title": language.pick(task.title, task.titleEn ?? task.title),
                        "owner": task.owner.description, "assignee": task.assignee?.rawValue ?? "—",
                        "due": task.dueAt.map { time($0) } ?? language.pick("等待前序步骤", "after its prerequisites"),
                        "clock": Self.clock(reading, language), "late": reading.state == .breached || reading.state == .metLate,
                        "closable": canChange && task.state == .open && task.startedAt != nil, "skippable": canChange && task.state == .open,
                    ]
                },
                "hasSuppliers": !run.plan.backupSuppliers.isEmpty, "hasWarehouses": !run.plan.temporaryWarehouses.isEmpty,
                "suppliers": run.plan.backupSuppliers.sorted { $0.rank < $1.rank }.map { supplier -> [String: Any] in
                    [
                        "rank": String(supplier.rank), "name": supplier.name, "code": supplier.code.rawValue,
                        "capacity": String(supplier.capacityPerDay), "lead": supplier.leadTime.description, "cost": supplier.unitCost.displayText,
                    ]
                },
                "warehouses": run.plan.temporaryWarehouses.map { warehouse -> [String: Any] in
                    [
                        "name": warehouse.name, "city": warehouse.city, "capacity": String(warehouse.capacity),
                        "lead": warehouse.leadTime.description, "cost": warehouse.costPerDay.displayText,
                    ]
                },
            ]
        }
        return [
            "alertID": String(alert.id), "message": language.pick(alert.message, alert.messageEnglish), "facts": facts,
            "history": history.model, "runs": runs, "canChange": canChange && alert.state != .resolved,
            "plans": plans.map { plan in
                [
                    "code": plan.id.rawValue, "label": language.pick(plan.title, plan.titleEn ?? plan.title),
                    "answers": plan.answers(alert.riskType),
                ] as [String: Any]
            },
            "csrf": csrfToken, "notice": notice ?? false, "error": error ?? false,
        ]
    }

    /// An SLA clock in words: state and time left or over.
    static func clock(_ reading: SLAReading, _ language: Language) -> String {
        let span = { (seconds: Int64) -> String in
            let minutes = (seconds + 59) / 60
            return minutes >= 120 ? language.pick("\(minutes / 60) 小时", "\(minutes / 60) h") : language.pick("\(minutes) 分钟", "\(minutes) min")
        }
        switch reading.state {
        case .waiting: return language.pick("未开始", "Waiting")
        case .running: return language.pick("进行中，剩余 ", "Running, ") + span(reading.remainingSeconds ?? 0) + language.pick("", " left")
        case .dueSoon: return language.pick("即将到期，剩余 ", "Due soon, ") + span(reading.remainingSeconds ?? 0) + language.pick("", " left")
        case .breached: return language.pick("已超时 ", "Late by ") + span(reading.overdueSeconds ?? 0)
        case .met: return language.pick("按时完成", "Done on time")
        case .metLate: return language.pick("超时完成（晚 ", "Done late (by ") + span(reading.overdueSeconds ?? 0) + language.pick("）", ")")
        case .skipped: return language.pick("已跳过", "Skipped")
        }
    }

    static let template = """
        <p><a href="/alerts">← {{t.alerts}}</a></p>
        <h1>#{{alertID}} {{message}}</h1>
        {{#notice}}<p class="note" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <section class="panel"><dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}</dl></section>
        {{#canChange}}
        <section class="panel" aria-labelledby="act-title">
          <h2 id="act-title">{{t.action}}</h2>
          <form method="post" action="/alerts/{{alertID}}/change" class="filters"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="action" value="ack"><p><button type="submit">{{t.alertAck}}</button></p></form>
          <form method="post" action="/alerts/{{alertID}}/change" class="filters"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="action" value="assign">
            <p><label for="assignee">{{t.alertAssignee}}</label><input id="assignee" name="user_id" autocomplete="off"></p><p><button type="submit">{{t.alertAssign}}</button></p></form>
          <form method="post" action="/alerts/{{alertID}}/change" class="filters"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="action" value="snooze">
            <p><label for="snooze">{{t.alertSnoozeFor}}</label><select id="snooze" name="hours"><option value="1">1 h</option><option value="4">4 h</option><option value="24" selected>24 h</option><option value="72">72 h</option></select></p><p><button type="submit">{{t.alertSnooze}}</button></p></form>
          <form method="post" action="/alerts/{{alertID}}/change" class="filters"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="action" value="comment">
            <p><label for="comment">{{t.alertComment}}</label><textarea id="comment" name="text" rows="2" required></textarea></p><p><button type="submit">{{t.alertAddComment}}</button></p></form>
          <form method="post" action="/alerts/{{alertID}}/change" class="filters"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="action" value="resolve">
            <p><label for="note">{{t.alertResolveNote}}</label><input id="note" name="note"></p><p><button type="submit">{{t.alertResolve}}</button></p></form>
        </section>
        {{/canChange}}
        <section class="panel" aria-labelledby="plans-title">
          <h2 id="plans-title">{{t.alertPlans}}</h2>
          {{#runs}}
          <h3>{{title}} <small>({{plan}}, {{t.alertPlanRun}} {{runID}}, {{started}}{{#finished}}, {{t.alertPlanFinished}}{{/finished}})</small></h3>
          <div class="table-wrap" role="region" aria-label="{{title}}" tabindex="0"><table>
          <thead><tr><th scope="col">{{t.alertStep}}</th><th scope="col">{{t.alertOwner}}</th><th scope="col">{{t.alertAssignee}}</th><th scope="col">{{t.alertDue}}</th><th scope="col">SLA</th><th scope="col">{{t.action}}</th></tr></thead>
          <tbody>{{#tasks}}<tr><td>{{title}}</td><td>{{owner}}</td><td>{{assignee}}</td><td>{{due}}</td><td>{{#late}}<strong>{{clock}}</strong>{{/late}}{{^late}}{{clock}}{{/late}}</td>
          <td>{{#closable}}<form method="post" action="/alerts/{{alertID}}/runs/{{runID}}/tasks/{{step}}" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="action" value="done"><button type="submit">{{t.alertTaskDone}}</button></form>{{/closable}}
          {{#skippable}}<form method="post" action="/alerts/{{alertID}}/runs/{{runID}}/tasks/{{step}}" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="action" value="skip"><button type="submit">{{t.alertTaskSkip}}</button></form>{{/skippable}}</td></tr>{{/tasks}}</tbody>
          </table></div>
          {{#hasSuppliers}}<h4>{{t.alertSuppliers}}</h4><ol>{{/hasSuppliers}}{{#suppliers}}<li>{{name}} ({{code}}): {{capacity}}/d, {{t.alertLeadTime}} {{lead}}, {{cost}}</li>{{/suppliers}}{{#hasSuppliers}}</ol>{{/hasSuppliers}}
          {{#hasWarehouses}}<h4>{{t.alertWarehouses}}</h4><ul>{{/hasWarehouses}}{{#warehouses}}<li>{{name}}, {{city}}: {{capacity}}, {{t.alertLeadTime}} {{lead}}, {{cost}}/d</li>{{/warehouses}}{{#hasWarehouses}}</ul>{{/hasWarehouses}}
          {{/runs}}
          {{^runs}}<p>{{t.alertNoPlan}}</p>{{/runs}}
          {{#canChange}}
          <form method="post" action="/alerts/{{alertID}}/plans" class="filters"><input type="hidden" name="csrf_token" value="{{csrf}}">
            <p><label for="plan">{{t.alertPlan}}</label><select id="plan" name="plan_id">{{#plans}}<option value="{{code}}"{{#answers}} selected{{/answers}}>{{label}}</option>{{/plans}}</select></p>
            <p><button type="submit">{{t.alertStartPlan}}</button></p></form>
          {{/canChange}}
        </section>
        <section class="panel">{{#history}}{{> table}}{{/history}}</section>
        """
}
