import ChannelAnalytics
import ChannelCore
import ChannelStore
import ChannelWeb
import Foundation

/// The partner pages' data. Master data and KPIs come from one engine snapshot (partners are a few thousand rows);
/// what a partner user may see is decided by the store's partner scope, the same rule the record API applies.
struct PartnerData {
    let store: any QudaoServer.Store
    let snapshot: FactSnapshot
    let cubes: CubeAnswers
    let language: Language

    /// Days the scorecard covers (against as many days before): the win-win index's 91 days (KPIS.md).
    static let scorecardDays = 91

    /// The partner codes a scoped user may see (their partner and everything below it); nil for staff.
    func visibleCodes(_ scope: [String]?) throws -> Set<String>? {
        guard let scope else { return nil }
        var codes: Set<String> = []
        var cursor: String?
        repeat {
            let page = try store.records(.partners, RecordQuery(cursor: cursor, limit: RecordQuery.maximumLimit, partnerScope: scope))
            codes.formUnion(page.records.compactMap { $0["partner_id"] })
            cursor = page.nextCursor
        } while cursor != nil
        return codes
    }

    /// The partners a user may see, by index in the snapshot's partner table.
    private func visible(_ codes: Set<String>?) -> [Int] {
        let partners = snapshot.dimensions.partners
        return partners.code.indices.filter { codes?.contains(partners.code[$0]) ?? true }
    }

    private func summary(_ p: Int) -> PartnerListPage.Partner {
        let d = snapshot.dimensions
        let parent = Int(d.partners.parent[p])
        let region = Int(d.partners.region[p])
        return PartnerListPage.Partner(
            code: d.partners.code[p], name: d.partners.name[p], tier: Int(d.partners.tier[p]), kind: d.partners.kind[p].rawValue,
            channel: d.partners.channel[p].rawValue, region: region >= 0 ? d.regions.name[region] : "",
            status: d.partners.status[p].rawValue, parentCode: parent >= 0 ? d.partners.code[parent] : "",
            parentName: parent >= 0 ? d.partners.name[parent] : "")
    }

    func list(search: String, tier: String, scope: [String]?) throws -> PartnerListPage {
        let partners = snapshot.dimensions.partners
        let shown = visible(try visibleCodes(scope))
        let needle = search.lowercased()
        let matches = shown.filter { p in
            (tier.isEmpty || String(partners.tier[p]) == tier)
                && (needle.isEmpty || partners.code[p].lowercased().contains(needle) || partners.name[p].lowercased().contains(needle))
        }.sorted { partners.code[$0] < partners.code[$1] }
        var roots: [PartnerListPage.Node] = []
        if needle.isEmpty && tier.isEmpty {
            let members = Set(shown)
            var children: [Int: [Int]] = [:]
            for p in shown { children[Int(partners.parent[p]), default: []].append(p) }
            func node(_ p: Int) -> PartnerListPage.Node {
                .init(
                    code: partners.code[p], name: partners.name[p], tier: Int(partners.tier[p]),
                    children: (children[p] ?? []).sorted { partners.code[$0] < partners.code[$1] }.map(node))
            }
            // The tops of the visible tree: partners whose parent is not visible (or who have none).
            roots = shown.filter { !members.contains(Int(partners.parent[$0])) }.sorted { partners.code[$0] < partners.code[$1] }.map(node)
        }
        return PartnerListPage(
            search: search, tier: tier, tiers: Set(partners.tier).sorted().map(Int.init),
            matches: matches.prefix(PartnerListPage.shownRows + 1).map(summary), totalMatches: matches.count, roots: roots,
            isScoped: scope != nil)
    }

