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

/// The browser pages: sign-in by form, the dashboard in both languages, partner scoping, sign-out with CSRF.
@Suite struct WebPageTests {
    static func body(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// Signs in through the form; returns the session cookie.
    static func signIn(_ client: some TestClientProtocol, as user: String, password: String = ServerFixture.password) async throws -> String? {
        let form = "user_id=\(user)&password=\(password.replacingOccurrences(of: " ", with: "+"))&next=%2F"
        return try await client.execute(
            uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)
        ) { response in
            guard response.status == .seeOther else { return nil }
            return response.headers[values: .setCookie].first { $0.hasPrefix("qudao_session=") }.map { String($0.split(separator: ";")[0]) }
        }
    }

    @Test func anAnonymousVisitorIsSentToTheSignInPageInChinese() async throws {
        let app = try buildApplication()
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=%2F&lang=zh")
            }
            try await client.execute(uri: "/login", method: .get) { response in
                #expect(response.status == .ok)
                let html = Self.body(response)
                #expect(html.contains("<html lang=\"zh-CN\">"))
                #expect(html.contains("登录"))
                #expect(html.contains("<label for=\"password\">密码</label>"))
                #expect(!html.contains("http://") && !html.contains("https://"), "no asset from elsewhere")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
            try await client.execute(uri: "/login?lang=en", method: .get) { response in
                let html = Self.body(response)
                #expect(html.contains("<html lang=\"en\">"))
                #expect(html.contains("Log in"))
                #expect(html.contains("href=\"/login?lang=zh\""), "the switch back to Chinese")
            }
        }
    }

    @Test func aWrongPasswordShowsTheErrorAndSetsNoSession() async throws {
        let app = try buildApplication()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/login?lang=en", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "user_id=admin&password=wrong")
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(Self.body(response).contains("role=\"alert\""))
                #expect(Self.body(response).contains("Wrong user ID or password"))
                #expect(!response.headers[values: .setCookie].contains { $0.hasPrefix("qudao_session=") })
            }
        }
    }

    @Test func theDashboardShowsTilesChartsAndPartnersInBothLanguages() async throws {
        let app = try buildApplication()
        try await app.test(.router) { client in
            let cookie = try #require(try await Self.signIn(client, as: "manager"))
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let html = Self.body(response)
                #expect(html.contains("驾驶舱"))
                #expect(html.contains("净销售额"))
                #expect(html.contains("class=\"tile\""))
                #expect(html.components(separatedBy: "<svg").count - 1 >= 4, "trend, map and two partner charts")
                #expect(html.contains("¥"))
                #expect(html.contains("name=\"csrf_token\""))
            }
            try await client.execute(uri: "/?lang=en&map=return_rate", method: .get, headers: [.cookie: cookie]) { response in
                let html = Self.body(response)
                #expect(html.contains("Dashboard"))
                #expect(html.contains("Net sales"))
                #expect(html.contains("<option value=\"return_rate\" selected>"))
                #expect(html.contains("%"))
            }
            try await client.execute(uri: "/assets/qudao.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
        }
    }

    @Test func aPartnerUserSeesOnlyTheirOwnPartnersOnTheDashboard() async throws {
        let fixture = try ServerFixture.shared.get()
        let store = try SQLiteChannelStore(path: fixture.databasePath)
        let foreign = try #require(
            try store.records(.partners, RecordQuery(filters: ["partner_id": fixture.foreignPartner], limit: 1)).records.first?["name"])
        let app = try buildApplication()
        try await app.test(.router) { client in
            let cookie = try #require(try await Self.signIn(client, as: "partner"))
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                let html = Self.body(response)
                #expect(response.status == .ok)
                #expect(html.contains("仅显示您所属伙伴及其下游的数据"))
                #expect(!html.contains(">\(foreign)<") && !html.contains(">\(foreign)</title>"), "a partner outside the user's tree")
            }
        }
    }

    @Test func signingOutNeedsTheSessionsCSRFToken() async throws {
        let app = try buildApplication()
        try await app.test(.router) { client in
            let cookie = try #require(try await Self.signIn(client, as: "analyst"))
            let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { Self.body($0) }
            let token = try #require(page.range(of: "name=\"csrf_token\" value=\"").map { page[$0.upperBound...].prefix { $0 != "\"" } })
            let form: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "csrf_token=forged")) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "csrf_token=\(token)")) { response in
                #expect(response.status == .seeOther)
            }
            // The session is over: the dashboard sends the browser back to the sign-in page.
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .seeOther)
            }
        }
    }

    private func buildApplication() throws -> some ApplicationProtocol {
        try ServerFixture.shared.get().server().application(logger: .init(label: "test"))
    }
}
