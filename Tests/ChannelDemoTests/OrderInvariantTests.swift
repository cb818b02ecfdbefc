import Foundation
import Testing

@Suite struct OrderInvariantTests {
    static let statuses: Set = ["pending", "shipped", "delivered", "cancelled"]
    static let modes: Set = ["diesel_truck", "ev_truck", "rail", "air", "van"]

    /// Month and day (China time) of a timestamp.
    static func monthDay(_ seconds: Int) -> (month: Int, day: Int) {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds + 8 * 3_600))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.month, .day], from: date)
        return (parts.month ?? 0, parts.day ?? 0)
    }

    static func isPromotion(_ seconds: Int) -> Bool {
        let (month, day) = monthDay(seconds)
        return (month == 6 && day <= 18) || (month == 10 && day <= 7) || (month == 11 && day <= 11)
    }

    @Test func ordersReferenceTheirPartnersOutletAndChannel() throws {
        let fixture = try DemoFixture.shared.get()
        let orders = fixture.table("orders.csv")
        let partners = fixture.table("partners.csv")
        let outlets = fixture.table("outlets.csv")
        var partnerChannel: [String: String] = [:]
        var suspended: Set<String> = []
        for row in partners.rows {
            partnerChannel[row[partners.column("partner_id")]] = row[partners.column("channel")]
            if row[partners.column("status")] == "suspended" { suspended.insert(row[partners.column("partner_id")]) }
        }
        var outletPartner: [String: String] = [:]
        for row in outlets.rows { outletPartner[row[outlets.column("outlet_id")]] = row[outlets.column("partner_id")] }
        var violations = Violations()
        var fromSuspended = 0
        for (index, row) in orders.rows.enumerated() {
            let orderID = row[orders.column("order_id")]
            let partner = row[orders.column("partner_id")]
            violations.check(orderID == String(format: "SO%09d", index + 1), "order id \(orderID) at \(index)")
            violations.check(partnerChannel[partner] != nil, "\(orderID): unknown partner \(partner)")
            violations.check(
                outletPartner[row[orders.column("outlet_id")]] == partner,
                "\(orderID): outlet of another partner"
            )
            violations.check(
                row[orders.column("channel")] == partnerChannel[partner],
                "\(orderID): channel differs from partner"
            )
            if suspended.contains(partner) { fromSuspended += 1 }
        }
        #expect(violations.count == 0, "\(violations.examples)")
        #expect(fromSuspended * 20 < orders.rows.count, "orders from suspended partners should be rare")
    }

    @Test func orderTimestampsAndStatusAreConsistent() throws {
        let orders = try DemoFixture.shared.get().table("orders.csv")
        var violations = Violations()
        var previous = 0
        var cancelled = 0
        for row in orders.rows {
            let orderID = row[orders.column("order_id")]
            let ordered = try #require(Formats.timestamp(row[orders.column("ordered_at")]))
            let promised = try #require(Formats.timestamp(row[orders.column("promised_at")]))
            let shipped = Formats.timestamp(row[orders.column("shipped_at")])
            let delivered = Formats.timestamp(row[orders.column("delivered_at")])
            let shippedIsEmpty = row[orders.column("shipped_at")].isEmpty
            let deliveredIsEmpty = row[orders.column("delivered_at")].isEmpty
            let status = row[orders.column("status")]
            violations.check(Self.statuses.contains(status), "\(orderID): status \(status)")
            violations.check(ordered >= Formats.windowStart && ordered <= Formats.now, "\(orderID): outside the window")
            // 08:00-24:00 China time = 00:00-16:00 UTC.
            violations.check(
                (ordered - Formats.windowStart) % 86_400 < 16 * 3_600,
                "\(orderID): outside business hours"
            )
            violations.check(ordered >= previous, "\(orderID): not in time order")
            previous = ordered
            let hours = row[orders.column("channel")] == "online" ? 72 : 48
            violations.check(promised == ordered + hours * 3_600, "\(orderID): promised_at")
            switch status {
            case "cancelled", "pending":
                violations.check(shippedIsEmpty && deliveredIsEmpty, "\(orderID): \(status) with shipment times")
                if status == "cancelled" { cancelled += 1 }
            case "shipped":
                violations.check(deliveredIsEmpty, "\(orderID): shipped with delivered_at")
                violations.check(
                    shipped.map { ordered <= $0 && $0 <= Formats.now } ?? false,
                    "\(orderID): shipped_at \(row[orders.column("shipped_at")])"
                )
            default:
                violations.check(
                    shipped.map { ordered <= $0 } ?? false
                        && delivered.map { $0 >= shipped ?? .max && $0 <= Formats.now } ?? false,
                    "\(orderID): delivered times"
                )
            }
        }
        #expect(violations.count == 0, "\(violations.examples)")
        #expect(cancelled * 20 < orders.rows.count)
        #expect(orders.values("status").filter { $0 == "delivered" }.count * 10 > orders.rows.count * 9)
    }

    @Test func demandHasGrowthAndOnlinePromotions() throws {
        let orders = try DemoFixture.shared.get().table("orders.csv")
        var firstYear = 0
        var secondYear = 0
        var promo = (online: 0, all: 0)
        var regular = (online: 0, all: 0)
        for row in orders.rows {
            let ordered = try #require(Formats.timestamp(row[orders.column("ordered_at")]))
            if ordered - Formats.windowStart < 365 * 86_400 { firstYear += 1 } else { secondYear += 1 }
            let isOnline = row[orders.column("channel")] == "online"
            if Self.isPromotion(ordered) {
                promo.all += 1
                if isOnline { promo.online += 1 }
            } else {
                regular.all += 1
                if isOnline { regular.online += 1 }
            }
        }
        #expect(secondYear > firstYear)
        #expect(promo.all > 0 && regular.all > 0)
        #expect(Double(promo.online) / Double(promo.all) > 1.4 * Double(regular.online) / Double(regular.all))
    }

    @Test func linesAreNumberedAndValid() throws {
        let fixture = try DemoFixture.shared.get()
        let orders = fixture.table("orders.csv")
        let lines = fixture.table("order_lines.csv")
        let products = fixture.table("products.csv")
        var launch: [String: Int] = [:]
        var list: [String: Int] = [:]
        for row in products.rows {
            launch[row[products.column("sku")]] = Formats.date(row[products.column("launched_on")])
            list[row[products.column("sku")]] = Formats.fixed(row[products.column("list_price")], scale: 2)
        }
        struct OrderFacts {
            let orderedAt: Int
            let isOnline: Bool
            let isDelivered: Bool
            let isPromotion: Bool
        }
        var facts: [String: OrderFacts] = [:]
        for row in orders.rows {
            let ordered = try #require(Formats.timestamp(row[orders.column("ordered_at")]))
            facts[row[orders.column("order_id")]] = OrderFacts(
                orderedAt: ordered,
                isOnline: row[orders.column("channel")] == "online",
                isDelivered: row[orders.column("status")] == "delivered",
                isPromotion: Self.isPromotion(ordered)
            )
        }
        var violations = Violations()
        var seenOrders: Set<String> = []
        var currentOrder = ""
        var expectedLine = 1
        var deepDiscounts = 0
        var plausiblePrices = 0
        var returnedOnline = (returned: 0, units: 0)
        var returnedOffline = (returned: 0, units: 0)
        for row in lines.rows {
            let orderID = row[lines.column("order_id")]
            guard let order = facts[orderID] else {
                violations.check(false, "line of unknown order \(orderID)")
                continue
            }
            if currentOrder != orderID {
                violations.check(!seenOrders.contains(orderID), "lines of \(orderID) are not contiguous")
                seenOrders.insert(orderID)
                currentOrder = orderID
                expectedLine = 1
            }
            let lineNumber = Formats.integer(row[lines.column("line_no")])
            violations.check(
                lineNumber == expectedLine && expectedLine <= 8,
                "\(orderID): line_no \(row[lines.column("line_no")])"
            )
            expectedLine += 1
            let sku = row[lines.column("sku")]
            guard let launched = launch[sku], let listPrice = list[sku] else {
                violations.check(false, "\(orderID): unknown sku \(sku)")
                continue
            }
            violations.check(
                launched <= (order.orderedAt + 8 * 3_600) / 86_400,
                "\(orderID): \(sku) sold before launch"
            )
            guard let quantity = Formats.integer(row[lines.column("qty")]),
                let price = Formats.fixed(row[lines.column("unit_price")], scale: 2),
                let discount = Formats.fixed(row[lines.column("discount_rate")], scale: 2),
                let returned = Formats.integer(row[lines.column("returned_qty")])
            else {
                violations.check(false, "\(orderID): malformed numbers \(row)")
                continue
            }
            violations.check(quantity >= 1, "\(orderID): qty \(quantity)")
            violations.check(price > 0, "\(orderID): unit_price \(price)")
            if price * 100 >= listPrice * 60 && price * 100 <= listPrice * 100 { plausiblePrices += 1 }
            violations.check(discount >= 0 && discount < 100, "\(orderID): discount \(discount)")
            violations.check(returned >= 0 && returned <= quantity, "\(orderID): returned \(returned) of \(quantity)")
            violations.check(returned == 0 || order.isDelivered, "\(orderID): return on an undelivered order")
            if order.isOnline {
                if order.isPromotion {
                    violations.check((10...35).contains(discount), "\(orderID): promotion discount \(discount)")
                    deepDiscounts += 1
                } else {
                    violations.check(discount < 10, "\(orderID): deep discount outside promotions")
                }
                returnedOnline.returned += returned
                returnedOnline.units += quantity
            } else {
                violations.check(discount == 0 || discount == 3, "\(orderID): offline discount \(discount)")
                returnedOffline.returned += returned
                returnedOffline.units += quantity
            }
        }
        #expect(violations.count == 0, "\(violations.examples)")
        #expect(seenOrders.count == orders.rows.count, "every order has lines")
        #expect(deepDiscounts > 0)
        #expect(plausiblePrices * 100 >= lines.rows.count * 99)
        let onlineRate = Double(returnedOnline.returned) / Double(max(1, returnedOnline.units))
        let offlineRate = Double(returnedOffline.returned) / Double(max(1, returnedOffline.units))
        #expect(onlineRate > offlineRate)
    }

    @Test func oneShipmentPerShippedOrder() throws {
        let fixture = try DemoFixture.shared.get()
        let orders = fixture.table("orders.csv")
        let shipments = fixture.table("shipments.csv")
        var violations = Violations()
        var shipmentByOrder: [String: [String]] = [:]
        for row in shipments.rows {
            let orderID = row[shipments.column("order_id")]
            violations.check(shipmentByOrder[orderID] == nil, "two shipments for \(orderID)")
            shipmentByOrder[orderID] = row
            violations.check(Formats.isID(row[shipments.column("shipment_id")], prefix: "SH", digits: 9), "shipment id")
            violations.check(!row[shipments.column("carrier")].isEmpty, "\(orderID): no carrier")
            violations.check(Self.modes.contains(row[shipments.column("mode")]), "\(orderID): mode")
            let distance = Formats.integer(row[shipments.column("distance_km")])
            violations.check(distance.map { $0 >= 5 } ?? false, "\(orderID): distance")
            violations.check(Formats.fixed(row[shipments.column("weight_kg")], scale: 1) != nil, "\(orderID): weight")
        }
        #expect(Set(shipments.values("shipment_id")).count == shipments.rows.count)
        for row in orders.rows {
            let orderID = row[orders.column("order_id")]
            let status = row[orders.column("status")]
            let shipment = shipmentByOrder[orderID]
            if status == "shipped" || status == "delivered" {
                guard let shipment else {
                    violations.check(false, "\(orderID): no shipment for a \(status) order")
                    continue
                }
                violations.check(
                    shipment[shipments.column("shipped_at")] == row[orders.column("shipped_at")]
                        && shipment[shipments.column("delivered_at")] == row[orders.column("delivered_at")],
                    "\(orderID): shipment times differ from the order"
                )
            } else {
                violations.check(shipment == nil, "\(orderID): shipment for a \(status) order")
            }
        }
        #expect(violations.count == 0, "\(violations.examples)")
    }
}
