import Testing

@testable import ChannelCore

/// Builders shared by the ChannelCore suites: fixed instants and days, and entities that pass validation.
enum Fixture {
    /// 2023-11-14T22:13:20Z, the reference "now" of these tests.
    static let t0 = Instant(millisecondsSinceEpoch: 1_700_000_000_000)

    /// `t0` moved by whole hours.
    static func hours(_ offset: Int64) -> Instant {
        Instant(millisecondsSinceEpoch: t0.millisecondsSinceEpoch + offset * 3_600_000)
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) throws -> CalendarDay {
        try #require(CalendarDay(year: year, month: month, day: day))
    }

    static func order(
        status: OrderStatus = .delivered, ordered: Instant = hours(0), promised: Instant? = hours(48),
        shipped: Instant? = hours(12), delivered: Instant? = hours(36)
    ) -> SalesOrder {
        SalesOrder(
            id: OrderID("SO000000001"), partnerID: PartnerID("P000001"), outletID: OutletID("O000001"), channel: .offline,
            orderedAt: ordered, promisedAt: promised, shippedAt: shipped, deliveredAt: delivered, status: status)
    }

    static func line(quantity: Int64 = 10, returned: Int64 = 0, lineNumber: Int = 1, unitPriceMinor: Int64 = 1_999)
        -> OrderLine
    {
        OrderLine(
            orderID: OrderID("SO000000001"), lineNumber: lineNumber, sku: SKU("SKU0001"), quantity: quantity,
            unitPrice: Money(minorUnits: unitPriceMinor), discount: .none, returnedQuantity: returned)
    }

    static func partner(
        _ id: String, kind: PartnerKind = .agent, tier: Int = 2, parent: String? = nil, name: String = "Partner"
    ) -> Partner {
        Partner(
            id: PartnerID(id), name: name, kind: kind, parentID: parent.map { PartnerID($0) }, tier: tier,
            regionID: RegionID("310100"), channel: kind.isTiered ? .offline : .online,
            joinedOn: CalendarDay(daysSinceEpoch: 19_000), status: .active)
    }

    static func region(_ id: String, _ level: RegionLevel, parent: String? = nil, name: String = "Region") -> Region {
        Region(id: RegionID(id), name: name, parentID: parent.map { RegionID($0) }, level: level)
    }
}
