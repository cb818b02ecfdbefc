import ChannelCore

/// Answers cube queries (measures x dimensions x filters over a period) on one snapshot.
public enum Cube {
    public static func run(_ query: CubeQuery, on snapshot: FactSnapshot) throws -> CubeResult {
        try validate(query)
        let period = query.period.lowerBound.daysSinceEpoch...query.period.upperBound.daysSinceEpoch
        let shift = query.comparison.map { comparisonShift($0, query: query, period: period) }
        // One numbering of groups per period, shared by every measure: rows are gathered by group id and ordered by one
        // number each (`Slicer.orderNumber`).
        let current = try Slicer(snapshot, dimensions: query.dimensions, query: query, period: period)
        let whole = try Slicer(snapshot, dimensions: [], query: query, period: period)
        let earlier = try shift.map { try Slicer(snapshot, dimensions: query.dimensions, query: query, period: $0.period) }
        var byID: [ValuesByGroup] = []
        var previousByID: [ValuesByGroup] = []
        var total: [KPIValue] = []
        for measure in query.measures {
            byID.append(try values(measure, current, query, period))
            total.append(try values(measure, whole, query, period)[0] ?? .null)
            if let shift, let earlier { previousByID.append(try values(measure, earlier, query, shift.period)) }
        }
        // Every group with a value of some measure, once.
        var present = [Bool](repeating: false, count: current.groupCount)
        for measure in byID { for (id, value) in zip(measure.ids, measure.values) where value != .null { present[Int(id)] = true } }
        let labels = Labels(snapshot, dimensions: query.dimensions)
        var rows: [(key: [Int32], order: Int64, row: CubeResult.Row)] = []
        rows.reserveCapacity(present.count { $0 })
        for (index, isPresent) in present.enumerated() where isPresent {
            let id = Int32(index)
            let key = current.values(of: id)
            let values = byID.map { $0[id] ?? .null }
            var row = CubeResult.Row(keys: [], values: values)
            if let shift, let earlier {
                let previousID = earlier.id(of: shift.key(key))
                let previous = previousByID.map { measure in previousID.flatMap { measure[$0] } ?? .null }
                row.previous = previous
                row.change = zip(values, previous).map { current, before in
                    guard let now = current.number, let then = before.number, then != 0 else { return nil }
                    return (now - then) / then
                }
            }
            rows.append((key, current.orderNumber(of: id, places: labels.places), row))
        }
        rows.sort { $0.order < $1.order }
        if let top = query.top, let m = query.measures.firstIndex(of: top.measure) {
            // Rows without a value go last either way; ties keep the key order.
            let ranked = rows.enumerated().sorted { a, b in
                switch (a.element.row.values[m].number, b.element.row.values[m].number) {
                case let (x?, y?) where x != y: return top.descending ? x > y : x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return a.offset < b.offset
                }
            }
            rows = Array(ranked.prefix(top.count).map(\.element))
        }
        return CubeResult(
            dimensions: query.dimensions, measures: query.measures,
            rows: rows.map { key, _, row in
                var row = row
                row.keys = zip(query.dimensions, key).map { labels.key($0, $1) }
                return row
            }, total: total)
    }

    private static func validate(_ query: CubeQuery) throws {
        guard !query.measures.isEmpty else { throw AnalyticsError("name at least one measure") }
        guard Set(query.measures).count == query.measures.count else { throw AnalyticsError("a measure is named twice") }
        guard Set(query.dimensions).count == query.dimensions.count else { throw AnalyticsError("a dimension is named twice") }
        guard query.dimensions.filter(\.isTime).count <= 1 else {
            throw AnalyticsError("slice by one time dimension at most (day, week, month, quarter or year)")
        }
        if let top = query.top {
            guard top.count >= 1 else { throw AnalyticsError("top needs a count of at least 1") }
            guard query.measures.contains(top.measure) else {
                throw AnalyticsError("top ranks by \(top.measure.rawValue), which the query does not ask for")
            }
        }
        for (dimension, codes) in query.filters where codes.isEmpty {
            throw AnalyticsError("filter \(dimension.name) lists no values")
        }
    }

