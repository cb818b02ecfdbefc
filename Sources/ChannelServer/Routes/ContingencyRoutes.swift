import ChannelCore
import ChannelStore
import Foundation
import Hummingbird

/// Contingency plans: the server's plans, checking a plans file, starting a plan for an alert, its tasks and SLA
/// clocks, covering a shortfall from its backup suppliers and warehouses, and what a breached SLA owes. Staff only
/// (`all_partners`); starting a plan and closing a task need `write`.
struct ContingencyRoutes {
    let contingency: Contingency
    var store: any PlanStore & AlertStore { contingency.store }
    var plans: [ContingencyPlan] { contingency.plans }
    var clock: @Sendable () -> Instant { contingency.clock }

    var endpoints: [Endpoint] {
        let runSchema: JSONValue = ["$ref": "#/components/schemas/PlanRunStatus"]
        return [
            Endpoint(
                .get, "/api/v1/plans", id: "listPlans", "List the contingency plans", tag: "risk", access: .requires(.allPartners),
                returns: "the plans the server offers, in the plans file's form", schema: ["type": "array", "items": ["type": "object"]]
            ) { _, _ in try JSON.response(plans) },
            Endpoint(
                .post, "/api/v1/plans/check", id: "checkPlans", "Check a plans file", tag: "risk", access: .requires(.allPartners),
                bodyMediaType: "application/yaml", returns: "the plans as read, or 400 with every problem (line:column, key, why)",
                schema: ["type": "array", "items": ["type": "object"]]
            ) { request, context in
                let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
                do {
                    return try JSON.response(try ContingencyPlanFile.parse(body))
                } catch let error as RuleIssues {
                    throw APIError.invalid("plans file", error)
                }
            },
            Endpoint(
                .post, "/api/v1/alerts/{id}/plans", id: "startPlan", "Start a contingency plan for an alert", tag: "risk",
                access: .requires(.write), body: ["$ref": "#/components/schemas/PlanStart"], status: 201,
                returns: "the run: the plan as started and its tasks with SLA clocks", schema: runSchema
            ) { request, context in
                let body = try await JSON.decode(PlanStart.self, from: request, context: context)
                guard let alertID = context.parameters.get("id").flatMap(Int64.init) else { throw APIError.notFound("no such alert") }
                let run = try contingency.start(alertID, body, actor: context.principal?.actor ?? "api")
                return try JSON.response(PlanRunStatus(run, at: clock()), status: .created)
            },
            Endpoint(
                .get, "/api/v1/plan-runs", id: "listPlanRuns", "List started plans", tag: "risk", access: .requires(.allPartners),
                query: [
                    .init("alert", "only the runs of this alert", schema: ["type": "integer"]),
                    .init("open", "true: only runs with tasks still open", schema: ["type": "boolean"]),
                ],
                returns: "runs, newest first (at most 200), with their SLA clocks now", schema: ["type": "array", "items": runSchema]
            ) { request, _ in
                let query = request.uri.queryParameters
                var alert: Int64?
                if let text = query.get("alert") {
                    guard let id = Int64(text) else { throw APIError.invalid("alert must be an alert id, not `\(text)`") }
                    alert = id
                }
                let runs = try translatingErrors { try store.planRuns(alert: alert, openOnly: query.get("open") == "true", limit: 200) }
                let now = clock()
                return try JSON.response(runs.map { PlanRunStatus($0, at: now) })
            },
            Endpoint(
                .get, "/api/v1/plan-runs/{id}", id: "getPlanRun", "Read a started plan", tag: "risk", access: .requires(.allPartners),
                returns: "the run with its SLA clocks now", schema: runSchema
            ) { _, context in
                try JSON.response(PlanRunStatus(try translatingErrors { try store.planRun(try Self.runID(context)) }, at: clock()))
            },
            closeTask("done", "completePlanTask", "Mark a plan task done", skip: false),
            closeTask("skip", "skipPlanTask", "Skip a plan task", skip: true),
            Endpoint(
                .post, "/api/v1/plan-runs/{id}/supply", id: "planSupply", "Cover a shortfall from the plan's backup suppliers",
                tag: "risk", access: .requires(.allPartners), body: ["$ref": "#/components/schemas/ShortfallRequest"],
                returns: "the allocation over the ranked backup suppliers and the temporary warehouse to use",
                schema: ["type": "object", "properties": ["allocation": ["type": "object"], "warehouse": ["type": "object"]]]
            ) { request, context in
                let body = try await JSON.decode(ShortfallRequest.self, from: request, context: context)
                let run = try translatingErrors { try store.planRun(try Self.runID(context)) }
                return try JSON.response(try Self.cover(body, with: run.plan, at: clock()))
            },
            Endpoint(
                .post, "/api/v1/sla/compensation", id: "slaCompensation", "Compute what a breached SLA owes", tag: "risk",
                access: .requires(.allPartners), body: ["$ref": "#/components/schemas/CompensationRequest"],
                returns: "the total owed and its parts, each explained (null when the work is on time or within grace)",
                schema: ["type": ["object", "null"]]
            ) { request, context in
                let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
                return try JSON.response(try CompensationRequest.owed(body, now: clock()))
            },
        ]
    }

