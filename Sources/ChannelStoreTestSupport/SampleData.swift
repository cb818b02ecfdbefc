public import ChannelCore
public import ChannelStore

/// A small but complete dataset: every entity kind, references across kinds, optional fields both set and empty.
public struct SampleData {
    public init() {}

    public static let orderedAt = Instant(millisecondsSinceEpoch: 1_741_076_100_000)  // 2025-03-04T08:15:00Z

    public static func at(hours: Int64) -> Instant {
        Instant(millisecondsSinceEpoch: orderedAt.millisecondsSinceEpoch + hours * 3_600_000)
    }

    public static func day(_ text: String) -> CalendarDay {
        (try? CalendarDay(parsing: text)) ?? CalendarDay(daysSinceEpoch: 0)
    }

    public var regions = [
        Region(id: RegionID("310000"), name: "上海市", parentID: nil, level: .province),
        Region(id: RegionID("310100"), name: "上海市辖区", parentID: RegionID("310000"), level: .city),
        Region(id: RegionID("440000"), name: "广东省", parentID: nil, level: .province),
        Region(id: RegionID("440300"), name: "深圳市", parentID: RegionID("440000"), level: .city),
    ]

    public var partners = [
        Partner(
            id: PartnerID("D1"), name: "华东总经销", kind: .distributor, parentID: nil, tier: 1, regionID: RegionID("310100"),
            channel: .offline, joinedOn: day("2024-01-02"), status: .active),
        Partner(
            id: PartnerID("A1"), name: "深圳代理", kind: .agent, parentID: PartnerID("D1"), tier: 2, regionID: RegionID("440300"),
            channel: .offline, joinedOn: day("2024-02-03"), status: .active),
        Partner(
            id: PartnerID("R1"), name: "福田经销店", kind: .dealer, parentID: PartnerID("A1"), tier: 3, regionID: RegionID("440300"),
            channel: .offline, joinedOn: day("2024-03-04"), status: .active),
        Partner(
            id: PartnerID("PL"), name: "Tmall flagship", kind: .platform, parentID: nil, tier: 0, regionID: RegionID("310100"),
            channel: .online, joinedOn: day("2024-01-01"), status: .active),
    ]

    public var products = [
        Product(
            sku: SKU("SKU1"), name: "绿茶 500ml", category: "beverage", listPrice: Money(minorUnits: 350),
            unitCost: Money(minorUnits: 120), weightGrams: 520, launchedOn: day("2023-05-01")),
        Product(
            sku: SKU("SKU2"), name: "Oolong 1L", category: "beverage", listPrice: Money(minorUnits: 990),
            unitCost: Money(minorUnits: 410), weightGrams: 1_040, launchedOn: day("2024-07-15")),
    ]

    public var outlets = [
        Outlet(
            id: OutletID("O1"), partnerID: PartnerID("R1"), regionID: RegionID("440300"), kind: .supermarket,
            openedOn: day("2024-04-01"), closedOn: nil),
        Outlet(
            id: OutletID("O2"), partnerID: PartnerID("PL"), regionID: RegionID("310100"), kind: .onlineStore,
            openedOn: day("2024-01-01"), closedOn: nil),
        Outlet(
            id: OutletID("O3"), partnerID: PartnerID("A1"), regionID: RegionID("440300"), kind: .convenience,
            openedOn: day("2024-02-10"), closedOn: day("2025-01-31")),
    ]

    public var orders = [
        SalesOrder(
            id: OrderID("SO1"), partnerID: PartnerID("R1"), outletID: OutletID("O1"), channel: .offline, orderedAt: at(hours: 0),
            promisedAt: at(hours: 72), shippedAt: at(hours: 20), deliveredAt: at(hours: 50), status: .delivered),
        SalesOrder(
            id: OrderID("SO2"), partnerID: PartnerID("PL"), outletID: OutletID("O2"), channel: .online, orderedAt: at(hours: -30),
            promisedAt: nil, shippedAt: nil, deliveredAt: nil, status: .pending),
        SalesOrder(
            id: OrderID("SO3"), partnerID: PartnerID("A1"), outletID: nil, channel: .offline, orderedAt: at(hours: 5),
            promisedAt: at(hours: 48), shippedAt: at(hours: 24), deliveredAt: nil, status: .shipped),
    ]

