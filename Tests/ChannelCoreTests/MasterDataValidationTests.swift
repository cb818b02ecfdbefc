import Testing

@testable import ChannelCore

@Suite struct PartnerValidationTests {
    @Test(arguments: [
        (PartnerKind.distributor, 1, true), (.agent, 2, true), (.dealer, 3, true), (.dealer, 9, true),
        (.platform, 0, true), (.direct, 0, true),
        (.distributor, 0, false), (.agent, 0, false), (.dealer, 0, false),
        (.platform, 1, false), (.direct, 2, false),
    ])
    func tierMatchesKind(_ kind: PartnerKind, tier: Int, isValid: Bool) {
        let issues = Fixture.partner("P1", kind: kind, tier: tier).validate()
        if isValid {
            #expect(issues.isEmpty)
        } else if kind.isTiered {
            #expect(issues == [ValidationIssue("tier", "must be 1 or more for a \(kind.rawValue)")])
        } else {
            #expect(issues == [ValidationIssue("tier", "must be 0 for a \(kind.rawValue)")])
        }
    }

    @Test(arguments: [-1, 10])
    func tierRange(_ tier: Int) {
        #expect(Fixture.partner("P1", kind: .dealer, tier: tier).validate().contains(ValidationIssue("tier", "must be between 0 and 9")))
    }

    @Test func tierZeroHasNoParent() {
        let issues = Fixture.partner("PL1", kind: .platform, tier: 0, parent: "D1").validate()
        #expect(issues == [ValidationIssue("parent_id", "must be empty for a tier-0 partner")])
        #expect(Fixture.partner("PL1", kind: .platform, tier: 0).validate().isEmpty)
    }

    @Test func tieredPartnerMayHaveAParent() {
        #expect(Fixture.partner("A1", kind: .agent, tier: 2, parent: "D1").validate().isEmpty)
    }

    @Test func parentIsNotItself() {
        #expect(Fixture.partner("A1", kind: .agent, tier: 2, parent: "A1").validate() == [ValidationIssue("parent_id", "is the partner itself")])
    }

    @Test func nameIsRequired() {
        #expect(Fixture.partner("A1", name: "").validate() == [ValidationIssue("name", "is empty")])
    }

    @Test func tieredKinds() {
        #expect(PartnerKind.allCases.filter(\.isTiered) == [.distributor, .agent, .dealer])
    }
}

@Suite struct RegionValidationTests {
    @Test func validRegions() {
        #expect(Fixture.region("310000", .province).validate().isEmpty)
        #expect(Fixture.region("310100", .city, parent: "310000").validate().isEmpty)
        #expect(Fixture.region("310101", .district, parent: "310100").validate().isEmpty)
    }

    @Test func provinceHasNoParent() {
        #expect(Fixture.region("310000", .province, parent: "100000").validate() == [ValidationIssue("parent_id", "must be empty for a province")])
    }

    @Test(arguments: [RegionLevel.city, .district])
    func nonProvinceNeedsParent(_ level: RegionLevel) {
        #expect(Fixture.region("310100", level).validate() == [ValidationIssue("parent_id", "is required for a \(level.rawValue)")])
    }

    @Test func parentIsNotItself() {
        #expect(Fixture.region("310100", .city, parent: "310100").validate() == [ValidationIssue("parent_id", "is the region itself")])
    }

    @Test func nameIsRequired() {
        #expect(Fixture.region("310000", .province, name: "").validate() == [ValidationIssue("name", "is empty")])
    }

    @Test func parentLevels() {
        #expect(RegionLevel.province.parentLevel == nil)
        #expect(RegionLevel.city.parentLevel == .province)
        #expect(RegionLevel.district.parentLevel == .city)
    }
}

@Suite struct OutletValidationTests {
    func outlet(opened: Int32, closed: Int32?) -> Outlet {
        Outlet(
            id: OutletID("O1"), partnerID: PartnerID("P1"), regionID: RegionID("310100"), kind: .supermarket,
            openedOn: CalendarDay(daysSinceEpoch: opened), closedOn: closed.map { CalendarDay(daysSinceEpoch: $0) })
    }

