import Foundation
import Testing

@testable import ChannelWeb

/// The partner, inventory, import and admin view models: what they render, what they escape, what they leave out.
@Suite struct ManagementPagesTests {
    static let frame = PageFrame(language: .chinese, user: .init(displayName: "a", csrfToken: "tok"), path: "/x")

    @Test func theChannelTreeNestsFoldsAndEscapes() {
        let leaf = PartnerListPage.Node(code: "P3", name: "<b>门店</b>", tier: 3, children: [])
        let middle = PartnerListPage.Node(code: "P2", name: "二级", tier: 2, children: [leaf])
        let page = PartnerListPage(
            search: "", tier: "", tiers: [1, 2, 3], matches: [], totalMatches: 0,
            roots: [.init(code: "P1", name: "一级", tier: 1, children: [middle])], isScoped: false)
        let tree = page.tree(.chinese)
        #expect(tree.components(separatedBy: "<details>").count - 1 == 2, "partners with partners below fold")
        #expect(tree.contains("下级 2 个"))
        #expect(tree.contains("&lt;b&gt;门店&lt;/b&gt;") && !tree.contains("<b>门店"))
        #expect(tree.contains("href=\"/partners/P3\""))
    }

    @Test func inventoryMarksStockOutsAndKeepsTheFilters() {
        let page = InventoryPage(
            day: "2026-10-25", salesDays: 28, locations: ["WH-11", "WH-CENTRAL"], location: "WH-11", sku: "SKU1", stockOutsOnly: true,
            skus: [.init(sku: "SKU1", name: "绿茶", onHand: 0, inTransit: 5, unitsSold: 28, daysOfCover: 0, stockOuts: 1)],
            positions: [.init(location: "WH-11", sku: "SKU1", name: "绿茶", onHand: 0, inTransit: 5)], totalPositions: 1, totalStockOuts: 1)
        let html = PageRenderer().render("inventory", page.model(.chinese), title: "库存", frame: Self.frame)
        #expect(html.contains("<option value=\"WH-11\" selected>"))
        #expect(html.contains("name=\"stockouts\" value=\"1\" checked"))
        #expect(html.contains("<td class=\"num\">缺货</td>"))
        #expect(html.contains("可售天数"))
    }

    @Test func aFailedImportShowsItsRowErrorsAndNoWrittenCounts() {
        let job = ImportJobPage(
            file: "products.csv", state: "failed", rows: 2, bytes: 10, totalBytes: 10, inserted: 1, updated: 0, unchanged: 0,
            rejected: 1, error: nil, issues: ["products.csv:3: column list_price: value 'abc' is not an amount"])
        let html = PageRenderer().render("importJob", job.model(.english), title: "Import", frame: Self.frame)
        #expect(html.contains("Not imported"))
        #expect(html.contains("products.csv:3: column list_price: value &#39;abc&#39; is not an amount") || html.contains("products.csv:3: column list_price"))
        #expect(!html.contains("Inserted"), "nothing was written, so no insert count")
        #expect(html.contains("value=\"100\""))
    }

    @Test func thePreviewPreselectsColumnsOfTheSameName() {
        let page = ImportPreviewPage(
            id: "u1", file: "products.csv", entity: "products", onError: "abort", headers: ["商品编码", "name"],
            columns: [.init(name: "sku", isRequired: true, source: ""), .init(name: "name", isRequired: true, source: "name")],
            rows: [["SKU1", "茶"]], csrfToken: "tok")
        let html = PageRenderer().render("importPreview", page.model(.chinese), title: "核对", frame: Self.frame)
        #expect(html.contains("<select id=\"map-sku\" name=\"map_sku\"><option value=\"\" selected>"))
        #expect(html.contains("<option value=\"name\" selected>name</option>"))
        #expect(html.contains("action=\"/imports/uploads/u1/start\""))
        #expect(html.contains("name=\"csrf_token\" value=\"tok\""))
    }

    @Test func theAdminPageOffersNoButtonToDisableOneself() {
        let page = AdminPage(
            users: [
                .init(id: "admin", name: "A", role: "admin", partner: "", isActive: true, isSelf: true),
                .init(id: "bob", name: "B", role: "analyst", partner: "", isActive: false),
            ],
            roles: ["admin", "analyst"], permissions: ["read", "admin"], grants: ["admin": ["read", "admin"], "analyst": ["read"]],
            scopes: ["read"], keys: [], csrfToken: "tok", newKey: "qk_secret")
        let html = PageRenderer().render("admin", page.model(.english), title: "Admin", frame: Self.frame)
        #expect(!html.contains("/admin/users/admin/disable"))
        #expect(html.contains("action=\"/admin/users/bob/enable\""))
        #expect(html.contains("<code>qk_secret</code>"))
        #expect(html.contains("Analyst") && html.contains("✓"))
    }
}
