import Testing

@testable import ChannelWeb

/// Templates parse, pages render in both languages, and what users typed is escaped.
@Suite struct PageRenderingTests {
    @Test func everyTemplateParses() {
        #expect(PageRenderer().templateErrors.isEmpty, "\(PageRenderer().templateErrors)")
    }

    @Test func everyTextHasBothLanguages() {
        for (key, texts) in UIText.entries {
            #expect(!texts.0.isEmpty && !texts.1.isEmpty, "\(key)")
            #expect(texts.0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } || texts.0 == texts.1, "\(key) has no Chinese")
        }
    }

    @Test func theLoginPageEscapesWhatWasTyped() {
        let frame = PageFrame(language: .english, user: nil, path: "/login")
        let html = PageRenderer().render(
            "login", LoginPage(userID: "<script>alert(1)</script>\"", failure: .wrongCredentials).model(.english), title: "Log in",
            frame: frame)
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("Wrong user ID or password"))
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("href=\"/login?lang=zh\""))
    }

    @Test func onlyLocalPathsAreFollowedAfterSigningIn() {
        #expect(LoginPage.safeNext("/?map=orders") == "/?map=orders")
        #expect(LoginPage.safeNext("https://evil.example/") == "/")
        #expect(LoginPage.safeNext("//evil.example/") == "/")
        #expect(LoginPage.safeNext("/\\evil.example") == "/")
    }

    @Test func aSignedInPageShowsTheUserAndTheSignOutForm() {
        let frame = PageFrame(
            language: .chinese, user: .init(displayName: "张<三>", csrfToken: "tok123"), path: "/", permissions: ["read"])
        let html = PageRenderer().render("notFound", [:], title: "页面不存在", frame: frame)
        #expect(html.contains("张&lt;三&gt;"))
        #expect(html.contains("name=\"csrf_token\" value=\"tok123\""))
        #expect(html.contains("aria-current=\"page\""))
        #expect(html.contains("退出"))
    }

    @Test func theDashboardModelFormatsTilesAndMarksGoodAndBadChanges() {
        let page = DashboardPage(
            from: "2026-10-02", to: "2026-10-31",
            tiles: [
                .init(label: "净销售额", value: 1_234_567.891, previous: 1_000_000, format: .money),
                .init(label: "退货率", value: 0.12, previous: 0.10, format: .rate, higherIsBetter: false),
                .init(label: "订单数", value: 10, previous: nil, format: .count),
            ],
            months: ["2026-09", "2026-10"], monthly: [1, 2], monthlyYearBefore: [nil, 1],
            mapChoices: [.init(code: "net_sales", label: "净销售额", format: .money)], mapChoice: "net_sales",
            provinces: ["310000": 5, "440000": 9], top: [.init(label: "甲", value: 9)], bottom: [.init(label: "乙", value: 1)],
            isScoped: false)
        let model = page.model(.chinese)
        let tiles = model["tiles"] as? [[String: Any]] ?? []
        #expect(tiles.count == 3)
        #expect(tiles.first?["value"] as? String == "¥1,234,568")
        #expect(tiles.first?["change"] as? String == "+23.5%")
        #expect(tiles.first?["direction"] as? String == "good")
        #expect(tiles[1]["direction"] as? String == "bad", "a higher return rate is bad news")
        #expect(tiles[1]["value"] as? String == "12.0%")
        #expect(tiles[2]["change"] as? String == "—")
        let html = PageRenderer().render("dashboard", model, title: "驾驶舱", frame: PageFrame(language: .chinese, user: nil, path: "/"))
        #expect(html.contains("<svg"))
        #expect(html.contains("2026-10-02"))
    }

    @Test func numbersAreGroupedAndRounded() {
        #expect(ValueFormat.grouped(1_234_567.5, decimals: 0) == "1,234,568")
        #expect(ValueFormat.grouped(-1234.5, decimals: 1) == "-1,234.5")
        #expect(ValueFormat.grouped(0.05, decimals: 2) == "0.05")
        #expect(ValueFormat.money.text(12.5, .english) == "¥12.50")
        #expect(ValueFormat.rate.text(0.1534, .english) == "15.3%")
        #expect(ValueFormat.hours.text(3, .chinese) == "3.0 小时")
        #expect(ValueFormat.change(-0.04) == "−4.0%")
        #expect(ValueFormat.money.text(nil, .english) == "—")
    }
}
