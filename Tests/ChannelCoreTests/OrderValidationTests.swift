import Testing

@testable import ChannelCore

@Suite struct SalesOrderValidationTests {
    @Test func deliveredOrderWithOrderedTimesIsValid() {
        #expect(Fixture.order().validate().isEmpty)
    }

    @Test func equalTimesAreValid() {
        let t = Fixture.hours(0)
        #expect(Fixture.order(ordered: t, promised: t, shipped: t, delivered: t).validate().isEmpty)
    }

    @Test func promisedBeforeOrdered() {
        #expect(Fixture.order(promised: Fixture.hours(-1)).validate() == [ValidationIssue("promised_at", "is before ordered_at")])
        #expect(Fixture.order(promised: nil).validate().isEmpty)
    }

    @Test func shippedBeforeOrdered() {
        let issues = Fixture.order(shipped: Fixture.hours(-1), delivered: Fixture.hours(1)).validate()
        #expect(issues == [ValidationIssue("shipped_at", "is before ordered_at")])
    }

    @Test func deliveredBeforeShipped() {
        let issues = Fixture.order(shipped: Fixture.hours(12), delivered: Fixture.hours(11)).validate()
        #expect(issues == [ValidationIssue("delivered_at", "is before shipped_at")])
    }

    @Test func deliveredWithoutShipped() {
        let issues = Fixture.order(shipped: nil, delivered: Fixture.hours(36)).validate()
        #expect(issues.contains(ValidationIssue("delivered_at", "is set but shipped_at is empty")))
        #expect(issues.contains(ValidationIssue("shipped_at", "is required for status delivered")))
        #expect(issues.count == 2)
    }

    struct StatusCase: Sendable, CustomTestStringConvertible {
        var status: OrderStatus
        var shipped: Bool
        var delivered: Bool
        var issues: [ValidationIssue]
        var testDescription: String { "\(status.rawValue) shipped:\(shipped) delivered:\(delivered)" }
    }

    static let statusCases: [StatusCase] = [
        StatusCase(status: .pending, shipped: false, delivered: false, issues: []),
        StatusCase(status: .confirmed, shipped: false, delivered: false, issues: []),
        StatusCase(status: .cancelled, shipped: false, delivered: false, issues: []),
        StatusCase(status: .cancelled, shipped: true, delivered: false, issues: []),
        StatusCase(status: .shipped, shipped: true, delivered: false, issues: []),
        StatusCase(status: .delivered, shipped: true, delivered: true, issues: []),
        StatusCase(status: .returned, shipped: true, delivered: true, issues: []),
        StatusCase(
            status: .pending, shipped: true, delivered: false, issues: [.init("shipped_at", "must be empty for status pending")]),
        StatusCase(
            status: .confirmed, shipped: true, delivered: false,
            issues: [.init("shipped_at", "must be empty for status confirmed")]),
        StatusCase(status: .shipped, shipped: false, delivered: false, issues: [.init("shipped_at", "is required for status shipped")]),
        StatusCase(
            status: .shipped, shipped: true, delivered: true, issues: [.init("delivered_at", "must be empty for status shipped")]),
        StatusCase(
            status: .cancelled, shipped: true, delivered: true,
            issues: [.init("delivered_at", "must be empty for status cancelled")]),
        StatusCase(
            status: .delivered, shipped: true, delivered: false,
            issues: [.init("delivered_at", "is required for status delivered")]),
        StatusCase(
            status: .returned, shipped: false, delivered: false,
            issues: [.init("shipped_at", "is required for status returned"), .init("delivered_at", "is required for status returned")]),
        StatusCase(
            status: .pending, shipped: false, delivered: true,
            issues: [.init("delivered_at", "is set but shipped_at is empty"), .init("delivered_at", "must be empty for status pending")]),
    ]

    @Test(arguments: statusCases)
    func statusAndTimestampsAgree(_ c: StatusCase) {
        let order = Fixture.order(
            status: c.status, shipped: c.shipped ? Fixture.hours(12) : nil, delivered: c.delivered ? Fixture.hours(36) : nil)
        #expect(order.validate() == c.issues)
    }

    @Test func statusFlags() {
        #expect(OrderStatus.allCases.filter(\.hasShipped) == [.shipped, .delivered, .returned])
        #expect(OrderStatus.allCases.filter(\.hasDelivered) == [.delivered, .returned])
    }
}

@Suite struct OrderLineValidationTests {
    @Test(arguments: [Int64(1), 10, OrderLine.maximumQuantity])
    func positiveQuantityIsValid(_ quantity: Int64) {
        #expect(Fixture.line(quantity: quantity).validate().isEmpty)
    }

    @Test(arguments: [Int64(0), -1, .min])
    func quantityMustBePositive(_ quantity: Int64) {
        #expect(Fixture.line(quantity: quantity, returned: 0).validate().contains(ValidationIssue("qty", "must be greater than 0")))
    }

