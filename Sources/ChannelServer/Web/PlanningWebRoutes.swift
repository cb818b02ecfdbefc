import ChannelAnalytics
import ChannelCore
import ChannelWeb
import HTTPTypes
import Hummingbird

/// The planning page: forecasts, replenishment orders and backtests, for staff (as the planning API).
struct PlanningWebRoutes {
    let planning: Planning
    let clock: @Sendable () -> Instant

    func register(on web: WebRouter) {
        web.get("/planning", requires: .allPartners) { page in
            do {
                let question = try ForecastQuestion(query: WebResponse.query(page.request))
                return try await render(page, question)
            } catch let error as PlanningInputError {
                return try await render(page, ForecastQuestion(), error: error.message, status: .badRequest)
            }
        }
        web.post("/planning/backtests", requires: .allPartners) { page in
            let form = try await page.form(BacktestForm.self)
            var question = ForecastQuestion()
            do {
                let run = try await planning.backtest(form.question, actor: page.principal.actor, at: clock())
                question.level = DemandLevel(run.subject) ?? question.level
                return try await render(page, question, notice: UIText.text("backtestSaved", page.language))
            } catch let error as PlanningInputError {
                return try await render(page, question, error: error.message, status: .badRequest)
            }
        }
    }

    private func render(
        _ page: WebPage, _ question: ForecastQuestion, notice: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let data = try await PlanningData.page(
            planning, question: question, series: page.query("series"), csrfToken: page.csrfToken, notice: notice, error: error)
        return page.render("planning", data.model(page.language), title: UIText.text("planning", page.language), status: status)
    }

    /// The backtest form: the API's request body posted as a form, with the session's CSRF token.
    private struct BacktestForm: CSRFProtectedForm {
        var csrfToken: String?
        var question: BacktestQuestion

        enum CodingKeys: String, CodingKey { case csrfToken = "csrf_token" }

        init(from decoder: any Decoder) throws {
            csrfToken = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .csrfToken)
            question = try BacktestQuestion(from: decoder)
        }
    }
}
