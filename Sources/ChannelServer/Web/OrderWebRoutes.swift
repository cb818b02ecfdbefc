import ChannelAnalytics
import ChannelWeb
import Hummingbird

/// The order list and the order page. A partner user lists and opens only orders of their own tree; another
/// partner's order is "not found", exactly like one that does not exist.
struct OrderWebRoutes {
    let store: any QudaoServer.Store
    let engine: AnalyticsEngine

    func register(on web: WebRouter) {
        web.get("/orders") { page in
            let list = try await data().list(page)
            return page.render("orders", list.model(page.language), title: UIText.text("orders", page.language))
        }
        web.get("/orders/{order_id}") { page in
            let id = try page.parameter("order_id")
            guard let order = try await data().order(id, scope: page.scope) else { throw APIError.notFound("there is no order \(id)") }
            return page.render("order", order.model(page.language), title: UIText.text("order", page.language) + " " + id)
        }
    }

    private func data() async throws -> OrderData {
        OrderData(store: store, partnerNames: PartnerNames.of(try await engine.latestSnapshot()))
    }
}