    public var orderLines = [
        OrderLine(
            orderID: OrderID("SO1"), lineNumber: 1, sku: SKU("SKU1"), quantity: 10, unitPrice: Money(minorUnits: 350),
            discount: (try? DiscountRate(parsing: "0.1")) ?? .none, returnedQuantity: 0),
        OrderLine(
            orderID: OrderID("SO1"), lineNumber: 2, sku: SKU("SKU2"), quantity: 2, unitPrice: Money(minorUnits: 990),
            discount: .none, returnedQuantity: 1),
        OrderLine(
            orderID: OrderID("SO2"), lineNumber: 1, sku: SKU("SKU1"), quantity: 1, unitPrice: Money(minorUnits: 199),
            discount: (try? DiscountRate(parsing: "0.35")) ?? .none, returnedQuantity: 0),
        OrderLine(
            orderID: OrderID("SO3"), lineNumber: 1, sku: SKU("SKU2"), quantity: 5, unitPrice: Money(minorUnits: 900),
            discount: .none, returnedQuantity: 0),
    ]

    public var shipments = [
        Shipment(
            id: ShipmentID("SH1"), orderID: OrderID("SO1"), carrier: "SF Express", mode: .evTruck, distanceMeters: 18_500,
            weightGrams: 7_280, shippedAt: at(hours: 20), deliveredAt: at(hours: 50)),
        Shipment(
            id: ShipmentID("SH3"), orderID: OrderID("SO3"), carrier: "", mode: nil, distanceMeters: nil, weightGrams: nil,
            shippedAt: at(hours: 24), deliveredAt: nil),
    ]

    public var snapshots = [
        InventorySnapshot(snapshotDate: day("2025-06-01"), locationID: LocationID("WH01"), sku: SKU("SKU1"), onHand: 100, inTransit: 20),
        InventorySnapshot(snapshotDate: day("2025-06-01"), locationID: LocationID("WH01"), sku: SKU("SKU2"), onHand: 0, inTransit: 0),
        InventorySnapshot(snapshotDate: day("2025-06-08"), locationID: LocationID("WH02"), sku: SKU("SKU1"), onHand: 42, inTransit: 0),
    ]

    public var feedback = [
        Feedback(
            id: FeedbackID("F1"), orderID: OrderID("SO1"), partnerID: PartnerID("R1"), outletID: OutletID("O1"), channel: .offline,
            createdAt: at(hours: 60), rating: 4, text: "送货很快"),
        Feedback(
            id: FeedbackID("F2"), orderID: nil, partnerID: PartnerID("PL"), outletID: nil, channel: .online, createdAt: at(hours: 70),
            rating: 2, text: "Late, \"box\" damaged\n\tsee photo"),
    ]

    public var complaints = [
        Complaint(
            id: ComplaintID("C1"), orderID: OrderID("SO1"), partnerID: PartnerID("R1"), openedAt: at(hours: 61),
            firstResponseAt: at(hours: 63), resolvedAt: at(hours: 80), severity: .medium, category: .delivery),
        Complaint(
            id: ComplaintID("C2"), orderID: nil, partnerID: PartnerID("PL"), openedAt: at(hours: 71), firstResponseAt: nil,
            resolvedAt: nil, severity: .low, category: .service),
    ]

    /// Rows per kind once everything is written.
    public var counts: [EntityKind: Int] {
        [
            .regions: regions.count, .partners: partners.count, .products: products.count, .outlets: outlets.count,
            .orders: orders.count, .orderLines: orderLines.count, .shipments: shipments.count,
            .inventorySnapshots: snapshots.count, .feedback: feedback.count, .complaints: complaints.count,
        ]
    }

    /// Every record passes the domain checks (so the store tests exercise the store, not bad input).
    public var validationIssues: [ValidationIssue] {
        var issues: [ValidationIssue] = []
        issues += regions.flatMap { $0.validate() }
        issues += partners.flatMap { $0.validate() }
        issues += products.flatMap { $0.validate() }
        issues += outlets.flatMap { $0.validate() }
        issues += orders.flatMap { $0.validate() }
        issues += orderLines.flatMap { $0.validate() }
        issues += shipments.flatMap { $0.validate() }
        issues += snapshots.flatMap { $0.validate() }
        issues += feedback.flatMap { $0.validate() }
        issues += complaints.flatMap { $0.validate() }
        return issues
    }