    /// One measure's value per group of `slicer` (its numbering), for `period` (`.null` where a group has none).
    static func values(_ measure: Measure, _ slicer: Slicer, _ query: CubeQuery, _ period: ClosedRange<Int32>) throws
        -> ValuesByGroup
    {
        let byID: ValuesByGroup
        switch measure.grain {
        case .line, .order: byID = try salesValues(measure, slicer, period)
        case .outlet: byID = try outletValues(measure, slicer, period)
        case .stock: byID = try stockValues(measure, slicer, period)
        case .feedback, .complaint: byID = try serviceValues(measure, slicer, period)
        case .partner: byID = try partnerValues(slicer, period, weights: query.partnerIndexWeights)
        }
        return byID
    }

    /// Refuses a measure that cannot be sliced or filtered the way the query asks.
    static func require(_ slicer: Slicer, supports source: FactSource, _ what: String) throws {
        let missing = slicer.unsupported(by: source)
        guard missing.isEmpty else {
            throw AnalyticsError("\(what) cannot be sliced or filtered by \(missing.joined(separator: ", "))")
        }
    }

    // MARK: Comparison

    struct Shift {
        var period: ClosedRange<Int32>
        /// The comparison key of a current key.
        var key: ([Int32]) -> [Int32]
    }

    static func comparisonShift(_ comparison: CubeQuery.Comparison, query: CubeQuery, period: ClosedRange<Int32>) -> Shift {
        let timeIndex = query.dimensions.firstIndex(where: \.isTime)
        let months: Int32
        switch comparison {
        case .previousYear: months = 12
        case .previousPeriod:
            switch timeIndex.map({ query.dimensions[$0] }) {
            case .month?: months = 1
            case .quarter?: months = 3
            case .year?: months = 12
            case .day?, .week?:
                let days: Int32 = query.dimensions[timeIndex ?? 0] == .day ? 1 : 7
                return Shift(period: (period.lowerBound - days)...(period.upperBound - days)) { key in
                    var key = key
                    if let timeIndex { key[timeIndex] -= 1 }
                    return key
                }
            default:
                // The period just before, of equal length; whole months shift by months.
                let first = CalendarDay(daysSinceEpoch: period.lowerBound).components
                let next = CalendarDay(daysSinceEpoch: period.upperBound + 1).components
                if first.day == 1, next.day == 1 {
                    months = Int32((next.year * 12 + next.month) - (first.year * 12 + first.month))
                } else {
                    let length = period.upperBound - period.lowerBound + 1
                    return Shift(period: (period.lowerBound - length)...(period.upperBound - length)) { $0 }
                }
            }
        }
        let shifted = shiftDays(period, months: months)
        return Shift(period: shifted) { key in
            var key = key
            if let timeIndex {
                key[timeIndex] = TimeBucket.shifted(query.dimensions[timeIndex], number: key[timeIndex], byMonths: months)
            }
            return key
        }
    }

    /// The same calendar days `months` months earlier (the last day of a month maps to the last day).
    static func shiftDays(_ period: ClosedRange<Int32>, months: Int32) -> ClosedRange<Int32> {
        func shift(_ day: Int32, end: Bool) -> Int32 {
            let (y, m, d) = CalendarDay(daysSinceEpoch: day).components
            let target = Int32(y * 12 + m - 1) - months
            let year = Int(target) / 12
            let month = Int(target) % 12 + 1
            let lastOfMonth = d == CalendarDay.daysIn(month: m, year: y)
            let days = CalendarDay.daysIn(month: month, year: year)
            return CalendarDay(year: year, month: month, day: end && lastOfMonth ? days : min(d, days))?.daysSinceEpoch ?? day
        }
        return shift(period.lowerBound, end: false)...shift(period.upperBound, end: true)
    }
}
