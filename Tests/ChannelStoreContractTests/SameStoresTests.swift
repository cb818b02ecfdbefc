import Testing

@testable import ChannelCore
@testable import ChannelStore
import ChannelStoreTestSupport

/// The same calls of the record, account, alert, plan and webhook stores on SQLite and on PostgreSQL give the same
/// answers: the same record pages and cursors (a cursor of one backend reads on in the other), and the same audit trail,
/// every field and hash included (the clock is fixed).
@Suite struct SameStoresTests {
    static let sorts: [String?] = [nil, "-ordered_at", "delivered_at", "outlet_id", "-status", "partner_id"]

    /// Every page of orders and order lines under each sort, seven records a page: the records and the cursors.
    static func pages(_ store: any Backend.Store) throws -> [[String]] {
        var pages: [[String]] = []
        for (kind, sort) in sorts.map({ (EntityKind.orders, $0) }) + [(.orderLines, "-qty"), (.orderLines, nil)] {
            var query = RecordQuery(sort: sort, limit: 7)
            while true {
                let page = try store.records(kind, query)
                pages.append(page.records.map { "\($0.keyText) \($0.etag) \($0.values.map { $0 ?? "∅" })" } + [page.nextCursor ?? "end"])
                guard let next = page.nextCursor else { break }
                query.cursor = next
            }
        }
        return pages
    }

    /// The sample with many orders (repeated times, empty outlets and dates) and some lines.
    static var sample: SampleData {
        var sample = RecordReadTests.manyOrders()
        for order in sample.orders.dropFirst(3).prefix(40) {
            sample.orderLines.append(SampleData.line(order: order.id.rawValue, number: 1, quantity: Int64(order.id.rawValue.count % 5 + 1)))
        }
        return sample
    }

    @Test func recordPagesAndCursorsAreTheSame() throws {
        let sample = Self.sample
        let fromSQLite = try Backend.sqlite.withStore { store in
            try store.write(sample)
            return try Self.pages(store)
        }
        try Backend.postgres.withStore { store in
            try store.write(sample)
            let fromPostgres = try Self.pages(store)
            #expect(fromPostgres.count == fromSQLite.count)
            for (index, (postgres, sqlite)) in zip(fromPostgres, fromSQLite).enumerated() {
                #expect(postgres == sqlite, "page \(index)")
            }
            // A cursor SQLite handed out reads on in PostgreSQL.
            let cursor = try #require(fromSQLite.first?.last)
            let next = try store.records(.orders, RecordQuery(cursor: cursor, limit: 7))
            #expect(next.records.map(\.keyText) == fromSQLite[1].dropLast().map { String($0.prefix { $0 != " " }) })
        }
    }

    /// Account, alert, plan, webhook and record changes, each audited.
    static func changes(_ store: any Backend.Store) throws {
        try store.write(SampleData())
        let at = fixedNow
        try store.createUser(
            User(id: UserID("manager"), displayName: "经理", role: .channelManager, partnerID: nil), passwordHash: "$2b$04$hash",
            actor: "cli:root", requestID: "r1")
        try store.createUser(
            User(id: UserID("r1-user"), displayName: "R1", role: .partnerUser, partnerID: PartnerID("R1")), passwordHash: nil,
            actor: "cli:root", requestID: nil)
        try store.setActive(UserID("r1-user"), false, actor: "cli:root", requestID: nil)
        try store.setPasswordHash(UserID("manager"), "$2b$04$other", actor: "cli:root", requestID: nil)
        try store.createAPIKey(
            APIKeyRecord(keyID: "k1", name: "ERP", owner: UserID("manager"), scopes: ["read", "kpi"], createdAt: at), secretHash: "s1",
            actor: "cli:root", requestID: nil)
        try store.revokeAPIKey("k1", at: at, actor: "cli:root", requestID: "r2")
        let raised = try store.record([AlertStoreTests.signal(), AlertStoreTests.signal("province=110000", value: 0.5)], at: at)
        let alert = try #require(raised.raised.first).id
        _ = try store.assign(alert, to: UserID("manager"), actor: "manager", requestID: nil, at: at)
        _ = try store.comment(alert, "看一下 \"this\"", actor: "manager", requestID: nil, at: at)
        let run = try store.startPlan(
            PlanStoreTests.plan, forAlert: alert, assignees: [.logistics: UserID("manager")], actor: "manager", requestID: "r3", at: at)
        _ = try store.closeTask(run.id, step: "call", skip: false, actor: "manager", requestID: nil, at: at)
        _ = try store.snooze(alert, until: Instant(millisecondsSinceEpoch: at.millisecondsSinceEpoch + 60_000), actor: "manager", requestID: nil, at: at)
        let endpoint = try store.createWebhookEndpoint(
            try NewWebhookEndpoint(name: "desk", url: "https://hooks.example.com/x", events: [], secret: "whsec_same_stores_0123"),
            actor: "manager", requestID: nil, at: at)
        _ = try store.enqueueWebhookEvent(WebhookEvent(id: "e1", kind: .alertRaised, payload: "{}", createdAt: at))
        _ = try store.deactivateWebhookEndpoint(endpoint.id, actor: "manager", requestID: nil, at: at)
        try store.delete(.complaints, key: ["C1"], ifMatch: nil, actor: "manager", requestID: "r4")
    }

    @Test func theStoresAuditTheSameEventsWithTheSameHashes() throws {
        let fromSQLite = try Backend.sqlite.withStore { store in
            try Self.changes(store)
            #expect(try store.verifyAuditChain().isIntact)
            return try store.auditEvents(after: 0, limit: 1_000)
        }
        let fromPostgres = try Backend.postgres.withStore { store in
            try Self.changes(store)
            #expect(try store.verifyAuditChain().isIntact)
            return try store.auditEvents(after: 0, limit: 1_000)
        }
        #expect(fromSQLite.count > 20)
        #expect(fromPostgres.count == fromSQLite.count)
        for (postgres, sqlite) in zip(fromPostgres, fromSQLite) { #expect(postgres == sqlite) }
    }
}
