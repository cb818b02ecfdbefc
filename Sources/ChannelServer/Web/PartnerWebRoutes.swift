import ChannelAnalytics
import ChannelWeb
import Hummingbird

/// The partner list with the channel tree, and the partner page with its scorecard. A partner user finds only their
/// own partner and those below it; any other partner is "not found".
struct PartnerWebRoutes {
    let store: any QudaoServer.Store
    let engine: AnalyticsEngine
    let cubes: CubeAnswers

    func register(on web: WebRouter) {
        web.get("/partners") { page in
            let data = PartnerData(store: store, snapshot: try await engine.latestSnapshot(), cubes: cubes, language: page.language)
            let list = try data.list(search: page.query("q") ?? "", tier: page.query("tier") ?? "", scope: page.scope)
            return page.render("partners", list.model(page.language), title: UIText.text("partners", page.language))
        }
        web.get("/partners/{partner_id}") { page in
            let code = try page.parameter("partner_id")
            let data = PartnerData(store: store, snapshot: try await engine.latestSnapshot(), cubes: cubes, language: page.language)
            guard let partner = try await data.page(code, scope: page.scope) else { throw APIError.notFound("there is no partner \(code)") }
            return page.render("partner", partner.model(page.language), title: partner.name)
        }
    }
}
