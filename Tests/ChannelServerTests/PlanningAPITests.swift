import ChannelServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Forecasts, replenishment and backtests through the API.
@Suite struct PlanningAPITests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture.shared.get() }

    static func object(_ response: TestResponse) -> [String: Any] {
        ((try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]) ?? [:]
    }

    @Test func forecastsAreCoherentWhenReconciled() async throws {
        let server = try fixture.server()
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let session = try #require(try await Session.signIn(client, as: "analyst"))
            let uri = "/api/v1/forecasts?level=category-national&horizon=7&reconcile=bottom-up&interval=0.9"
            try await client.execute(uri: uri, method: .get, headers: session.headers) { response in
                #expect(response.status == .ok)
                let document = Self.object(response)
                #expect(document["interval"] as? Double == 0.9)
                let series = try #require(document["series"] as? [[String: Any]])
                let categories = series.filter { $0["level"] as? String == "category-national" }
                let total = try #require(series.first { $0["level"] as? String == "total-national" })
                #expect(!categories.isEmpty)
                let points = { (item: [String: Any]) in (item["points"] as? [[String: Any]]) ?? [] }
                #expect(points(total).count == 7)
                for day in 0..<7 {
                    let sum = categories.map { (points($0)[day]["forecast"] as? Double) ?? .nan }.reduce(0, +)
                    let whole = (points(total)[day]["forecast"] as? Double) ?? .nan
                    #expect(abs(sum - whole) < 1e-6 * max(1, whole), "day \(day): \(sum) vs \(whole)")
                }
                for item in series {
                    for point in points(item) {
                        let (low, mid, high) = (point["lower"] as? Double ?? -1, point["forecast"] as? Double ?? -1, point["upper"] as? Double ?? -1)
                        #expect(0 <= low && low <= mid && mid <= high, "\(point)")
                    }
                }
            }
            try await client.execute(uri: "/api/v1/forecasts?level=sku-planet", method: .get, headers: session.headers) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("level `sku-planet` is not one of"))
            }
            try await client.execute(uri: "/api/v1/forecasts?horizon=0", method: .get, headers: session.headers) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("horizon must be a number from 1 to 366"))
            }
        }
    }

    @Test func replenishmentListsOrdersWithReasons() async throws {
        let server = try fixture.server()
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let session = try #require(try await Session.signIn(client, as: "manager"))
            try await client.execute(uri: "/api/v1/replenishment?service_level=0.99", method: .get, headers: session.headers) { response in
                #expect(response.status == .ok)
                let lines = try #require(Self.object(response)["lines"] as? [[String: Any]])
                #expect(!lines.isEmpty)
                for line in lines {
                    #expect((line["reason_zh"] as? String)?.isEmpty == false && (line["reason_en"] as? String)?.isEmpty == false)
                    #expect((line["reorder_point"] as? Double ?? -1) >= (line["safety_stock"] as? Double ?? .infinity) - 1e-9 || (line["daily_demand"] as? Double) == 0)
                }
            }
            try await client.execute(uri: "/api/v1/replenishment?orders_only=true", method: .get, headers: session.headers) { response in
                let lines = (Self.object(response)["lines"] as? [[String: Any]]) ?? []
                #expect(lines.allSatisfy { ($0["suggested_order"] as? Double ?? 0) > 0 })
            }
            try await client.execute(uri: "/api/v1/replenishment?service_level=2", method: .get, headers: session.headers) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func backtestsAreStoredAndListed() async throws {
        let server = try fixture.server(path: try fixture.copy())
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let manager = try #require(try await Session.signIn(client, as: "manager"))
            let body = ByteBuffer(string: #"{"level": "total-national", "method": "seasonal-naive", "horizon": 7, "origins": 2}"#)
            let id = try await client.execute(uri: "/api/v1/backtests", method: .post, headers: manager.headers, body: body) { response in
                #expect(response.status == .created)
                let run = Self.object(response)
                #expect(run["subject"] as? String == "total-national" && run["actor"] as? String == "user:manager")
                #expect(run["series_count"] as? Int == 1)
                let total = (run["total"] as? [String: Any]) ?? [:]
                #expect(total["points"] as? Int == 14)
                return run["id"] as? Int
            }
            let runID = try #require(id)
            try await client.execute(uri: "/api/v1/backtests?subject=total-national", method: .get, headers: manager.headers) { response in
                let runs = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [[String: Any]]
                #expect(runs?.first?["id"] as? Int == runID)
            }
            try await client.execute(uri: "/api/v1/backtests/\(runID)", method: .get, headers: manager.headers) { response in
                let series = (Self.object(response)["series"] as? [[String: Any]]) ?? []
                #expect(series.count == 1 && series.first?["model"] as? String == "SeasonalNaive")
            }
            let bad = ByteBuffer(string: #"{"method": "crystal-ball"}"#)
            try await client.execute(uri: "/api/v1/backtests", method: .post, headers: manager.headers, body: bad) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("method `crystal-ball` is not one of"))
            }
            let partner = try #require(try await Session.signIn(client, as: "partner"))
            try await client.execute(uri: "/api/v1/backtests", method: .get, headers: partner.headers) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}
