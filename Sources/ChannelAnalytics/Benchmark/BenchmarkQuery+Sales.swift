import ChannelCore

extension BenchmarkQuery {
    /// q1: net sales, units and orders of live orders by business month, province of the outlet, channel.
    static func monthlySales(_ s: FactSnapshot) -> KPITable {
        let orders = s.orders
        let regions = s.dimensions.regions
        let outletProvince = s.dimensions.outlets.region.map { regions.province[Int($0)] }
        let provinces = regions.count
        guard let months = MonthIndex(orders) else { return KPITable(columns: q1Columns) }
        let keys = orders.keys { o, i in
            let outlet = o.outlet[i]
            guard StatusCode.isLive(o.status[i]), outlet >= 0 else { return -1 }
            let province = outletProvince[Int(outlet)]
            guard province >= 0 else { return -1 }
            return (months.offset(ofDay: o.day[i]) * Int32(provinces) + province) * 2 + Int32(o.channel[i])
        }
        let groups = months.months * provinces * 2
        let totals = LineTotals.compute(s, orderKey: keys, groups: groups)
        // Orders that have at least one line, per group (the reference counts orders through the line join).
        let orderCounts = orders.count(keys: keys, groups: groups) { o, i in o.lineCount[i] > 0 }
        var rows: [(month: String, province: String, channel: String, values: [KPIValue])] = []
        for g in 0..<groups where totals.hasLines(g) {
            let channel = g % 2
            let province = (g / 2) % provinces
            rows.append(
                (
                    months.text(ofOffset: g / 2 / provinces), regions.code[province], channelName(channel),
                    [
                        .decimal(Exact.divideRounded(totals.sums[g].net, by: 1_000_000), scale: 2),
                        .integer(totals.sums[g].units), .integer(orderCounts[g]),
                    ]
                ))
        }
        rows.sort { ($0.month, $0.province, $0.channel) < ($1.month, $1.province, $1.channel) }
        return KPITable(
            columns: q1Columns,
            rows: rows.map { [.text($0.month), .text($0.province), .text($0.channel)] + $0.values })
    }

    private static let q1Columns = ["month", "province", "channel", "net_sales", "units", "orders"]

    /// q3: returned units over units of the lines of delivered orders, by product category and order channel.
    static func returnRate(_ s: FactSnapshot) -> KPITable {
        let orders = s.orders
        let products = s.dimensions.products
        let keys = orders.keys { o, i in o.status[i] == StatusCode.delivered ? Int32(o.channel[i]) : -1 }
        let categories = products.categories.count
        let totals = LineTotals.compute(
            s, orderKey: keys, productKey: products.category, productKeys: categories, groups: 2 * categories)
        var rows: [(category: String, channel: String, returned: Int64, units: Int64)] = []
        for g in 0..<totals.sums.count where totals.hasLines(g) {
            rows.append((products.categories[g % categories], channelName(g / categories), totals.sums[g].returned, totals.sums[g].units))
        }
        rows.sort { ($0.category, $0.channel) < ($1.category, $1.channel) }
        return KPITable(
            columns: ["category", "channel", "returned_units", "units", "return_rate"],
            rows: rows.map {
                [
                    .text($0.category), .text($0.channel), .integer($0.returned), .integer($0.units),
                    .real(Double($0.returned) / Double($0.units), places: 6),
                ]
            })
    }

    static func channelName(_ code: Int) -> String {
        SalesChannel(caseCode: UInt8(code))?.rawValue ?? "?"
    }
}
