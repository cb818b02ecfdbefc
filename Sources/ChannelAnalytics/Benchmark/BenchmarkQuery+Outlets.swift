import ChannelCore

extension BenchmarkQuery {
    /// Outlets with a live order in the last 30 days (whatever their state).
    static func recentlyOrdering(_ s: FactSnapshot, _ window: QueryWindow) -> [Bool] {
        let period = window.start(days: 30)...window.asOf
        return s.orders.outletsWithLiveOrders(count: s.dimensions.outlets.count, window: period) { o, i in
            period.contains(o.orderedAt[i])
        }
    }

    /// q4: outlets open at the as-of date with a live order in the last 30 days, over the outlets open then,
    /// by province.
    static func activeOutlets(_ s: FactSnapshot, _ window: QueryWindow) -> KPITable {
        let outlets = s.dimensions.outlets
        let regions = s.dimensions.regions
        let active = recentlyOrdering(s, window)
        let day = CalendarDay(daysSinceEpoch: window.asOfDay)
        var open = [Int64](repeating: 0, count: regions.count)
        var activeOpen = [Int64](repeating: 0, count: regions.count)
        for o in 0..<outlets.count where outlets.isOpen(o, on: day) {
            let province = Int(regions.province[Int(outlets.region[o])])
            open[province] += 1
            if active[o] { activeOpen[province] += 1 }
        }
        let provinces = (0..<regions.count).filter { open[$0] > 0 }.sorted { regions.code[$0] < regions.code[$1] }
        let rows = provinces.map { p -> [KPIValue] in
            let rate = Double(activeOpen[p]) / Double(open[p])
            return [.text(regions.code[p]), .integer(open[p]), .integer(activeOpen[p]), .real(rate, places: 6)]
        }
        return KPITable(columns: ["province", "open_outlets", "active_outlets", "active_rate"], rows: rows)
    }

    /// q5: cities with an outlet open at the as-of date that has a live order in the last 30 days, over all cities,
    /// by province.
    static func coverage(_ s: FactSnapshot, _ window: QueryWindow) -> KPITable {
        let outlets = s.dimensions.outlets
        let regions = s.dimensions.regions
        let active = recentlyOrdering(s, window)
        let day = CalendarDay(daysSinceEpoch: window.asOfDay)
        var covered = [Bool](repeating: false, count: regions.count)
        for o in 0..<outlets.count where active[o] && outlets.isOpen(o, on: day) { covered[Int(outlets.region[o])] = true }
        var cities = [Int64](repeating: 0, count: regions.count)
        var coveredCities = [Int64](repeating: 0, count: regions.count)
        for r in 0..<regions.count where regions.level[r] == .city && regions.parent[r] >= 0 {
            let province = Int(regions.parent[r])
            cities[province] += 1
            if covered[r] { coveredCities[province] += 1 }
        }
        let provinces = (0..<regions.count).filter { cities[$0] > 0 }.sorted { regions.code[$0] < regions.code[$1] }
        let rows = provinces.map { p -> [KPIValue] in
            let rate = Double(coveredCities[p]) / Double(cities[p])
            return [.text(regions.code[p]), .integer(cities[p]), .integer(coveredCities[p]), .real(rate, places: 6)]
        }
        return KPITable(columns: ["province", "cities", "covered_cities", "coverage"], rows: rows)
    }
}
