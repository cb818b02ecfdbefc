import Foundation
import Testing

@testable import ChannelCore
@testable import ChannelStore
import ChannelStoreTestSupport

/// Reads a record back into its entity with the parsers the importer's row decoders use (identifiers, codes, money
/// with the currency's digits, discounts, kg and km with three decimals, ISO 8601 instants, dates), so a record that
/// decodes to the entity that was written reads back through an import unchanged.
struct RecordFields {
    let record: Record

    init(_ record: Record) { self.record = record }

    func optionalText(_ column: String) throws -> String? {
        #expect(record.kind.columns.contains(column), "\(column) is not a column of \(record.kind)")
        return record[column]
    }

    func text(_ column: String) throws -> String { try #require(try optionalText(column), "\(column) is empty") }

    func id<Entity>(_ column: String, _: Entity.Type = Entity.self) throws -> Identifier<Entity> {
        try Identifier<Entity>(parsing: try text(column))
    }

    func optionalID<Entity>(_ column: String, _: Entity.Type = Entity.self) throws -> Identifier<Entity>? {
        try optionalText(column).map { try Identifier<Entity>(parsing: $0) }
    }

    func code<T: CodedValue>(_ column: String, _: T.Type = T.self) throws -> T { try T(parsing: try text(column)) }

    func integer(_ column: String) throws -> Int64 {
        let decimal = try ExactDecimal(parsing: try text(column))
        return try #require(decimal.scaled(to: 0), "\(column) is not whole")
    }

    func money(_ column: String) throws -> Money { try Money(parsing: try text(column)) }

    func thousandths(_ column: String) throws -> Int64? {
        try optionalText(column).map { text in try #require(try ExactDecimal(parsing: text).scaled(to: 3)) }
    }

    func instant(_ column: String) throws -> Instant { try Instant(iso8601: try text(column)) }
    func optionalInstant(_ column: String) throws -> Instant? { try optionalText(column).map { try Instant(iso8601: $0) } }
    func day(_ column: String) throws -> CalendarDay { try CalendarDay(parsing: try text(column)) }
    func optionalDay(_ column: String) throws -> CalendarDay? { try optionalText(column).map { try CalendarDay(parsing: $0) } }

    var region: Region {
        get throws {
            Region(id: try id("region_id"), name: try text("name"), parentID: try optionalID("parent_id"), level: try code("level"))
        }
    }

    var partner: Partner {
        get throws {
            Partner(
                id: try id("partner_id"), name: try text("name"), kind: try code("kind"), parentID: try optionalID("parent_id"),
                tier: Int(try integer("tier")), regionID: try id("region_id"), channel: try code("channel"),
                joinedOn: try day("joined_on"), status: try code("status"))
        }
    }

    var product: Product {
        get throws {
            Product(
                sku: try id("sku"), name: try text("name"), category: try text("category"), listPrice: try money("list_price"),
                unitCost: try money("unit_cost"), weightGrams: try #require(try thousandths("weight_kg")),
                launchedOn: try day("launched_on"))
        }
    }

    var outlet: Outlet {
        get throws {
            Outlet(
                id: try id("outlet_id"), partnerID: try id("partner_id"), regionID: try id("region_id"), kind: try code("kind"),
                openedOn: try day("opened_on"), closedOn: try optionalDay("closed_on"))
        }
    }

    var order: SalesOrder {
        get throws {
            SalesOrder(
                id: try id("order_id"), partnerID: try id("partner_id"), outletID: try optionalID("outlet_id"),
                channel: try code("channel"), orderedAt: try instant("ordered_at"), promisedAt: try optionalInstant("promised_at"),
                shippedAt: try optionalInstant("shipped_at"), deliveredAt: try optionalInstant("delivered_at"),
                status: try code("status"))
        }
    }

    var orderLine: OrderLine {
        get throws {
            OrderLine(
                orderID: try id("order_id"), lineNumber: Int(try integer("line_no")), sku: try id("sku"),
                quantity: try integer("qty"), unitPrice: try money("unit_price"),
                discount: try optionalText("discount_rate").map { try DiscountRate(parsing: $0) } ?? .none,
                returnedQuantity: try optionalText("returned_qty").map { _ in try integer("returned_qty") } ?? 0)
        }
    }

    var shipment: Shipment {
        get throws {
            Shipment(
                id: try id("shipment_id"), orderID: try id("order_id"), carrier: try optionalText("carrier") ?? "",
                mode: try optionalText("mode").map { try ShipmentMode(parsing: $0) }, distanceMeters: try thousandths("distance_km"),
                weightGrams: try thousandths("weight_kg"), shippedAt: try instant("shipped_at"),
                deliveredAt: try optionalInstant("delivered_at"))
        }
    }

    var snapshot: InventorySnapshot {
        get throws {
            InventorySnapshot(
                snapshotDate: try day("snapshot_date"), locationID: try id("location_id"), sku: try id("sku"),
                onHand: try integer("on_hand"), inTransit: try optionalText("in_transit").map { _ in try integer("in_transit") } ?? 0)
        }
    }

    var feedback: Feedback {
        get throws {
            Feedback(
                id: try id("feedback_id"), orderID: try optionalID("order_id"), partnerID: try id("partner_id"),
                outletID: try optionalID("outlet_id"), channel: try code("channel"), createdAt: try instant("created_at"),
                rating: Int(try integer("rating")), text: try optionalText("text") ?? "")
        }
    }

    var complaint: Complaint {
        get throws {
            Complaint(
                id: try id("complaint_id"), orderID: try optionalID("order_id"), partnerID: try id("partner_id"),
                openedAt: try instant("opened_at"), firstResponseAt: try optionalInstant("first_response_at"),
                resolvedAt: try optionalInstant("resolved_at"), severity: try code("severity"), category: try code("category"))
        }
    }
}

extension RecordStore {
    /// Every record of `kind` (one page of the largest size).
    func allRecords(_ kind: EntityKind, scope: [String]? = nil) throws -> [Record] {
        try records(kind, RecordQuery(limit: RecordQuery.maximumLimit, partnerScope: scope)).records
    }

    /// Walks every page of `query` and returns the records in page order.
    func walk(_ kind: EntityKind, _ query: RecordQuery) throws -> [Record] {
        var query = query
        var walked: [Record] = []
        var pages = 0
        while true {
            let page = try records(kind, query)
            #expect(page.records.count <= query.limit)
            walked += page.records
            pages += 1
            guard let next = page.nextCursor, pages < 10_000 else { return walked }
            // A cursor is only handed out when more records follow.
            #expect(!page.records.isEmpty)
            query.cursor = next
        }
    }
}

/// Records in their canonical columns: the CSV layout's text, a round trip to the same entities, filters, order,
/// keyset pages and partner scope.
@Suite struct RecordReadTests {
    @Test(arguments: Backend.allCases)
    func everyKindReadsBackAsTheEntitiesWritten(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let sample = SampleData()
            try store.write(sample)
            func decoded<T: Hashable>(_ kind: EntityKind, _ read: (RecordFields) throws -> T) throws -> Set<T> {
                let records = try store.allRecords(kind)
                #expect(records.allSatisfy { $0.kind == kind && $0.values.count == kind.columns.count })
                return Set(try records.map { try read(RecordFields($0)) })
            }
            #expect(try decoded(.regions) { try $0.region } == Set(sample.regions))
            #expect(try decoded(.partners) { try $0.partner } == Set(sample.partners))
            #expect(try decoded(.products) { try $0.product } == Set(sample.products))
            #expect(try decoded(.outlets) { try $0.outlet } == Set(sample.outlets))
            #expect(try decoded(.orders) { try $0.order } == Set(sample.orders))
            #expect(try decoded(.orderLines) { try $0.orderLine } == Set(sample.orderLines))
            #expect(try decoded(.shipments) { try $0.shipment } == Set(sample.shipments))
            #expect(try decoded(.inventorySnapshots) { try $0.snapshot } == Set(sample.snapshots))
            #expect(try decoded(.feedback) { try $0.feedback } == Set(sample.feedback))
            #expect(try decoded(.complaints) { try $0.complaint } == Set(sample.complaints))
        }
    }

    @Test(arguments: Backend.allCases)
    func valuesAreWrittenAsTheCSVLayoutWritesThem(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.write(SampleData())
            let product = try #require(try store.record(.products, key: ["SKU1"], partnerScope: nil))
            #expect(product.values == ["SKU1", "绿茶 500ml", "beverage", "3.50", "1.20", "0.520", "2023-05-01"])
            #expect(product.key == ["SKU1"])
            let order = try #require(try store.record(.orders, key: ["SO1"], partnerScope: nil))
            #expect(
                order.values == [
                    "SO1", "R1", "O1", "offline", "2025-03-04T08:15:00Z", "2025-03-07T08:15:00Z", "2025-03-05T04:15:00Z",
                    "2025-03-06T10:15:00Z", "delivered",
                ])
            let pending = try #require(try store.record(.orders, key: ["SO2"], partnerScope: nil))
            #expect(pending["promised_at"] == nil && pending["shipped_at"] == nil && pending["outlet_id"] == "O2")
            let lines = try store.allRecords(.orderLines)
            #expect(lines.map(\.key) == [["SO1", "1"], ["SO1", "2"], ["SO2", "1"], ["SO3", "1"]])
            #expect(lines.map { $0["discount_rate"] } == ["0.10", "0.00", "0.35", "0.00"])
            #expect(lines.map { $0["unit_price"] } == ["3.50", "9.90", "1.99", "9.00"])
            #expect(lines[0].values == ["SO1", "1", "SKU1", "10", "3.50", "0.10", "0"])
            let shipments = try store.allRecords(.shipments)
            #expect(shipments[0].values == ["SH1", "SO1", "SF Express", "ev_truck", "18.500", "7.280", "2025-03-05T04:15:00Z", "2025-03-06T10:15:00Z"])
            #expect(shipments[1].values == ["SH3", "SO3", nil, nil, nil, nil, "2025-03-05T08:15:00Z", nil])
            let snapshot = try #require(try store.record(.inventorySnapshots, key: ["2025-06-08", "WH02", "SKU1"], partnerScope: nil))
            #expect(snapshot.values == ["2025-06-08", "WH02", "SKU1", "42", "0"])
            #expect(snapshot.keyText == "2025-06-08/WH02/SKU1")
            let region = try #require(try store.record(.regions, key: ["310000"], partnerScope: nil))
            #expect(region.values == ["310000", "上海市", nil, "province"])
            let feedback = try #require(try store.record(.feedback, key: ["F2"], partnerScope: nil))
            #expect(feedback["text"] == "Late, \"box\" damaged\n\tsee photo" && feedback["order_id"] == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func instantsShowMillisecondsOnlyWhenThereAreAny(_ backend: Backend) throws {
        try backend.withStore { store throws in
            var sample = SampleData()
            sample.feedback[0].createdAt = Instant(millisecondsSinceEpoch: SampleData.at(hours: 60).millisecondsSinceEpoch + 250)
            try store.write(sample)
            #expect(try store.record(.feedback, key: ["F1"], partnerScope: nil)?["created_at"] == "2025-03-06T20:15:00.250Z")
            #expect(try store.record(.feedback, key: ["F2"], partnerScope: nil)?["created_at"] == "2025-03-07T06:15:00Z")
            // And the exact instant filters it.
            let page = try store.records(.feedback, RecordQuery(filters: ["created_at": "2025-03-06T20:15:00.250Z"]))
            #expect(page.records.map(\.key) == [["F1"]])
        }
    }