    @Test(arguments: [(Int32?.none, true), (101, true), (100, false), (99, false)])
    func closedOnIsAfterOpenedOn(_ closed: Int32?, isValid: Bool) {
        let issues = outlet(opened: 100, closed: closed).validate()
        #expect(issues.isEmpty == isValid)
        if !isValid { #expect(issues.map(\.field) == ["closed_on"]) }
    }

    @Test func isOpenFromOpeningUntilTheDayBeforeClosing() {
        let outlet = outlet(opened: 100, closed: 110)
        #expect(!outlet.isOpen(on: CalendarDay(daysSinceEpoch: 99)))
        #expect(outlet.isOpen(on: CalendarDay(daysSinceEpoch: 100)))
        #expect(outlet.isOpen(on: CalendarDay(daysSinceEpoch: 109)))
        #expect(!outlet.isOpen(on: CalendarDay(daysSinceEpoch: 110)))
        #expect(self.outlet(opened: 100, closed: nil).isOpen(on: CalendarDay(daysSinceEpoch: 10_000)))
    }
}

@Suite struct ProductValidationTests {
    func product(name: String = "绿茶 500ml", category: String = "beverage", list: Money = Money(minorUnits: 350),
                 cost: Money = Money(minorUnits: 120), weight: Int64 = 520) -> Product {
        Product(
            sku: SKU("SKU0001"), name: name, category: category, listPrice: list, unitCost: cost, weightGrams: weight,
            launchedOn: CalendarDay(daysSinceEpoch: 19_000))
    }

    @Test func validProduct() {
        #expect(product().validate().isEmpty)
        #expect(product(list: Money(minorUnits: 0), cost: Money(minorUnits: 0), weight: 0).validate().isEmpty)
    }

    @Test func eachRuleFires() {
        #expect(product(name: "").validate() == [ValidationIssue("name", "is empty")])
        #expect(product(category: "").validate() == [ValidationIssue("category", "is empty")])
        #expect(product(list: Money(minorUnits: -1)).validate() == [ValidationIssue("list_price", "is negative")])
        #expect(product(cost: Money(minorUnits: -1)).validate() == [ValidationIssue("unit_cost", "is negative")])
        #expect(product(weight: -1).validate() == [ValidationIssue("weight_kg", "is negative")])
        let usd = CurrencyCode(knownForTests: "USD")
        #expect(
            product(cost: Money(minorUnits: 1, currency: usd)).validate()
                == [ValidationIssue("unit_cost", "is in another currency than list_price")])
    }
}

@Suite struct UserValidationTests {
    @Test(arguments: UserRole.allCases)
    func partnerBindingOnlyForPartnerUsers(_ role: UserRole) {
        let bound = User(id: UserID("u1"), displayName: "王芳", role: role, partnerID: PartnerID("P1"))
        let unbound = User(id: UserID("u1"), displayName: "王芳", role: role, partnerID: nil)
        if role == .partnerUser {
            #expect(bound.validate().isEmpty)
            #expect(unbound.validate() == [ValidationIssue("partner_id", "is required for a partner user")])
        } else {
            #expect(bound.validate() == [ValidationIssue("partner_id", "is only allowed for a partner user")])
            #expect(unbound.validate().isEmpty)
        }
    }
}

@Suite struct CodedValueTests {
    @Test func parsesKnownCodes() throws {
        #expect(try OrderStatus(parsing: "delivered") == .delivered)
        #expect(try ShipmentMode(parsing: "diesel_truck") == .dieselTruck)
        #expect(try OutletKind(parsing: "online_store") == .onlineStore)
    }

    @Test func namesTheAcceptedCodesWhenUnknown() {
        #expect(throws: FieldError("is not one of: online, offline")) { try SalesChannel(parsing: "Online") }
    }
}

@Suite struct EntityKindTests {
    @Test func parentsComeBeforeChildren() {
        let kinds: [EntityKind] = [.complaints, .orderLines, .regions, .feedback, .orders, .partners, .shipments, .products, .outlets, .inventorySnapshots]
        #expect(kinds.sorted() == EntityKind.allCases)
        #expect(EntityKind.regions < .partners && EntityKind.partners < .outlets && EntityKind.orders < .orderLines)
        #expect(EntityKind.products < .inventorySnapshots && EntityKind.orders < .complaints)
    }

    @Test(arguments: EntityKind.allCases)
    func optionalAndKeyColumnsAreColumns(_ kind: EntityKind) {
        let columns = Set(kind.columns)
        #expect(kind.optionalColumns.isSubset(of: columns))
        #expect(Set(kind.keyColumns).isSubset(of: columns))
        #expect(kind.optionalColumns.isDisjoint(with: kind.keyColumns))
        #expect(kind.name == kind.rawValue)
    }

    @Test func naturalKeys() {
        #expect(EntityKind.orderLines.keyColumns == ["order_id", "line_no"])
        #expect(EntityKind.inventorySnapshots.keyColumns == ["snapshot_date", "location_id", "sku"])
        #expect(EntityKind.partners.keyColumns == ["partner_id"])
        #expect(EntityKind.orderLines.name == "order_lines")
    }
}
