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

/// Every page x every role: anonymous visitors are sent to sign in, a role without the page's permission gets the
/// "not allowed" page (403), and every other role gets the page (200). Then the partner user's scope: another
/// partner's pages are "not found" and lists hold only the user's own tree.
@Suite struct WebPageMatrixTests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture.shared.get() }

    static let roles: [(user: String, role: UserRole)] = [
        ("admin", .admin), ("manager", .channelManager), ("analyst", .analyst), ("partner", .partnerUser), ("client", .apiClient),
    ]

    /// An order of the fixture partner's own tree.
    func ownOrder() throws -> String {
        let store = try SQLiteChannelStore(path: fixture.databasePath)
        return try #require(try store.records(.orders, RecordQuery(limit: 1, partnerScope: [fixture.ownPartner])).records.first?.key.first)
    }

    func foreignOrder() throws -> String {
        let store = try SQLiteChannelStore(path: fixture.databasePath)
        return try #require(try store.records(.orders, RecordQuery(limit: 1, partnerScope: [fixture.foreignPartner])).records.first?.key.first)
    }

    @Test func everyPageAnswersEveryRoleAsItsPermissionSays() async throws {
        let pages: [(path: String, permission: Permission)] = [
            ("/", .read), ("/explorer", .kpi), ("/explorer/export.csv", .kpi), ("/explorer/export.xlsx", .kpi),
            ("/partners", .read), ("/partners/\(fixture.ownPartner)", .read), ("/orders", .read), ("/orders/\(try ownOrder())", .read),
            ("/inventory", .allPartners), ("/planning", .allPartners), ("/alerts", .allPartners), ("/imports", .import),
            ("/admin", .admin),
        ]
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            var cookies: [String: String] = [:]
            for (user, _) in Self.roles {
                let cookie: String = try #require(try await WebPageTests.signIn(client, as: user))
                cookies[user] = cookie
            }
            for page in pages {
                try await client.execute(uri: page.path, method: .get) { response in
                    #expect(response.status == .seeOther, "\(page.path) anonymous")
                    #expect(response.headers[.location]?.hasPrefix("/login?next=") == true, "\(page.path) anonymous")
                }
                for (user, role) in Self.roles {
                    let allowed = Permission.granted(to: role).contains(page.permission)
                    try await client.execute(uri: page.path, method: .get, headers: [.cookie: cookies[user] ?? ""]) { response in
                        #expect(response.status == (allowed ? .ok : .forbidden), "\(page.path) as \(user): \(response.status)")
                        if !allowed { #expect(WebPageTests.body(response).contains("无权访问"), "\(page.path) as \(user)") }
                    }
                }
            }
        }
    }

    @Test func formsRefuseAnonymousCallersAndRolesWithoutThePermission() async throws {
        let forms: [(path: String, permission: Permission)] = [
            ("/admin/users", .admin), ("/admin/users/analyst/disable", .admin), ("/admin/api-keys", .admin),
            ("/admin/api-keys/NONE/revoke", .admin), ("/imports/upload", .import), ("/imports/uploads/NONE/start", .import),
            ("/planning/backtests", .allPartners), ("/alerts/1/change", .write), ("/alerts/1/plans", .write),
            ("/alerts/1/runs/1/tasks/assess", .write),
        ]
        let app = try fixture.server(path: try fixture.copy()).application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            for (user, role) in Self.roles where !Permission.granted(to: role).contains(.admin) {
                let cookie: String = try #require(try await WebPageTests.signIn(client, as: user))
                var headers = form
                headers[.cookie] = cookie
                for page in forms where !Permission.granted(to: role).contains(page.permission) {
                    try await client.execute(
                        uri: page.path, method: .post, headers: headers, body: ByteBuffer(string: "csrf_token=x")
                    ) { response in
                        #expect(response.status == .forbidden, "POST \(page.path) as \(user): \(response.status)")
                    }
                }
            }
            for page in forms {
                try await client.execute(uri: page.path, method: .post, headers: form, body: ByteBuffer(string: "csrf_token=x")) { response in
                    #expect(response.status == .unauthorized, "POST \(page.path) anonymous: \(response.status)")
                }
            }
        }
    }

    @Test func aPartnerUserFindsNoOtherPartnersPagesOrOrders() async throws {
        let store = try SQLiteChannelStore(path: fixture.databasePath)
        let foreignName = try #require(
            try store.records(.partners, RecordQuery(filters: ["partner_id": fixture.foreignPartner], limit: 1)).records.first?["name"])
        let ownOrders = Set(try store.records(.orders, RecordQuery(limit: 1000, partnerScope: [fixture.ownPartner])).records.map { $0.key[0] })
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let cookie = try #require(try await WebPageTests.signIn(client, as: "partner"))
            for path in ["/partners/\(fixture.foreignPartner)", "/orders/\(try foreignOrder())", "/orders/NO-SUCH-ORDER"] {
                try await client.execute(uri: path, method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .notFound, "\(path)")
                    #expect(WebPageTests.body(response).contains("页面不存在"))
                }
            }
            try await client.execute(uri: "/partners", method: .get, headers: [.cookie: cookie]) { response in
                let html = WebPageTests.body(response)
                #expect(html.contains(fixture.ownPartner))
                #expect(!html.contains(fixture.foreignPartner) && !html.contains(foreignName), "another partner in the list or tree")
            }
            try await client.execute(uri: "/orders", method: .get, headers: [.cookie: cookie]) { response in
                let listed = Self.links(in: WebPageTests.body(response), prefix: "/orders/")
                #expect(!listed.isEmpty)
                #expect(listed.isSubset(of: ownOrders), "orders outside the user's tree: \(listed.subtracting(ownOrders))")
            }
            // Asking the explorer for another partner's figures gives nothing of theirs.
            try await client.execute(
                uri: "/explorer/export.csv?m=net_sales&d1=partner&partner=\(fixture.foreignPartner)", method: .get, headers: [.cookie: cookie]
            ) { response in
                #expect(response.status == .ok)
                #expect(!WebPageTests.body(response).contains(foreignName))
            }
            try await client.execute(uri: "/explorer?m=net_sales&d1=partner", method: .get, headers: [.cookie: cookie]) { response in
                #expect(!WebPageTests.body(response).contains(foreignName))
            }
        }
    }

    /// The targets of `href="<prefix>..."` links in a page.
    static func links(in html: String, prefix: String) -> Set<String> {
        var found: Set<String> = []
        var rest = html[...]
        while let range = rest.range(of: "href=\"\(prefix)") {
            let tail = rest[range.upperBound...]
            let target = tail.prefix { $0 != "\"" && $0 != "?" }
            if !target.isEmpty { found.insert(String(target).removingPercentEncoding ?? String(target)) }
            rest = tail
        }
        return found
    }
}