    private func closeTask(_ action: String, _ operation: String, _ summary: String, skip: Bool) -> Endpoint {
        Endpoint(
            .post, "/api/v1/plan-runs/{id}/tasks/{step}/\(action)", id: operation, summary, tag: "risk", access: .requires(.write),
            returns: "the run after the change, with its SLA clocks", schema: ["$ref": "#/components/schemas/PlanRunStatus"]
        ) { [contingency] _, context in
            let step = PlanStepKey(rawValue: context.parameters.get("step") ?? "")
            let run = try contingency.close(try Self.runID(context), step: step, skip: skip, actor: context.principal?.actor ?? "api")
            return try JSON.response(PlanRunStatus(run, at: contingency.clock()))
        }
    }

    static func runID(_ context: ServerContext) throws -> Int64 {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw APIError.notFound("no such plan run") }
        return id
    }

    /// The allocation of a shortfall over a plan's suppliers and the warehouse to hold it, from now.
    static func cover(_ body: ShortfallRequest, with plan: ContingencyPlan, at now: Instant) throws -> SupplyAnswer {
        let sku: SKU
        let neededBy: Instant
        do { sku = try SKU(parsing: body.sku) } catch { throw APIError.invalid("sku `\(body.sku)` \(error)") }
        do { neededBy = try Instant(iso8601: body.neededBy) } catch { throw APIError.invalid("needed_by `\(body.neededBy)` \(error)") }
        guard body.quantity > 0 else { throw APIError.invalid("quantity must be more than 0, not \(body.quantity)") }
        do {
            return SupplyAnswer(
                allocation: try plan.allocate(Shortfall(sku: sku, quantity: body.quantity, neededBy: neededBy, startAt: now)),
                warehouse: plan.temporaryWarehouses.isEmpty
                    ? nil : try plan.chooseWarehouse(quantity: body.quantity, neededBy: neededBy, startingAt: now))
        } catch {
            throw APIError.invalid("plan \(plan.id): \(error)")
        }
    }
}

/// `POST /api/v1/alerts/{id}/plans`: which plan (default: the first answering the alert's risk type) and who takes
/// each role's tasks.
struct PlanStart: Decodable, Sendable {
    var planID: String?
    var assignees: [String: String]?

    enum CodingKeys: String, CodingKey {
        case planID = "plan_id"
        case assignees
    }
}

struct ShortfallRequest: Decodable, Sendable {
    var sku: String
    var quantity: Int64
    var neededBy: String

    enum CodingKeys: String, CodingKey {
        case sku, quantity
        case neededBy = "needed_by"
    }
}

struct SupplyAnswer: Encodable, Sendable {
    var allocation: SupplyAllocation
    var warehouse: WarehouseChoice?
}

/// A run as the API shows it: the run, and each task's SLA clock read now.
struct PlanRunStatus: Encodable, Sendable {
    var run: PlanRun
    var clocks: [Clock]

    struct Clock: Encodable, Sendable {
        var stepKey: PlanStepKey
        var reading: SLAReading

        enum CodingKeys: String, CodingKey {
            case stepKey = "step_key"
            case reading
        }
    }