    @Test func discountsKeepEveryStoredDigit() {
        #expect(RecordText.discount(partsPerMillion: 250_000) == "0.25")
        #expect(RecordText.discount(partsPerMillion: 0) == "0.00")
        #expect(RecordText.discount(partsPerMillion: 100_000) == "0.10")
        #expect(RecordText.discount(partsPerMillion: 125_000) == "0.125")
        #expect(RecordText.discount(partsPerMillion: 123_456) == "0.123456")
        #expect(RecordText.discount(partsPerMillion: 999_999) == "0.999999")
    }

    @Test func entityTagsFollowTheValues() throws {
        try Backend.sqlite.withStore { one throws in
            try Backend.postgres.withStore { other throws in
                var sample = SampleData()
                try one.write(sample)
                try other.write(sample)
                let tag = try #require(try one.record(.orders, key: ["SO3"], partnerScope: nil)?.etag)
                #expect(tag.count == 32 && tag.allSatisfy(\.isHexDigit))
                // Identical rows, identical tags, in another database (of the other backend) too; every other row has its own tag.
                #expect(try one.record(.orders, key: ["SO3"], partnerScope: nil)?.etag == tag)
                #expect(try other.record(.orders, key: ["SO3"], partnerScope: nil)?.etag == tag)
                let tags = try EntityKind.allCases.flatMap { try one.allRecords($0).map(\.etag) }
                #expect(Set(tags).count == tags.count)
                sample.orders[2].status = .delivered
                sample.orders[2].deliveredAt = SampleData.at(hours: 47)
                try one.write(sample)
                #expect(try one.record(.orders, key: ["SO3"], partnerScope: nil)?.etag != tag)
            }
        }
    }

