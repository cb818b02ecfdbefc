import HTTPTypes
import ChannelAnalytics
import Foundation
import Hummingbird
import NIOCore
import Prometheus

/// Health, metrics and the API description: open to everyone (no secrets in any of them).
struct ServiceRoutes {
    let engine: AnalyticsEngine
    let metrics: PrometheusCollectorRegistry
    /// The OpenAPI document, built once from the endpoint table.
    let openAPI: @Sendable () -> [UInt8]

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/health", id: "health", "Check the server's health", tag: "service", access: .anonymous,
                returns: "the server is up; the change sequence its analytic engine has applied",
                schema: ["type": "object", "properties": ["status": ["type": "string"], "sequence": ["type": "integer"]]]
            ) { _, _ in try JSON.response(Health(status: "ok", sequence: engine.snapshot.sequence)) },
            Endpoint(
                .get, "/metrics", id: "metrics", "Read the server's metrics", tag: "service", access: .anonymous,
                returns: "Prometheus text format", schema: ["type": "string"], mediaType: "text/plain"
            ) { _, _ in
                var buffer: [UInt8] = []
                metrics.emit(into: &buffer)
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
            },
            Endpoint(
                .get, "/api/v1/openapi.json", id: "openAPI", "Read the OpenAPI description", tag: "service",
                access: .anonymous, returns: "this API's OpenAPI 3.1 document", schema: ["type": "object"]
            ) { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(bytes: openAPI())))
            },
        ]
    }

    struct Health: Encodable {
        var status: String
        var sequence: Int64
    }
}
