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
                t.net.withUnsafeMutableBufferPointer { net in
                    t.units.withUnsafeMutableBufferPointer { units in
                        t.returned.withUnsafeMutableBufferPointer { returnedUnits in
                            t.lines.withUnsafeMutableBufferPointer { lineCount in
                                for i in 0..<orders.count {
                                    let key = orderKey[Int(orders[i])]
                                    if key < 0 { continue }
                                    var g = Int(key)
                                    if byProduct {
                                        let p = productKey[Int(products[i])]
                                        if p < 0 { continue }
                                        g = g * productKeys + Int(p)
                                    }
                                    let q = qty[i]
                                    let r = returned[i]
                                    net[g] += Int128(q - r) * Int128(unitNet[i])
                                    units[g] += Int64(q)
                                    returnedUnits[g] += Int64(r)
                                    lineCount[g] += 1
                                }
                            }
                        }
                    }
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
