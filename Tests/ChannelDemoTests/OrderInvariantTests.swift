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
        var fromSuspended = 0
        for (index, row) in orders.rows.enumerated() {
            let partner = row[orders.column("partner_id")]
            #expect(row[orders.column("order_id")] == String(format: "SO%09d", index + 1))
            #expect(partnerChannel[partner] != nil, "unknown partner \(partner)")
            #expect(outletPartner[row[orders.column("outlet_id")]] == partner, "outlet of another partner")
            #expect(row[orders.column("channel")] == partnerChannel[partner])
            if suspended.contains(partner) { fromSuspended += 1 }
        }
        #expect(fromSuspended * 20 < orders.rows.count, "orders from suspended partners should be rare")
    }

    @Test func orderTimestampsAndStatusAreConsistent() throws {
        let orders = try DemoFixture.shared.get().table("orders.csv")
        var previous = 0
        var cancelled = 0
        for row in orders.rows {
            let ordered = try #require(Formats.timestamp(row[orders.column("ordered_at")]))
            let promised = try #require(Formats.timestamp(row[orders.column("promised_at")]))
            let shippedText = row[orders.column("shipped_at")]
            let deliveredText = row[orders.column("delivered_at")]
            let status = row[orders.column("status")]
            #expect(Self.statuses.contains(status))
            #expect(ordered >= Formats.windowStart && ordered <= Formats.now)
            // 08:00-24:00 China time = 00:00-16:00 UTC.
            #expect((ordered - Formats.windowStart) % 86_400 < 16 * 3_600, "outside business hours")
            #expect(ordered >= previous, "orders are not in time order")
            previous = ordered
            let hours = row[orders.column("channel")] == "online" ? 72 : 48
            #expect(promised == ordered + hours * 3_600)
            switch status {
            case "cancelled", "pending":
                #expect(shippedText.isEmpty && deliveredText.isEmpty)
                if status == "cancelled" { cancelled += 1 }
            case "shipped":
                let shipped = try #require(Formats.timestamp(shippedText))
                #expect(deliveredText.isEmpty)
                #expect(ordered <= shipped && shipped <= Formats.now)
            default:
                let shipped = try #require(Formats.timestamp(shippedText))
                let delivered = try #require(Formats.timestamp(deliveredText))
                #expect(ordered <= shipped && shipped <= delivered && delivered <= Formats.now)
            }
        }
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
        var orderRows: [String: [String]] = [:]
        for row in orders.rows { orderRows[row[orders.column("order_id")]] = row }
        var seenOrders: [String] = []
        var expectedLine = 1
        var deepDiscounts = 0
        var plausiblePrices = 0
        var returnedOnline = (returned: 0, units: 0)
        var returnedOffline = (returned: 0, units: 0)
        for row in lines.rows {
            let orderID = row[lines.column("order_id")]
            let order = try #require(orderRows[orderID], "line of unknown order \(orderID)")
            if seenOrders.last != orderID {
                #expect(!seenOrders.contains(orderID), "lines of \(orderID) are not contiguous")
                seenOrders.append(orderID)
                expectedLine = 1
            }
            let lineNumber = try #require(Formats.integer(row[lines.column("line_no")]))
            #expect(lineNumber == expectedLine)
            #expect(lineNumber <= 8)
            expectedLine += 1
            let sku = row[lines.column("sku")]
            let launched = try #require(launch[sku], "unknown sku \(sku)")
            let ordered = try #require(Formats.timestamp(order[orders.column("ordered_at")]))
            #expect(launched <= (ordered + 8 * 3_600) / 86_400, "\(sku) sold before launch")
            let quantity = try #require(Formats.integer(row[lines.column("qty")]))
            let price = try #require(Formats.fixed(row[lines.column("unit_price")], scale: 2))
            let discount = try #require(Formats.fixed(row[lines.column("discount_rate")], scale: 2))
            let returned = try #require(Formats.integer(row[lines.column("returned_qty")]))
            #expect(quantity >= 1)
            #expect(price > 0)
            let listPrice = try #require(list[sku])
            if price * 100 >= listPrice * 60 && price * 100 <= listPrice * 100 { plausiblePrices += 1 }
            #expect(discount >= 0 && discount < 100)
            #expect(returned >= 0 && returned <= quantity)
            if returned > 0 { #expect(order[orders.column("status")] == "delivered") }
            let isOnline = order[orders.column("channel")] == "online"
            if isOnline {
                if Self.isPromotion(ordered) {
                    #expect((10...35).contains(discount))
                    deepDiscounts += 1
                } else {
                    #expect(discount < 10)
                }
                returnedOnline.returned += returned
                returnedOnline.units += quantity
            } else {
                #expect(discount == 0 || discount == 3)
                returnedOffline.returned += returned
                returnedOffline.units += quantity
            }
        }
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
        var shipmentByOrder: [String: [String]] = [:]
        for row in shipments.rows {
            let orderID = row[shipments.column("order_id")]
            #expect(shipmentByOrder[orderID] == nil, "two shipments for \(orderID)")
            shipmentByOrder[orderID] = row
            #expect(Formats.isID(row[shipments.column("shipment_id")], prefix: "SH", digits: 9))
            #expect(!row[shipments.column("carrier")].isEmpty)
            #expect(Self.modes.contains(row[shipments.column("mode")]))
            let distance = try #require(Formats.integer(row[shipments.column("distance_km")]))
            #expect(distance >= 5)
            #expect(Formats.fixed(row[shipments.column("weight_kg")], scale: 1) != nil)
        }
        #expect(Set(shipments.values("shipment_id")).count == shipments.rows.count)
        for row in orders.rows {
            let status = row[orders.column("status")]
            let shipment = shipmentByOrder[row[orders.column("order_id")]]
            if status == "shipped" || status == "delivered" {
                let shipment = try #require(shipment, "no shipment for a \(status) order")
                #expect(shipment[shipments.column("shipped_at")] == row[orders.column("shipped_at")])
                #expect(shipment[shipments.column("delivered_at")] == row[orders.column("delivered_at")])
            } else {
                #expect(shipment == nil, "shipment for a \(status) order")
            }
        }
    }
}
