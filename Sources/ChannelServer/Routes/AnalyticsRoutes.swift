import HTTPTypes
import ChannelAnalytics
import ChannelCore
import Foundation
import Hummingbird

/// KPI and cube queries on the analytic engine. A partner user's cube is always bounded by their partner tree;
/// the benchmark KPIs span every partner and are for staff.
struct AnalyticsRoutes {
    let engine: AnalyticsEngine
    /// Cube answers of the latest snapshot, as the JSON sent (encoding a large answer costs more than computing it).
    let cubes = SnapshotCache<CubeQuery, [UInt8]>(capacity: 128)

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/measures", id: "listMeasures", "List the KPI catalogue", tag: "analytics",
                access: .requires(.kpi), returns: "every measure with its names, grain and decimal places",
                schema: ["type": "array", "items": ["$ref": "#/components/schemas/Measure"]]
            ) { _, _ in try JSON.response(Measure.allCases.map(MeasureInfo.init)) },
            Endpoint(
                .post, "/api/v1/cube", id: "queryCube", "Query the cube", tag: "analytics", access: .requires(.kpi),
                body: ["$ref": "#/components/schemas/CubeRequest"],
                returns: "rows of dimension keys and measure values, with totals",
                schema: ["$ref": "#/components/schemas/CubeResult"]
            ) { request, context in try await cube(request, context) },
            Endpoint(
                .get, "/api/v1/kpis/{name}", id: "getKPI", "Run a benchmark KPI query", tag: "analytics",
                access: .requires(.allPartners),
                query: [.init("as_of", "the instant the KPI is measured at (ISO 8601); now by default", schema: ["type": "string", "format": "date-time"])],
                returns: "the KPI's columns and rows, values as text",
                schema: ["$ref": "#/components/schemas/KPITable"]
            ) { request, context in try await kpi(request, context) },
        ]
    }

    static var schemas: [String: JSONValue] {
        [
            "Measure": [
                "type": "object", "required": ["name", "title_zh", "title_en", "grain", "places"],
                "properties": [
                    "name": ["type": "string"], "title_zh": ["type": "string"], "title_en": ["type": "string"],
                    "grain": ["type": "string"], "places": ["type": "integer"], "additive": ["type": "boolean"],
                ],
            ],
            "CubeRequest": [
                "type": "object", "required": ["measures"],
                "properties": [
                    "measures": ["type": "array", "items": ["type": "string", "enum": .array(Measure.allCases.map { .string($0.rawValue) })]],
                    "dimensions": ["type": "array", "items": ["type": "string"], "description": .string(CubeDimension.names.joined(separator: ", "))],
                    "filters": ["type": "object", "additionalProperties": ["type": "array", "items": ["type": "string"]]],
                    "scope": ["type": "array", "items": ["type": "string"], "description": "partner codes: these and everything downstream"],
                    "from": ["type": "string", "format": "date"], "to": ["type": "string", "format": "date"],
                    "compare": ["type": "string", "enum": ["previous", "year"]],
                    "top": [
                        "type": "object", "required": ["count"],
                        "properties": ["count": ["type": "integer", "minimum": 1], "measure": ["type": "string"], "descending": ["type": "boolean"]],
                    ],
                ],
            ],
            "CubeResult": [
                "type": "object", "required": ["dimensions", "measures", "period", "rows", "total"],
                "properties": [
                    "dimensions": ["type": "array", "items": ["type": "string"]],
                    "measures": ["type": "array", "items": ["type": "string"]],
                    "period": ["type": "array", "items": ["type": "string", "format": "date"]],
                    "rows": [
                        "type": "array",
                        "items": [
                            "type": "object", "required": ["keys", "values"],
                            "properties": [
                                "keys": [
                                    "type": "array",
                                    "items": ["type": "object", "properties": ["code": ["type": "string"], "label": ["type": "string"]]],
                                ],
                                "values": ["type": "array", "items": ["type": ["string", "null"]]],
                                "previous": ["type": "array", "items": ["type": ["string", "null"]]],
                                "change": ["type": "array", "items": ["type": ["number", "null"]]],
                            ],
                        ],
                    ],
                    "total": ["type": "array", "items": ["type": ["string", "null"]]],
                ],
            ],
            "KPITable": [
                "type": "object", "required": ["name", "columns", "rows"],
                "properties": [
                    "name": ["type": "string"], "as_of": ["type": "string", "format": "date-time"],
                    "columns": ["type": "array", "items": ["type": "string"]],
                    "rows": ["type": "array", "items": ["type": "array", "items": ["type": ["string", "null"]]]],
                ],
            ],
        ]
    }

    private func cube(_ request: Request, _ context: ServerContext) async throws -> Response {
        var body = try await JSON.decode(CubeRequest.self, from: request, context: context)
        // A partner user sees their own tree, whatever the request says.
        if let scope = context.principal?.partnerScope { body.scope = scope }
        let snapshot = try await engine.latestSnapshot()
        let lastDay = snapshot.orders.days?.upperBound ?? snapshot.clock.day(of: Instant(Date())).daysSinceEpoch
        do {
            let query = try body.query(lastDay: CalendarDay(daysSinceEpoch: lastDay))
            let document = try await cubes.answer(to: query, sequence: snapshot.sequence) {
                try Array(JSONEncoder.api.encode(CubeDocument(Cube.run(query, on: snapshot), period: query.period)))
            }
            return JSON.response(bytes: document)
        } catch let error as AnalyticsError {
            throw APIError.invalid(error.message)
        }
    }

    private func kpi(_ request: Request, _ context: ServerContext) async throws -> Response {
        let name = context.parameters.get("name") ?? ""
        guard let query = BenchmarkQuery(rawValue: name) else {
            throw APIError.notFound("no KPI query '\(name)'; known: \(BenchmarkQuery.allCases.map(\.name).joined(separator: ", "))")
        }
        var asOf = Instant(Date())
        if let text = request.uri.queryParameters.get("as_of") {
            do { asOf = try Instant(iso8601: text) } catch { throw APIError.invalid("as_of '\(text)' \(error)") }
        }
        let table = query.run(on: try await engine.latestSnapshot(), asOf: asOf)
        return try JSON.response(KPIDocument(name: name, asOf: asOf.iso8601, columns: table.columns, rows: table.rows.map { $0.map(\.text) }))
    }
}

struct MeasureInfo: Encodable {
    var name: String
    var titleZh: String
    var titleEn: String
    var grain: String
    var places: Int
    var additive: Bool

    init(_ measure: Measure) {
        name = measure.rawValue
        titleZh = measure.title.zh
        titleEn = measure.title.en
        grain = measure.grain.rawValue
        places = measure.places
        additive = measure.isAdditive
    }

    enum CodingKeys: String, CodingKey {
        case name, grain, places, additive
        case titleZh = "title_zh"
        case titleEn = "title_en"
    }
}

struct KPIDocument: Encodable {
    var name: String
    var asOf: String
    var columns: [String]
    var rows: [[String?]]

    enum CodingKeys: String, CodingKey {
        case name, columns, rows
        case asOf = "as_of"
    }
}
