/// Int32 values by partner × product, looked up in constant time: a flat array at partner × products + product while
/// that grid is small, else a hash map of the pairs present.
struct PairTable: Sendable {
    private enum Storage: Sendable {
        case flat([Int32])
        case hashed([Int: Int32])
    }

    private let partners: Int
    private let products: Int
    /// The value of every pair not given.
    private let absent: Int32
    private let storage: Storage

    /// The table of `pairs` (distinct, inside `partners` × `products`) found among `lines` lines; every other pair has
    /// the value `absent`.
    ///
    /// The grid is flat when it has at most two cells a line (8 bytes a line, under half of what the facts hold of a
    /// line) or at most four cells a pair (no bigger than the hash map, about 16 bytes a pair: an 8-byte key and a
    /// 4-byte value, at most 3/4 full).
    init(
        partners: Int, products: Int, absent: Int32, pairs: [(partner: Int32, product: Int32, value: Int32)], lines: Int
    ) {
        self.partners = partners
        self.products = products
        self.absent = absent
        let cells = partners * products
        if cells <= max(2 * lines, 4 * pairs.count) {
            var flat = [Int32](repeating: absent, count: cells)
            for pair in pairs { flat[Int(pair.partner) * products + Int(pair.product)] = pair.value }
            storage = .flat(flat)
        } else {
            var hashed: [Int: Int32] = [:]
            hashed.reserveCapacity(pairs.count)
            for pair in pairs { hashed[Int(pair.partner) * products + Int(pair.product)] = pair.value }
            storage = .hashed(hashed)
        }
    }

    /// Whether the table is a flat array (rather than a hash map).
    var isFlat: Bool {
        if case .flat = storage { true } else { false }
    }

    /// The value of `partner` × `product`; `absent` for pairs not given, including positions outside the grid
    /// (partners or products added after the table was built).
    subscript(partner: Int32, product: Int32) -> Int32 {
        guard partner >= 0, Int(partner) < partners, product >= 0, Int(product) < products else { return absent }
        let key = Int(partner) * products + Int(product)
        switch storage {
        case .flat(let flat): return flat[key]
        case .hashed(let hashed): return hashed[key] ?? absent
        }
    }
}
