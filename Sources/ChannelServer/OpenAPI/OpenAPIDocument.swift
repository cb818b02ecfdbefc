import HTTPTypes

/// The OpenAPI 3.1 description of every endpoint in the table, built from the table itself.
enum OpenAPIDocument {
    static func build(_ endpoints: [Endpoint], schemas: [String: JSONValue], version: String) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for endpoint in endpoints {
            paths[endpoint.path, default: [:]][endpoint.method.rawValue.lowercased()] = operation(endpoint)
        }
        var components = schemas
        components["Error"] = [
            "type": "object", "required": ["error"],
            "properties": [
                "error": [
                    "type": "object", "required": ["code", "message", "details"],
                    "properties": [
                        "code": ["type": "string"], "message": ["type": "string"],
                        "details": [
                            "type": "array",
                            "items": [
                                "type": "object", "required": ["reason"],
                                "properties": [
                                    "field": ["type": "string"], "value": ["type": "string"], "reason": ["type": "string"],
                                ],
                            ],
                        ],
                    ],
                ]
            ],
        ]
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Qudao API", "version": .string(version),
                "description":
                    "Qudao (渠道) channel engineering management. Errors share one shape (Error). POST honours Idempotency-Key; updates and deletes honour If-Match with the ETag of a GET.",
            ],
            "servers": [["url": "/"]],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "schemas": .object(components),
                "securitySchemes": [
                    "apiKey": ["type": "http", "scheme": "bearer", "description": "an API key: Authorization: Bearer qk_..."],
                    "session": ["type": "apiKey", "in": "cookie", "name": "qudao_session"],
                ],
            ],
        ]
    }

    private static func operation(_ endpoint: Endpoint) -> JSONValue {
        var parameters: [JSONValue] = endpoint.pathParameters.map { name in
            ["name": .string(name), "in": "path", "required": true, "schema": ["type": "string"]]
        }
        parameters += endpoint.query.map { p in
            [
                "name": .string(p.name), "in": "query", "required": .bool(p.required), "description": .string(p.description),
                "schema": p.schema,
            ]
        }
        var responses: [String: JSONValue] = [
            "default": [
                "description": "an error", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
            ]
        ]
        var success: [String: JSONValue] = ["description": .string(endpoint.responseDescription)]
        if let schema = endpoint.responseSchema {
            success["content"] = .object([endpoint.responseMediaType ?? "application/json": ["schema": schema]])
        }
        responses[String(endpoint.status)] = .object(success)
        var operation: [String: JSONValue] = [
            "operationId": .string(endpoint.operationID), "summary": .string(endpoint.summary),
            "tags": [.string(endpoint.tag)], "parameters": .array(parameters), "responses": .object(responses),
        ]
        if let body = endpoint.requestBody {
            operation["requestBody"] = [
                "required": true, "content": .object([endpoint.requestMediaType ?? "application/json": ["schema": body]]),
            ]
        }
        operation["security"] = endpoint.access == .anonymous ? [] : [["apiKey": []], ["session": []]]
        return .object(operation)
    }
}
