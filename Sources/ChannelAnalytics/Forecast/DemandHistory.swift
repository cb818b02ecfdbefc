public import ChannelCore

/// Daily units of live orders (not cancelled) by business day at one `DemandLevel`, every day of the period with
/// zeros filled in, read from the analytic engine's cube. Each series keeps the keys of the levels above it (its
/// SKU's category, its city's province), so it can be summed up its hierarchies.
public struct DemandHistory: Sendable {
    public struct Series: Sendable {
        /// `PRODUCT|GEOGRAPHY` keys: a SKU, a category or `total`; a city or province code, or `national`.
        public var id: String { "\(product)|\(geography)" }
        public var product: String
        public var geography: String
        public var category: String
        public var province: String
        public var values: [Double]
    }

    public let level: DemandLevel
    public let start: CalendarDay
    public let series: [Series]

    /// Reads the series of `level` over `period` (by default every day with orders).
    public static func load(
        from snapshot: FactSnapshot, level: DemandLevel, period: ClosedRange<CalendarDay>? = nil
    ) throws -> DemandHistory {
        let days = period ?? snapshot.orders.days.map {
            CalendarDay(daysSinceEpoch: $0.lowerBound)...CalendarDay(daysSinceEpoch: $0.upperBound)
        }
        guard let days else { return DemandHistory(level: level, start: snapshot.clock.day(of: Instant(millisecondsSinceEpoch: 0)), series: []) }
        var dimensions: [CubeDimension] = []
        switch level.product {
        case .sku: dimensions += [.category, .sku]
        case .category: dimensions += [.category]
        case .total: break
        }
        switch level.geography {
        case .city: dimensions += [.province, .city]
        case .province: dimensions += [.province]
        case .national: break
        }
        let result = try Cube.run(CubeQuery(measures: [.units], dimensions: dimensions + [.day], period: days), on: snapshot)
        let length = Int(days.upperBound.daysSinceEpoch - days.lowerBound.daysSinceEpoch) + 1
        var positions: [String: Int] = [:]
        var series: [Series] = []
        for row in result.rows {
            var keys = row.keys.map(\.code).makeIterator()
            let category = level.product == .total ? "total" : keys.next() ?? ""
            let product = level.product == .sku ? keys.next() ?? "" : category
            let province = level.geography == .national ? "national" : keys.next() ?? ""
            let geography = level.geography == .city ? keys.next() ?? "" : province
            guard let dayText = keys.next(), let day = try? CalendarDay(parsing: dayText), let units = row.values.first?.number else { continue }
            let id = "\(product)|\(geography)"
            let position = positions[id] ?? {
                positions[id] = series.count
                series.append(Series(
                    product: product, geography: geography, category: category, province: province,
                    values: [Double](repeating: 0, count: length)))
                return series.count - 1
            }()
            series[position].values[Int(day.daysSinceEpoch - days.lowerBound.daysSinceEpoch)] += units
        }
        series.sort { $0.id < $1.id }
        return DemandHistory(level: level, start: days.lowerBound, series: series)
    }

    /// The series summed to a level at or above this one, with the bottom series each is made of (by position).
    public func aggregated(to target: DemandLevel) -> [(series: Series, members: [Int])] {
        var positions: [String: Int] = [:]
        var result: [(series: Series, members: [Int])] = []
        for (index, item) in series.enumerated() {
            let category = target.product == .total ? "total" : item.category
            let product = target.product == .sku ? item.product : category
            let province = target.geography == .national ? "national" : item.province
            let geography = target.geography == .city ? item.geography : province
            let id = "\(product)|\(geography)"
            if let position = positions[id] {
                for day in item.values.indices { result[position].series.values[day] += item.values[day] }
                result[position].members.append(index)
            } else {
                positions[id] = result.count
                result.append((Series(product: product, geography: geography, category: category, province: province, values: item.values), [index]))
            }
        }
        return result
    }
}
