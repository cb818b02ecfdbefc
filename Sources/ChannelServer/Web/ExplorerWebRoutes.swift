import ChannelAnalytics
import ChannelWeb
import Hummingbird

/// The KPI explorer page and its CSV and XLSX downloads (the same question, every row).
struct ExplorerWebRoutes {
    let engine: AnalyticsEngine
    let cubes: CubeAnswers

    func register(on web: WebRouter) {
        web.get("/explorer", requires: .kpi) { page in
            let data = await ExplorerData(page, snapshot: try await engine.latestSnapshot(), cubes: cubes)
            return page.render(
                "explorer", data.page.model(page.language), title: UIText.text("explorer", page.language),
                status: data.error == nil ? .ok : .badRequest)
        }
        web.get("/explorer/export.csv", requires: .kpi) { page in
            let table = try await export(page)
            return WebResponse.download(CSVExport.bytes(table), type: "text/csv; charset=utf-8", filename: "qudao-kpi.csv")
        }
        web.get("/explorer/export.xlsx", requires: .kpi) { page in
            let table = try await export(page)
            return WebResponse.download(try XLSXExport.bytes(table), type: XLSXExport.contentType, filename: "qudao-kpi.xlsx")
        }
    }

    private func export(_ page: WebPage) async throws -> ExportTable {
        let data = await ExplorerData(page, snapshot: try await engine.latestSnapshot(), cubes: cubes, forExport: true)
        guard let result = data.result else { throw APIError.invalid(data.error ?? "the question has no answer") }
        return ExplorerPage.export(result, title: UIText.text("explorer", page.language), language: page.language)
    }
}