    // MARK: Filters

    static func keys(_ page: RecordPage) -> [String] { page.records.map(\.keyText) }

    @Test(arguments: Backend.allCases)
    func exactFiltersAndRanges(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.write(SampleData())
            func keys(_ kind: EntityKind, _ filters: [String: String]) throws -> [String] {
                Self.keys(try store.records(kind, RecordQuery(filters: filters)))
            }
            #expect(try keys(.orders, ["status": "delivered"]) == ["SO1"])
            #expect(try keys(.orders, ["partner_id": "A1"]) == ["SO3"])
            #expect(try keys(.orders, ["partner_id": "nobody"]).isEmpty)
            #expect(try keys(.orders, ["outlet_id": ""]) == ["SO3"])
            #expect(try keys(.orders, ["delivered_at": ""]) == ["SO2", "SO3"])
            #expect(try keys(.orders, ["ordered_at_from": "2025-03-04T08:15:00Z"]) == ["SO1", "SO3"])
            #expect(try keys(.orders, ["ordered_at_to": "2025-03-04T08:15:00Z"]) == ["SO1", "SO2"])
            #expect(
                try keys(.orders, ["ordered_at_from": "2025-03-04T09:00:00+08:00", "ordered_at_to": "2025-03-04T16:15:00+08:00"])
                    == ["SO1"])
            #expect(try keys(.outlets, ["closed_on": ""]) == ["O1", "O2"])
            #expect(try keys(.outlets, ["closed_on_to": "2025-12-31"]) == ["O3"])
            #expect(try keys(.outlets, ["opened_on_from": "2024-02-01", "opened_on_to": "2024-03-31"]) == ["O3"])
            #expect(try keys(.products, ["list_price": "3.5"]) == ["SKU1"])
            #expect(try keys(.products, ["weight_kg_from": "0.6"]) == ["SKU2"])
            #expect(try keys(.orderLines, ["discount_rate": "0.35"]) == ["SO2/1"])
            #expect(try keys(.orderLines, ["order_id": "SO1", "qty_from": "3"]) == ["SO1/1"])
            #expect(try keys(.orderLines, ["sku": "SKU2"]) == ["SO1/2", "SO3/1"])
            #expect(try keys(.orderLines, ["unit_price_from": "1.99", "unit_price_to": "3.50"]) == ["SO1/1", "SO2/1"])
            #expect(try keys(.shipments, ["carrier": ""]) == ["SH3"])
            #expect(try keys(.shipments, ["distance_km": "18.5"]) == ["SH1"])
            #expect(try keys(.inventorySnapshots, ["sku": "SKU1"]) == ["2025-06-01/WH01/SKU1", "2025-06-08/WH02/SKU1"])
            #expect(try keys(.inventorySnapshots, ["snapshot_date": "2025-06-01", "on_hand_to": "50"]) == ["2025-06-01/WH01/SKU2"])
            #expect(try keys(.feedback, ["rating_from": "3"]) == ["F1"])
            #expect(try keys(.complaints, ["severity": "low", "resolved_at": ""]) == ["C2"])
            #expect(try keys(.partners, ["parent_id": "D1"]) == ["A1"])
            #expect(try keys(.partners, ["tier": "0"]) == ["PL"])
            #expect(try keys(.regions, ["parent_id": ""]) == ["310000", "440000"])
            #expect(try keys(.feedback, ["text": "送货很快"]) == ["F1"])
        }
    }

    static let invalidQueries: [(kind: EntityKind, query: RecordQuery, mentions: String)] = [
        (.orders, RecordQuery(filters: ["colour": "red"]), "colour"),
        (.orders, RecordQuery(filters: ["colour_from": "red"]), "colour_from"),
        (.orders, RecordQuery(filters: ["status": "lost"]), "status"),
        (.orders, RecordQuery(filters: ["ordered_at": "yesterday"]), "ordered_at"),
        (.orders, RecordQuery(filters: ["ordered_at_from": "2025-03-04T08:15:00"]), "ordered_at"),
        (.orders, RecordQuery(filters: ["partner_id_from": "A"]), "partner_id"),
        (.orderLines, RecordQuery(filters: ["qty": "many"]), "qty"),
        (.orderLines, RecordQuery(filters: ["unit_price": "1.999"]), "unit_price"),
        (.orderLines, RecordQuery(filters: ["discount_rate": "1.5"]), "discount_rate"),
        (.products, RecordQuery(filters: ["weight_kg": "0.0005"]), "weight_kg"),
        (.outlets, RecordQuery(filters: ["opened_on": "2024-13-01"]), "opened_on"),
        (.outlets, RecordQuery(filters: ["opened_on_to": ""]), "opened_on_to"),
        (.orders, RecordQuery(sort: "colour"), "colour"),
        (.orders, RecordQuery(sort: "-"), "sort"),
        (.orders, RecordQuery(limit: 0), "limit"),
        (.orders, RecordQuery(limit: 1001), "limit"),
        (.orders, RecordQuery(cursor: "not a cursor"), "cursor"),
    ]

    @Test(arguments: Backend.allCases, invalidQueries.indices)
    func invalidQueriesNameTheirProblem(_ backend: Backend, _ index: Int) throws {
        let (kind, query, mentions) = Self.invalidQueries[index]
        try backend.withStore { store throws in
            try store.write(SampleData())
            let error = #expect(throws: StoreError.self) { try store.records(kind, query) }
            #expect(error?.code == .invalid)
            #expect(error?.message.contains(mentions) == true, "\(String(describing: error))")
        }
    }

    @Test(arguments: Backend.allCases)
    func keysMustHaveTheirPartsAndTypes(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.write(SampleData())
            #expect(try store.record(.orderLines, key: ["SO1", "2"], partnerScope: nil)?["qty"] == "2")
            #expect(try store.record(.orderLines, key: ["SO1", "9"], partnerScope: nil) == nil)
            #expect(try store.record(.orders, key: ["SO9"], partnerScope: nil) == nil)
            for (kind, key) in [(EntityKind.orderLines, ["SO1"]), (.orders, ["SO1", "1"]), (.orderLines, ["SO1", "one"]),
                (.inventorySnapshots, ["June", "WH01", "SKU1"])]
            {
                let error = #expect(throws: StoreError.self) { try store.record(kind, key: key, partnerScope: nil) }
                #expect(error?.code == .invalid, "\(kind) \(key)")
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func aCursorBelongsToItsQuery(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.write(SampleData())
            let page = try store.records(.orders, RecordQuery(sort: "ordered_at", limit: 1))
            let cursor = try #require(page.nextCursor)
            #expect(try store.records(.orders, RecordQuery(sort: "ordered_at", cursor: cursor, limit: 1)).records.count == 1)
            for (kind, sort) in [(EntityKind.orders, "-ordered_at"), (.orders, nil), (.shipments, "ordered_at")] as [(EntityKind, String?)] {
                let error = #expect(throws: StoreError.self) { try store.records(kind, RecordQuery(sort: sort, cursor: cursor)) }
                #expect(error?.code == .invalid)
            }
        }
    }

    // MARK: Order and pages

    /// The sample plus 240 orders with repeated order times, every status, and outlets set and empty.
    static func manyOrders() -> SampleData {
        var sample = SampleData()
        let partners: [(PartnerID, OutletID?)] = [(PartnerID("R1"), OutletID("O1")), (PartnerID("A1"), nil), (PartnerID("PL"), OutletID("O2"))]
        for number in 0..<240 {
            let (partner, outlet) = partners[number % 3]
            let ordered = SampleData.at(hours: Int64(number % 17) * 5)
            let shipped = number % 4 == 0 ? nil : SampleData.at(hours: Int64(number % 17) * 5 + 10)
            let delivered = shipped != nil && number % 2 == 1 ? SampleData.at(hours: Int64(number % 11) * 7 + 100) : nil
            let status: OrderStatus = shipped == nil ? .pending : delivered == nil ? .shipped : .delivered
            sample.orders.append(
                SalesOrder(
                    id: OrderID("SO-\(String(1000 + (number * 7919) % 240))"), partnerID: partner, outletID: outlet,
                    channel: partner == PartnerID("PL") ? .online : .offline, orderedAt: ordered, promisedAt: nil, shippedAt: shipped,
                    deliveredAt: delivered, status: status))
        }
        return sample
    }

    /// Compares canonical values the way both backends order the stored ones for these (ASCII, same-width) values:
    /// empty first, then by text; numbers by value.
    static func precedes(_ left: String?, _ right: String?, numeric: Bool) -> Bool? {
        switch (left, right) {
        case (nil, nil): return nil
        case (nil, _): return true
        case (_, nil): return false
        case (let left?, let right?):
            if left == right { return nil }
            if numeric, let l = Double(left), let r = Double(right) { return l < r }
            return left < right
        }
    }

    static func expectedOrder(_ records: [Record], sort: String?) -> [Record] {
        let descending = sort?.hasPrefix("-") ?? false
        let column = sort.map { descending ? String($0.dropFirst()) : $0 }
        let numeric: Set<String> = ["line_no", "qty", "tier", "rating", "on_hand", "in_transit", "returned_qty"]
        return records.sorted { a, b in
            var terms: [(String?, String?, Bool)] = []
            if let column { terms.append((a[column], b[column], numeric.contains(column))) }
            for (index, keyColumn) in a.kind.keyColumns.enumerated() {
                terms.append((a.key[index], b.key[index], numeric.contains(keyColumn)))
            }
            for (left, right, isNumeric) in terms {
                if let before = precedes(left, right, numeric: isNumeric) { return descending ? !before : before }
            }
            return false
        }
    }

    static let sorts: [String?] = [
        nil, "order_id", "-order_id", "ordered_at", "-ordered_at", "delivered_at", "-delivered_at", "shipped_at", "status",
        "-partner_id", "outlet_id", "-outlet_id",
    ]

    /// Every sort with page sizes 1, 7 and 1000.
    static let sortsAndLimits: [(sort: String?, limit: Int)] = sorts.flatMap { sort in [1, 7, 1000].map { (sort, $0) } }

    @Test(arguments: Backend.allCases, sortsAndLimits.indices)
    func pagesWalkEveryRowOnceInOrder(_ backend: Backend, _ index: Int) throws {
        let (sort, limit) = Self.sortsAndLimits[index]
        try backend.withStore { store throws in
            let sample = Self.manyOrders()
            try store.write(sample)
            let walked = try store.walk(.orders, RecordQuery(sort: sort, limit: limit))
            #expect(walked.count == sample.orders.count)
            #expect(Set(walked.map(\.key)).count == sample.orders.count)
            #expect(walked.map(\.key) == Self.expectedOrder(walked, sort: sort).map(\.key))
        }
    }

    @Test(arguments: Backend.allCases, [nil, "line_no", "-qty", "sku"] as [String?])
    func pagesOfKeysWithTwoParts(_ backend: Backend, sort: String?) throws {
        try backend.withStore { store throws in
            var sample = Self.manyOrders()
            for order in sample.orders.dropFirst(3) {
                for number in 1...(order.id.rawValue.hasSuffix("7") ? 3 : 1) {
                    sample.orderLines.append(SampleData.line(order: order.id.rawValue, number: number, quantity: Int64(number * 2)))
                }
            }
            try store.write(sample)
            let walked = try store.walk(.orderLines, RecordQuery(sort: sort, limit: 9))
            #expect(walked.count == sample.orderLines.count)
            #expect(Set(walked.map(\.key)).count == sample.orderLines.count)
            #expect(walked.map(\.key) == Self.expectedOrder(walked, sort: sort).map(\.key))
            let snapshots = try store.walk(.inventorySnapshots, RecordQuery(sort: sort == nil ? nil : "-on_hand", limit: 1))
            #expect(snapshots.count == sample.snapshots.count)
        }
    }

    @Test(arguments: Backend.allCases, [nil, "-ordered_at", "delivered_at"] as [String?])
    func pagesAreStableUnderInserts(_ backend: Backend, sort: String?) throws {
        try backend.withStore { store throws in
            let sample = Self.manyOrders()
            try store.write(sample)
            var query = RecordQuery(sort: sort, limit: 25)
            var seen: [[String]] = []
            var inserted = 0
            while true {
                let page = try store.records(.orders, query)
                seen += page.records.map(\.key)
                guard let next = page.nextCursor else { break }
                query.cursor = next
                // New orders in between, with keys and times on both sides of the cursor.
                try store.bulkWrite(actor: "test") { writer throws in
                    for step in 0..<3 {
                        inserted += 1
                        _ = try writer.write(
                            SalesOrder(
                                id: OrderID(step == 0 ? "SO-0\(inserted)" : "SO-9\(inserted)"), partnerID: PartnerID("A1"), outletID: nil,
                                channel: .offline, orderedAt: SampleData.at(hours: Int64(inserted * 13 % 90)), promisedAt: nil,
                                shippedAt: nil, deliveredAt: nil, status: .pending))
                    }
                }
            }
            #expect(Set(seen).count == seen.count, "a record came twice")
            let original = Set(sample.orders.map { [$0.id.rawValue] })
            #expect(original.isSubset(of: Set(seen)), "a record that was there all along was skipped")
        }
    }

    // MARK: Partner scope

    @Test(arguments: Backend.allCases)
    func partnerScopeShowsAPartnersSubtreeAndHidesTheRest(_ backend: Backend) throws {
        try backend.withStore { store throws in
            try store.write(SampleData())
            func keys(_ kind: EntityKind, _ scope: [String]?) throws -> [String] {
                try store.allRecords(kind, scope: scope).map(\.keyText)
            }
            let agent = ["A1"]
            #expect(try keys(.partners, agent) == ["A1", "R1"])
            #expect(try keys(.outlets, agent) == ["O1", "O3"])
            #expect(try keys(.orders, agent) == ["SO1", "SO3"])
            #expect(try keys(.orderLines, agent) == ["SO1/1", "SO1/2", "SO3/1"])
            #expect(try keys(.shipments, agent) == ["SH1", "SH3"])
            #expect(try keys(.feedback, agent) == ["F1"])
            #expect(try keys(.complaints, agent) == ["C1"])
            #expect(try keys(.inventorySnapshots, agent).isEmpty)
            #expect(try keys(.regions, agent).count == 4)
            #expect(try keys(.products, agent).count == 2)
            // The distributor sees its whole chain, the platform only itself; no partner, nothing.
            #expect(try keys(.partners, ["D1"]) == ["A1", "D1", "R1"])
            #expect(try keys(.orders, ["PL"]) == ["SO2"])
            #expect(try keys(.orders, ["R1", "A1"]) == ["SO1", "SO3"])
            #expect(try keys(.orders, []).isEmpty)
            #expect(try keys(.orders, nil) == ["SO1", "SO2", "SO3"])
            // A direct read outside the scope looks exactly like a missing record.
            #expect(try store.record(.orders, key: ["SO2"], partnerScope: agent) == nil)
            #expect(try store.record(.orderLines, key: ["SO2", "1"], partnerScope: agent) == nil)
            #expect(try store.record(.partners, key: ["D1"], partnerScope: agent) == nil)
            #expect(try store.record(.inventorySnapshots, key: ["2025-06-01", "WH01", "SKU1"], partnerScope: agent) == nil)
            #expect(try store.record(.orders, key: ["SO2"], partnerScope: ["PL"])?.keyText == "SO2")
            #expect(try store.record(.products, key: ["SKU1"], partnerScope: agent) != nil)
            // Filters and pages keep the scope.
            let page = try store.records(.orders, RecordQuery(filters: ["status": "pending"], partnerScope: agent))
            #expect(page.records.isEmpty)
            #expect(try store.walk(.orderLines, RecordQuery(limit: 1, partnerScope: agent)).map(\.keyText) == ["SO1/1", "SO1/2", "SO3/1"])
        }
    }
}
