import ChannelAnalytics
import ChannelAuth
import ChannelCore
import ChannelServer
import ChannelStore
import ChannelStoreSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The record API through HTTP: pages, scoping, creates with idempotency, ETags, lifecycle moves, refusals.
@Suite struct RecordAPITests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture.shared.get() }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    func writableServer() throws -> (QudaoServer, SQLiteChannelStore) {
        let store = try SQLiteChannelStore(path: try fixture.copy())
        let server = QudaoServer(
            store: store, engine: try AnalyticsEngine(store: store), configuration: .init(secureCookies: false),
            hasher: try PasswordHasher(cost: 4))
        return (server, store)
    }

    @Test func pagesWalkEveryOrderOnceAndAPartnerSeesOnlyTheirTree() async throws {
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let staff = try #require(try await Session.signIn(client, as: "analyst"))
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/api/v1/orders?limit=400" + (cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } ?? "")
                try await client.execute(uri: uri, method: .get, headers: staff.headers) { response in
                    #expect(response.status == .ok)
                    let page = try Self.json(response)
                    seen += (page["items"] as? [[String: Any]] ?? []).compactMap { $0["order_id"] as? String }
                    cursor = page["next_cursor"] as? String
                }
            } while cursor != nil
            #expect(seen.count == Set(seen).count)
            #expect(seen.count > 500)

            let partner = try #require(try await Session.signIn(client, as: "partner"))
            var partnerOrders: [[String: Any]] = []
            try await client.execute(uri: "/api/v1/orders?limit=1000", method: .get, headers: partner.headers) { response in
                partnerOrders = try Self.json(response)["items"] as? [[String: Any]] ?? []
            }
            #expect(!partnerOrders.isEmpty)
            #expect(partnerOrders.count < seen.count)
            // A foreign partner's order, asked for by its id, does not exist for this caller.
            let store = try SQLiteChannelStore(path: fixture.databasePath)
            let foreign = try #require(
                try store.records(.orders, RecordQuery(partnerScope: [fixture.foreignPartner])).records.first?["order_id"])
            try await client.execute(uri: "/api/v1/orders/\(foreign)", method: .get, headers: partner.headers) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/orders/\(foreign)", method: .get, headers: staff.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != nil)
            }
        }
    }

    @Test func aCreatedOrderIsIdempotentVersionedAndMovesThroughItsLifecycle() async throws {
        let (server, store) = try writableServer()
        let outlet = try #require(try store.records(.outlets, RecordQuery(limit: 1)).records.first)
        let sku = try #require(try store.records(.products, RecordQuery(limit: 1)).records.first?["sku"])
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let manager = try #require(try await Session.signIn(client, as: "manager"))
            var headers = manager.headers
            headers[HTTPField.Name("Idempotency-Key")!] = "create-api-1"
            let order = ByteBuffer(
                string: """
                    {"order_id": "SO-API-1", "partner_id": "\(outlet["partner_id"] ?? "")", "outlet_id": "\(outlet["outlet_id"] ?? "")",
                     "channel": "offline", "ordered_at": "2026-10-30T02:00:00Z", "status": "pending"}
                    """)
            var created: [String: Any] = [:]
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers, body: order) { response in
                #expect(response.status == .created)
                created = try Self.json(response)
            }
            #expect(created["status"] as? String == "pending")
            // The same request with the same key is answered from the first time; a different one is refused.
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers, body: order) { response in
                #expect(response.status == .created)
                #expect(response.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            }
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers, body: ByteBuffer(string: #"{"order_id": "SO-API-2"}"#)) {
                response in
                #expect(response.status == .unprocessableContent)
            }
            // Without a key, creating it again is a conflict.
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: manager.headers, body: order) { response in
                #expect(response.status == .conflict)
            }
            let line = ByteBuffer(string: #"{"order_id": "SO-API-1", "line_no": 1, "sku": "\#(sku)", "qty": 4, "unit_price": "12.50", "discount_rate": "0.1", "returned_qty": 0}"#)
            try await client.execute(uri: "/api/v1/order-lines", method: .post, headers: manager.headers, body: line) { response in
                #expect(response.status == .created)
            }
            let bad = ByteBuffer(string: #"{"order_id": "SO-API-1", "line_no": 2, "sku": "\#(sku)", "qty": "abc", "unit_price": "1"}"#)
            try await client.execute(uri: "/api/v1/order-lines", method: .post, headers: manager.headers, body: bad) { response in
                #expect(response.status == .badRequest)
                let details = (try Self.json(response)["error"] as? [String: Any])?["details"] as? [[String: Any]]
                #expect(details?.first?["field"] as? String == "qty")
                #expect(details?.first?["value"] as? String == "abc")
            }
            // ETag and If-Match.
            var etag = ""
            try await client.execute(uri: "/api/v1/orders/SO-API-1", method: .get, headers: manager.headers) { response in
                etag = response.headers[.eTag] ?? ""
            }
            var stale = manager.headers
            stale[.ifMatch] = "\"0000\""
            try await client.execute(uri: "/api/v1/orders/SO-API-1", method: .patch, headers: stale, body: ByteBuffer(string: #"{"channel": "online"}"#)) {
                response in
                #expect(response.status == .preconditionFailed)
            }
            var current = manager.headers
            current[.ifMatch] = etag
            try await client.execute(uri: "/api/v1/orders/SO-API-1", method: .patch, headers: current, body: ByteBuffer(string: #"{"promised_at": "2026-11-03T02:00:00Z"}"#)) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != etag)
            }
            // The lifecycle refuses moves that make no sense.
            try await client.execute(uri: "/api/v1/orders/SO-API-1/deliver", method: .post, headers: manager.headers) { response in
                #expect(response.status == .conflict)
            }
            var shipping = manager.headers
            shipping[HTTPField.Name("Idempotency-Key")!] = "ship-api-1"
            try await client.execute(
                uri: "/api/v1/orders/SO-API-1/ship", method: .post, headers: shipping,
                body: ByteBuffer(string: #"{"at": "2026-10-30T08:00:00Z"}"#)
            ) { response in
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect(body["status"] as? String == "shipped")
                #expect(body["shipped_at"] as? String == "2026-10-30T08:00:00Z")
            }
            // A retried move with its key is answered as the first time (without one it would be a conflict).
            try await client.execute(
                uri: "/api/v1/orders/SO-API-1/ship", method: .post, headers: shipping,
                body: ByteBuffer(string: #"{"at": "2026-10-30T08:00:00Z"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
                let body = try Self.json(response)
                #expect(body["status"] as? String == "shipped")
            }
            try await client.execute(uri: "/api/v1/orders/SO-API-1/cancel", method: .post, headers: manager.headers) { response in
                #expect(response.status == .conflict)
            }
        }
        // Every write is audited under the caller, with the request id.
        let events = try store.auditTrail(AuditQuery(entity: "orders", entityKey: "SO-API-1")).events
        #expect(events.contains { $0.action == .create && $0.actor == "user:manager" && $0.requestID != nil })
        #expect(events.contains { $0.action == .update })
        #expect(try store.verifyAuditChain().isIntact)
        // The analytic engine has the order.
        #expect(server.engine.snapshot.orders.count > 1)
    }

    @Test func readOnlyRolesCannotWrite() async throws {
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            for user in ["analyst", "partner"] {
                let session = try #require(try await Session.signIn(client, as: user))
                try await client.execute(
                    uri: "/api/v1/products", method: .post, headers: session.headers, body: ByteBuffer(string: #"{"sku": "X"}"#)
                ) { response in
                    #expect(response.status == .forbidden, "\(user)")
                }
            }
        }
    }
}

@Suite struct ImportAPITests {
    @Test func anUploadedFileIsImportedAsAJobWithItsReport() async throws {
        let fixture = try ServerFixture.shared.get()
        let store = try SQLiteChannelStore(path: try fixture.copy())
        let server = QudaoServer(
            store: store, engine: try AnalyticsEngine(store: store), configuration: .init(secureCookies: false),
            hasher: try PasswordHasher(cost: 4))
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let manager = try #require(try await Session.signIn(client, as: "manager"))
            let csv = "sku,name,category,list_price,unit_cost,weight_kg,launched_on\nSKU-UP-1,上传,测试,1.00,0.50,0.100,2026-01-01\nSKU-UP-2,bad,测试,abc,0.50,0.100,2026-01-01\n"
            var jobID = ""
            try await client.execute(
                uri: "/api/v1/imports?filename=products.csv&on_error=skip", method: .post, headers: manager.headers,
                body: ByteBuffer(string: csv)
            ) { response in
                #expect(response.status == .accepted)
                jobID = try RecordAPITests.json(response)["id"] as? String ?? ""
            }
            var job: [String: Any] = [:]
            for _ in 0..<100 {
                try await client.execute(uri: "/api/v1/imports/\(jobID)", method: .get, headers: manager.headers) { response in
                    job = try RecordAPITests.json(response)
                }
                if job["state"] as? String != "running" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(job["state"] as? String == "committed")
            #expect(job["inserted"] as? Int == 1)
            #expect(job["rejected"] as? Int == 1)
            #expect((job["issues"] as? [String])?.first?.contains("list_price") == true)
            let analyst = try #require(try await Session.signIn(client, as: "analyst"))
            try await client.execute(uri: "/api/v1/imports/\(jobID)", method: .get, headers: analyst.headers) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(try store.record(.products, key: ["SKU-UP-1"], partnerScope: nil) != nil)
    }
}

/// Cube answers are kept per snapshot, yet a write is in the next answer.
@Suite struct CubeFreshnessTests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture.shared.get() }

    @Test func aKeptCubeAnswerGivesWayToAWriteTheMomentItIsAnswered() async throws {
        let store = try SQLiteChannelStore(path: try fixture.copy())
        let server = QudaoServer(
            store: store, engine: try AnalyticsEngine(store: store), configuration: ServerFixture.testConfiguration,
            hasher: try PasswordHasher(cost: 4))
        let outlet = try #require(try store.records(.outlets, RecordQuery(limit: 1)).records.first)
        let latest = try #require(try store.orderTimeSpan()?.upperBound)
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let manager = try #require(try await Session.signIn(client, as: "manager"))
            func orderCount() async throws -> Int { try await manager.orderCount(client) }
            let before = try await orderCount()
            #expect(before > 0)
            #expect(try await orderCount() == before)
            #expect(try await manager.createOrder(client, id: "SO-CUBE-1", outlet: outlet, at: latest) == .created)
            #expect(try await orderCount() == before + 1)
        }
    }
}
