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

/// The pages beyond the dashboard, through the server: the explorer and its downloads, the order list and page,
/// partners, inventory, an import with a mapping and a bad row, and the admin forms.
@Suite struct WebFeatureTests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture.shared.get() }

    static func csrf(in html: String) -> String? {
        html.range(of: "name=\"csrf_token\" value=\"").map { String(html[$0.upperBound...].prefix { $0 != "\"" }) }
    }

    @Test func theExplorerAnswersInTheURLAndDownloadsTheSameRows() async throws {
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let cookie = try #require(try await WebPageTests.signIn(client, as: "analyst"))
            let query = "m=net_sales&m=orders&d1=province&compare=year&from=2026-01-01&to=2026-06-30"
            try await client.execute(uri: "/explorer?\(query)", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let html = WebPageTests.body(response)
                #expect(html.contains("value=\"net_sales\" checked") && html.contains("value=\"orders\" checked"))
                #expect(html.contains("<option value=\"province\" selected>"))
                #expect(html.contains("value=\"2026-01-01\""))
                #expect(html.contains("<svg"), "a chart")
                #expect(html.contains("合计"))
                #expect(html.contains("/explorer/export.xlsx?"))
            }
            try await client.execute(uri: "/explorer/export.csv?\(query)&lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
                let bytes = Array(response.body.readableBytesView)
                #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
                let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
                #expect(text.hasPrefix("Province code,Province,Net sales,Net sales (before),Net sales change,Orders,"))
                #expect(text.split(separator: "\r\n").count > 5)
            }
            try await client.execute(uri: "/explorer/export.xlsx?\(query)", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            }
            try await client.execute(uri: "/explorer?m=no_such_measure&d1=month", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest)
                #expect(WebPageTests.body(response).contains("role=\"alert\">unknown measure"))
            }
        }
    }

    @Test func theOrderListPagesByCursorAndTheOrderPageShowsItsLife() async throws {
        let store = try SQLiteChannelStore(path: fixture.databasePath)
        let delivered = try #require(try store.records(.orders, RecordQuery(filters: ["status": "delivered"], limit: 1)).records.first)
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let cookie = try #require(try await WebPageTests.signIn(client, as: "manager"))
            let first = try await client.execute(uri: "/orders?status=delivered", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                return WebPageTests.body(response)
            }
            let orders = WebPageMatrixTests.links(in: first, prefix: "/orders/")
            #expect(orders.count == 50)
            #expect(first.components(separatedBy: "已签收").count - 1 >= 50)
            let pager = try #require(first.range(of: "\" rel=\"next\""))
            let next = String(first[..<pager.lowerBound].split(separator: "\"").last ?? "")
            #expect(next.hasPrefix("/orders?") && next.contains("cursor="))
            let second = try await client.execute(
                uri: next.replacingOccurrences(of: "&amp;", with: "&"), method: .get, headers: [.cookie: cookie]
            ) { WebPageTests.body($0) }
            #expect(WebPageMatrixTests.links(in: second, prefix: "/orders/").isDisjoint(with: orders), "the next page goes on")
            try await client.execute(uri: "/orders/\(delivered.key[0])?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                let html = WebPageTests.body(response)
                #expect(response.status == .ok)
                #expect(html.contains("Timeline") && html.contains("<li class=\"done\"><span class=\"step\">Delivered</span>"))
                #expect(html.contains("Lines") && html.contains("¥"))
                #expect(html.contains("Audit history"))
            }
            try await client.execute(uri: "/orders?from=2026-13-01", method: .get, headers: [.cookie: cookie]) { response in
                #expect(WebPageTests.body(response).contains("role=\"alert\""))
            }
        }
    }

    @Test func partnersHaveATreeASearchAndAScorecard() async throws {
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let cookie = try #require(try await WebPageTests.signIn(client, as: "manager"))
            try await client.execute(uri: "/partners", method: .get, headers: [.cookie: cookie]) { response in
                let html = WebPageTests.body(response)
                #expect(html.contains("渠道层级树") && html.contains("<details>"))
            }
            try await client.execute(uri: "/partners?q=\(fixture.ownPartner)", method: .get, headers: [.cookie: cookie]) { response in
                let html = WebPageTests.body(response)
                #expect(html.contains("href=\"/partners/\(fixture.ownPartner)\""))
                #expect(!html.contains("<details>"), "a search shows the matches, not the tree")
            }
            try await client.execute(uri: "/partners/\(fixture.ownPartner)?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                let html = WebPageTests.body(response)
                #expect(response.status == .ok)
                #expect(html.contains("Scorecard") && html.contains("Win-win index") && html.contains("Sales growth"))
                #expect(html.contains("Downstream partners") && html.contains("Latest orders") && html.contains("Outlets"))
                #expect(html.contains("<svg"))
            }
        }
    }

    @Test func inventoryShowsStockDaysOfCoverAndStockOuts() async throws {
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let cookie = try #require(try await WebPageTests.signIn(client, as: "analyst"))
            try await client.execute(uri: "/inventory", method: .get, headers: [.cookie: cookie]) { response in
                let html = WebPageTests.body(response)
                #expect(response.status == .ok)
                #expect(html.contains("可售天数") && html.contains("在库") && html.contains("缺货"))
                #expect(html.contains("WH-"))
            }
            try await client.execute(uri: "/inventory?stockouts=1&lang=en", method: .get, headers: [.cookie: cookie]) { response in
                let html = WebPageTests.body(response)
                #expect(html.contains("Stock-outs only") && html.contains(" checked"))
            }
        }
    }

    @Test func planningShowsAForecastOrdersAndBacktestsAndRunsOne() async throws {
        let app = try fixture.server(path: try fixture.copy()).application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let cookie = try #require(try await WebPageTests.signIn(client, as: "manager"))
            let page = try await client.execute(uri: "/planning?level=total-national&horizon=14", method: .get, headers: [.cookie: cookie]) { response in
                let html = WebPageTests.body(response)
                #expect(response.status == .ok)
                #expect(html.contains("需求计划") && html.contains("补货建议") && html.contains("尚无回测记录"))
                #expect(html.contains("<svg") && html.contains("total|national"))
                #expect(html.components(separatedBy: "<td").count > 14 * 4, "a row per forecast day")
                return html
            }
            let token = try #require(Self.csrf(in: page))
            let form = "csrf_token=\(token)&level=category-national&method=seasonal-naive&horizon=7&origins=2"
            try await client.execute(
                uri: "/planning/backtests?lang=en", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)
            ) { response in
                let html = WebPageTests.body(response)
                #expect(response.status == .ok)
                #expect(html.contains("The backtest ran and was saved.") && html.contains("category-national") && html.contains("seasonal-naive"))
            }
            try await client.execute(
                uri: "/planning/backtests?lang=en", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf_token=\(token)&origins=99")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(WebPageTests.body(response).contains("origins must be from 1 to 20, not 99"))
            }
            try await client.execute(uri: "/planning?horizon=abc&lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest)
                #expect(WebPageTests.body(response).contains("horizon must be a number from 1 to 366"))
            }
        }
    }

    @Test func anAlertIsWorkedFromItsPageAndItsPlanStarted() async throws {
        let app = try fixture.server(path: try fixture.copy()).application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let cookie = try #require(try await WebPageTests.signIn(client, as: "manager"))
            let manager = try #require(try await Session.signIn(client, as: "manager"))
            try await client.execute(uri: "/api/v1/alerts/evaluate", method: .post, headers: manager.headers) { #expect($0.status == .ok) }
            let list = try await client.execute(uri: "/alerts?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                return WebPageTests.body(response)
            }
            #expect(list.contains("Alerts (newest first)") && list.contains("/assets/alerts.js") && list.contains("data-stream"))
            let link = try #require(list.range(of: #"/alerts/[0-9]+"#, options: .regularExpression).map { String(list[$0]) })
            let page = try await client.execute(uri: link, method: .get, headers: [.cookie: cookie]) { WebPageTests.body($0) }
            #expect(page.contains("应急预案") && page.contains("尚未启动预案"))
            let token = try #require(Self.csrf(in: page))
            let form: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "\(link)/change", method: .post, headers: form, body: ByteBuffer(string: "csrf_token=\(token)&action=ack")) { response in
                #expect(response.status == .seeOther && response.headers[.location]?.hasPrefix(link) == true)
            }
            try await client.execute(uri: "\(link)/change", method: .post, headers: form, body: ByteBuffer(string: "csrf_token=\(token)&action=ack")) { response in
                #expect(response.status == .conflict)
                #expect(WebPageTests.body(response).contains("only an open or snoozed alert can be acknowledged"))
            }
            try await client.execute(uri: "\(link)/change", method: .post, headers: form, body: ByteBuffer(string: "csrf_token=\(token)&action=comment&text=%E5%B7%B2%E8%81%94%E7%B3%BB")) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "\(link)/plans", method: .post, headers: form, body: ByteBuffer(string: "csrf_token=\(token)")) { response in
                #expect(response.status == .seeOther)
            }
            let planned = try await client.execute(uri: link, method: .get, headers: [.cookie: cookie]) { WebPageTests.body($0) }
            #expect(planned.contains("已确认") && planned.contains("已联系") && planned.contains("plan_started"))
            let task = try #require(planned.range(of: #"/runs/[0-9]+/tasks/[a-z0-9_-]+"#, options: .regularExpression).map { String(planned[$0]) })
            try await client.execute(uri: "\(link)\(task)", method: .post, headers: form, body: ByteBuffer(string: "csrf_token=\(token)&action=done")) { response in
                #expect(response.status == .seeOther)
            }
            let done = try await client.execute(uri: link, method: .get, headers: [.cookie: cookie]) { WebPageTests.body($0) }
            #expect(done.contains("按时完成") && done.contains("task_done"))
            try await client.execute(uri: "\(link)/change", method: .post, headers: form, body: ByteBuffer(string: "csrf_token=wrong&action=resolve")) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func anUploadIsPreviewedMappedAndItsBadRowIsReported() async throws {
        let server = try ServerFixture.shared.get().server(path: try fixture.copy())
        let app = server.application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let cookie = try #require(try await WebPageTests.signIn(client, as: "manager"))
            let page = try await client.execute(uri: "/imports", method: .get, headers: [.cookie: cookie]) { WebPageTests.body($0) }
            let token = try #require(Self.csrf(in: page))
            let csv = "商品编码,name,category,list_price,unit_cost,weight_kg,launched_on\r\nSKU-WEB-1,测试茶,茶饮,12.50,8.00,0.500,2026-01-01\r\nSKU-WEB-2,坏价格,茶饮,abc,8.00,0.500,2026-01-01\r\n"
            let boundary = "----qudaotest"
            var body = ""
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(token)\r\n"
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"entity\"\r\n\r\n\r\n"
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"on_error\"\r\n\r\nabort\r\n"
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"products.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n"
            body += "--\(boundary)--\r\n"
            let preview = try await client.execute(
                uri: "/imports/upload", method: .post,
                headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .seeOther)
                return try #require(response.headers[.location])
            }
            #expect(preview.hasPrefix("/imports/uploads/"))
            try await client.execute(uri: preview, method: .get, headers: [.cookie: cookie]) { response in
                let html = WebPageTests.body(response)
                #expect(html.contains("SKU-WEB-2") && html.contains("商品编码"), "the preview shows the file's rows")
                #expect(html.contains("<select id=\"map-sku\" name=\"map_sku\"><option value=\"\" selected>"), "no column is named sku")
            }
            let form = "csrf_token=\(token)&map_sku=%E5%95%86%E5%93%81%E7%BC%96%E7%A0%81&map_name=name&map_category=category&map_list_price=list_price&map_unit_cost=unit_cost&map_weight_kg=weight_kg&map_launched_on=launched_on"
            let job = try await client.execute(
                uri: preview + "/start", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .seeOther)
                return try #require(response.headers[.location])
            }
            var html = ""
            for _ in 0..<100 {
                html = try await client.execute(uri: job, method: .get, headers: [.cookie: cookie]) { WebPageTests.body($0) }
                if !html.contains("导入中") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(html.contains("未导入"), "nothing is written under abort")
            #expect(html.contains("products.csv:3") && html.contains("list_price"), "the bad row is named with its line and column")
            // Without the token the upload is refused.
            try await client.execute(
                uri: "/imports/upload", method: .post,
                headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=\(boundary)"],
                body: ByteBuffer(string: body.replacingOccurrences(of: token, with: "forged"))
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func theAdminCreatesAUserAndAKeyShownOnce() async throws {
        let server = try ServerFixture.shared.get().server(path: try fixture.copy())
        let app = server.application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let cookie = try #require(try await WebPageTests.signIn(client, as: "admin"))
            let page = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: cookie]) { WebPageTests.body($0) }
            #expect(page.contains("角色与权限") && page.contains("API 密钥"))
            let token = try #require(Self.csrf(in: page))
            let headers: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
            let user = "csrf_token=\(token)&user_id=webuser&display_name=Web+User&role=analyst&partner_id=&password=\(ServerFixture.password.replacingOccurrences(of: " ", with: "+"))"
            try await client.execute(uri: "/admin/users", method: .post, headers: headers, body: ByteBuffer(string: user)) { response in
                #expect(response.status == .ok)
                #expect(WebPageTests.body(response).contains("<td>webuser</td>"))
            }
            try await client.execute(
                uri: "/admin/users", method: .post, headers: headers,
                body: ByteBuffer(string: "csrf_token=\(token)&user_id=weak&display_name=Weak&role=analyst&partner_id=&password=1")
            ) { response in
                #expect(WebPageTests.body(response).contains("role=\"alert\""))
            }
            let key = "csrf_token=\(token)&user_id=webuser&name=erp&scopes[]=read&scopes[]=kpi&expires_in_days=30"
            try await client.execute(uri: "/admin/api-keys", method: .post, headers: headers, body: ByteBuffer(string: key)) { response in
                let html = WebPageTests.body(response)
                #expect(html.contains("class=\"secret\"") && html.contains("<code>qk_"))
            }
            try await client.execute(uri: "/admin", method: .get, headers: [.cookie: cookie]) { response in
                #expect(!WebPageTests.body(response).contains("<code>qk_"), "the secret is shown once")
            }
            try await client.execute(
                uri: "/admin/users/webuser/disable", method: .post, headers: headers, body: ByteBuffer(string: "csrf_token=forged")
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}
