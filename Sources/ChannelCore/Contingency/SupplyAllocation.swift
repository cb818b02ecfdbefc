/// How ranked backup suppliers cover a shortfall: who delivers how much, when, at what cost, and what stays
/// uncovered.
///
/// The rule, supplier by supplier in rank order (1 first; equal ranks by code):
/// - a supplier whose ``BackupSupplier/skus`` leave out the shortfall's SKU is skipped;
/// - once the shortfall is covered, the remaining suppliers are not needed;
/// - a supplier is ready at the start plus its lead time; from then it delivers ``BackupSupplier/capacityPerDay``
///   units per full day, each day's units arriving by the end of that day. Days available = the full days (24 hours)
///   from ready to needed-by, rounded down; a supplier with none is too late;
/// - it is asked for the lower of what is still missing and capacity × days available.
///
/// Costs are quantity × unit cost, exact in minor units, and added up in the suppliers' one currency.
public struct SupplyAllocation: Hashable, Sendable, Encodable {
    /// The shortfall covered.
    public var shortfall: Shortfall
    /// The suppliers asked, in rank order.
    public var allocations: [SupplierAllocation]
    /// The suppliers not asked, in rank order, with why.
    public var exclusions: [SupplierExclusion]
    /// Units the suppliers cover.
    public var covered: Int64
    /// Units still missing after them (0 when the shortfall is covered).
    public var uncovered: Int64
    /// The cost of all allocations; zero in the first supplier's currency (CNY without suppliers) when nothing is
    /// allocated.
    public var cost: Money

    /// Whether the suppliers cover the whole shortfall.
    public var isCovered: Bool { uncovered == 0 }

    /// Allocates `shortfall` over `suppliers` (see the type's rule).
    ///
    /// - Throws: ``DomainError/currencyMismatch(_:_:)`` when the suppliers asked are priced in different currencies,
    ///   ``DomainError/overflow`` when a cost does not fit 64-bit minor units.
    public init(covering shortfall: Shortfall, from suppliers: [BackupSupplier]) throws(DomainError) {
        let ranked = suppliers.sorted { ($0.rank, $0.code) < ($1.rank, $1.code) }
        var missing = max(0, shortfall.quantity)
        var allocations: [SupplierAllocation] = []
        var exclusions: [SupplierExclusion] = []
        var cost = Money(minorUnits: 0, currency: ranked.first?.unitCost.currency ?? .cny)
        for supplier in ranked {
            guard supplier.supplies(shortfall.sku) else {
                exclusions.append(SupplierExclusion(supplier, reason: .doesNotSupplySKU, shortfall: shortfall))
                continue
            }
            guard missing > 0 else {
                exclusions.append(SupplierExclusion(supplier, reason: .notNeeded, shortfall: shortfall))
                continue
            }
            guard supplier.capacityPerDay > 0 else {
                exclusions.append(SupplierExclusion(supplier, reason: .noCapacity, shortfall: shortfall))
                continue
            }
            let ready = shortfall.startAt.adding(supplier.leadTime)
            let window = shortfall.neededBy.milliseconds(since: ready)
            let days = window / LatenessUnit.day.milliseconds
            guard days >= 1 else {
                exclusions.append(
                    SupplierExclusion(supplier, reason: .arrivesTooLate(readyAt: ready), shortfall: shortfall))
                continue
            }
            let (capacity, overflow) = supplier.capacityPerDay.multipliedReportingOverflow(by: days)
            let quantity = overflow ? missing : min(missing, capacity)
            let daysUsed = CompensationTerms.startedUnits(quantity, of: supplier.capacityPerDay)
            let (units, costOverflow) = quantity.multipliedReportingOverflow(by: supplier.unitCost.minorUnits)
            guard !costOverflow else { throw .overflow }
            let lineCost = Money(minorUnits: units, currency: supplier.unitCost.currency)
            cost = try cost.adding(lineCost)
            allocations.append(
                SupplierAllocation(
                    code: supplier.code, name: supplier.name, rank: supplier.rank, quantity: quantity,
                    daysAvailable: days, cost: lineCost,
                    firstArrivalAt: ready.adding(milliseconds: LatenessUnit.day.milliseconds),
                    lastArrivalAt: ready.adding(milliseconds: daysUsed * LatenessUnit.day.milliseconds)))
            missing -= quantity
        }
        self.shortfall = shortfall
        self.allocations = allocations
        self.exclusions = exclusions
        self.covered = max(0, shortfall.quantity) - missing
        self.uncovered = missing
        self.cost = cost
    }

    enum CodingKeys: String, CodingKey {
        case shortfall, allocations, exclusions, covered, uncovered, cost, currency
        case isCovered = "is_covered"
    }

    /// Snake-case keys, the cost as decimal text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shortfall, forKey: .shortfall)
        try container.encode(allocations, forKey: .allocations)
        try container.encode(exclusions, forKey: .exclusions)
        try container.encode(covered, forKey: .covered)
        try container.encode(uncovered, forKey: .uncovered)
        try container.encode(isCovered, forKey: .isCovered)
        try container.encodeAmountIfPresent(cost, forKey: .cost)
        try container.encode(cost.currency.code, forKey: .currency)
    }
}
