import ChannelCore

/// Turns facts into cube groups: each fact's dimension values (time buckets, region, partner ... indexes) with the
/// query's filters and partner scope applied, combined into one number per fact (mixed radix), then numbered
/// densely as group ids.
///
/// An order's lines share its order-side values, so line groups are built from the order's number and the line's
/// product values. All passes of one measure share the numbering: facts of different kinds (stock rows and sold
/// lines) meet in the same groups.
final class Slicer: @unchecked Sendable {
    let snapshot: FactSnapshot
    /// The query's dimensions, in its order.
    let dimensions: [CubeDimension]
    /// Radix positions: order-side dimensions first, then product dimensions (`dimensions` indexes).
    private let layout: [Int]
    private let radix: [Int64]
    /// Per dimension, the value that maps to digit 0 (time: the period's first bucket; others -1 for "none").
    private let base: [Int32]
    private let orderSideCount: Int
    /// The product of the product-side radixes.
    private let productSpan: Int64
    /// Per filtered dimension, allowed digits (value - base).
    private let filters: [(dimension: CubeDimension, allowed: [Bool], base: Int32)]
    private let scope: [Bool]?
    private let ancestors: [Int: [Int32]]
    private let productCategory: [Int32]
    /// The query's filters as given.
    let filterCodes: [CubeDimension: [String]]
    /// Dense numbering when every combination fits in a small table; else ids are handed out as combinations
    /// appear (shared by every pass).
    private let denseCount: Int?
    private var sparse: [Int64: Int32] = [:]
    private var sparseKeys: [Int64] = []
    /// The bucket of each day of the period for the query's time dimension: a table look-up per fact instead of a
    /// calendar computation.
    private let buckets: (first: Int32, numbers: [Int32])
    /// Per product index, its product-side number (-1 where a product filter excludes it); the last entry is "no
    /// product". A table look-up per order line instead of a pass over the filters and product dimensions.
    private var productParts: [Int64] = []

    init(_ snapshot: FactSnapshot, dimensions: [CubeDimension], query: CubeQuery, period: ClosedRange<Int32>) throws {
        self.snapshot = snapshot
        self.dimensions = dimensions
        productCategory = snapshot.dimensions.products.category
        filterCodes = query.filters
        let d = snapshot.dimensions
        func span(_ dimension: CubeDimension) -> (base: Int32, radix: Int64) {
            switch dimension {
            case .day, .week, .month, .quarter, .year:
                let first = TimeBucket.number(dimension, day: period.lowerBound)
                return (first, Int64(TimeBucket.number(dimension, day: period.upperBound) - first) + 1)
            case .province, .city: return (-1, Int64(d.regions.count) + 1)
            case .channel: return (-1, 3)
            case .tier: return (-1, 11)
            case .partner, .upstream: return (-1, Int64(d.partners.count) + 1)
            case .outlet: return (-1, Int64(d.outlets.count) + 1)
            case .category: return (-1, Int64(d.products.categories.count) + 1)
            case .sku: return (-1, Int64(d.products.count) + 1)
            }
        }
        let orderSide = dimensions.indices.filter { !dimensions[$0].isProduct }
        let productSide = dimensions.indices.filter { dimensions[$0].isProduct }
        layout = orderSide + productSide
        orderSideCount = orderSide.count
        let spans = dimensions.map(span)
        base = spans.map(\.base)
        radix = spans.map(\.radix)
        var total: Int64 = 1
        for r in radix {
            let (product, overflow) = total.multipliedReportingOverflow(by: r)
            guard !overflow, product < Int64.max / 4 else {
                throw AnalyticsError("too many combinations of \(dimensions.map(\.name).joined(separator: " x ")) to slice by at once")
            }
            total = product
        }
        let radixes = radix
        productSpan = productSide.reduce(1) { $0 * radixes[$1] }
        denseCount = total <= 1 << 20 ? Int(total) : nil

        var filters: [(CubeDimension, [Bool], Int32)] = []
        for (dimension, codes) in query.filters {
            let (filterBase, filterRadix) = span(dimension)
            var allowed = [Bool](repeating: false, count: Int(filterRadix))
            for code in codes { allowed[Int(try Self.value(of: code, for: dimension, in: snapshot) - filterBase)] = true }
            filters.append((dimension, allowed, filterBase))
        }
        self.filters = filters
        if let codes = query.partnerScope {
            let partners = d.partners
            let roots = Set(try codes.map { try Self.value(of: $0, for: .partner, in: snapshot) })
            scope = (0..<partners.count).map { p in
                var at = Int32(p)
                var steps = 0
                while at >= 0, steps < 16 {
                    if roots.contains(at) { return true }
                    at = partners.parent[Int(at)]
                    steps += 1
                }
                return false
            }
        } else {
            scope = nil
        }
        var ancestors: [Int: [Int32]] = [:]
        for case .upstream(let tier) in dimensions + Array(query.filters.keys) {
            ancestors[tier] = Self.ancestors(at: tier, d.partners)
        }
        self.ancestors = ancestors
        if let time = dimensions.first(where: \.isTime) {
            buckets = (period.lowerBound, period.map { TimeBucket.number(time, day: $0) })
        } else {
            buckets = (0, [])
        }
        productParts = (0..<d.products.count).map { self.productSide(Int32($0)) ?? -1 } + [self.productSide(-1) ?? -1]
    }

