/// Sums over order lines by group: the kernel behind every sales-like measure.
///
/// A line's group is `orderKey[its order] * productKeys + productKey[its product]`; lines whose order key (or
/// product key) is negative are skipped. Net value is exact: `(qty - returned) x unitNet`, in 1e-8 of the
/// currency unit, summed in 128 bits.
struct LineTotals: Sendable {
    /// One group's sums, kept together so that a line updates one cache line.
    struct Sums: Sendable {
        var net: Int128 = 0
        var units: Int64 = 0
        var returned: Int64 = 0

        @inline(__always)
        mutating func add(_ qty: Int32, _ returnedQty: Int32, _ unitNet: Int64) {
            // |qty - returned| < 2^31 and |unitNet| < 2^63, so the product fits in 95 bits and a sum of up to 2^32
            // of them in 127: wrapping arithmetic cannot wrap.
            net &+= Int128(qty &- returnedQty) &* Int128(unitNet)
            units &+= Int64(qty)
            returned &+= Int64(returnedQty)
        }
    }

    var sums: [Sums]

    init(groups: Int) { sums = Array(repeating: Sums(), count: groups) }

    /// Lines in chunks whose order-time range misses `window` are skipped (their orders' keys must then be
    /// negative anyway: pass the window the keys were built with).
    static func compute(
        _ s: FactSnapshot, orderKey: [Int32], productKey: [Int32]? = nil, productKeys: Int = 1, groups: Int,
        window: ClosedRange<Int64>? = nil
    ) -> LineTotals {
        let lines = s.lines
        let partials = Parallel.partials(chunks: lines.order.chunkCount, initial: { LineTotals(groups: groups) }) { c, t in
            guard lines.zones.overlaps(chunk: c, window) else { return }
            let orders = lines.order.chunk(c)
            let products = lines.product.chunk(c)
            let qty = lines.qty.chunk(c)
            let returned = lines.returned.chunk(c)
            let unitNet = lines.unitNet.chunk(c)
            let productKey = productKey ?? []
            let byProduct = !productKey.isEmpty
            orderKey.withUnsafeBufferPointer { orderKey in
                t.sums.withUnsafeMutableBufferPointer { sums in
                    for i in 0..<orders.count {
                        let key = orderKey[Int(orders[i])]
                        if key < 0 { continue }
                        var g = Int(key)
                        if byProduct {
                            let p = productKey[Int(products[i])]
                            if p < 0 { continue }
                            g = g &* productKeys &+ Int(p)
                        }
                        sums[g].add(qty[i], returned[i], unitNet[i])
                    }
                }
            }
        }
        return merged(partials, groups: groups)
    }

    /// Sums by a group per line (`lineKey[i]`, -1 to skip), for groupings that split an order's lines.
    static func compute(_ s: FactSnapshot, lineKey: [Int32], groups: Int) -> LineTotals {
        let lines = s.lines
        let partials = Parallel.partials(chunks: lines.order.chunkCount, initial: { LineTotals(groups: groups) }) { c, t in
            let qty = lines.qty.chunk(c)
            let returned = lines.returned.chunk(c)
            let unitNet = lines.unitNet.chunk(c)
            let start = c * Column<Int32>.chunkSize
            t.sums.withUnsafeMutableBufferPointer { sums in
                for i in 0..<qty.count {
                    let key = lineKey[start + i]
                    if key >= 0 { sums[Int(key)].add(qty[i], returned[i], unitNet[i]) }
                }
            }
        }
        return merged(partials, groups: groups)
    }

    private static func merged(_ partials: [LineTotals], groups: Int) -> LineTotals {
        var total = LineTotals(groups: groups)
        for p in partials {
            for g in 0..<groups {
                total.sums[g].net += p.sums[g].net
                total.sums[g].units += p.sums[g].units
                total.sums[g].returned += p.sums[g].returned
            }
        }
        return total
    }

    /// Whether group `g` has any line (every line has qty > 0).
    func hasLines(_ g: Int) -> Bool { sums[g].units > 0 }
}
