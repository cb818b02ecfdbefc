import ChannelAnalytics
import ChannelCore
import ChannelStore
import Foundation
import Hummingbird

/// Alert rules and alerts: the server's rules, checking a rules file, evaluating the rules into alerts, and the
/// alerts' lifecycle. Alerts span every partner (staff, `all_partners`); changing one needs `write`.
struct AlertRoutes {
    let alerting: Alerting
    /// What happens to alerts on any server (`AlertHistoryFollower`), for the live-updates stream.
    let live: AlertFeed
    var store: any AlertStore & RecordStore { alerting.store }
    var rules: [AlertRule] { alerting.rules }
    var clock: @Sendable () -> Instant { alerting.clock }

    var endpoints: [Endpoint] {
        let alertSchema: JSONValue = ["$ref": "#/components/schemas/Alert"]
        return [
            Endpoint(
                .get, "/api/v1/rules", id: "listRules", "List the alert rules", tag: "risk", access: .requires(.allPartners),
                returns: "the rules the server evaluates", schema: ["type": "array", "items": ["type": "object"]]
            ) { _, _ in try JSON.response(rules) },
            Endpoint(
                .post, "/api/v1/rules/check", id: "checkRules", "Check a rules file", tag: "risk", access: .requires(.allPartners),
                bodyMediaType: "application/yaml",
                returns: "the rules as read, or 400 with every problem (line:column, rule, key, why)",
                schema: ["type": "array", "items": ["type": "object"]]
            ) { request, context in
                let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
                let rules: [AlertRule]
                do {
                    rules = try AlertRuleFile.parse(body)
                } catch let error as RuleIssues {
                    throw APIError.invalid("rules file", error)
                }
                return try JSON.response(rules)
            },
            Endpoint(
                .post, "/api/v1/alerts/evaluate", id: "evaluateAlerts", "Evaluate the rules now and record alerts", tag: "risk",
                access: .requires(.write), returns: "how many findings, new alerts, repeats and suppressed in cooldown",
                schema: ["$ref": "#/components/schemas/AlertEvaluation"]
            ) { _, _ in try JSON.response(try await evaluate()) },
            Endpoint(
                .get, "/api/v1/alerts", id: "listAlerts", "List alerts", tag: "risk", access: .requires(.allPartners),
                query: [
                    .init("state", "only these states, comma-separated: open, acknowledged, snoozed, resolved (default: all but resolved)"),
                    .init("limit", "alerts at most, 1 to 1000 (default 100)", schema: ["type": "integer", "minimum": 1, "maximum": 1000]),
                ],
                returns: "alerts, newest first", schema: ["type": "array", "items": alertSchema]
            ) { request, _ in try list(request) },
            Endpoint(
                .get, "/api/v1/alerts/{id}", id: "getAlert", "Read an alert and its history", tag: "risk", access: .requires(.allPartners),
                returns: "the alert and its history", schema: ["$ref": "#/components/schemas/AlertDetail"]
            ) { _, context in
                let (alert, history) = try translatingErrors { try store.alert(try Self.id(context)) }
                return try JSON.response(AlertDetail(alert: alert, history: history))
            },
            Endpoint(
                .get, "/api/v1/alerts/events", id: "streamAlerts", "Follow alerts live (server-sent events)", tag: "risk",
                access: .requires(.allPartners),
                returns: """
                    an event stream: one `alert` event per alert raised or changed on any server sharing the database, data \
                    `{sequence, kind: raised|changed, alert}`; the event id is the alert history entry's, the same on every \
                    server, and a client reconnecting with `Last-Event-ID` first gets what it missed (up to \(AlertFeed.backlog))
                    """,
                schema: ["type": "string"], mediaType: "text/event-stream"
            ) { request, _ in try stream(request) },
        ] + AlertAction.allCases.map(change)
    }

    /// `POST /api/v1/alerts/{id}/<action>` with an `AlertChange` body.
    private func change(_ action: AlertAction) -> Endpoint {
        Endpoint(
            .post, "/api/v1/alerts/{id}/\(action.rawValue)", id: action.operationID, action.summary, tag: "risk",
            access: .requires(.write), body: ["$ref": "#/components/schemas/AlertChange"], returns: "the alert after the change",
            schema: ["$ref": "#/components/schemas/Alert"]
        ) { [alerting] request, context in
            let body = try await JSON.decode(AlertChange.self, from: request, context: context)
            let alert = try Self.id(context)
            return try JSON.response(
                try translatingErrors { try alerting.change(alert, action, body, actor: context.principal?.actor ?? "api") })
        }
    }

