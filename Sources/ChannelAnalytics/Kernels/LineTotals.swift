/// Sums over order lines by group: the kernel behind every sales-like measure.
///
/// A line's group is `orderKey[its order] * productKeys + productKey[its product]`; lines whose order key is
/// negative are skipped. Net value is exact: `(qty - returned) x unitNet`, in 1e-8 of the currency unit,
/// summed in 128 bits.
struct LineTotals: Sendable {
    var net: [Int128]
    var units: [Int64]
    var returned: [Int64]
    /// Lines counted per group.
    var lines: [Int64]

    init(groups: Int) {
        net = Array(repeating: 0, count: groups)
        units = Array(repeating: 0, count: groups)
        returned = Array(repeating: 0, count: groups)
        lines = Array(repeating: 0, count: groups)
    }

    static func compute(
        _ s: FactSnapshot, orderKey: [Int32], productKey: [Int32]? = nil, productKeys: Int = 1, groups: Int
    ) -> LineTotals {
        let lines = s.lines
        let partials = Parallel.partials(chunks: lines.order.chunkCount, initial: { LineTotals(groups: groups) }) { c, t in
            let orders = lines.order.chunk(c)
            let products = lines.product.chunk(c)
            let qty = lines.qty.chunk(c)
            let returned = lines.returned.chunk(c)
            let unitNet = lines.unitNet.chunk(c)
            orderKey.withUnsafeBufferPointer { orderKey in
                for i in 0..<orders.count {
                    let key = orderKey[Int(orders[i])]
                    if key < 0 { continue }
                    var g = Int(key)
                    if let productKey {
                        let p = productKey[Int(products[i])]
                        if p < 0 { continue }
                        g = g * productKeys + Int(p)
                    }
                    let q = qty[i]
                    let r = returned[i]
                    t.net[g] += Int128(q - r) * Int128(unitNet[i])
                    t.units[g] += Int64(q)
                    t.returned[g] += Int64(r)
                    t.lines[g] += 1
                }
            }
        }
        var total = LineTotals(groups: groups)
        for p in partials {
            for g in 0..<groups {
                total.net[g] += p.net[g]
                total.units[g] += p.units[g]
                total.returned[g] += p.returned[g]
                total.lines[g] += p.lines[g]
            }
        }
        return total
    }
}

extension OrderTable {
    /// A key per order position (computed on every core); `key(c, i)` gets the chunk and the index within it.
    func keys(_ key: @escaping @Sendable (_ chunk: Int, _ index: Int) -> Int32) -> [Int32] {
        let count = self.count
        return Parallel.array(count: count) { c, output in
            let start = c * Column<Int32>.chunkSize
            let end = min(count, start + Column<Int32>.chunkSize)
            for position in start..<end { output.set(position, key(c, position - start)) }
        }
    }
}