    /// The product-side number of a product index (-1 for none), or -1 when a product filter excludes it.
    private func productPart(_ product: Int32) -> Int64 {
        productParts[product >= 0 && Int(product) < productParts.count - 1 ? Int(product) : productParts.count - 1]
    }

    /// The bucket number of `day` for the time dimension `dimension`.
    private func bucket(_ dimension: CubeDimension, day: Int32) -> Int32 {
        let offset = Int(day) &- Int(buckets.first)
        if offset >= 0, offset < buckets.numbers.count { return buckets.numbers[offset] }
        return TimeBucket.number(dimension, day: day)
    }

    /// Dimensions (sliced or filtered) and scope that `source` cannot answer, for a clear refusal.
    func unsupported(by source: FactSource) -> [String] {
        var names = (dimensions + filters.map(\.dimension)).filter { !source.supports($0) }.map(\.name)
        if scope != nil, !source.supports(.partner) { names.append("partner scope") }
        return Array(Set(names)).sorted()
    }

    // MARK: Numbering facts

    /// Per fact, its combination number over the order-side dimensions (or all, when `source` has products and
    /// `withProducts`), or -1 when `include` rejects it or a filter or the scope excludes it. `day` gives the
    /// business day the time dimensions bucket.
    func numbers(_ source: FactSource, withProducts: Bool = true, include: @escaping @Sendable (Int) -> Bool) -> [Int64] {
        let products = withProducts && source.product != nil
        return Parallel.array(count: source.count) { c, output in
            let start = c * Column<Int32>.chunkSize
            for i in start..<min(source.count, start + Column<Int32>.chunkSize) {
                guard include(i), var number = self.orderSide(source, i) else {
                    output.set(i, -1)
                    continue
                }
                if products {
                    let part = self.productPart(source.product?(i) ?? -1)
                    guard part >= 0 else {
                        output.set(i, -1)
                        continue
                    }
                    number = number * self.productSpan + part
                } else {
                    number *= self.productSpan
                }
                output.set(i, number)
            }
        }
    }

    /// What an order-side dimension reads of an order, for `orderNumbers`.
    private enum OrderAttribute {
        case time(CubeDimension)
        case channel, partner, outlet
        /// A value per partner (tier, upstream partner).
        case byPartner([Int32])
        /// A value per region (province, city) of the order's region: its outlet's, else its partner's.
        case byRegion([Int32])
    }

