/// The columns of one chunk of the order table, fetched once so a per-order kernel reads plain arrays.
struct OrderChunk {
    let partner: [Int32]
    let outlet: [Int32]
    let channel: [UInt8]
    let status: [UInt8]
    let orderedAt: [Int64]
    let day: [Int32]
    let promisedAt: [Int64]
    let deliveredAt: [Int64]
    let lineCount: [Int32]

    init(_ orders: OrderTable, _ c: Int) {
        partner = orders.partner.chunk(c)
        outlet = orders.outlet.chunk(c)
        channel = orders.channel.chunk(c)
        status = orders.status.chunk(c)
        orderedAt = orders.orderedAt.chunk(c)
        day = orders.day.chunk(c)
        promisedAt = orders.promisedAt.chunk(c)
        deliveredAt = orders.deliveredAt.chunk(c)
        lineCount = orders.lineCount.chunk(c)
    }
}

extension OrderTable {
    /// A key per order position, computed on every core. Orders in chunks whose time range misses `window` get -1
    /// without being looked at.
    func keys(window: ClosedRange<Int64>? = nil, _ key: @escaping @Sendable (_ orders: OrderChunk, _ index: Int) -> Int32)
        -> [Int32]
    {
        let count = self.count
        return Parallel.array(count: count) { c, output in
            let start = c * Column<Int32>.chunkSize
            let end = min(count, start + Column<Int32>.chunkSize)
            guard zones.overlaps(chunk: c, window) else {
                for position in start..<end { output.set(position, -1) }
                return
            }
            let chunk = OrderChunk(self, c)
            for position in start..<end { output.set(position, key(chunk, position - start)) }
        }
    }
}

extension OrderTable {
    /// Per outlet (of `count`), whether it has a live order for which `test` holds; only chunks whose time range
    /// meets `window` are read.
    func outletsWithLiveOrders(
        count: Int, window: ClosedRange<Int64>, where test: @escaping @Sendable (OrderChunk, Int) -> Bool
    ) -> [Bool] {
        let partials = Parallel.partials(chunks: status.chunkCount, initial: { [Bool](repeating: false, count: count) }) {
            c, active in
            guard zones.overlaps(chunk: c, window) else { return }
            let o = OrderChunk(self, c)
            for i in 0..<o.status.count where o.outlet[i] >= 0 && StatusCode.isLive(o.status[i]) && test(o, i) {
                active[Int(o.outlet[i])] = true
            }
        }
        var active = [Bool](repeating: false, count: count)
        for p in partials { for o in 0..<count where p[o] { active[o] = true } }
        return active
    }

    /// Per order, milliseconds from ordering to the instant in `column` (meaningless where that is missing).
    func spans(to column: KeyPath<OrderTable, Column<Int64>>) -> [Int64] {
        let ordered = orderedAt
        let later = self[keyPath: column]
        return Parallel.array(count: count) { c, output in
            let start = c * Column<Int64>.chunkSize
            let from = ordered.chunk(c)
            let to = later.chunk(c)
            for i in 0..<from.count { output.set(start + i, to[i] &- from[i]) }
        }
    }

    /// Per group, the orders with a non-negative key for which `test` holds.
    func count(keys: [Int32], groups: Int, where test: @escaping @Sendable (OrderChunk, Int) -> Bool) -> [Int64] {
        let partials = Parallel.partials(chunks: status.chunkCount, initial: { [Int64](repeating: 0, count: groups) }) {
            c, counts in
            let o = OrderChunk(self, c)
            let start = c * Column<Int32>.chunkSize
            for i in 0..<o.status.count {
                let key = keys[start + i]
                if key >= 0, test(o, i) { counts[Int(key)] += 1 }
            }
        }
        var total = [Int64](repeating: 0, count: groups)
        for p in partials { for g in 0..<groups { total[g] += p[g] } }
        return total
    }
}

/// Business months of the orders' days, by table lookup (the civil-date conversion costs divisions per order).
struct MonthIndex: Sendable {
    let firstDay: Int32
    let firstMonth: Int32
    let months: Int
    private let offsets: [Int32]

    init?(_ orders: OrderTable) {
        guard let days = orders.days else { return nil }
        firstDay = days.lowerBound
        firstMonth = monthNumber(ofDay: days.lowerBound)
        months = Int(monthNumber(ofDay: days.upperBound) - firstMonth) + 1
        let first = firstMonth
        offsets = (days.lowerBound...days.upperBound).map { monthNumber(ofDay: $0) - first }
    }

    /// The month of `day` counted from the first month (0-based).
    @inline(__always)
    func offset(ofDay day: Int32) -> Int32 { offsets[Int(day - firstDay)] }

    func text(ofOffset offset: Int) -> String { monthText(firstMonth + Int32(offset)) }
}
