import Testing

@testable import ChannelWeb

/// The order pages' view models: the timeline follows the status, lists link to orders and partners.
@Suite struct OrderPageTests {
    static func order(status: String, shipped: String = "", delivered: String = "") -> OrderPage {
        OrderPage(
            id: "SO000000001", partnerCode: "P001", partnerName: "华东贸易", outlet: "O1", channel: "offline", status: status,
            orderedAt: "2026-10-01 09:00", promisedAt: "", shippedAt: shipped, deliveredAt: delivered,
            lines: [.init(number: "1", sku: "SKU1", product: "绿茶", quantity: "2", unitPrice: "10.00", discount: "0.10", returned: "0", netValue: "18.00")],
            shipments: [], changes: [])
    }

    @Test(arguments: [
        ("pending", ["done", "open", "open", "open"]),
        ("shipped", ["done", "done", "done", "open"]),
        ("delivered", ["done", "done", "done", "done"]),
        ("returned", ["done", "done", "done", "done", "done"]),
        ("cancelled", ["done", "open", "done"]),
    ])
    func theTimelineFollowsTheStatus(status: String, states: [String]) {
        let steps = Self.order(status: status).timeline(.english)
        #expect(steps.compactMap { $0["state"] as? String } == states, "\(status)")
    }

    @Test func theOrderPageShowsLinesTimelineAndTheEmptyAuditNote() {
        let html = PageRenderer().render(
            "order", Self.order(status: "delivered", shipped: "2026-10-02 10:00", delivered: "2026-10-03 10:00").model(.chinese),
            title: "订单", frame: PageFrame(language: .chinese, user: .init(displayName: "a", csrfToken: "t"), path: "/orders/SO1"))
        #expect(html.contains("已签收"))
        #expect(html.contains("¥18.00"))
        #expect(html.contains("href=\"/partners/P001\""))
        #expect(html.contains("此订单导入后没有变更"))
    }

    @Test func theListLinksOrdersAndPartnersAndKeepsTheFilters() {
        let page = OrderListPage(
            filters: .init(status: "shipped", partner: "P001"),
            orders: [.init(id: "SO 1", orderedAt: "2026-10-01 09:00", partnerCode: "P001", partnerName: "华东贸易", outlet: "", channel: "online", status: "shipped")],
            next: "/orders?cursor=abc", isScoped: true)
        let html = PageRenderer().render(
            "orders", page.model(.chinese), title: "订单",
            frame: PageFrame(language: .chinese, user: .init(displayName: "a", csrfToken: "t"), path: "/orders"))
        #expect(html.contains("href=\"/orders/SO%201\""))
        #expect(html.contains("华东贸易 (P001)"))
        #expect(html.contains("<option value=\"shipped\" selected>已发货</option>"))
        #expect(html.contains("rel=\"next\""))
        #expect(html.contains("仅显示您所属伙伴及其下游的数据"))
    }
}
