import ChannelAnalytics
import ChannelWeb
import Hummingbird

/// The inventory page. Stock is held at the brand's warehouses and belongs to no partner (the record API hides it
/// from partner users too), so the page is for staff who see every partner.
struct InventoryWebRoutes {
    let engine: AnalyticsEngine

    func register(on web: WebRouter) {
        web.get("/inventory", requires: .allPartners) { page in
            let inventory = try InventoryData.page(
                try await engine.latestSnapshot(), location: page.query("location") ?? "", sku: page.query("sku") ?? "",
                stockOutsOnly: page.query("stockouts") != nil)
            return page.render("inventory", inventory.model(page.language), title: UIText.text("inventory", page.language))
        }
    }
}
