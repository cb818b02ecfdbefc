import ChannelAnalytics
import ChannelCore
import ChannelStore
import Foundation
import Hummingbird

/// Demand forecasts, replenishment suggestions and forecast backtests. They span every partner's demand and the
/// brand's warehouses, so they are for staff (`all_partners`).
struct PlanningRoutes {
    let planning: Planning
    let clock: @Sendable () -> Instant

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/forecasts", id: "getForecasts", "Forecast daily demand", tag: "planning",
                access: .requires(.allPartners),
                query: [
                    .init("level", "PRODUCT-GEOGRAPHY: \(DemandLevel.allNames.joined(separator: ", ")) (default sku-province)"),
                    .init("horizon", "days ahead, 1 to 366 (default 28)", schema: ["type": "integer", "minimum": 1, "maximum": 366]),
                    .init("method", "forecasting method (default auto)", schema: ["type": "string", "enum": .array(ForecastMethod.allCases.map { .string($0.rawValue) })]),
                    .init("reconcile", "also every level above, made coherent", schema: ["type": "string", "enum": .array(DemandForecast.Reconciliation.allCases.map { .string($0.rawValue) })]),
                    .init("interval", "coverage of the prediction interval, 0.5 to 0.99 (default 0.8)", schema: ["type": "number"]),
                    .init("series", "only these series ids (comma-separated, e.g. SKU-0001|110000)"),
                ],
                returns: "per series the model and the forecast with its interval per future day",
                schema: ["$ref": "#/components/schemas/ForecastDocument"]
            ) { request, _ in try await forecasts(request) },
            Endpoint(
                .get, "/api/v1/replenishment", id: "getReplenishment", "Suggest replenishment orders", tag: "planning",
                access: .requires(.allPartners),
                query: [
                    .init("service_level", "target cycle service level, 0.5 to 0.999 (default 0.95)", schema: ["type": "number"]),
                    .init("review_days", "days between reviews (default 1)", schema: ["type": "number"]),
                    .init("orders_only", "only lines with a suggested order", schema: ["type": "boolean"]),
                ],
                returns: "every location × SKU of the latest stock snapshot with its levels, suggested order, risks and reason",
                schema: ["type": "object", "required": ["lines"], "properties": ["lines": ["type": "array", "items": ["$ref": "#/components/schemas/ReplenishmentRow"]]]]
            ) { request, _ in try JSON.response(ReplenishmentDocument(lines: try await replenish(request))) },
            Endpoint(
                .get, "/api/v1/backtests", id: "listBacktests", "List stored forecast backtests", tag: "planning",
                access: .requires(.allPartners),
                query: [
                    .init("subject", "only runs of this level (e.g. sku-province)"),
                    .init("limit", "runs at most, 1 to 500 (default 50)", schema: ["type": "integer", "minimum": 1, "maximum": 500]),
                ],
                returns: "runs, newest first", schema: ["type": "array", "items": ["$ref": "#/components/schemas/BacktestRun"]]
            ) { request, _ in try await list(request) },
            Endpoint(
                .post, "/api/v1/backtests", id: "runBacktest", "Run and store a forecast backtest", tag: "planning",
                access: .requires(.allPartners), body: ["$ref": "#/components/schemas/BacktestRequest"], status: 201,
                returns: "the stored run with its total scores", schema: ["$ref": "#/components/schemas/BacktestRun"]
            ) { request, context in
                let question = try await JSON.decode(BacktestQuestion.self, from: request, context: context)
                let run = try await planned { try await planning.backtest(question, actor: context.principal?.actor ?? "api", at: clock()) }
                return try JSON.response(run, status: .created)
            },
            Endpoint(
                .get, "/api/v1/backtests/{id}", id: "getBacktest", "Read a stored forecast backtest", tag: "planning",
                access: .requires(.allPartners), returns: "the run and the scores of each series",
                schema: ["$ref": "#/components/schemas/BacktestDetail"]
            ) { _, context in
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw APIError.notFound("no such backtest") }
                let (run, series) = try translatingErrors { try planning.store.backtest(id) }
                return try JSON.response(BacktestDetail(run: run, series: series))
            },
        ]
    }

    private func forecasts(_ request: Request) async throws -> Response {
        let query = WebResponse.query(request)
        let question = try await planned { try ForecastQuestion(query: query) }
        var document = try await planned { try await planning.forecast(question) }.document
        if let wanted = query.first(where: { $0.0 == "series" })?.1 {
            let ids = Set(wanted.split(separator: ",").map { String($0) })
            document.series = document.series.filter { ids.contains($0.seriesID) }
        }
        return try JSON.response(document)
    }

    private func replenish(_ request: Request) async throws -> [ReplenishmentRow] {
        let question = try await planned { try ReplenishmentQuestion(query: WebResponse.query(request)) }
        return try await planned { try await planning.replenish(question) }
    }

    private func list(_ request: Request) async throws -> Response {
        let query = WebResponse.query(request)
        let limit = try await planned { try query.first { $0.0 == "limit" }.map { try PlanningInputError.number("limit", $0.1, in: 1...500) } ?? 50 }
        let subject = query.first { $0.0 == "subject" }?.1
        return try JSON.response(try translatingErrors { try planning.store.backtests(subject: subject, limit: limit) })
    }

    /// Runs `body`, turning bad input and analytic errors into 400s.
    private func planned<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PlanningInputError {
            throw APIError.invalid(error.message)
        } catch let error as AnalyticsError {
            throw APIError.invalid(error.message)
        }
    }

    static var schemas: [String: JSONValue] {
        let number: JSONValue = ["type": "number"]
        let optionalNumber: JSONValue = ["type": ["number", "null"]]
        let accuracy: JSONValue = [
            "type": "object", "required": ["smape", "points"],
            "properties": ["mase": optionalNumber, "rmsse": optionalNumber, "smape": number, "wape": optionalNumber, "bias": optionalNumber, "points": ["type": "integer"]],
        ]
        return [
            "ForecastDocument": [
                "type": "object", "required": ["interval", "series"],
                "properties": [
                    "interval": number,
                    "series": [
                        "type": "array",
                        "items": [
                            "type": "object", "required": ["series_id", "model", "points"],
                            "properties": [
                                "series_id": ["type": "string"], "level": ["type": ["string", "null"]], "model": ["type": "string"],
                                "points": [
                                    "type": "array",
                                    "items": [
                                        "type": "object", "required": ["date", "forecast", "lower", "upper"],
                                        "properties": ["date": ["type": "string", "format": "date"], "forecast": number, "lower": number, "upper": number],
                                    ],
                                ],
                            ],
                        ],
                    ],
                ],
            ],
            "ReplenishmentRow": [
                "type": "object",
                "required": ["location_id", "sku", "on_hand_plus_in_transit", "daily_demand", "lead_time_days", "safety_stock", "reorder_point", "order_up_to", "suggested_order", "stock_out_risk", "model", "reason_zh", "reason_en"],
                "properties": .object(Dictionary(uniqueKeysWithValues: ReplenishmentRow.columns.map { column -> (String, JSONValue) in
                    switch column {
                    case "location_id", "sku", "model", "reason_zh", "reason_en": (column, ["type": "string"])
                    case "province": (column, ["type": ["string", "null"]])
                    case "eoq", "days_of_cover", "overstock": (column, optionalNumber)
                    default: (column, number)
                    }
                })),
            ],
            "ForecastAccuracy": accuracy,
            "BacktestRun": [
                "type": "object", "required": ["ran_at", "actor", "subject", "method", "horizon", "origins", "step", "series_count", "total"],
                "properties": [
                    "id": ["type": "integer"], "ran_at": ["type": "string", "format": "date-time"],
                    "actor": ["type": "string"], "subject": ["type": "string"], "method": ["type": "string"],
                    "horizon": ["type": "integer"], "origins": ["type": "integer"], "step": ["type": "integer"],
                    "series_count": ["type": "integer"], "total": ["$ref": "#/components/schemas/ForecastAccuracy"],
                ],
            ],
            "BacktestRequest": [
                "type": "object",
                "properties": [
                    "level": ["type": "string", "description": "default sku-province"], "method": ["type": "string", "description": "default auto"],
                    "horizon": ["type": "integer", "minimum": 1, "maximum": 366], "origins": ["type": "integer", "minimum": 1, "maximum": 20],
                    "step": ["type": "integer", "minimum": 1, "maximum": 366],
                ],
            ],
            "BacktestDetail": [
                "type": "object", "required": ["run", "series"],
                "properties": [
                    "run": ["$ref": "#/components/schemas/BacktestRun"],
                    "series": [
                        "type": "array",
                        "items": [
                            "type": "object", "required": ["series_id", "model", "accuracy"],
                            "properties": ["series_id": ["type": "string"], "model": ["type": "string"], "accuracy": ["$ref": "#/components/schemas/ForecastAccuracy"]],
                        ],
                    ],
                ],
            ],
        ]
    }
}

struct ReplenishmentDocument: Encodable {
    var lines: [ReplenishmentRow]
}

struct BacktestDetail: Encodable {
    var run: BacktestRun
    var series: [SeriesAccuracy]
}