    /// One partner's page; nil when there is none or it lies outside the user's scope.
    func page(_ code: String, scope: [String]?) async throws -> PartnerPage? {
        guard let record = try store.record(.partners, key: [code], partnerScope: scope),
            let p = snapshot.dimensions.partners.code.firstIndex(of: code)
        else { return nil }
        let t = { (key: String) in UIText.text(key, language) }
        let me = summary(p)
        let last = CalendarDay(daysSinceEpoch: snapshot.orders.days?.upperBound ?? snapshot.clock.day(of: Instant(Date())).daysSinceEpoch)
        let period = last.adding(days: 1 - Self.scorecardDays)...last
        let own: [CubeDimension: [String]] = [.partner: [code]]

        // The index ranks every active partner: asked unscoped, and only this partner's score is shown.
        let indexes = try await cubes.run(CubeQuery(measures: [.winWinIndex], dimensions: [.partner], period: period), on: snapshot)
        let index = indexes.rows.first { $0.keys.first?.code == code }?.values.first?.number
        let measures: [Measure] = [
            .netSales, .orders, .averageOrderValue, .returnRate, .onTimeRate, .csat, .complaints, .complaintResponseHours,
        ]
        let kpis = try Cube.run(CubeQuery(measures: measures, filters: own, period: period, comparison: .previousPeriod), on: snapshot)
        let row = kpis.rows.first
        let value = { (m: Measure) in row.flatMap { $0.values[measures.firstIndex(of: m) ?? 0].number } }
        let previous = { (m: Measure) in row?.previous.flatMap { $0[measures.firstIndex(of: m) ?? 0].number } }
        let tiles = measures.map { m in
            DashboardPage.Tile(
                label: m.title(language), value: value(m), previous: previous(m), format: m.valueFormat,
                higherIsBetter: ![.returnRate, .complaints, .complaintResponseHours].contains(m))
        }
        let growth = value(.netSales).flatMap { now in previous(.netSales).flatMap { $0 == 0 ? nil : (now - $0) / $0 } }
        let weights = PartnerIndexWeights.standard
        let components: [(label: String, weight: Double, value: String)] = [
            (t("salesGrowth"), weights.growth, ValueFormat.change(growth)),
            (Measure.csat.title(language), weights.csat, ValueFormat.rating.text(value(.csat), language)),
            (Measure.complaintResponseHours.title(language), weights.response, ValueFormat.hours.text(value(.complaintResponseHours), language)),
        ]

        let twelve = TwelveMonths(endingWith: last)
        let trend = try Cube.run(CubeQuery(measures: [.netSales], dimensions: [.month], filters: own, period: twelve.start...last), on: snapshot)
        // A month without orders (no row) sold nothing.
        let byMonth = Dictionary(trend.rows.map { ($0.keys.first?.code ?? "", $0.values.first?.number) }, uniquingKeysWith: { a, _ in a })

        let partners = snapshot.dimensions.partners
        let children = partners.parent.indices.filter { partners.parent[$0] == Int32(p) }.sorted { partners.code[$0] < partners.code[$1] }
        let orders = try store.records(.orders, RecordQuery(filters: ["partner_id": code], sort: "-order_id", limit: 10, partnerScope: scope))
        let outlets = try store.records(.outlets, RecordQuery(filters: ["partner_id": code], limit: 100, partnerScope: scope))
        let regionNames = Dictionary(
            zip(snapshot.dimensions.regions.code, snapshot.dimensions.regions.name), uniquingKeysWith: { a, _ in a })

        var facts: [PartnerPage.Fact] = [
            .init(label: t("tier"), value: "T\(me.tier)"), .init(label: t("kind"), value: t("kind." + me.kind)),
            .init(label: t("channel"), value: t("channel." + me.channel)), .init(label: t("region"), value: me.region),
            .init(label: t("status"), value: t("partnerStatus." + me.status)),
            .init(label: t("joinedOn"), value: record["joined_on"] ?? ""),
        ]
        // The upstream partner is named only when the user may open it (a partner user's own top has none for them).
        if !me.parentCode.isEmpty, try store.record(.partners, key: [me.parentCode], partnerScope: scope) != nil {
            facts.insert(.init(label: t("upstream"), value: me.parentName, href: PartnerListPage.href(me.parentCode)), at: 0)
        }
        return PartnerPage(
            code: code, name: me.name, facts: facts, index: index, components: components,
            period: (period.lowerBound.description, period.upperBound.description), tiles: tiles, months: twelve.labels,
            monthly: twelve.labels.map { byMonth[$0] ?? 0 }, children: children.map(summary),
            orders: orders.records.map { o in
                OrderListPage.Order(
                    id: o["order_id"] ?? "", orderedAt: LocalTime.text(o["ordered_at"]), partnerCode: code, partnerName: me.name,
                    outlet: o["outlet_id"] ?? "", channel: o["channel"] ?? "", status: o["status"] ?? "")
            },
            outlets: outlets.records.map { o in
                (code: o["outlet_id"] ?? "", kind: o["kind"] ?? "", region: regionNames[o["region_id"] ?? ""] ?? (o["region_id"] ?? ""),
                 opened: o["opened_on"] ?? "", closed: o["closed_on"] ?? "")
            })
    }
}
