public import ChannelCore

/// Risk alerts: the alerts in the states asked for, most recent first, with a live notice when new ones are raised
/// (server-sent events read by /assets/alerts.js; the list itself works without script).
public struct AlertsPage: Sendable {
    /// The states shown (empty: all but resolved).
    public var states: Set<Alert.State>
    public var alerts: [Alert]
    /// Open runs of contingency plans by alert id: how many tasks are closed of how many, how many are breached.
    public var plans: [Int64: (closed: Int, tasks: Int, breached: Int)]

    public init(states: Set<Alert.State>, alerts: [Alert], plans: [Int64: (closed: Int, tasks: Int, breached: Int)]) {
        self.states = states
        self.alerts = alerts
        self.plans = plans
    }

    public func model(_ language: Language) -> [String: Any] {
        let table = TableView(
            caption: language.pick("告警（最新在前）", "Alerts (newest first)"),
            headers: [
                ("#", true), (language.pick("级别", "Severity"), false), (language.pick("状态", "State"), false),
                (language.pick("规则", "Rule"), false), (language.pick("内容", "Message"), false), (language.pick("次数", "Seen"), true),
                (language.pick("最近发现", "Last seen"), false), (language.pick("负责人", "Assignee"), false),
                (language.pick("预案", "Plan"), false),
            ],
            rows: alerts.map { alert in
                let plan = plans[alert.id].map { run in
                    language.pick("进行中 \(run.closed)/\(run.tasks)", "running \(run.closed)/\(run.tasks)")
                        + (run.breached > 0 ? language.pick("，\(run.breached) 项超时", ", \(run.breached) late") : "")
                }
                return [
                    TableView.Cell(String(alert.id), href: "/alerts/\(alert.id)", numeric: true),
                    TableView.Cell(Self.severity(alert.severity, language)), TableView.Cell(Self.state(alert.state, language)),
                    TableView.Cell(alert.ruleID), TableView.Cell(language.pick(alert.message, alert.messageEnglish), href: "/alerts/\(alert.id)"),
                    TableView.Cell(String(alert.occurrences), numeric: true), TableView.Cell(LocalTime.text(alert.lastSeenAt.iso8601)),
                    TableView.Cell(alert.assignee?.rawValue ?? "—"), TableView.Cell(plan ?? "—"),
                ]
            },
            note: alerts.isEmpty ? language.pick("没有符合条件的告警。", "No alerts in these states.") : nil)
        return [
            "states": Alert.State.allCases.map { state in
                ["code": state.rawValue, "label": Self.state(state, language), "checked": states.contains(state)] as [String: Any]
            },
            "table": table.model,
        ]
    }

    static func severity(_ severity: Severity, _ language: Language) -> String {
        switch severity {
        case .critical: language.pick("严重", "Critical")
        case .warning: language.pick("警告", "Warning")
        case .info: language.pick("提示", "Info")
        }
    }

    static func state(_ state: Alert.State, _ language: Language) -> String {
        switch state {
        case .open: language.pick("待处理", "Open")
        case .acknowledged: language.pick("已确认", "Acknowledged")
        case .snoozed: language.pick("已暂缓", "Snoozed")
        case .resolved: language.pick("已解决", "Resolved")
        }
    }

    static let template = """
        <h1>{{t.alerts}}</h1>
        <p id="live" class="note" role="status" aria-live="polite" data-stream="/api/v1/alerts/events" hidden></p>
        <form method="get" action="/alerts" class="filters panel">
          <input type="hidden" name="lang" value="{{lang}}">
          <fieldset><legend>{{t.state}}</legend>{{#states}}<label class="check"><input type="checkbox" name="state" value="{{code}}"{{#checked}} checked{{/checked}}> {{label}}</label> {{/states}}</fieldset>
          <p><button type="submit">{{t.filter}}</button></p>
        </form>
        <section class="panel">{{#table}}{{> table}}{{/table}}</section>
        <script src="/assets/alerts.js" defer></script>
        """
}
