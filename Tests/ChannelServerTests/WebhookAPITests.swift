import ChannelCore
import ChannelNotify
import ChannelNotifyTestSupport
import ChannelServer
import ChannelStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Webhooks through the API: admins only, URLs and secrets checked, the secret shown once, and an alert raised by
/// `POST /api/v1/alerts/evaluate` reaching a receiver with a valid signature.
@Suite struct WebhookAPITests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture.shared.get() }

    static func json(_ response: TestResponse) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
    }

    static func text(_ response: TestResponse) -> String { String(decoding: response.body.readableBytesView, as: UTF8.self) }

    static func body(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    @Test func onlyAdminsManageWebhooks() async throws {
        let server = try fixture.server()
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let routes: [(String, HTTPRequest.Method)] = [
                ("/api/v1/webhooks", .get), ("/api/v1/webhooks", .post), ("/api/v1/webhooks/1", .delete),
                ("/api/v1/webhooks/1/deliveries", .get), ("/api/v1/webhooks/dead-letters", .get),
                ("/api/v1/webhooks/deliveries/1", .get), ("/api/v1/webhooks/deliveries/1/replay", .post),
            ]
            let create = try Self.body(["url": "https://hooks.example.com/x"])
            for user in ["manager", "analyst", "partner", "client"] {
                let session = try #require(try await Session.signIn(client, as: user))
                for (uri, method) in routes {
                    try await client.execute(uri: uri, method: method, headers: session.headers, body: method == .post ? create : nil) { response in
                        #expect(response.status == .forbidden, "\(method) \(uri) as \(user): \(response.status)")
                    }
                }
            }
            try await client.execute(uri: "/api/v1/webhooks", method: .get) { response in #expect(response.status == .unauthorized) }
            let admin = try #require(try await Session.signIn(client, as: "admin"))
            try await client.execute(uri: "/api/v1/webhooks", method: .get, headers: admin.headers) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test(arguments: [
        (["url": "ftp://hooks.example.com/x"], "url"), (["url": "hooks.example.com/x"], "url"), (["url": "http:///x"], "url"),
        (["url": "https://hooks.example.com/x", "events": ["order.created"]], "events"),
        (["url": "https://hooks.example.com/x", "secret": "tiny-secret"], "secret"),
        (["url": "https://hooks.example.com/x", "secret": "has a space in the secret"], "secret"),
    ] as [([String: any Sendable], String)])
    func badInputIsRefusedNamingTheField(body: [String: any Sendable], field: String) async throws {
        let server = try fixture.server()
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let admin = try #require(try await Session.signIn(client, as: "admin"))
            try await client.execute(uri: "/api/v1/webhooks", method: .post, headers: admin.headers, body: try Self.body(body)) { response in
                #expect(response.status == .badRequest)
                let error = ((Self.json(response) as? [String: Any])?["error"] as? [String: Any]) ?? [:]
                let details = (error["details"] as? [[String: Any]]) ?? []
                #expect(details.map { $0["field"] as? String } == [field], "\(error)")
                #expect((error["message"] as? String)?.hasPrefix("the webhook endpoint is not valid: \(field)") == true, "\(error)")
                if let secret = body["secret"] as? String { #expect(!Self.text(response).contains(secret), "the secret is not repeated") }
            }
            try await client.execute(uri: "/api/v1/webhooks", method: .get, headers: admin.headers) { response in
                #expect(((Self.json(response) as? [Any]) ?? [1]).isEmpty, "nothing was created")
            }
        }
    }

    @Test func theSecretIsShownOnceAndDeactivatingKeepsTheHistory() async throws {
        let server = try fixture.server(path: try fixture.copy())
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let admin = try #require(try await Session.signIn(client, as: "admin"))
            let generated = try await client.execute(
                uri: "/api/v1/webhooks", method: .post, headers: admin.headers,
                body: try Self.body(["url": "https://hooks.example.com/qudao?token=abc", "events": ["alert.raised"]])
            ) { response in
                #expect(response.status == .created)
                let created = (Self.json(response) as? [String: Any]) ?? [:]
                #expect(created["name"] as? String == "hooks.example.com" && created["events"] as? [String] == ["alert.raised"])
                #expect(created["is_active"] as? Bool == true && created["created_by"] as? String == "user:admin")
                return (id: created["id"] as? Int ?? 0, secret: created["secret"] as? String ?? "")
            }
            #expect(generated.secret.hasPrefix("whsec_") && generated.secret.count == 70, "\(generated.secret.count)")
            #expect(generated.secret.dropFirst(6).allSatisfy { $0.isHexDigit })
            let given = "my-own-secret-for-the-risk-desk"
            try await client.execute(
                uri: "/api/v1/webhooks", method: .post, headers: admin.headers,
                body: try Self.body(["url": "http://10.0.0.8:9000/hook", "name": "风控台", "secret": given])
            ) { response in
                let created = (Self.json(response) as? [String: Any]) ?? [:]
                #expect(created["secret"] as? String == given && created["name"] as? String == "风控台")
                #expect(created["events"] as? [String] == ["alert.raised", "alert.changed"])
            }
            // Never again: not in the list, not in the audit trail.
            try await client.execute(uri: "/api/v1/webhooks", method: .get, headers: admin.headers) { response in
                let listed = (Self.json(response) as? [[String: Any]]) ?? []
                #expect(listed.count == 2 && listed.allSatisfy { $0["secret"] == nil })
                #expect(!Self.text(response).contains(generated.secret) && !Self.text(response).contains(given))
            }
            try await client.execute(uri: "/api/v1/audit?entity=webhook_endpoints", method: .get, headers: admin.headers) { response in
                #expect(((Self.json(response) as? [String: Any])?["items"] as? [Any])?.count == 2)
                #expect(!Self.text(response).contains(generated.secret) && !Self.text(response).contains(given))
            }
            try await client.execute(uri: "/api/v1/webhooks/\(generated.id)", method: .delete, headers: admin.headers) { response in
                let endpoint = (Self.json(response) as? [String: Any]) ?? [:]
                #expect(response.status == .ok && endpoint["is_active"] as? Bool == false && endpoint["deactivated_at"] is String)
                #expect(endpoint["secret"] == nil)
            }
            try await client.execute(uri: "/api/v1/webhooks/\(generated.id)/deliveries", method: .get, headers: admin.headers) { response in
                #expect(response.status == .ok && (Self.json(response) as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/webhooks/9999", method: .delete, headers: admin.headers) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/webhooks/deliveries/9999/replay", method: .post, headers: admin.headers) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/webhooks/dead-letters?limit=0", method: .get, headers: admin.headers) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    /// The whole path: the rules raise alerts, each goes to the endpoint signed with its secret (the receiver checks
    /// it), a failed first attempt is retried, and a person's change goes to the endpoint subscribed to changes.
    @Test func anAlertRaisedByAnEvaluationReachesTheReceiverSigned() async throws {
        let secretText = "whsec_end_to_end_secret_0001"
        // Rules of their own, so the alerts are new to this database copy whatever other suites evaluated before.
        let rules = AlertRule.builtIn.map { rule in
            var renamed = rule
            renamed.id = AlertRuleID(rawValue: "webhook-e2e-\(rule.id)")
            return renamed
        }
        var configuration = ServerFixture.testConfiguration
        configuration.rules = rules
        configuration.webhooks = WebhookSettings(
            retryPolicy: RetryPolicy(baseDelay: .milliseconds(20), maxDelay: .milliseconds(100), maxAttempts: 3, jitter: .none),
            requestTimeout: .seconds(5), pollInterval: .milliseconds(200))
        let server = try fixture.server(configuration: configuration, path: try fixture.copy())
        try await WebhookReceiver.withReceiver(secret: try WebhookSecret(secretText)) { receiver in
            receiver.script("raised", [.status(500)])
            try await server.application(logger: Logger(label: "test")).test(.router) { client in
                let admin = try #require(try await Session.signIn(client, as: "admin"))
                var endpoints: [String: Int] = [:]
                for (name, event) in [("raised", "alert.raised"), ("changes", "alert.changed")] {
                    let body = try Self.body(["url": receiver.url(name), "name": name, "events": [event], "secret": secretText])
                    endpoints[name] = try await client.execute(uri: "/api/v1/webhooks", method: .post, headers: admin.headers, body: body) {
                        #expect($0.status == .created)
                        return (Self.json($0) as? [String: Any])?["id"] as? Int
                    }
                }
                let manager = try #require(try await Session.signIn(client, as: "manager"))
                let raised = try await client.execute(uri: "/api/v1/alerts/evaluate", method: .post, headers: manager.headers) { response in
                    #expect(response.status == .ok)
                    return ((Self.json(response) as? [String: Any])?["raised"] as? Int) ?? 0
                }
                try #require(raised > 0, "the evaluation raised no alert")

                // The first request failed (500) and was retried: the same delivery arrives twice, then the next ones.
                let arrived = try await receiver.waitForRequests(2)
                let first = try #require(arrived.first)
                #expect(arrived.allSatisfy { $0.verificationError == nil }, "\(arrived.compactMap(\.verificationError))")
                #expect(arrived.allSatisfy { $0.name == "raised" && $0.eventType == "alert.raised" })
                #expect(arrived[1].deliveryID == first.deliveryID && arrived[1].body == first.body)
                let payload = try #require(try JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any])
                #expect(payload["type"] as? String == "alert.raised")
                #expect((payload["id"] as? String)?.hasPrefix("evt_") == true)
                #expect((payload["created_at"] as? String)?.hasSuffix("Z") == true)
                let alert = try #require((payload["data"] as? [String: Any])?["alert"] as? [String: Any])
                #expect((alert["rule_id"] as? String)?.hasPrefix("webhook-e2e-") == true && alert["state"] as? String == "open")
                let alertID = try #require(alert["id"] as? Int)
                // The alert as the API returns it.
                let apiAlert = try await client.execute(uri: "/api/v1/alerts/\(alertID)", method: .get, headers: manager.headers) {
                    (Self.json($0) as? [String: Any])?["alert"] as? [String: Any]
                }
                #expect(apiAlert.map { NSDictionary(dictionary: $0).isEqual(to: alert) } == true, "\(alert) vs \(apiAlert ?? [:])")

                let deliveryID = try #require(first.deliveryID)
                var detail: [String: Any] = [:]
                let deadline = ContinuousClock.now + .seconds(60)
                while ContinuousClock.now < deadline {
                    detail = try await client.execute(uri: "/api/v1/webhooks/deliveries/\(deliveryID)", method: .get, headers: admin.headers) {
                        (Self.json($0) as? [String: Any]) ?? [:]
                    }
                    if (detail["delivery"] as? [String: Any])?["state"] as? String == "delivered" { break }
                    try await Task.sleep(for: .milliseconds(20))
                }
                let delivery = (detail["delivery"] as? [String: Any]) ?? [:]
                #expect(delivery["state"] as? String == "delivered" && delivery["attempts"] as? Int == 2, "\(detail)")
                #expect(((detail["attempts"] as? [[String: Any]]) ?? []).compactMap { $0["status"] as? Int } == [500, 200])
                #expect(detail["payload"] as? String == String(decoding: first.body, as: UTF8.self))
                // One delivery per alert raised (the service queues them while the first ones are sent).
                let raisedEndpoint = try #require(endpoints["raised"])
                var queued = 0
                while queued < raised, ContinuousClock.now < deadline + .seconds(60) {
                    queued = try await client.execute(
                        uri: "/api/v1/webhooks/\(raisedEndpoint)/deliveries?limit=1000", method: .get, headers: admin.headers
                    ) { ((Self.json($0) as? [Any]) ?? []).count }
                    if queued < raised { try await Task.sleep(for: .milliseconds(20)) }
                }
                #expect(queued == raised)

                // A person's change goes to the endpoint subscribed to changes.
                let ack = ByteBuffer(string: "{}")
                try await client.execute(uri: "/api/v1/alerts/\(alertID)/ack", method: .post, headers: manager.headers, body: ack) {
                    #expect($0.status == .ok)
                }
                let changeDeadline = ContinuousClock.now + .seconds(60)
                while !receiver.received.contains(where: { $0.name == "changes" }), ContinuousClock.now < changeDeadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                let change = try #require(receiver.received.first { $0.name == "changes" })
                #expect(change.verificationError == nil && change.eventType == "alert.changed")
                let changed = try #require(try JSONSerialization.jsonObject(with: Data(change.body)) as? [String: Any])
                let changedAlert = (changed["data"] as? [String: Any])?["alert"] as? [String: Any]
                #expect(changed["type"] as? String == "alert.changed" && changedAlert?["id"] as? Int == alertID)
                #expect(changedAlert?["state"] as? String == "acknowledged")
            }
        }
    }
}
