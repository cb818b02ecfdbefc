import ChannelCore
import ChannelStore
import ChannelWeb
import Foundation
import HTTPTypes
import Hummingbird

/// The alerts pages, for staff (as the alerts API): the list with live updates, and one alert with its history,
/// the forms that move it and its contingency plans. Every form needs `write` and the session's CSRF token; the
/// changes go through the same `Alerting` and `Contingency` as the API's.
struct AlertWebRoutes {
    let alerting: Alerting
    let contingency: Contingency

    func register(on web: WebRouter) {
        web.get("/alerts", requires: .allPartners) { page in
            var states = Set(page.queries("state").compactMap(Alert.State.init(rawValue:)))
            if states.isEmpty { states = Set(Alert.State.allCases.filter { $0 != .resolved }) }
            let alerts = try translatingErrors { try alerting.store.alerts(states: states, limit: 200) }
            let runs = try translatingErrors { try contingency.store.planRuns(alert: nil, openOnly: true, limit: 1_000) }
            let now = alerting.clock()
            var plans: [Int64: (closed: Int, tasks: Int, breached: Int)] = [:]
            for run in runs where plans[run.activation.alert.alertID] == nil {
                let tasks = run.activation.tasks
                plans[run.activation.alert.alertID] = (
                    tasks.filter { $0.state != .open }.count, tasks.count, tasks.filter { $0.clock.reading(at: now).state == .breached }.count
                )
            }
            let model = AlertsPage(states: states, alerts: alerts, plans: plans).model(page.language)
            return page.render("alerts", model, title: UIText.text("alerts", page.language))
        }
        web.get("/alerts/{id}", requires: .allPartners) { page in try render(page, try Self.alertID(page)) }
        web.post("/alerts/{id}/change", requires: .write) { page in
            let id = try Self.alertID(page)
            let form = try await page.form(ChangeForm.self)
            guard let action = AlertAction(rawValue: form.action ?? "") else { throw APIError.invalid("unknown action `\(form.action ?? "")`") }
            var change = AlertChange(note: form.note, until: nil, userID: form.userID, text: form.text)
            if action == .snooze {
                let hours = Int(form.hours ?? "") ?? 24
                change.until = Instant(millisecondsSinceEpoch: alerting.clock().millisecondsSinceEpoch + Int64(hours) * 3_600_000).iso8601
            }
            return try await attempt(page, id) { _ = try alerting.change(id, action, change, actor: page.principal.actor) }
        }
        web.post("/alerts/{id}/plans", requires: .write) { page in
            let id = try Self.alertID(page)
            let form = try await page.form(PlanForm.self)
            return try await attempt(page, id) {
                _ = try contingency.start(id, PlanStart(planID: form.planID, assignees: nil), actor: page.principal.actor)
            }
        }
        web.post("/alerts/{id}/runs/{run}/tasks/{step}", requires: .write) { page in
            let id = try Self.alertID(page)
            let form = try await page.form(ChangeForm.self)
            guard let run = Int64(try page.parameter("run")) else { throw APIError.notFound("no such plan run") }
            let step = PlanStepKey(rawValue: try page.parameter("step"))
            return try await attempt(page, id) {
                _ = try contingency.close(run, step: step, skip: form.action == "skip", actor: page.principal.actor)
            }
        }
    }

    /// Runs a change and goes back to the alert's page, or shows the page again with why the change was refused.
    private func attempt(_ page: WebPage, _ id: Int64, _ change: () throws -> Void) async throws -> Response {
        do {
            try translatingErrors(change)
            return page.redirect("/alerts/\(id)")
        } catch let error as APIError where error.status == .badRequest || error.status == .conflict || error.status == .notFound {
            return try render(page, id, error: error.message, status: error.status)
        }
    }

    private func render(_ page: WebPage, _ id: Int64, error: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let (alert, history) = try translatingErrors { try alerting.store.alert(id) }
        let runs = try translatingErrors { try contingency.store.planRuns(alert: id, openOnly: false, limit: 50) }
        let plans = contingency.plans.filter { $0.answers(alert.riskType) } + contingency.plans.filter { !$0.answers(alert.riskType) }
        let model = AlertPage(
            alert: alert, history: history, runs: runs.map { AlertPage.Run(id: $0.id, plan: $0.plan, activation: $0.activation) },
            plans: plans, now: alerting.clock(), canChange: page.principal.permissions.contains(.write), csrfToken: page.csrfToken,
            error: error
        ).model(page.language)
        return page.render("alert", model, title: "\(UIText.text("alerts", page.language)) #\(id)", status: status)
    }

    private static func alertID(_ page: WebPage) throws -> Int64 {
        guard let id = Int64(try page.parameter("id")) else { throw APIError.notFound("no such alert") }
        return id
    }

    private struct ChangeForm: CSRFProtectedForm {
        var csrfToken: String?
        var action: String?
        var note: String?
        var userID: String?
        var text: String?
        var hours: String?

        enum CodingKeys: String, CodingKey {
            case csrfToken = "csrf_token"
            case action, note, text, hours
            case userID = "user_id"
        }
    }

    private struct PlanForm: CSRFProtectedForm {
        var csrfToken: String?
        var planID: String?

        enum CodingKeys: String, CodingKey {
            case csrfToken = "csrf_token"
            case planID = "plan_id"
        }
    }
}
