import ChannelCore

extension Cube {
    /// Active outlet rate and city coverage, as of the period's end, or of each time bucket's end (within the
    /// period) when the query slices by time. Active: a live order on one of the 30 business days ending then.
    static func outletValues(_ measure: Measure, _ slicer: Slicer, _ period: ClosedRange<Int32>) throws -> ValuesByGroup {
        let s = slicer.snapshot
        let outlets = s.dimensions.outlets
        let regions = s.dimensions.regions
        try require(slicer, supports: FactSource.outlets(s, day: period.upperBound), measure.rawValue)
        let time = slicer.dimensions.first(where: \.isTime)
        var asOfDays: [Int32] = []
        if let time {
            let first = TimeBucket.number(time, day: period.lowerBound)
            let last = TimeBucket.number(time, day: period.upperBound)
            asOfDays = (first...last).map { min(TimeBucket.days(time, number: $0).upperBound, period.upperBound) }
        } else {
            asOfDays = [period.upperBound]
        }
        var open = [Int64](repeating: 0, count: slicer.groupCount)
        var active = [Int64](repeating: 0, count: slicer.groupCount)
        var coveredCities = [Set<Int32>](repeating: [], count: slicer.groupCount)
        for day in asOfDays {
            let ordering = recentlyOrdering(s, through: day)
            let ids = slicer.ids(slicer.numbers(FactSource.outlets(s, day: day)) { o in outlets.isOpen(o, on: .init(daysSinceEpoch: day)) })
            for (o, id) in ids.enumerated() where id >= 0 {
                open[Int(id)] += 1
                if ordering[o] {
                    active[Int(id)] += 1
                    let city = regions.city[Int(outlets.region[o])]
                    if city >= 0 { coveredCities[Int(id)].insert(city) }
                }
            }
        }
        var result = ValuesByGroup()
        if measure == .activeOutletRate {
            for g in 0..<open.count where open[g] > 0 {
                result[Int32(g)] = .real(Double(active[g]) / Double(open[g]), places: 6)
            }
            return result
        }
        // Coverage: covered cities over the cities the group stands for (its province's or city's, else all),
        // within the query's region filters.
        let provinceAt = slicer.dimensions.firstIndex(of: .province)
        let cityAt = slicer.dimensions.firstIndex(of: .city)
        let allowedCities = try citiesAllowed(slicer)
        for g in 0..<open.count where open[g] > 0 {
            let key = slicer.values(of: Int32(g))
            let cities = allowedCities.filter { c in
                (provinceAt.map { regions.province[Int(c)] == key[$0] } ?? true) && (cityAt.map { c == key[$0] } ?? true)
            }
            guard !cities.isEmpty else { continue }
            result[Int32(g)] = .real(Double(coveredCities[g].count) / Double(cities.count), places: 6)
        }
        return result
    }

    /// Outlets with a live order on one of the 30 business days ending on `day`.
    static func recentlyOrdering(_ s: FactSnapshot, through day: Int32) -> [Bool] {
        let days = (day - 29)...day
        return s.orders.outletsWithLiveOrders(count: s.dimensions.outlets.count, window: instantCover(days)) { o, i in
            days.contains(o.day[i])
        }
    }

    /// Cities within the query's province and city filters.
    private static func citiesAllowed(_ slicer: Slicer) throws -> [Int32] {
        let regions = slicer.snapshot.dimensions.regions
        var cities = (0..<Int32(regions.count)).filter { regions.level[Int($0)] == .city }
        if let codes = slicer.filterCodes[.province] {
            let provinces = Set(try codes.map { try Slicer.value(of: $0, for: .province, in: slicer.snapshot) })
            cities = cities.filter { provinces.contains(regions.province[Int($0)]) }
        }
        if let codes = slicer.filterCodes[.city] {
            let chosen = Set(try codes.map { try Slicer.value(of: $0, for: .city, in: slicer.snapshot) })
            cities = cities.filter { chosen.contains($0) }
        }
        return cities
    }
}