    init(_ run: PlanRun, at now: Instant) {
        self.run = run
        clocks = run.activation.tasks.map { Clock(stepKey: $0.stepKey, reading: $0.clock.reading(at: now)) }
    }
}

/// `POST /api/v1/sla/compensation`: `{"terms": {...compensation keys...}, "start", "end" (default now),
/// "order_value"}`.
enum CompensationRequest {
    static func owed(_ body: Data, now: Instant) throws -> Compensation? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw APIError.invalid("the body must be a JSON object with terms, start, end and order_value")
        }
        guard let terms = object["terms"], JSONSerialization.isValidJSONObject(terms),
            let termsText = try? JSONSerialization.data(withJSONObject: terms)
        else { throw APIError.invalid("the body lacks `terms`, an object of compensation terms (target, per_breach, ...)") }
        let parsed: CompensationTerms
        do {
            parsed = try ContingencyPlanFile.parseCompensation(String(decoding: termsText, as: UTF8.self))
        } catch {
            throw APIError.invalid("terms", error)
        }
        func instant(_ key: String) throws -> Instant? {
            guard let value = object[key] else { return nil }
            guard let text = value as? String else { throw APIError.invalid("`\(key)` must be an ISO 8601 instant") }
            do { return try Instant(iso8601: text) } catch { throw APIError.invalid("\(key) `\(text)` \(error)") }
        }
        guard let start = try instant("start") else { throw APIError.invalid("the body lacks `start`, when the SLA's clock started") }
        let end = try instant("end") ?? now
        var orderValue: Money?
        if let value = object["order_value"] {
            let text = (value as? String) ?? (value as? NSNumber).map { "\($0)" } ?? ""
            do { orderValue = try Money(parsing: text, currency: parsed.currency) } catch {
                throw APIError.invalid("order_value `\(text)` \(error)")
            }
        }
        do {
            return try parsed.owed(from: start, until: end, orderValue: orderValue)
        } catch {
            throw APIError.invalid("\(error)")
        }
    }
}

extension ContingencyRoutes {
    static var schemas: [String: JSONValue] {
        let text: JSONValue = ["type": "string"]
        let instant: JSONValue = ["type": "string", "format": "date-time"]
        return [
            "PlanStart": [
                "type": "object",
                "properties": [
                    "plan_id": ["type": "string", "description": "the plan to start (default: the first answering the alert's risk type)"],
                    "assignees": ["type": "object", "additionalProperties": text, "description": "user id per role, e.g. {\"planner\": \"li.wei\"}"],
                ],
            ],
            "PlanRunStatus": [
                "type": "object", "required": ["run", "clocks"],
                "properties": [
                    "run": [
                        "type": "object", "required": ["id", "plan", "activation", "started_by", "finished"],
                        "properties": [
                            "id": ["type": "integer"], "plan": ["type": "object"], "started_by": text, "finished": ["type": "boolean"],
                            "activation": [
                                "type": "object",
                                "properties": [
                                    "plan_id": text, "alert_id": ["type": "integer"], "risk_type": text, "subject": text,
                                    "started_at": instant, "tasks": ["type": "array", "items": ["type": "object"]],
                                ],
                            ],
                        ],
                    ],
                    "clocks": [
                        "type": "array",
                        "items": [
                            "type": "object",
                            "properties": [
                                "step_key": text,
                                "reading": [
                                    "type": "object",
                                    "properties": [
                                        "state": ["type": "string", "enum": .array(SLAState.allCases.map { .string($0.rawValue) })],
                                        "remaining_seconds": ["type": ["integer", "null"]], "overdue_seconds": ["type": ["integer", "null"]],
                                    ],
                                ],
                            ],
                        ],
                    ],
                ],
            ],
            "ShortfallRequest": [
                "type": "object", "required": ["sku", "quantity", "needed_by"],
                "properties": ["sku": text, "quantity": ["type": "integer", "minimum": 1], "needed_by": instant],
            ],
            "CompensationRequest": [
                "type": "object", "required": ["terms", "start"],
                "properties": [
                    "terms": ["type": "object", "description": "compensation terms as in a plans file: target, grace, per_breach, per_started_hour, ..."],
                    "start": instant, "end": instant, "order_value": ["type": ["string", "number"]],
                ],
            ],
        ]
    }
}
