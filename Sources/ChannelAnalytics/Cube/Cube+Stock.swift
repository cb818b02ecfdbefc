extension Cube {
    /// Inventory turnover, weeks of cover and stock-out rate by time bucket, category and SKU (stock is held at
    /// warehouses, so it has no partner, region or channel).
    static func stockValues(_ measure: Measure, _ slicer: Slicer, _ period: ClosedRange<Int32>) throws -> ValuesByGroup {
        let s = slicer.snapshot
        let source = FactSource.stock(s)
        try require(slicer, supports: source, measure.rawValue)
        let stock = s.stock
        let ids = slicer.ids(slicer.numbers(source) { i in period.contains(stock.day[i]) })
        // Units sold in the same groups (order day's bucket, line's product).
        let orderNumbers = orderIDs(slicer, period, status: { StatusCode.isLive($0) })
        let sold = LineTotals.compute(s, lineKey: slicer.ids(slicer.lineNumbers(orderNumbers: orderNumbers)), groups: slicer.groupCount)
        let groups = slicer.groupCount
        var onHand = [Int64](repeating: 0, count: groups)
        var rows = [Int64](repeating: 0, count: groups)
        var empty = [Int64](repeating: 0, count: groups)
        var lastDay = [Int32](repeating: Int32.min, count: groups)
        var onHandLastDay = [Int64](repeating: 0, count: groups)
        var dates = [Set<Int32>](repeating: [], count: groups)
        for c in 0..<stock.day.chunkCount {
            let day = stock.day.chunk(c)
            let units = stock.onHand.chunk(c)
            let start = c * Column<Int32>.chunkSize
            for i in 0..<day.count {
                let id = ids[start + i]
                if id < 0 { continue }
                let g = Int(id)
                onHand[g] += units[i]
                rows[g] += 1
                if units[i] == 0 { empty[g] += 1 }
                dates[g].insert(day[i])
                if day[i] > lastDay[g] {
                    lastDay[g] = day[i]
                    onHandLastDay[g] = 0
                }
                if day[i] == lastDay[g] { onHandLastDay[g] += units[i] }
            }
        }
        let time = slicer.dimensions.firstIndex(where: \.isTime)
        var result = ValuesByGroup()
        for g in 0..<groups where rows[g] > 0 {
            // Days the group spans: its time bucket within the period, or the whole period.
            var span = period
            if let time {
                let bucket = TimeBucket.days(slicer.dimensions[time], number: slicer.values(of: Int32(g))[time])
                span = max(bucket.lowerBound, period.lowerBound)...min(bucket.upperBound, period.upperBound)
            }
            let days = Double(span.upperBound - span.lowerBound + 1)
            let units = Double(sold.sums[g].units)
            switch measure {
            case .stockOutRate:
                result[Int32(g)] = .real(Double(empty[g]) / Double(rows[g]), places: 6)
            case .inventoryTurnoverDays:
                guard units > 0 else { continue }
                let average = Double(onHand[g]) / Double(dates[g].count)
                result[Int32(g)] = .real(average / (units / days), places: 3)
            default:
                guard units > 0 else { continue }
                result[Int32(g)] = .real(Double(onHandLastDay[g]) / (units / (days / 7)), places: 3)
            }
        }
        return result
    }
}
