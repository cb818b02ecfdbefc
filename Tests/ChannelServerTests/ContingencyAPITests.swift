import ChannelCore
import ChannelServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Contingency plans through the API: a plan started for an alert creates its tasks with SLA clocks, closing a task
/// starts the ones waiting on it, the plan's suppliers cover a shortfall, and a breached SLA's compensation is
/// computed exactly.
@Suite struct ContingencyAPITests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture.shared.get() }

    static func json(_ response: TestResponse) -> [String: Any] {
        ((try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]) ?? [:]
    }

    @Test func aPlanStartedForAnAlertRunsItsTasks() async throws {
        let server = try fixture.server(path: try fixture.copy())
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let manager = try #require(try await Session.signIn(client, as: "manager"))
            try await client.execute(uri: "/api/v1/alerts/evaluate", method: .post, headers: manager.headers) { #expect($0.status == .ok) }
            let alert = try await client.execute(uri: "/api/v1/alerts?limit=1000", method: .get, headers: manager.headers) { response in
                let alerts = ((try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [[String: Any]]) ?? []
                return alerts.first { $0["risk_type"] as? String == "stock_out" } ?? alerts.first ?? [:]
            }
            let id = try #require(alert["id"] as? Int)
            let risk = try #require(alert["risk_type"] as? String)

            let start = ByteBuffer(string: #"{"assignees": {"planner": "analyst"}}"#)
            let run = try await client.execute(uri: "/api/v1/alerts/\(id)/plans", method: .post, headers: manager.headers, body: start) { response in
                #expect(response.status == .created)
                return Self.json(response)
            }
            let detail = try #require(run["run"] as? [String: Any])
            let runID = try #require(detail["id"] as? Int)
            let activation = try #require(detail["activation"] as? [String: Any])
            #expect(activation["risk_type"] as? String == risk && activation["alert_id"] as? Int == id)
            let tasks = try #require(activation["tasks"] as? [[String: Any]])
            let clocks = try #require(run["clocks"] as? [[String: Any]])
            #expect(tasks.count == clocks.count && !tasks.isEmpty)
            // Steps without prerequisites run from the start; the others wait.
            for (task, clock) in zip(tasks, clocks) {
                let state = (clock["reading"] as? [String: Any])?["state"] as? String
                let waits = !((task["after"] as? [String]) ?? []).isEmpty
                #expect(state == (waits ? "waiting" : "running"), "\(task) \(clock)")
            }
            // A second start of the same plan while it runs is refused.
            try await client.execute(uri: "/api/v1/alerts/\(id)/plans", method: .post, headers: manager.headers, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .conflict)
            }
            // Closing the first task starts those waiting only on it.
            let first = try #require(tasks.first?["step_key"] as? String)
            let waiting = tasks.filter { ($0["after"] as? [String]) == [first] }.compactMap { $0["step_key"] as? String }
            try await client.execute(uri: "/api/v1/plan-runs/\(runID)/tasks/\(first)/done", method: .post, headers: manager.headers) { response in
                #expect(response.status == .ok)
                let clocks = (Self.json(response)["clocks"] as? [[String: Any]]) ?? []
                let states = Dictionary(uniqueKeysWithValues: clocks.compactMap { clock in
                    (clock["step_key"] as? String).map { ($0, (clock["reading"] as? [String: Any])?["state"] as? String ?? "") }
                })
                #expect(states[first] == "met")
                for step in waiting { #expect(states[step] == "running", "\(step): \(states)") }
            }
            try await client.execute(uri: "/api/v1/plan-runs/\(runID)/tasks/\(first)/done", method: .post, headers: manager.headers) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/api/v1/plan-runs/\(runID)/tasks/no-such-step/done", method: .post, headers: manager.headers) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/plan-runs?alert=\(id)", method: .get, headers: manager.headers) { response in
                let runs = ((try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [[String: Any]]) ?? []
                #expect(runs.count == 1)
            }
            try await client.execute(uri: "/api/v1/alerts/\(id)", method: .get, headers: manager.headers) { response in
                let actions = ((Self.json(response)["history"] as? [[String: Any]]) ?? []).compactMap { $0["action"] as? String }
                #expect(actions.suffix(2) == ["plan_started", "task_done"], "\(actions)")
            }
            let analyst = try #require(try await Session.signIn(client, as: "analyst"))
            try await client.execute(uri: "/api/v1/plan-runs/\(runID)/tasks/\(first)/skip", method: .post, headers: analyst.headers) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    /// A plan answering every standard risk, with two ranked suppliers and two warehouses.
    static let plansFile = """
        plans:
          - id: any-risk
            title: 通用预案
            risk_types: [stock_out, late_delivery, price_conflict, partner_risk, supplier_failure, service_failure, fraud]
            steps:
              - {key: assess, title: 评估, owner: planner, sla: 4h}
              - {key: act, title: 处置, owner: logistics, sla: 1d, after: [assess]}
            backup_suppliers:
              - {code: SUP-A, name: 甲厂, rank: 1, capacity_per_day: 300, lead_time: 1d, unit_cost: 10.00}
              - {code: SUP-B, name: 乙厂, rank: 2, capacity_per_day: 500, lead_time: 2d, unit_cost: 12.50}
            temporary_warehouses:
              - {code: TMP-1, name: 一号临时仓, city: 上海, capacity: 5000, lead_time: 1d, cost_per_day: 800}
              - {code: TMP-2, name: 二号临时仓, city: 上海, capacity: 1000, lead_time: 1d, cost_per_day: 300}
        """

    @Test func aPlansSuppliersCoverAShortfallByRank() async throws {
        var configuration = ServerFixture.testConfiguration
        configuration.plans = try ContingencyPlanFile.parse(Self.plansFile)
        let server = try fixture.server(configuration: configuration, path: try fixture.copy())
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let manager = try #require(try await Session.signIn(client, as: "manager"))
            try await client.execute(uri: "/api/v1/alerts/evaluate", method: .post, headers: manager.headers) { _ in }
            let id = try await client.execute(uri: "/api/v1/alerts?limit=1", method: .get, headers: manager.headers) { response in
                let alerts = ((try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [[String: Any]]) ?? []
                return alerts.first?["id"] as? Int
            }
            let alert = try #require(id)
            let runID = try await client.execute(uri: "/api/v1/alerts/\(alert)/plans", method: .post, headers: manager.headers, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .created)
                return (Self.json(response)["run"] as? [String: Any])?["id"] as? Int
            }
            let run = try #require(runID)
            // Needed a little over 4 days from now: supplier A (ready in 1 day) has 3 full days, 900 units; B (ready in
            // 2 days) 2 days, 1,000 units. 1,500 units: A 900 at ¥10, B 600 at ¥12.50 = ¥16,500; the cheaper warehouse
            // large enough is the ¥800/day one (the ¥300 one holds 1,000).
            let neededBy = Instant(Date().addingTimeInterval(4 * 86_400 + 3_600)).iso8601
            let covered = ByteBuffer(string: #"{"sku": "SKU00001", "quantity": 1500, "needed_by": "\#(neededBy)"}"#)
            try await client.execute(uri: "/api/v1/plan-runs/\(run)/supply", method: .post, headers: manager.headers, body: covered) { response in
                #expect(response.status == .ok)
                let answer = Self.json(response)
                let allocation = (answer["allocation"] as? [String: Any]) ?? [:]
                #expect(allocation["uncovered"] as? Int == 0, "\(allocation)")
                #expect(allocation["cost"] as? String == "16500.00", "\(allocation)")
                let warehouse = ((answer["warehouse"] as? [String: Any])?["chosen"] as? [String: Any])?["code"] as? String
                #expect(warehouse == "TMP-1", "\(answer)")
            }
            let short = ByteBuffer(string: #"{"sku": "SKU00001", "quantity": 3000, "needed_by": "\#(neededBy)"}"#)
            try await client.execute(uri: "/api/v1/plan-runs/\(run)/supply", method: .post, headers: manager.headers, body: short) { response in
                #expect((Self.json(response)["allocation"] as? [String: Any])?["uncovered"] as? Int == 1100)
            }
            try await client.execute(uri: "/api/v1/plan-runs/\(run)/supply", method: .post, headers: manager.headers, body: ByteBuffer(string: #"{"sku": "SKU00001", "quantity": 0, "needed_by": "\#(neededBy)"}"#)) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func aBreachedSLAOwesTheTermsExactly() async throws {
        let server = try fixture.server()
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let analyst = try #require(try await Session.signIn(client, as: "analyst"))
            // Due 48 h after the start; 27 h late, 2 h grace: 25 started hours × ¥50 = ¥1,250.00; ¥12,800 × 0.5 % ×
            // 2 started days = ¥128.00; total ¥1,378.00 (under the ¥5,000 cap).
            let body = ByteBuffer(
                string: #"{"terms": {"target": "48h", "grace": "2h", "per_started_hour": 50, "order_value_bp_per_day": 50, "max_amount": 5000}, "start": "2026-11-20T00:00:00Z", "end": "2026-11-23T03:00:00Z", "order_value": "12800.00"}"#)
            try await client.execute(uri: "/api/v1/sla/compensation", method: .post, headers: analyst.headers, body: body) { response in
                #expect(response.status == .ok)
                let owed = Self.json(response)
                #expect(owed["total"] as? String == "1378.00", "\(owed)")
                #expect(((owed["parts"] as? [[String: Any]]) ?? []).compactMap { $0["amount"] as? String } == ["1250.00", "128.00"])
            }
            let onTime = ByteBuffer(string: #"{"terms": {"target": "48h", "per_breach": 100}, "start": "2026-11-20T00:00:00Z", "end": "2026-11-21T00:00:00Z"}"#)
            try await client.execute(uri: "/api/v1/sla/compensation", method: .post, headers: analyst.headers, body: onTime) { response in
                #expect(response.status == .ok && String(buffer: response.body) == "null")
            }
            let bad = ByteBuffer(string: #"{"terms": {"target": "2 days", "per_breach": 100}, "start": "2026-11-20T00:00:00Z"}"#)
            try await client.execute(uri: "/api/v1/sla/compensation", method: .post, headers: analyst.headers, body: bad) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("target"))
            }
        }
    }
}
