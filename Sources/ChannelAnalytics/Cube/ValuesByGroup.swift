/// One measure's value per group id of a slicer, for the groups that have one.
///
/// Written and read like a dictionary keyed by id, but held as arrays: a slot per id (ids are dense, from 0) pointing
/// into the values in the order they were set. A day x SKU question sets and reads tens of thousands of values per
/// measure and period, where hashing and rehashing dominated the cube's time.
struct ValuesByGroup: ExpressibleByDictionaryLiteral {
    /// Per id, the index of its value in `values`; -1 for none. Ids past the end have none.
    private var slots: [Int32] = []
    private(set) var ids: [Int32] = []
    private(set) var values: [KPIValue] = []

    init() {}

    init(dictionaryLiteral elements: (Int32, KPIValue)...) {
        for (id, value) in elements { self[id] = value }
    }

    /// Room for values of `count` groups.
    mutating func reserveCapacity(_ count: Int) {
        ids.reserveCapacity(count)
        values.reserveCapacity(count)
    }

    /// The value of group `id`; nil when it has none. Setting a value again replaces it; ids are never negative (one
    /// that is has no value and takes none).
    subscript(id: Int32) -> KPIValue? {
        get {
            let index = Int(id)
            guard index >= 0, index < slots.count, slots[index] >= 0 else { return nil }
            return values[Int(slots[index])]
        }
        set {
            let index = Int(id)
            guard index >= 0 else { return }
            guard let newValue else {
                if index < slots.count { slots[index] = -1 }
                return
            }
            if index >= slots.count { slots += repeatElement(-1, count: index + 1 - slots.count) }
            if slots[index] >= 0 {
                values[Int(slots[index])] = newValue
                return
            }
            slots[index] = Int32(values.count)
            ids.append(id)
            values.append(newValue)
        }
    }
}
