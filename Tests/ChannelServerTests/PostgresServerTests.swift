import ChannelAnalytics
import ChannelAuth
import ChannelCore
import ChannelDemo
import ChannelImport
import ChannelServer
import ChannelStore
import ChannelStorePostgres
import ChannelStoreTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The HTTP server on PostgreSQL, end to end: a demo dataset imported into a database of its own on the test server
/// (`TemporaryPostgres`), an account, and the API used as a client would.
@Suite struct PostgresServerTests {
    /// A demo dataset of `lines` order lines and a channel manager with `ServerFixture.password`, in a fresh database.
    static func demoDatabase(lines: Int = 1_500) throws -> PostgresLocation {
        let location = try TemporaryPostgres.instance().freshDatabase()
        let folder = FileManager.default.temporaryDirectory.appending(path: "qudao-pg-server-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try DemoDataset(lines: lines, seed: 11).write(to: folder)
        let store = try PostgresChannelStore(location: location, connections: 2)
        defer { store.close() }
        let report = try Importer(store: store).run(paths: [folder.path])
        guard report.isCommitted else { throw StoreError(.unavailable, "the demo data did not import into PostgreSQL") }
        try store.createUser(
            User(id: UserID("manager"), displayName: "manager", role: .channelManager, partnerID: nil),
            passwordHash: try PasswordHasher(cost: 4).hash(ServerFixture.password), actor: "test", requestID: nil)
        return location
    }

    @Test func signInWriteReadBackAndTheKPIFollows() async throws {
        let location = try Self.demoDatabase()
        let store = try PostgresChannelStore(location: location, connections: 4)
        defer { store.close() }
        let server = QudaoServer(
            store: store, engine: try AnalyticsEngine(store: store), configuration: ServerFixture.testConfiguration,
            hasher: try PasswordHasher(cost: 4))
        let outlet = try #require(try store.records(.outlets, RecordQuery(limit: 1)).records.first)
        let latest = try #require(try store.orderTimeSpan()?.upperBound)
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let manager = try #require(try await Session.signIn(client, as: "manager"))
            let before = try await manager.orderCount(client)
            #expect(before > 0)
            #expect(try await manager.createOrder(client, id: "SO-PG-1", outlet: outlet, at: latest) == .created)
            try await client.execute(uri: "/api/v1/orders/SO-PG-1", method: .get, headers: manager.headers) { response in
                #expect(response.status == .ok)
                let body = try RecordAPITests.json(response)
                #expect(body["order_id"] as? String == "SO-PG-1")
                #expect(body["outlet_id"] as? String == outlet["outlet_id"])
                #expect(response.headers[.eTag]?.isEmpty == false)
            }
            #expect(try await manager.orderCount(client) == before + 1)
        }
        // The write is in the database, audited with the request that made it.
        let events = try store.auditTrail(AuditQuery(entity: "orders", entityKey: "SO-PG-1", limit: 10)).events
        #expect(events.map(\.action) == [.create] && events.first?.actor.contains("manager") == true)
        #expect(try store.verifyAuditChain().isIntact)
    }
}