    private func orderAttribute(_ dimension: CubeDimension) -> OrderAttribute {
        let d = snapshot.dimensions
        switch dimension {
        case .day, .week, .month, .quarter, .year: return .time(dimension)
        case .province: return .byRegion(d.regions.province)
        case .city: return .byRegion(d.regions.city)
        case .channel: return .channel
        case .tier: return .byPartner(d.partners.tier.map { Int32($0) })
        case .partner: return .partner
        case .upstream(let tier): return .byPartner(ancestors[tier] ?? Self.ancestors(at: tier, d.partners))
        case .outlet: return .outlet
        // Orders carry no product: product dimensions are sliced on lines (`lineNumbers`).
        case .category, .sku: return .byPartner([])
        }
    }

    /// `numbers` for orders whose business day lies in `period` and whose status passes `status` (and `also`, when
    /// given): the same numbers, read from the order columns a chunk at a time rather than through `FactSource`'s
    /// per-row closures (the cube's hottest loop), skipping chunks outside the period by zone map.
    func orderNumbers(
        period: ClosedRange<Int32>, status: @escaping @Sendable (UInt8) -> Bool, also: (@Sendable (Int) -> Bool)? = nil
    ) -> [Int64] {
        let orders = snapshot.orders
        let outletRegion = snapshot.dimensions.outlets.region
        let partnerRegion = snapshot.dimensions.partners.region
        let sliced = layout.prefix(orderSideCount).map { (orderAttribute(dimensions[$0]), base[$0], radix[$0]) }
        let filtered = filters.filter { !$0.dimension.isProduct }.map { (orderAttribute($0.dimension), $0.allowed, $0.base) }
        let scope = self.scope
        let productSpan = self.productSpan
        let window = Cube.instantCover(period)
        return Parallel.array(count: orders.count) { c, output in
            let start = c * Column<Int32>.chunkSize
            let days = orders.day.chunk(c)
            guard orders.zones.overlaps(chunk: c, window) else {
                for i in start..<start + days.count { output.set(i, -1) }
                return
            }
            let statuses = orders.status.chunk(c)
            let partners = orders.partner.chunk(c)
            let outlets = orders.outlet.chunk(c)
            let channels = orders.channel.chunk(c)
            for j in 0..<days.count {
                let i = start + j
                let day = days[j]
                guard period.contains(day), status(statuses[j]), also?(i) ?? true else {
                    output.set(i, -1)
                    continue
                }
                let partner = partners[j]
                let outlet = outlets[j]
                if let scope, partner < 0 || !scope[Int(partner)] {
                    output.set(i, -1)
                    continue
                }
                let region = outlet >= 0 ? outletRegion[Int(outlet)] : partner >= 0 ? partnerRegion[Int(partner)] : -1
                func value(_ attribute: OrderAttribute) -> Int32 {
                    switch attribute {
                    case .time(let dimension): return self.bucket(dimension, day: day)
                    case .channel: return Int32(channels[j])
                    case .partner: return partner
                    case .outlet: return outlet
                    case .byPartner(let table): return partner >= 0 && Int(partner) < table.count ? table[Int(partner)] : -1
                    case .byRegion(let table): return region >= 0 ? table[Int(region)] : -1
                    }
                }
                var excluded = false
                for (attribute, allowed, filterBase) in filtered {
                    let digit = Int(value(attribute) - filterBase)
                    if !allowed.indices.contains(digit) || !allowed[digit] {
                        excluded = true
                        break
                    }
                }
                var number: Int64 = 0
                if !excluded {
                    for (attribute, base, radix) in sliced {
                        let digit = Int64(value(attribute) - base)
                        guard digit >= 0, digit < radix else {
                            excluded = true
                            break
                        }
                        number = number * radix + digit
                    }
                }
                output.set(i, excluded ? -1 : number * productSpan)
            }
        }
    }

