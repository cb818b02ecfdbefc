extension Cube {
    /// Instants that cover the business days of `period` with a day's margin each side (for zone-map skipping only:
    /// rows are still tested by their business day).
    static func instantCover(_ period: ClosedRange<Int32>) -> ClosedRange<Int64> {
        (Int64(period.lowerBound) - 1) * BusinessClock.millisecondsPerDay...(Int64(period.upperBound) + 2) * BusinessClock.millisecondsPerDay
    }

    /// Group ids of the orders in `period` whose status passes `status`.
    static func orderIDs(_ slicer: Slicer, _ period: ClosedRange<Int32>, status: @escaping @Sendable (UInt8) -> Bool) -> [Int64] {
        slicer.orderNumbers(period: period, status: status)
    }

    /// Sums of the lines of the orders numbered `orderNumbers`, by group.
    static func lineTotals(_ slicer: Slicer, orderNumbers: [Int64], period: ClosedRange<Int32>) -> LineTotals {
        let s = slicer.snapshot
        if slicer.splitsLines {
            let ids = slicer.ids(slicer.lineNumbers(orderNumbers: orderNumbers))
            return LineTotals.compute(s, lineKey: ids, groups: slicer.groupCount)
        }
        return LineTotals.compute(s, orderKey: slicer.ids(orderNumbers), groups: slicer.groupCount, window: instantCover(period))
    }

    /// The line sums of the live (or delivered) orders by group: computed once per numbering, for every measure of
    /// the query that reads them (net sales, units, return rate, average order value).
    static func lineTotals(_ slicer: Slicer, delivered: Bool, period: ClosedRange<Int32>) -> LineTotals {
        slicer.remembered(delivered ? "lines of delivered orders" : "lines of live orders") {
            lineTotals(slicer, orderNumbers: orderIDs(slicer, period, status: delivered ? isDelivered : isLive), period: period)
        }
    }

    private static let isLive: @Sendable (UInt8) -> Bool = { StatusCode.isLive($0) }
    private static let isDelivered: @Sendable (UInt8) -> Bool = { $0 == StatusCode.delivered }

    static func salesValues(_ measure: Measure, _ slicer: Slicer, _ period: ClosedRange<Int32>) throws -> ValuesByGroup {
        let s = slicer.snapshot
        let orders = FactSource.orders(s)
        var result = ValuesByGroup()
        switch measure {
        case .netSales, .units, .returnRate:
            // Lines carry every dimension: the order's, and the product's.
            let missing = slicer.unsupported(by: orders).filter { $0 != "category" && $0 != "sku" }
            guard missing.isEmpty else {
                throw AnalyticsError("\(measure.rawValue) cannot be sliced or filtered by \(missing.joined(separator: ", "))")
            }
            let totals = lineTotals(slicer, delivered: measure == .returnRate, period: period)
            // Sized once: a day x SKU question has tens of thousands of groups, and growing the table rehashes it.
            result.reserveCapacity(totals.sums.indices.count { totals.hasLines($0) })
            // Sums remembered from an earlier measure cover the groups numbered by then: every group with lines.
            for g in totals.sums.indices where totals.hasLines(g) {
                let sums = totals.sums[g]
                switch measure {
                case .netSales: result[Int32(g)] = .exact(sums.net, scale: 8, places: 2)
                case .units: result[Int32(g)] = .integer(sums.units)
                default: result[Int32(g)] = .real(Double(sums.returned) / Double(sums.units), places: 6)
                }
            }
        case .orders, .averageOrderValue:
            try require(slicer, supports: orders, measure.rawValue)
            let numbers = orderIDs(slicer, period, status: isLive)
            let ids = slicer.ids(numbers)
            var counts = [Int64](repeating: 0, count: slicer.groupCount)
            for id in ids where id >= 0 { counts[Int(id)] += 1 }
            let net = measure == .averageOrderValue ? lineTotals(slicer, delivered: false, period: period) : nil
            for g in 0..<counts.count where counts[g] > 0 {
                if let net {
                    // A group numbered after the sums were remembered has no lines.
                    let sum = g < net.sums.count ? net.sums[g].net : 0
                    result[Int32(g)] = .decimal(Exact.divideRounded(sum, by: Int128(counts[g]) * 1_000_000), scale: 2)
                } else {
                    result[Int32(g)] = .integer(counts[g])
                }
            }
        case .cycleTimeMean, .cycleTimeP50, .cycleTimeP90, .onTimeRate:
            try require(slicer, supports: orders, measure.rawValue)
            let table = s.orders
            let numbers = slicer.orderNumbers(period: period, status: { $0 == StatusCode.delivered }) { o in
                table.deliveredAt[o] != noInstant
            }
            let ids = slicer.ids(numbers)
            if measure == .onTimeRate {
                let onTime = table.count(keys: ids, groups: slicer.groupCount) { o, i in o.deliveredAt[i] <= o.promisedAt[i] }
                let all = table.count(keys: ids, groups: slicer.groupCount) { _, _ in true }
                for g in 0..<all.count where all[g] > 0 {
                    result[Int32(g)] = .real(Double(onTime[g]) / Double(all[g]), places: 6)
                }
            } else {
                result = spanStatistic(measure, GroupedValues(keys: ids, values: table.spans(to: \.deliveredAt), groups: slicer.groupCount))
            }
        default:
            throw AnalyticsError("\(measure.rawValue) is not a sales measure")
        }
        return result
    }

    /// Mean, median or 90th percentile in hours of each group's spans (milliseconds).
    static func spanStatistic(_ measure: Measure, _ spans: GroupedValues) -> ValuesByGroup {
        var result = ValuesByGroup()
        for g in 0..<spans.groups where spans.count(g) > 0 {
            let values = spans.values(g)
            let hours: Double
            switch measure {
            case .cycleTimeMean: hours = Double(values.reduce(Int64(0), +)) / Double(values.count) / 3_600_000
            case .cycleTimeP90: hours = Quantile.of(values, 0.9, unit: 3_600_000)
            default: hours = Quantile.of(values, 0.5, unit: 3_600_000)
            }
            result[Int32(g)] = .real(hours, places: measure.places)
        }
        return result
    }
}