    @Test func quantityHasAnUpperBound() {
        #expect(
            Fixture.line(quantity: OrderLine.maximumQuantity + 1).validate() == [ValidationIssue("qty", "is larger than 1000000000")])
    }

    @Test(arguments: [(Int64(0), true), (5, true), (10, true), (11, false), (-1, false)])
    func returnedQuantityWithinZeroAndQuantity(_ returned: Int64, isValid: Bool) {
        let issues = Fixture.line(quantity: 10, returned: returned).validate()
        #expect(issues.isEmpty == isValid)
        if returned > 10 { #expect(issues == [ValidationIssue("returned_qty", "is more than qty (10)")]) }
        if returned < 0 { #expect(issues == [ValidationIssue("returned_qty", "is negative")]) }
    }

    @Test(arguments: [(0, false), (1, true), (99_999, true), (100_000, false), (-3, false)])
    func lineNumberRange(_ lineNumber: Int, isValid: Bool) {
        let issues = Fixture.line(lineNumber: lineNumber).validate()
        #expect(issues == (isValid ? [] : [ValidationIssue("line_no", "must be between 1 and 99999")]))
    }

    @Test func unitPriceMustNotBeNegative() {
        #expect(Fixture.line(unitPriceMinor: -1).validate() == [ValidationIssue("unit_price", "is negative")])
        #expect(Fixture.line(unitPriceMinor: 0).validate().isEmpty)
    }

    @Test func discountIsInZeroToOneByConstruction() throws {
        #expect(try DiscountRate(partsPerMillion: 0).partsPerMillion == 0)
        #expect(try DiscountRate(partsPerMillion: 999_999).partsPerMillion == 999_999)
        #expect(throws: FieldError.self) { try DiscountRate(partsPerMillion: 1_000_000) }
        #expect(throws: FieldError.self) { try DiscountRate(partsPerMillion: -1) }
    }

    @Test func netValueIsExact() throws {
        var line = Fixture.line(quantity: 3, unitPriceMinor: 1_000)
        line.discount = try DiscountRate(parsing: "0.35")
        // 3 x 10.00 CNY x 0.65 = 19.50 CNY = 1,950 fen = 1,950,000,000 micro-fen.
        #expect(line.netValueMicroMinor == 1_950_000_000)
    }
}

@Suite struct ShipmentValidationTests {
    func shipment(distance: Int64? = 12_000, weight: Int64? = 5_000, delivered: Instant? = Fixture.hours(30)) -> Shipment {
        Shipment(
            id: ShipmentID("SH1"), orderID: OrderID("SO1"), carrier: "SF", mode: .evTruck, distanceMeters: distance,
            weightGrams: weight, shippedAt: Fixture.hours(10), deliveredAt: delivered)
    }

    @Test func validShipment() {
        #expect(shipment().validate().isEmpty)
        #expect(shipment(distance: nil, weight: nil, delivered: nil).validate().isEmpty)
        #expect(shipment(distance: 0, weight: 0, delivered: Fixture.hours(10)).validate().isEmpty)
    }

    @Test func deliveredBeforeShipped() {
        #expect(shipment(delivered: Fixture.hours(9)).validate() == [ValidationIssue("delivered_at", "is before shipped_at")])
    }

    @Test func negativeMeasures() {
        #expect(shipment(distance: -1).validate() == [ValidationIssue("distance_km", "is negative")])
        #expect(shipment(weight: -1).validate() == [ValidationIssue("weight_kg", "is negative")])
    }
}

@Suite struct InventorySnapshotValidationTests {
    @Test(arguments: [(Int64(0), Int64(0), [String]()), (5, 3, []), (-1, 0, ["on_hand"]), (0, -1, ["in_transit"]), (-1, -1, ["on_hand", "in_transit"])])
    func quantitiesAreNotNegative(onHand: Int64, inTransit: Int64, fields: [String]) {
        let snapshot = InventorySnapshot(
            snapshotDate: CalendarDay(daysSinceEpoch: 20_000), locationID: LocationID("WH01"), sku: SKU("SKU0001"), onHand: onHand,
            inTransit: inTransit)
        #expect(snapshot.validate().map(\.field) == fields)
    }
}

@Suite struct FeedbackValidationTests {
    @Test(arguments: [(0, false), (1, true), (3, true), (5, true), (6, false), (-1, false)])
    func ratingIsOneToFive(_ rating: Int, isValid: Bool) {
        let feedback = Feedback(
            id: FeedbackID("F1"), orderID: nil, partnerID: PartnerID("P1"), outletID: nil, channel: .online,
            createdAt: Fixture.t0, rating: rating, text: "很好")
        #expect(feedback.validate() == (isValid ? [] : [ValidationIssue("rating", "must be between 1 and 5")]))
    }
}

@Suite struct ComplaintValidationTests {
    func complaint(firstResponse: Int64?, resolved: Int64?) -> Complaint {
        Complaint(
            id: ComplaintID("C1"), orderID: OrderID("SO1"), partnerID: PartnerID("P1"), openedAt: Fixture.hours(0),
            firstResponseAt: firstResponse.map(Fixture.hours), resolvedAt: resolved.map(Fixture.hours), severity: .high,
            category: .delivery)
    }

    @Test(arguments: [
        (nil, nil), (2, nil), (2, 5), (0, 0), (3, 3),
    ] as [(Int64?, Int64?)])
    func orderedTimesAreValid(firstResponse: Int64?, resolved: Int64?) {
        #expect(complaint(firstResponse: firstResponse, resolved: resolved).validate().isEmpty)
    }

    @Test func firstResponseBeforeOpened() {
        #expect(complaint(firstResponse: -1, resolved: nil).validate() == [ValidationIssue("first_response_at", "is before opened_at")])
    }

    @Test func resolvedBeforeOpened() {
        let issues = complaint(firstResponse: -2, resolved: -1).validate()
        #expect(issues.contains(ValidationIssue("resolved_at", "is before opened_at")))
        #expect(!issues.contains(ValidationIssue("resolved_at", "is before first_response_at")))
    }

    @Test func resolvedWithoutFirstResponse() {
        #expect(complaint(firstResponse: nil, resolved: 5).validate() == [ValidationIssue("resolved_at", "is set but first_response_at is empty")])
    }

    @Test func resolvedBeforeFirstResponse() {
        #expect(complaint(firstResponse: 5, resolved: 4).validate() == [ValidationIssue("resolved_at", "is before first_response_at")])
    }
}