    /// Per order line, its combination number: its order's order-side number (from `orderNumbers`, made by
    /// `numbers(_:withProducts:include:)` over orders) with the line's product values.
    func lineNumbers(orderNumbers: [Int64]) -> [Int64] {
        let lines = snapshot.lines
        return Parallel.array(count: lines.count) { c, output in
            let orders = lines.order.chunk(c)
            let products = lines.product.chunk(c)
            let start = c * Column<Int32>.chunkSize
            for i in 0..<orders.count {
                let number = orderNumbers[Int(orders[i])]
                let part = number >= 0 ? self.productPart(products[i]) : -1
                guard part >= 0 else {
                    output.set(start + i, -1)
                    continue
                }
                output.set(start + i, number + part)
            }
        }
    }

    /// Whether lines need numbers of their own (product dimensions or product filters).
    var splitsLines: Bool { productSpan > 1 || filters.contains { $0.dimension.isProduct } }

    /// Group ids for combination numbers (-1 stays -1).
    func ids(_ numbers: [Int64]) -> [Int32] {
        if denseCount != nil { return numbers.map { Int32(truncatingIfNeeded: $0) } }
        return numbers.map { number in
            guard number >= 0 else { return -1 }
            if let id = sparse[number] { return id }
            let id = Int32(sparseKeys.count)
            sparse[number] = id
            sparseKeys.append(number)
            return id
        }
    }

    /// The id of a combination of dimension values (query order, absolute values), if it has one.
    func id(of values: [Int32]) -> Int32? {
        var number: Int64 = 0
        for position in layout {
            let digit = Int64(values[position] - base[position])
            guard digit >= 0, digit < radix[position] else { return nil }
            number = number * radix[position] + digit
        }
        if let denseCount { return number < denseCount ? Int32(number) : nil }
        return sparse[number]
    }

    /// Line sums already computed on this numbering, by what they sum (see `Cube.lineTotals(_:delivered:period:)`).
    private var lineTotals: [String: LineTotals] = [:]

    /// The line sums named `name`, computed by `compute` the first time.
    func remembered(_ name: String, _ compute: () -> LineTotals) -> LineTotals {
        if let known = lineTotals[name] { return known }
        let computed = compute()
        lineTotals[name] = computed
        return computed
    }

    /// How many ids there are (some dense ids may have no facts).
    var groupCount: Int { denseCount ?? sparseKeys.count }

    /// The dimension values (query order, absolute: bucket numbers, region/partner/... indexes, -1 for none) of id.
    func values(of id: Int32) -> [Int32] {
        var number = denseCount != nil ? Int64(id) : sparseKeys[Int(id)]
        var values = [Int32](repeating: 0, count: dimensions.count)
        for position in layout.reversed() {
            values[position] = Int32(number % radix[position]) + base[position]
            number /= radix[position]
        }
        return values
    }