    /// The live-updates stream, starting with what a reconnecting client missed.
    private func stream(_ request: Request) throws -> Response {
        // Listen first, so nothing written while the missed entries are read falls between them and the stream.
        let notices = live.listen()
        guard let text = request.headers[.lastEventID], !text.isEmpty else { return AlertEventStream.response(notices) }
        guard let seen = Int64(text), seen >= 0 else {
            throw APIError.invalid("Last-Event-ID `\(text)` is not an event id this stream sent (a whole number)")
        }
        let missed = try translatingErrors { try store.alertHistory(after: seen, limit: AlertFeed.backlog) }
        return AlertEventStream.response(notices, after: seen, missed: missed.compactMap(AlertNotice.init))
    }

    private func evaluate() async throws -> AlertEvaluation {
        let snapshot = try await alerting.engine.latestSnapshot()
        return try await translatingErrors { try await alerting.evaluate(snapshot) }
    }

    private func list(_ request: Request) throws -> Response {
        var states = Set(Alert.State.allCases.filter { $0 != .resolved })
        if let text = request.uri.queryParameters.get("state"), !text.isEmpty {
            states = try Set(text.split(separator: ",").map { name in
                guard let state = Alert.State(rawValue: String(name)) else {
                    throw APIError.invalid("state `\(name)` is not one of \(Alert.State.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return state
            })
        }
        var limit = 100
        if let text = request.uri.queryParameters.get("limit") {
            guard let value = Int(text), (1...1000).contains(value) else { throw APIError.invalid("limit must be a whole number from 1 to 1000") }
            limit = value
        }
        return try JSON.response(try translatingErrors { try store.alerts(states: states, limit: limit) })
    }

    private static func id(_ context: ServerContext) throws -> Int64 {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw APIError.notFound("no such alert") }
        return id
    }

    static var schemas: [String: JSONValue] {
        let text: JSONValue = ["type": "string"]
        let optionalText: JSONValue = ["type": ["string", "null"]]
        let optionalNumber: JSONValue = ["type": ["number", "null"]]
        let instant: JSONValue = ["type": "string", "format": "date-time"]
        let optionalInstant: JSONValue = ["type": ["string", "null"], "format": "date-time"]
        return [
            "Alert": [
                "type": "object",
                "required": ["id", "rule_id", "subject", "severity", "risk_type", "state", "message", "message_en", "occurrences", "first_seen_at", "last_seen_at"],
                "properties": [
                    "id": ["type": "integer"], "rule_id": text, "subject": text, "severity": ["type": "string", "enum": ["info", "warning", "critical"]],
                    "risk_type": text, "state": ["type": "string", "enum": .array(Alert.State.allCases.map { .string($0.rawValue) })],
                    "message": text, "message_en": text, "value": optionalNumber, "threshold": optionalNumber,
                    "first_seen_at": instant, "last_seen_at": instant, "occurrences": ["type": "integer"], "assignee": optionalText,
                    "snoozed_until": optionalInstant, "resolved_at": optionalInstant,
                ],
            ],
            "AlertDetail": [
                "type": "object", "required": ["alert", "history"],
                "properties": [
                    "alert": ["$ref": "#/components/schemas/Alert"],
                    "history": [
                        "type": "array",
                        "items": ["type": "object", "properties": ["at": instant, "actor": text, "action": text, "note": optionalText]],
                    ],
                ],
            ],
            "AlertChange": [
                "type": "object",
                "properties": [
                    "note": ["type": "string", "description": "resolve: what was done"],
                    "until": ["type": "string", "format": "date-time", "description": "snooze: until when"],
                    "user_id": ["type": ["string", "null"], "description": "assign: the user, or null to clear"],
                    "text": ["type": "string", "description": "comment: the text"],
                ],
            ],
            "AlertEvaluation": [
                "type": "object", "required": ["findings", "raised", "repeated", "suppressed"],
                "properties": ["findings": ["type": "integer"], "raised": ["type": "integer"], "repeated": ["type": "integer"], "suppressed": ["type": "integer"]],
            ],
        ]
    }
}

struct AlertChange: Decodable, Sendable {
    var note: String?
    var until: String?
    var userID: String?
    var text: String?

    enum CodingKeys: String, CodingKey {
        case note, until, text
        case userID = "user_id"
    }
}

struct AlertDetail: Encodable {
    var alert: Alert
    var history: [AlertEvent]
}

struct AlertEvaluation: Encodable {
    var findings: Int
    var raised: Int
    var repeated: Int
    var suppressed: Int

    /// `RuleEvaluator.raiseAlerts`, counted for the API's answer and the alert service's log, and the alerts raised.
    static func run(
        _ rules: [AlertRule], on snapshot: FactSnapshot, at: Instant, baselines: RiskBaselines?, store: any AlertStore & RecordStore
    ) throws -> (AlertEvaluation, raised: [Alert]) {
        let (findings, recording) = try RuleEvaluator().raiseAlerts(rules, on: snapshot, at: at, baselines: baselines, store: store)
        let evaluation = AlertEvaluation(
            findings: findings, raised: recording.raised.count, repeated: recording.repeated, suppressed: recording.suppressed)
        return (evaluation, recording.raised)
    }
}