    /// Writes every kind, parents first, closing each kind's batch as an importer does; returns the outcomes per kind.
    @discardableResult
    public func write(to writer: any BulkWriter) throws -> [EntityKind: [WriteOutcome]] {
        var outcomes: [EntityKind: [WriteOutcome]] = [:]
        func batch(_ kind: EntityKind, _ write: () throws -> [WriteOutcome]) throws {
            outcomes[kind] = try write()
            try writer.finishBatch(kind, source: Self.source(of: kind))
        }
        try batch(.regions) { try regions.map { try writer.write($0) } }
        try batch(.partners) { try partners.map { try writer.write($0) } }
        try batch(.products) { try products.map { try writer.write($0) } }
        // In `EntityKind.allCases` order, as an import writes them.
        try batch(.inventorySnapshots) { try snapshots.map { try writer.write($0) } }
        try batch(.outlets) { try outlets.map { try writer.write($0) } }
        try batch(.orders) { try orders.map { try writer.write($0) } }
        try batch(.orderLines) { try orderLines.map { try writer.write($0) } }
        try batch(.shipments) { try shipments.map { try writer.write($0) } }
        try batch(.feedback) { try feedback.map { try writer.write($0) } }
        try batch(.complaints) { try complaints.map { try writer.write($0) } }
        return outcomes
    }

    /// A product numbered `number` (P00000, P00001, ...).
    public static func product(_ number: Int) -> Product {
        Product(
            sku: SKU("P" + String(100_000 + number).dropFirst()), name: "Product \(number)", category: "test",
            listPrice: Money(minorUnits: Int64(100 + number)), unitCost: Money(minorUnits: 50), weightGrams: 100,
            launchedOn: SampleData.day("2024-01-01"))
    }

    /// An order line of `order` for `sku`.
    public static func line(order: String, number: Int, sku: String = "SKU1", quantity: Int64 = 1) -> OrderLine {
        OrderLine(
            orderID: OrderID(order), lineNumber: number, sku: SKU(sku), quantity: quantity, unitPrice: Money(minorUnits: 100),
            discount: .none, returnedQuantity: 0)
    }

    /// A new pending order SO9 of retailer R1 at outlet O1, as an API client creates one.
    public static let apiOrder = SalesOrder(
        id: OrderID("SO9"), partnerID: PartnerID("R1"), outletID: OutletID("O1"), channel: .offline,
        orderedAt: SampleData.at(hours: 100), promisedAt: nil, shippedAt: nil, deliveredAt: nil, status: .pending)

    /// Line `number` of `apiOrder`: SKU2, `number` units at 12.34 with a discount of 0.125.
    public static func apiLine(_ number: Int) -> OrderLine {
        OrderLine(
            orderID: OrderID("SO9"), lineNumber: number, sku: SKU("SKU2"), quantity: Int64(number), unitPrice: Money(minorUnits: 1_234),
            discount: (try? DiscountRate(parsing: "0.125")) ?? .none, returnedQuantity: 0)
    }

    /// Writes the regions, partners, products, outlets and orders (no batches closed).
    public func writeMasterData(to writer: any BulkWriter) throws {
        for region in regions { _ = try writer.write(region) }
        for partner in partners { _ = try writer.write(partner) }
        for product in products { _ = try writer.write(product) }
        for outlet in outlets { _ = try writer.write(outlet) }
        for order in orders { _ = try writer.write(order) }
    }

    /// The file name an import batch of `kind` is audited under.
    public static func source(of kind: EntityKind) -> String { "import/\(kind.name).csv" }
}

extension ChannelStore {
    /// Writes the sample in one transaction and returns the outcomes per kind.
    @discardableResult
    public func write(_ sample: SampleData, actor: String = "test") throws -> [EntityKind: [WriteOutcome]] {
        try bulkWrite(actor: actor) { writer in try sample.write(to: writer) }
    }

    /// The id of the latest audit event (0 when there is none).
    public func lastAuditEventID() throws -> Int64 {
        try auditEvents(after: 0, limit: 1_000_000).last?.id ?? 0
    }
}