    /// A number that orders ids as rows are shown: dimension by dimension in query order, a time bucket or tier by its
    /// value, any other dimension by the place of its value in `places` (`Labels.places`; "none" first). One number
    /// per row, so that sorting many rows compares integers.
    func orderNumber(of id: Int32, places: [[Int32]?]) -> Int64 {
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: dimensions.count) { digits in
            var number = denseCount != nil ? Int64(id) : sparseKeys[Int(id)]
            for position in layout.reversed() {
                digits[position] = number % radix[position]
                number /= radix[position]
            }
            var order: Int64 = 0
            for position in 0..<dimensions.count {
                var digit = digits[position]
                // Coded dimensions count from -1 ("none"): digit d is value d - 1.
                if let places = places[position], digit > 0 { digit = Int64(places[Int(digit) - 1]) + 1 }
                order = order * radix[position] + digit
            }
            return order
        }
    }

    private func orderSide(_ source: FactSource, _ i: Int) -> Int64? {
        if let scope {
            let partner = source.partner(i)
            guard partner >= 0, scope[Int(partner)] else { return nil }
        }
        for filter in filters where !filter.dimension.isProduct {
            let digit = Int(value(filter.dimension, source, i) - filter.base)
            guard filter.allowed.indices.contains(digit), filter.allowed[digit] else { return nil }
        }
        var number: Int64 = 0
        for position in layout.prefix(orderSideCount) {
            let digit = Int64(value(dimensions[position], source, i) - base[position])
            guard digit >= 0, digit < radix[position] else { return nil }
            number = number * radix[position] + digit
        }
        return number
    }

    private func productSide(_ product: Int32) -> Int64? {
        for filter in filters where filter.dimension.isProduct {
            let digit = Int(productValue(filter.dimension, product) - filter.base)
            guard filter.allowed.indices.contains(digit), filter.allowed[digit] else { return nil }
        }
        var number: Int64 = 0
        for position in layout.dropFirst(orderSideCount) {
            let digit = Int64(productValue(dimensions[position], product) - base[position])
            guard digit >= 0, digit < radix[position] else { return nil }
            number = number * radix[position] + digit
        }
        return number
    }

    private func productValue(_ dimension: CubeDimension, _ product: Int32) -> Int32 {
        guard product >= 0 else { return -1 }
        return dimension == .category ? productCategory[Int(product)] : product
    }

    private func value(_ dimension: CubeDimension, _ source: FactSource, _ i: Int) -> Int32 {
        let d = snapshot.dimensions
        switch dimension {
        case .day, .week, .month, .quarter, .year: return bucket(dimension, day: source.day(i))
        case .province:
            let region = source.region(i)
            return region >= 0 ? d.regions.province[Int(region)] : -1
        case .city:
            let region = source.region(i)
            return region >= 0 ? d.regions.city[Int(region)] : -1
        case .channel: return source.channel(i)
        case .tier:
            let partner = source.partner(i)
            return partner >= 0 ? Int32(d.partners.tier[Int(partner)]) : -1
        case .partner: return source.partner(i)
        case .upstream(let tier):
            let partner = source.partner(i)
            return partner >= 0 ? ancestors[tier]?[Int(partner)] ?? -1 : -1
        case .outlet: return source.outlet(i)
        case .category, .sku: return productValue(dimension, source.product?(i) ?? -1)
        }
    }

    /// Each partner's ancestor at `tier` (itself when it sits at or above that tier).
    static func ancestors(at tier: Int, _ partners: Dimensions.Partners) -> [Int32] {
        (0..<partners.count).map { p in
            var at = Int32(p)
            var steps = 0
            while Int(partners.tier[Int(at)]) > tier, partners.parent[Int(at)] >= 0, steps < 16 {
                at = partners.parent[Int(at)]
                steps += 1
            }
            return at
        }
    }

    /// The dimension value a filter code stands for.
    static func value(of code: String, for dimension: CubeDimension, in s: FactSnapshot) throws -> Int32 {
        let d = s.dimensions
        func index(_ codes: [String], _ what: String) throws -> Int32 {
            guard let i = codes.firstIndex(of: code) else {
                throw AnalyticsError("filter \(dimension.name): there is no \(what) '\(code)'")
            }
            return Int32(i)
        }
        switch dimension {
        case .day, .week, .month, .quarter, .year:
            throw AnalyticsError("filter \(dimension.name): choose the period instead of filtering on time")
        case .province, .city:
            let i = try index(d.regions.code, "region")
            let level = d.regions.level[Int(i)]
            guard (dimension == .province) == (level == .province), level != .district else {
                throw AnalyticsError("filter \(dimension.name): region '\(code)' is a \(level.rawValue)")
            }
            return i
        case .channel:
            switch code {
            case "online": return Int32(ChannelCode.online)
            case "offline": return Int32(ChannelCode.offline)
            default: throw AnalyticsError("filter channel: '\(code)' is not online or offline")
            }
        case .tier:
            guard let tier = Int32(code), (0...9).contains(tier) else {
                throw AnalyticsError("filter tier: '\(code)' is not a tier from 0 to 9")
            }
            return tier
        case .partner, .upstream: return try index(d.partners.code, "partner")
        case .outlet: return try index(d.outlets.code, "outlet")
        case .category: return try index(d.products.categories, "category")
        case .sku: return try index(d.products.sku, "SKU")
        }
    }
}
