extension Cube {
    /// CSAT from feedback; complaint count and median first-response and resolution hours from complaints.
    static func serviceValues(_ measure: Measure, _ slicer: Slicer, _ period: ClosedRange<Int32>) throws -> ValuesByGroup {
        let s = slicer.snapshot
        var result = ValuesByGroup()
        if measure == .csat {
            let source = FactSource.feedback(s)
            try require(slicer, supports: source, measure.rawValue)
            let ids = slicer.ids(slicer.numbers(source) { period.contains(source.day($0)) })
            var sum = [Int64](repeating: 0, count: slicer.groupCount)
            var count = [Int64](repeating: 0, count: slicer.groupCount)
            for (i, id) in ids.enumerated() where id >= 0 {
                sum[Int(id)] += Int64(s.feedback.rating[i])
                count[Int(id)] += 1
            }
            for g in 0..<count.count where count[g] > 0 {
                result[Int32(g)] = .real(Double(sum[g]) / Double(count[g]), places: 6)
            }
            return result
        }
        let source = FactSource.complaints(s)
        try require(slicer, supports: source, measure.rawValue)
        let complaints = s.complaints
        let ids = slicer.ids(slicer.numbers(source) { period.contains(source.day($0)) })
        if measure == .complaints {
            var count = [Int64](repeating: 0, count: slicer.groupCount)
            for id in ids where id >= 0 { count[Int(id)] += 1 }
            for g in 0..<count.count where count[g] > 0 { result[Int32(g)] = .integer(count[g]) }
            return result
        }
        // Hours from opening to the first response (or to resolution), of the complaints that have it.
        let end = measure == .complaintResponseHours ? complaints.firstResponseAt : complaints.resolvedAt
        var spans = [Int64](repeating: 0, count: complaints.count)
        var keys = ids
        for i in 0..<complaints.count {
            if end[i] == noInstant {
                keys[i] = -1
            } else {
                spans[i] = end[i] - complaints.openedAt[i]
            }
        }
        let grouped = GroupedValues(keys: keys, values: spans, groups: slicer.groupCount)
        for g in 0..<grouped.groups where grouped.count(g) > 0 {
            result[Int32(g)] = .real(Quantile.of(grouped.values(g), 0.5, unit: 3_600_000), places: 3)
        }
        return result
    }
}
