import ChannelServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Rules and alerts through the API: evaluating records alerts once, the lifecycle moves them, and rules files are
/// checked with every problem in the answer.
@Suite struct AlertAPITests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture.shared.get() }

    static func json(_ response: TestResponse) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
    }

    @Test func evaluatingRecordsAlertsOnceAndTheLifecycleMovesThem() async throws {
        let server = try fixture.server(path: try fixture.copy())
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let manager = try #require(try await Session.signIn(client, as: "manager"))
            // (The database copy may already hold alerts of the same findings: another suite evaluates the shared one.)
            let found = try await client.execute(uri: "/api/v1/alerts/evaluate", method: .post, headers: manager.headers) { response in
                #expect(response.status == .ok)
                let counts = (Self.json(response) as? [String: Any]) ?? [:]
                return (counts["raised"] as? Int ?? 0) + (counts["repeated"] as? Int ?? 0)
            }
            #expect(found > 0)
            try await client.execute(uri: "/api/v1/alerts/evaluate", method: .post, headers: manager.headers) { response in
                let counts = (Self.json(response) as? [String: Any]) ?? [:]
                #expect(counts["raised"] as? Int == 0 && counts["repeated"] as? Int == found, "\(counts)")
            }
            let id = try await client.execute(uri: "/api/v1/alerts?limit=1000", method: .get, headers: manager.headers) { response in
                let alerts = (Self.json(response) as? [[String: Any]]) ?? []
                #expect(alerts.count >= found && alerts.allSatisfy { $0["state"] as? String == "open" && ($0["occurrences"] as? Int ?? 0) >= 2 })
                #expect((alerts.first?["first_seen_at"] as? String)?.hasSuffix("Z") == true)
                return alerts.first?["id"] as? Int ?? 0
            }
            let ack = ByteBuffer(string: "{}")
            try await client.execute(uri: "/api/v1/alerts/\(id)/ack", method: .post, headers: manager.headers, body: ack) { response in
                #expect((Self.json(response) as? [String: Any])?["state"] as? String == "acknowledged")
            }
            let assign = ByteBuffer(string: #"{"user_id": "analyst"}"#)
            try await client.execute(uri: "/api/v1/alerts/\(id)/assign", method: .post, headers: manager.headers, body: assign) { response in
                #expect((Self.json(response) as? [String: Any])?["assignee"] as? String == "analyst")
            }
            let resolve = ByteBuffer(string: #"{"note": "补货完成"}"#)
            try await client.execute(uri: "/api/v1/alerts/\(id)/resolve", method: .post, headers: manager.headers, body: resolve) { response in
                #expect((Self.json(response) as? [String: Any])?["state"] as? String == "resolved")
            }
            try await client.execute(uri: "/api/v1/alerts/\(id)/ack", method: .post, headers: manager.headers, body: ack) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/api/v1/alerts/\(id)", method: .get, headers: manager.headers) { response in
                let history = ((Self.json(response) as? [String: Any])?["history"] as? [[String: Any]]) ?? []
                let actions = history.compactMap { $0["action"] as? String }
                #expect(actions.first == "raised" && actions.suffix(3) == ["acknowledged", "assigned", "resolved"], "\(actions)")
            }
            try await client.execute(uri: "/api/v1/alerts?state=resolved", method: .get, headers: manager.headers) { response in
                #expect(((Self.json(response) as? [[String: Any]]) ?? []).count == 1)
            }
            var resuming = manager.headers
            resuming[HTTPField.Name("Last-Event-ID")!] = "yesterday"
            try await client.execute(uri: "/api/v1/alerts/events", method: .get, headers: resuming) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("Last-Event-ID `yesterday`"))
            }
            let analyst = try #require(try await Session.signIn(client, as: "analyst"))
            try await client.execute(uri: "/api/v1/alerts/\(id)/comment", method: .post, headers: analyst.headers, body: ack) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func aRulesFileIsCheckedWithEveryProblem() async throws {
        let server = try fixture.server()
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let analyst = try #require(try await Session.signIn(client, as: "analyst"))
            try await client.execute(uri: "/api/v1/rules", method: .get, headers: analyst.headers) { response in
                #expect(((Self.json(response) as? [[String: Any]]) ?? []).count == 9)
            }
            let bad = ByteBuffer(string: "rules:\n  - id: x\n    name: 测试\n    severity: urgent\n    risk_type: fraud\n    condition: {kind: late_shipments, grace: soon}\n")
            try await client.execute(uri: "/api/v1/rules/check", method: .post, headers: analyst.headers, body: bad) { response in
                #expect(response.status == .badRequest)
                let error = ((Self.json(response) as? [String: Any])?["error"] as? [String: Any]) ?? [:]
                let details = (error["details"] as? [[String: Any]]) ?? []
                #expect(details.count == 2, "\(error)")
                #expect(details.contains { ($0["field"] as? String)?.contains("severity") == true && ($0["value"] as? String) == "4:15" }, "\(details)")
            }
        }
    }
}
